import type { Event, EventEdit, StageChange } from '../../model/event.js';
import type { IsoDateTime } from '../../model/iso-date-time.js';
import type { RegionPack } from '../../model/region-pack.js';
import type { SourceKind } from '../../model/signal.js';
import { categoryOf, type StageId, type TypeId, type WarningColor } from '../../model/taxonomy.js';
import type { Casualties } from '../../model/text-analysis.js';
import { createShingleProfile, type ShingleProfile } from './bigram-profile.js';
import { lineageOf, mostSpecific } from './place-lineage.js';

/** What clustering keeps of one distinct signal. */
export interface SignalRecord {
  readonly id: string;
  readonly kind: SourceKind;
  /** Publication (else collection) time in ms, and as written. */
  readonly time: number;
  readonly at: IsoDateTime;
  readonly type: TypeId;
  readonly confidence: number;
  readonly stage: StageId | null;
  /** Place codes the signal states (analysis and source facts), in order, without duplicates. */
  readonly places: readonly string[];
  readonly casualties: Casualties;
  readonly magnitude: number | null;
  readonly color: WarningColor | null;
  readonly title: string;
  /** Character-bigram set of the signal's text, for text similarity. */
  readonly bigrams: Int32Array;
  /** Ids of the copies of this signal folded into the event. */
  readonly copies: string[];
  /** The event the signal is in (set when absorbed). */
  owner: EventAggregate | null;
  /** Latest time among its copies (ms and as written), or -Infinity. */
  lastRepostTime: number;
  lastRepostAt: IsoDateTime | null;
}

const COLOR_RANK: Readonly<Record<WarningColor, number>> = { blue: 1, yellow: 2, orange: 3, red: 4 };
const CASUALTY_KINDS = ['deaths', 'injured', 'missing', 'trapped'] as const;
/** Text similarity is taken against the first and the latest few signals of an event, not all of them. */
const REPRESENTATIVES = 4;
const LEVEL_ORDER = { county: 0, league: 1, province: 2 } as const;
const PROGRESSION: Readonly<Record<StageId, number>> = {
  warning: 0,
  occurring: 1,
  response: 2,
  aftermath: 3,
  rumor: -1,
};

/**
 * Source authority for the title, most authoritative first. Sensor networks (the quake catalogues)
 * are the authority on earthquakes and come last for anything else.
 */
function authority(kind: SourceKind, type: TypeId): number {
  if (kind === 'sensor') return type === 'earthquake' ? 0 : 5;
  return { 'official-warning': 1, 'official-news': 2, media: 3, social: 4 }[kind];
}

/**
 * The running state of one event: its distinct signals (oldest first) and everything the Event
 * record says about them, kept up to date signal by signal and rebuilt after a merge or split.
 */
export interface EventAggregate {
  readonly id: string;
  readonly created: number;
  records: SignalRecord[];
  history: EventEdit[];
  repostCount: number;
  type: TypeId;
  /** Most specific places (no code contains another), for matching. */
  specificPlaces: string[];
  /** `specificPlaces` as a set. */
  specificSet: Set<string>;
  /** `specificPlaces` and every unit containing one of them. */
  placeLineage: Set<string>;
  firstTime: number;
  /** Latest time among the signals and their copies (ms and as written). */
  lastTime: number;
  lastAt: IsoDateTime;
  magnitude: number | null;
  /** Bigrams of the first and the latest few signals, built when first needed after a change. */
  profile: ShingleProfile | null;
  /** Set when the event was merged into another. */
  mergedInto: EventAggregate | null;
  alive: boolean;
  /** Last lookup that looked at the event (so one lookup looks once). */
  visit: number;
  /** Index keys the event is filed under. */
  readonly indexKeys: Set<string>;
  // Incremental sums behind the snapshot.
  typeWeights: Map<TypeId, number>;
  placeCounts: Map<string, number>;
  sourcesByKind: Partial<Record<SourceKind, number>>;
  timeline: Map<StageId, StageChange>;
  authoritativeOccurrence: boolean;
  titleRecord: SignalRecord | null;
  casualties: { -readonly [K in (typeof CASUALTY_KINDS)[number]]: number | null };
  approximate: Set<(typeof CASUALTY_KINDS)[number]>;
  color: WarningColor | null;
  /**
   * Ids of the records, oldest first. Only ever appended to: a snapshot keeps the array and its
   * length then, so snapshots cost no copy; a late, older signal gets a fresh array instead.
   */
  ids: string[];
  snapshot: Event | null;
}

/** A new, empty aggregate. */
export function createAggregate(id: string, created: number): EventAggregate {
  return {
    id,
    created,
    records: [],
    history: [],
    repostCount: 0,
    type: 'none',
    specificPlaces: [],
    specificSet: new Set(),
    placeLineage: new Set(),
    firstTime: Infinity,
    lastTime: -Infinity,
    lastAt: '',
    magnitude: null,
    profile: null,
    mergedInto: null,
    alive: true,
    visit: 0,
    indexKeys: new Set(),
    typeWeights: new Map(),
    placeCounts: new Map(),
    sourcesByKind: {},
    timeline: new Map(),
    authoritativeOccurrence: false,
    titleRecord: null,
    casualties: { deaths: null, injured: null, missing: null, trapped: null },
    approximate: new Set(),
    color: null,
    ids: [],
    snapshot: null,
  };
}

/** Adds one distinct signal to an aggregate. */
export function absorb(aggregate: EventAggregate, record: SignalRecord, region: RegionPack | undefined): void {
  const { records } = aggregate;
  // Oldest first; a late-arriving older signal is inserted in place.
  let at = records.length;
  while (at > 0 && records[at - 1].time > record.time) at--;
  records.splice(at, 0, record);
  if (at === aggregate.ids.length) aggregate.ids.push(record.id);
  else {
    aggregate.ids = aggregate.ids.slice();
    aggregate.ids.splice(at, 0, record.id);
  }
  record.owner = aggregate;
  aggregate.repostCount += record.copies.length;

  aggregate.typeWeights.set(
    record.type,
    (aggregate.typeWeights.get(record.type) ?? 0) + Math.max(record.confidence, 0.05),
  );
  aggregate.type = majorityType(aggregate);
  let placesChanged = false;
  for (const code of record.places) {
    const count = aggregate.placeCounts.get(code) ?? 0;
    if (count === 0) placesChanged = true;
    aggregate.placeCounts.set(code, count + 1);
  }
  if (placesChanged) {
    aggregate.specificPlaces = mostSpecific([...aggregate.placeCounts.keys()], region);
    aggregate.specificSet = new Set(aggregate.specificPlaces);
    aggregate.placeLineage = new Set(aggregate.specificPlaces.flatMap((code) => lineageOf(code, region)));
  }
  aggregate.sourcesByKind[record.kind] = (aggregate.sourcesByKind[record.kind] ?? 0) + 1;
  aggregate.firstTime = Math.min(aggregate.firstTime, record.time);
  if (record.time > aggregate.lastTime) [aggregate.lastTime, aggregate.lastAt] = [record.time, record.at];
  if (record.lastRepostAt !== null && record.lastRepostTime > aggregate.lastTime)
    [aggregate.lastTime, aggregate.lastAt] = [record.lastRepostTime, record.lastRepostAt];
  for (const kind of CASUALTY_KINDS) {
    const value = record.casualties[kind];
    const largest = aggregate.casualties[kind];
    if (value !== null && (largest === null || value > largest)) aggregate.casualties[kind] = value;
  }
  for (const kind of record.casualties.approximate ?? []) aggregate.approximate.add(kind);
  if (record.color && (!aggregate.color || COLOR_RANK[record.color] > COLOR_RANK[aggregate.color]))
    aggregate.color = record.color;
  if (record.magnitude !== null) aggregate.magnitude = Math.max(aggregate.magnitude ?? -Infinity, record.magnitude);
  if (record.stage) {
    const entered = aggregate.timeline.get(record.stage);
    if (!entered || record.time < Date.parse(entered.at))
      aggregate.timeline.set(record.stage, { at: record.at, stage: record.stage, signalId: record.id });
    if (record.kind !== 'social' && record.stage !== 'warning' && record.stage !== 'rumor')
      aggregate.authoritativeOccurrence = true;
  }
  const current = aggregate.titleRecord;
  if (
    !current ||
    authority(record.kind, aggregate.type) < authority(current.kind, aggregate.type) ||
    (authority(record.kind, aggregate.type) === authority(current.kind, aggregate.type) && record.time < current.time)
  )
    aggregate.titleRecord = record;
  aggregate.profile = null;
  aggregate.snapshot = null;
}

/** Folds a copy of one of the event's signals into it. */
export function absorbRepost(
  aggregate: EventAggregate,
  record: SignalRecord,
  id: string,
  time: number,
  at: IsoDateTime,
): void {
  record.copies.push(id);
  if (time > record.lastRepostTime) {
    record.lastRepostTime = time;
    record.lastRepostAt = at;
  }
  aggregate.repostCount++;
  if (time > aggregate.lastTime) [aggregate.lastTime, aggregate.lastAt] = [time, at];
  aggregate.snapshot = null;
}

/** Recomputes an aggregate from its records (after a merge or a split). */
export function rebuild(
  aggregate: EventAggregate,
  records: readonly SignalRecord[],
  region: RegionPack | undefined,
): void {
  aggregate.records = [];
  aggregate.repostCount = 0;
  aggregate.type = 'none';
  aggregate.specificPlaces = [];
  aggregate.specificSet = new Set();
  aggregate.placeLineage = new Set();
  aggregate.firstTime = Infinity;
  aggregate.lastTime = -Infinity;
  aggregate.lastAt = '';
  aggregate.magnitude = null;
  aggregate.typeWeights = new Map();
  aggregate.placeCounts = new Map();
  aggregate.sourcesByKind = {};
  aggregate.timeline = new Map();
  aggregate.authoritativeOccurrence = false;
  aggregate.titleRecord = null;
  aggregate.casualties = { deaths: null, injured: null, missing: null, trapped: null };
  aggregate.approximate = new Set();
  aggregate.color = null;
  aggregate.ids = [];
  for (const record of [...records].sort((a, b) => a.time - b.time)) absorb(aggregate, record, region);
  // The title authority depends on the type, which is only final once every record is in.
  aggregate.titleRecord = null;
  for (const record of aggregate.records) {
    const current = aggregate.titleRecord as SignalRecord | null;
    if (!current || authority(record.kind, aggregate.type) < authority(current.kind, aggregate.type))
      aggregate.titleRecord = record;
  }
}

/** The Event record of an aggregate, built once per change. */
export function snapshotOf(aggregate: EventAggregate, region: RegionPack | undefined): Event {
  if (aggregate.snapshot) return aggregate.snapshot;
  const { records } = aggregate;
  const first = records[0];
  const lastAt = aggregate.lastAt;
  const timeline = [...aggregate.timeline.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const ids = aggregate.ids;
  const count = ids.length;
  let signalIds: readonly string[] | undefined;
  const casualties: { -readonly [K in keyof Casualties]: Casualties[K] } = { ...aggregate.casualties };
  const approximate = CASUALTY_KINDS.filter((kind) => aggregate.approximate.has(kind) && casualties[kind] === null);
  if (approximate.length > 0) casualties.approximate = approximate;
  const event = {
    id: aggregate.id,
    title: aggregate.titleRecord?.title ?? first.title,
    type: aggregate.type,
    category: categoryOf(aggregate.type),
    stage: stageOf(timeline, aggregate.authoritativeOccurrence),
    firstSeen: first.at,
    lastUpdate: lastAt,
    signalIds: [] as readonly string[],
    signalCount: count,
    repostCount: aggregate.repostCount,
    sourcesByKind: { ...aggregate.sourcesByKind },
    places: orderPlaces(aggregate.placeCounts, region),
    casualties,
    magnitude: aggregate.magnitude,
    warningColor: aggregate.color,
    timeline,
    history: [...aggregate.history],
  };
  // Copied out of the shared, append-only array on first read only (most snapshots are never read).
  Object.defineProperty(event, 'signalIds', {
    enumerable: true,
    get: () => (signalIds ??= Object.freeze(ids.slice(0, count))),
  });
  aggregate.snapshot = event;
  return event as Event;
}

/**
 * The stage of an event: the furthest stage it reached (预警 → 发生 → 处置 → 善后), so a safety notice
 * after an accident does not send it back to 预警. A refutation (辟谣) decides only when no official,
 * media or sensor source reported the happening itself as occurring, handled or over: a rumour
 * about a real flood does not make the flood a rumour.
 */
function stageOf(timeline: readonly StageChange[], authoritativeOccurrence: boolean): StageId | null {
  if (timeline.length === 0) return null;
  let furthest: StageId | null = null;
  for (const { stage } of timeline)
    if (stage !== 'rumor' && (furthest === null || PROGRESSION[stage] > PROGRESSION[furthest])) furthest = stage;
  const refuted = timeline.some((change) => change.stage === 'rumor');
  if (refuted && (!authoritativeOccurrence || furthest === null)) return 'rumor';
  return furthest;
}

/** Type with the largest confidence-weighted vote; `none` only when no signal names a hazard. */
function majorityType(aggregate: EventAggregate): TypeId {
  let best: TypeId = 'none';
  let bestWeight = 0;
  for (const [type, weight] of aggregate.typeWeights) {
    if (type === 'none') continue;
    // Ties go to the type seen first (Map order).
    if (weight > bestWeight) [best, bestWeight] = [type, weight];
  }
  return best;
}

function orderPlaces(counts: ReadonlyMap<string, number>, region: RegionPack | undefined): string[] {
  const codes = [...counts.keys()];
  const level = (code: string) => {
    const unit = region?.byCode(code);
    return unit ? LEVEL_ORDER[unit.level] : 0;
  };
  // Most specific first, then most often named, then first named (Map order; sort is stable).
  return codes.sort((a, b) => level(a) - level(b) || counts.get(b)! - counts.get(a)!);
}

/**
 * The bigram profile of an event: the bigrams of its first and latest few signals (a long event
 * drifts: its first reports and its latest ones are what new reports resemble).
 */
export function profileOf(aggregate: EventAggregate): ShingleProfile {
  if (!aggregate.profile) {
    const { records } = aggregate;
    const chosen =
      records.length <= REPRESENTATIVES * 2
        ? records
        : [...records.slice(0, REPRESENTATIVES), ...records.slice(-REPRESENTATIVES)];
    aggregate.profile = createShingleProfile(chosen.map((record) => record.bigrams));
  }
  return aggregate.profile;
}
