import type { IsoDateTime } from './iso-date-time.js';
import type { SourceKind } from './signal.js';
import type { CategoryId, StageId, TypeId, WarningColor } from './taxonomy.js';
import type { Casualties } from './text-analysis.js';

/** The moment an event entered a stage. */
export interface StageChange {
  /** When the stage was first seen (the `publishedAt`, else `collectedAt`, of the signal; ISO 8601 with offset). */
  readonly at: IsoDateTime;
  /** The stage entered. */
  readonly stage: StageId;
  /** Id of the signal that showed the stage. */
  readonly signalId: string;
}

/** Kind of manual or automatic correction of clustering. */
export type EventEditKind = 'merge' | 'split';

/** A record of events being merged or split, kept so clustering corrections can be audited. */
export interface EventEdit {
  /** When the edit was made (ISO 8601 with offset). */
  readonly at: IsoDateTime;
  /** `merge`: the other events were folded into this one; `split`: signals were moved out into the other events. */
  readonly kind: EventEditKind;
  /** Who made the edit: a user id, or `'system'` for automatic clustering. */
  readonly actor: string;
  /** Ids of the events merged into this one, or created by splitting this one. */
  readonly otherEventIds: readonly string[];
  /** Ids of the signals that moved; absent when all signals of the other events moved. */
  readonly signalIds?: readonly string[];
}

/**
 * One real-world happening: the signals of all sources about it, clustered together, with what
 * they say taken together.
 *
 * @example
 * ```ts
 * const event: Event = {
 *   id: 'evt:2024-04-05:152526:wildfire',
 *   title: '西乌旗草原火灾',
 *   type: 'wildfire',
 *   category: 'natural',
 *   stage: 'response',
 *   firstSeen: '2024-04-05T16:20:00+08:00',
 *   lastUpdate: '2024-04-05T18:02:00+08:00',
 *   signalIds: ['sig:9b2e…', 'sig:41aa…'],
 *   signalCount: 2,
 *   repostCount: 14,
 *   sourcesByKind: { 'official-news': 1, social: 1 },
 *   places: ['152526'],
 *   casualties: { deaths: null, injured: null, missing: null, trapped: null },
 *   magnitude: null,
 *   warningColor: null,
 *   timeline: [{ at: '2024-04-05T16:20:00+08:00', stage: 'occurring', signalId: 'sig:9b2e…' }],
 *   history: [],
 * };
 * ```
 */
export interface Event {
  /** Stable identifier, kept across updates, merges (the surviving event's id) and restarts. */
  readonly id: string;
  /** Short Chinese headline for lists and alerts, e.g. `'西乌旗草原火灾'`. */
  readonly title: string;
  /** Type of the happening, by majority of its signals' analyses weighted by confidence. */
  readonly type: TypeId;
  /** Category of `type`. */
  readonly category: CategoryId;
  /** Latest stage reached, or `null` when no signal told the stage. */
  readonly stage: StageId | null;
  /** Earliest time among the signals (ISO 8601 with offset). */
  readonly firstSeen: IsoDateTime;
  /** Latest time among the signals (ISO 8601 with offset). */
  readonly lastUpdate: IsoDateTime;
  /** Ids of the distinct (non-duplicate) signals in the event, oldest first. */
  readonly signalIds: readonly string[];
  /** Number of distinct signals, equal to `signalIds.length`. */
  readonly signalCount: number;
  /** Number of near-duplicate signals (reposts, copies) folded into the distinct ones. */
  readonly repostCount: number;
  /** Distinct signals per source kind; kinds with no signal are absent. */
  readonly sourcesByKind: Readonly<Partial<Record<SourceKind, number>>>;
  /** GB/T 2260 codes of the places involved, most specific first, without duplicates. */
  readonly places: readonly string[];
  /** Largest casualty count any signal states, per kind. */
  readonly casualties: Casualties;
  /** Largest earthquake magnitude any signal states, or `null`. */
  readonly magnitude: number | null;
  /** Highest warning colour any signal states, or `null`. */
  readonly warningColor: WarningColor | null;
  /** Stages in the order the event entered them, each with the signal that showed it. */
  readonly timeline: readonly StageChange[];
  /** Merges and splits that shaped the event, oldest first. */
  readonly history: readonly EventEdit[];
}
