import { sha256Hex } from '../../_internal/sha256.js';
import type { EventClusterer } from '../../events/cluster.js';
import type { Event } from '../../model/event.js';
import type { Signal } from '../../model/signal.js';
import type { Store } from '../../store/store.js';
import type { PublicEvents } from './public-events.js';

/** What {@link restoreEvents} needs. */
export interface RestoreEventsOptions {
  readonly store: Store;
  /** Signals and events older than this are not read back. */
  readonly since: Date;
  /** Most signals read back. */
  readonly limit: number;
  /** Runs one stored signal through analysis, dedup and clustering (no scoring, no alerts). */
  readonly replay: (signal: Signal) => void;
  readonly clusterer: EventClusterer;
  readonly ids: PublicEvents;
  /** The clusterer merged `others` into `survivor` to restore a stored event. */
  readonly onMerged: (survivor: string, others: readonly string[]) => void;
  /** The clusterer split signals out of an event to restore two stored events; both need their samples anew. */
  readonly onSplit: (kept: Event, moved: Event) => Promise<void>;
  /** A clusterer event now stands for a stored event. */
  readonly onBound: (internalId: string) => void;
  readonly onError: (error: unknown, subject: string) => Promise<void>;
}

const PAGE = 1000;
/** Stored events read back at most (the clusterer keeps 20,000 by default). */
const MAX_EVENTS = 50_000;

/** The id the clusterer gives an event its first signal started. */
const createdBy = (signalId: string): string => `evt:${sha256Hex(signalId).slice(0, 24)}`;

const timeOf = (signal: Signal): number => Date.parse(signal.publishedAt ?? signal.collectedAt);

/**
 * Rebuilds the deduper and clusterer after a restart from the store: the signals of the window
 * are replayed oldest first, except that each stored event's first signal (the one its id was made
 * from) goes before the rest of its event, so it is rebuilt under the same id. The rebuilt events
 * are then reconciled with the stored ones: signals of two stored events clustered together are
 * split apart again, one stored event rebuilt as several is merged again (an analyst's merge), and
 * each is bound to its stored id and history. Reposts are replayed too, so copies keep counting.
 */
export async function restoreEvents(options: RestoreEventsOptions): Promise<void> {
  const { store, clusterer, ids } = options;
  const since = options.since.toISOString();

  const stored: Event[] = [];
  for (let after: string | undefined, more = true; more && stored.length < MAX_EVENTS;) {
    const page = await store.listEvents({ since, limit: PAGE, ...(after ? { after } : {}) });
    stored.push(...page.items);
    after = page.next;
    more = after !== undefined;
  }
  if (stored.length === 0) return; // a first start: nothing to rebuild
  const storedOf = new Map<string, Event>();
  const creatorTime = new Map<string, number>();
  for (const event of stored) {
    for (const id of event.signalIds) {
      storedOf.set(id, event);
      if (createdBy(id) === event.id) creatorTime.set(id, Date.parse(event.firstSeen));
    }
  }

  const signals: Signal[] = [];
  for (let after: string | undefined, more = true; more && signals.length < options.limit;) {
    const page = await store.listSignals({ since, limit: PAGE, ...(after ? { after } : {}) });
    signals.push(...page.items);
    after = page.next;
    more = after !== undefined;
  }
  const keyed = signals.map((signal) => {
    const first = creatorTime.get(signal.id);
    const time = timeOf(signal);
    return { signal, time: first === undefined ? time : Math.min(first, time), rank: first === undefined ? 1 : 0 };
  });
  keyed.sort((a, b) => a.time - b.time || a.rank - b.rank || (a.signal.id < b.signal.id ? -1 : 1));
  for (const { signal } of keyed) {
    try {
      options.replay(signal);
    } catch (error) {
      await options.onError(error, `signal ${signal.id}`);
    }
  }

  // Signals of different stored events that clustered together go back to their own events.
  for (const event of clusterer.events()) {
    const groups = new Map<string, string[]>();
    for (const id of event.signalIds) {
      const owner = storedOf.get(id)?.id;
      if (owner === undefined) continue;
      const group = groups.get(owner);
      if (group) group.push(id);
      else groups.set(owner, [id]);
    }
    if (groups.size < 2) continue;
    const stays = groups.has(event.id) ? event.id : [...groups].sort((a, b) => b[1].length - a[1].length)[0]![0];
    for (const [owner, group] of groups) {
      if (owner === stays) continue;
      try {
        const [kept, moved] = clusterer.split(event.id, group, 'system');
        await options.onSplit(kept, moved);
      } catch (error) {
        await options.onError(error, `event ${owner}`);
      }
    }
  }

  // A stored event rebuilt as several is merged again; then each is bound to its stored record.
  const bound = new Set<string>();
  for (const event of [...stored].sort((a, b) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen))) {
    const internal = [...new Set(event.signalIds.map((id) => clusterer.eventOf(id)))].filter(
      (id): id is string => id !== undefined && !bound.has(id),
    );
    if (internal.length === 0) continue;
    try {
      let id = internal[0]!;
      if (internal.length > 1) {
        id = clusterer.merge(internal, 'system').id;
        options.onMerged(
          id,
          internal.filter((other) => other !== id),
        );
      }
      const rebuilt = clusterer.get(id);
      if (!rebuilt) continue;
      ids.bind(id, event, rebuilt.history.length);
      bound.add(id);
      options.onBound(id);
    } catch (error) {
      await options.onError(error, `event ${event.id}`);
    }
  }
}
