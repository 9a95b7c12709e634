import { sha256Hex } from '../_internal/sha256.js';
import { EmwatchError } from '../errors.js';
import type { Event, EventEdit } from '../model/event.js';
import type { RegionPack } from '../model/region-pack.js';
import type { Signal } from '../model/signal.js';
import { isTypeId, type TypeId } from '../model/taxonomy.js';
import type { TextAnalysis } from '../model/text-analysis.js';
import { splitRepostChain } from '../text/normalize.js';
import { prepareDedupText } from './_internal/dedup-text.js';
import {
  absorb,
  absorbRepost,
  createAggregate,
  profileOf,
  rebuild,
  snapshotOf,
  type EventAggregate,
  type SignalRecord,
} from './_internal/event-aggregate.js';
import { leagueOf, lineageOf, mostSpecific } from './_internal/place-lineage.js';
import { placeFinderFor } from './_internal/place-finder.js';
import { shingleSet } from './_internal/shingles.js';
import { familyOf, typeRelation } from './_internal/type-families.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How far apart in time two signals of one happening can be, per type: a signal joins an event
 * when it falls within this long before the event's first signal or after its latest one, so an
 * event that keeps being reported stays open. Why each value:
 *
 * | type | window | why |
 * |---|---|---|
 * | earthquake | 12 h | the catalogue, felt reports and the damage check come within hours; a quake next day is another quake |
 * | flood, snow-disaster, cold-wave | 3 d | a rain or snow process lasts days; floods peak downstream a day or two later |
 * | sandstorm, wildfire, geological, hazchem, workplace, infrastructure, mass-incident, public-security | 2 d | the happening is over within a day; follow-ups (扑灭, 通报, 调查) come the next |
 * | gale, hail-lightning, fog-haze, fire, traffic | 1 d | hours-long happenings; the same street's next accident is another event |
 * | mining, food-safety | 3 d | rescues and case counts run for days |
 * | heat, pollution | 5 d | heat waves and pollution episodes last most of a week |
 * | biological, epidemic, animal-epidemic | 14 d | outbreaks are reported over incubation periods and control zones over weeks |
 * | drought | 21 d | drought develops over weeks; reports come weekly |
 * | none | 1 d | only joined to events by strong text similarity anyway |
 *
 * @example
 * ```ts
 * EVENT_WINDOWS.earthquake / 3_600_000; // 12 (hours)
 * ```
 */
export const EVENT_WINDOWS: Readonly<Record<TypeId, number>> = {
  flood: 3 * DAY,
  drought: 21 * DAY,
  sandstorm: 2 * DAY,
  'snow-disaster': 3 * DAY,
  'cold-wave': 3 * DAY,
  gale: DAY,
  'hail-lightning': DAY,
  heat: 5 * DAY,
  'fog-haze': DAY,
  earthquake: 12 * HOUR,
  geological: 2 * DAY,
  wildfire: 2 * DAY,
  biological: 14 * DAY,
  mining: 3 * DAY,
  hazchem: 2 * DAY,
  workplace: 2 * DAY,
  fire: DAY,
  traffic: DAY,
  infrastructure: 2 * DAY,
  pollution: 5 * DAY,
  epidemic: 14 * DAY,
  'animal-epidemic': 14 * DAY,
  'food-safety': 3 * DAY,
  'mass-incident': 2 * DAY,
  'public-security': 2 * DAY,
  none: DAY,
};

/** Options of {@link createEventClusterer}. */
export interface CreateEventClustererOptions {
  /** Region pack: places match when one is the other or lies inside it (a county and its league). Without one, only equal codes match. */
  readonly region?: RegionPack;
  /** Time windows per type in milliseconds, overriding {@link EVENT_WINDOWS}. */
  readonly windows?: Partial<Record<TypeId, number>>;
  /**
   * Text similarity (overlap of character-bigram sets, 0..1) a signal needs to join an event when
   * places cannot be compared (one side names none) or its type is `none` (default 0.3).
   */
  readonly similarity?: number;
  /** Clock for merge and split records (default: the system clock). */
  readonly now?: () => Date;
  /** Events kept in memory (default 20,000); the least recently updated are forgotten first. */
  readonly maxEvents?: number;
}

/** Result of {@link EventClusterer.add}. */
export interface ClusterResult {
  /** The event the signal is now part of, as it stands after the signal. */
  readonly event: Event;
  /** True when the signal started a new event. */
  readonly created: boolean;
  /** True when the signal was folded into its original's event as a repost (not a distinct signal). */
  readonly repost: boolean;
}

/** Groups signals into events, one per real-world happening. */
export interface EventClusterer {
  /**
   * Adds a signal with its analysis. A copy (`duplicateOf` names an earlier signal) is counted as
   * a repost of that signal's event, unless it comes after the event's time window has closed
   * (then it is clustered like any signal); adding a signal id again returns its event unchanged.
   */
  add(signal: Signal, analysis: TextAnalysis, duplicateOf?: string | null): ClusterResult;
  /** Merges events into the one seen first; the others' ids then lead to it. Recorded in its history. */
  merge(eventIds: readonly string[], actor: string, now?: Date): Event;
  /** Moves some distinct signals of an event into a new event; recorded in both histories. */
  split(eventId: string, signalIds: readonly string[], actor: string, now?: Date): [Event, Event];
  /** Every event in memory, in the order they were created. */
  events(): readonly Event[];
  /** An event by id (a merged event's id gives the event it was merged into). */
  get(id: string): Event | undefined;
  /** Id of the event a signal (or a copy) was put in, if remembered. */
  eventOf(signalId: string): string | undefined;
}

/** Text similarity needed on top of a matching type and place, by how well they match. */
const REQUIRED = {
  sameTypeSamePlace: 0,
  sameTypeNestedPlace: 0.05,
  familySamePlace: 0.1,
  familyNestedPlace: 0.2,
} as const;
/** Earthquake reports whose magnitudes differ by more than this are about different quakes. */
const MAGNITUDE_TOLERANCE = 0.5;
/** Candidates examined per index list, most recent first. */
const SCAN_LIMIT = 48;
/** Index lists are trimmed to their most recent entries past twice this length. */
const LIST_LIMIT = 128;
const MAX_COMPARED_CHARS = 400;
const TITLE_CHARS = 40;

type PlaceRelation = 'same' | 'nested' | 'unknown' | 'different';

/**
 * Creates an event clusterer. A signal joins the best-matching open event when all of these hold,
 * else it starts a new event:
 *
 * - **type**: the same type, or types of one family (a snowstorm and the cold wave it came with, a
 *   leak reported as pollution); a signal typed `none` (the classifier missed it) only by text;
 * - **place**: the most specific places on both sides share a unit, or one lies inside the other
 *   (a county and its league). When one side names no place, or only names that are ambiguous on
 *   their own (青山区, 临河) but match the event's units, the text must be similar (`similarity`);
 *   two different counties never match;
 * - **time**: within the type's window ({@link EVENT_WINDOWS}) of the event's first or latest signal;
 * - **text**: overlap of character-bigram sets with the event's first and latest signals, at least
 *   0 (same type and county), 0.05 (same type, county and league), 0.1 or 0.2 (family types) or
 *   `similarity` (no comparable place); earthquake magnitudes must also agree within 0.5.
 *
 * Among the matching events the one with the best text similarity plus place and type bonuses wins,
 * the older on a tie. Nothing is random: the same signals in the same order give the same events,
 * and event ids are `evt:` plus a hash of the first signal's id (of the split and the first moved
 * signal for a split-off event).
 *
 * @example
 * ```ts
 * const clusterer = createEventClusterer({ region: regionNmg });
 * for (const signal of signals) {
 *   const { event, created } = clusterer.add(signal, analyzeText(signal.text, { region: regionNmg }));
 * }
 * clusterer.events(); // [{ id: 'evt:…', title: '西乌旗发生草原火灾', signalCount: 5, … }, …]
 * ```
 */
export function createEventClusterer(options: CreateEventClustererOptions = {}): EventClusterer {
  const { region } = options;
  const windows = resolveWindows(options.windows);
  const similarityNeeded = checkFraction('similarity', options.similarity ?? 0.3);
  const maxEvents = options.maxEvents ?? 20_000;
  if (!Number.isInteger(maxEvents) || maxEvents < 1)
    throw new EmwatchError(
      'EMW_CLUSTER_OPTIONS',
      `[emwatch] [cluster] maxEvents must be a positive integer, got ${maxEvents}`,
    );
  const clock = options.now ?? (() => new Date());
  const hintFinder = region ? hintFinderFor(region) : undefined;

  const byId = new Map<string, EventAggregate>(); // live events, creation order
  const recent = new Map<string, EventAggregate>(); // live events, least recently updated first
  const aliases = new Map<string, EventAggregate>(); // merged-away ids
  const signals = new Map<string, SignalRecord>(); // distinct signals and their copies → the distinct signal
  const index = new Map<string, EventAggregate[]>();
  let created = 0;
  let visit = 0;
  let latest = -Infinity; // newest signal time seen
  const feasible: { candidate: EventAggregate; required: number; bonus: number }[] = [];

  const resolve = (aggregate: EventAggregate): EventAggregate => {
    let current = aggregate;
    while (current.mergedInto) current = current.mergedInto;
    return current;
  };

  function file(aggregate: EventAggregate): void {
    const keys = [`*`, `${aggregate.type}|*`];
    if (aggregate.specificPlaces.length === 0) keys.push(`${aggregate.type}|-`);
    for (const code of aggregate.specificPlaces) keys.push(`${aggregate.type}|${leagueOf(code, region)}`);
    for (const key of keys) {
      if (aggregate.indexKeys.has(key)) continue;
      aggregate.indexKeys.add(key);
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push(aggregate);
      // Events whose window closed well before the newest signal are left out of lookups.
      if (list.length > LIST_LIMIT * 2)
        index.set(
          key,
          list.filter((entry) => entry.alive && entry.lastTime + windows[entry.type] * 2 >= latest).slice(-LIST_LIMIT),
        );
    }
  }

  function touch(aggregate: EventAggregate): void {
    recent.delete(aggregate.id);
    recent.set(aggregate.id, aggregate);
    while (recent.size > maxEvents) {
      const [oldestId, oldest] = recent.entries().next().value as [string, EventAggregate];
      recent.delete(oldestId);
      byId.delete(oldestId);
      oldest.alive = false;
      for (const record of oldest.records) {
        signals.delete(record.id);
        for (const copy of record.copies) signals.delete(copy);
      }
    }
  }

  /**
   * How a signal's places relate to an event's: a shared unit, one inside the other, no place on
   * one side, or different units. Ambiguous names (青山区, 临河) found in the text count as places
   * only when the signal has none: for the event's unit, or against a neighbour in the same league.
   */
  function placeRelation(
    signalPlaces: readonly string[],
    hints: readonly string[],
    event: EventAggregate,
  ): PlaceRelation {
    const { specificSet, placeLineage } = event;
    if (specificSet.size === 0) return 'unknown';
    const written = signalPlaces.length > 0 ? signalPlaces : hints;
    if (written.length === 0) return 'unknown';
    let nested = false;
    for (const code of written) {
      if (specificSet.has(code)) return signalPlaces.length > 0 ? 'same' : 'nested';
      // The signal's unit contains one of the event's, or lies inside one of them.
      if (placeLineage.has(code) || lineageOf(code, region).some((unit) => specificSet.has(unit))) nested = true;
    }
    if (nested) return 'nested';
    if (signalPlaces.length > 0) return 'different';
    return hints.some((hint) => placeLineage.has(leagueOf(hint, region))) ? 'different' : 'unknown';
  }

  function findEvent(record: SignalRecord, hints: readonly string[]): EventAggregate | null {
    const specific = mostSpecific(record.places, region);
    const keys: string[] = [];
    if (record.type === 'none') keys.push('*');
    else
      for (const type of [record.type, ...familyOf(record.type)]) {
        if (specific.length === 0) keys.push(`${type}|*`);
        else {
          keys.push(`${type}|-`);
          for (const code of specific) keys.push(`${type}|${leagueOf(code, region)}`);
        }
      }
    visit++;
    // First the cheap tests (time, type, place, magnitude); text only where it decides or ranks.
    feasible.length = 0;
    for (const key of keys) {
      const list = index.get(key);
      if (!list) continue;
      let scanned = 0;
      for (let i = list.length - 1; i >= 0 && scanned < SCAN_LIMIT; i--) {
        const candidate = list[i];
        if (!candidate.alive || candidate.visit === visit) continue;
        candidate.visit = visit;
        scanned++;
        const window = Math.max(windows[candidate.type], windows[record.type]);
        if (record.time < candidate.firstTime - window || record.time > candidate.lastTime + window) continue;
        const types =
          record.type === 'none'
            ? candidate.type === 'none'
              ? 'same'
              : 'none'
            : typeRelation(record.type, candidate.type);
        if (types === null) continue;
        const places = placeRelation(specific, hints, candidate);
        if (places === 'different') continue;
        if (
          (record.type === 'earthquake' || candidate.type === 'earthquake') &&
          record.magnitude !== null &&
          candidate.magnitude !== null &&
          Math.abs(record.magnitude - candidate.magnitude) > MAGNITUDE_TOLERANCE
        )
          continue;
        const required =
          types === 'none' || places === 'unknown'
            ? similarityNeeded
            : types === 'same'
              ? places === 'same'
                ? REQUIRED.sameTypeSamePlace
                : REQUIRED.sameTypeNestedPlace
              : places === 'same'
                ? REQUIRED.familySamePlace
                : REQUIRED.familyNestedPlace;
        const bonus = (places === 'same' ? 0.3 : places === 'nested' ? 0.15 : 0) + (types === 'same' ? 0.2 : 0.1);
        feasible.push({ candidate, required, bonus });
      }
    }
    if (feasible.length === 1 && feasible[0].required === 0) return feasible[0].candidate;
    let best: EventAggregate | null = null;
    let bestScore = -Infinity;
    for (const { candidate, required, bonus } of feasible) {
      const similarity = profileOf(candidate).containment(record.bigrams);
      if (similarity < required) continue;
      const score = similarity + bonus;
      if (score > bestScore || (score === bestScore && best !== null && candidate.created < best.created)) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  function add(signal: Signal, analysis: TextAnalysis, duplicateOf?: string | null): ClusterResult {
    checkSignal(signal, analysis);
    const seen = signals.get(signal.id);
    if (seen?.owner)
      return { event: snapshotOf(resolve(seen.owner), region), created: false, repost: seen.id !== signal.id };
    const at = signal.publishedAt ?? signal.collectedAt;
    const time = Date.parse(at);

    if (duplicateOf !== null && duplicateOf !== undefined) {
      const original = signals.get(duplicateOf);
      const aggregate = original?.owner ? resolve(original.owner) : null;
      // A copy made long after the event went quiet (a post recirculating) is clustered afresh.
      if (original && aggregate?.alive && time <= aggregate.lastTime + windows[aggregate.type]) {
        absorbRepost(aggregate, original, signal.id, time, at);
        signals.set(signal.id, original);
        touch(aggregate);
        return { event: snapshotOf(aggregate, region), created: false, repost: true };
      }
    }

    if (time > latest) latest = time;
    const record = recordOf(signal, analysis, time, at);
    const hints = record.places.length === 0 && hintFinder ? hintFinder(record.bigramsSource) : [];
    const found = findEvent(record.record, hints);
    let aggregate = found;
    if (!aggregate) {
      aggregate = createAggregate(`evt:${sha256Hex(signal.id).slice(0, 24)}`, created++);
      byId.set(aggregate.id, aggregate);
    }
    absorb(aggregate, record.record, region);
    file(aggregate);
    touch(aggregate);
    signals.set(signal.id, record.record);
    return { event: snapshotOf(aggregate, region), created: found === null, repost: false };
  }

  function live(id: string, operation: string): EventAggregate {
    const aggregate = byId.get(id) ?? aliases.get(id);
    if (!aggregate)
      throw new EmwatchError('EMW_EVENT_UNKNOWN', `[emwatch] [cluster] ${operation}: no event ${JSON.stringify(id)}`);
    return resolve(aggregate);
  }

  function merge(eventIds: readonly string[], actor: string, now?: Date): Event {
    checkActor(actor, 'merge');
    const aggregates: EventAggregate[] = [];
    for (const id of eventIds) {
      const aggregate = live(id, 'merge');
      if (!aggregates.includes(aggregate)) aggregates.push(aggregate);
    }
    if (aggregates.length < 2)
      throw new EmwatchError(
        'EMW_EVENT_MERGE',
        `[emwatch] [cluster] merge needs at least two different events, got ${JSON.stringify(eventIds)}`,
      );
    const survivor = aggregates.reduce((a, b) => (b.firstTime < a.firstTime ? b : a));
    const others = aggregates.filter((aggregate) => aggregate !== survivor);
    const records = [...survivor.records];
    const history = [...survivor.history];
    for (const other of others) {
      records.push(...other.records);
      history.push(...other.history);
      other.mergedInto = survivor;
      other.alive = false;
      byId.delete(other.id);
      recent.delete(other.id);
      aliases.set(other.id, survivor);
    }
    history.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    history.push(
      edit(
        'merge',
        actor,
        now ?? clock(),
        others.map((other) => other.id),
      ),
    );
    survivor.history = history;
    rebuild(survivor, records, region);
    file(survivor);
    touch(survivor);
    return snapshotOf(survivor, region);
  }

  function split(eventId: string, signalIds: readonly string[], actor: string, now?: Date): [Event, Event] {
    checkActor(actor, 'split');
    const source = live(eventId, 'split');
    const moving = new Set(signalIds);
    if (moving.size === 0)
      throw new EmwatchError('EMW_EVENT_SPLIT', `[emwatch] [cluster] split of ${source.id} names no signals`);
    for (const id of moving)
      if (!source.records.some((record) => record.id === id))
        throw new EmwatchError(
          'EMW_EVENT_SPLIT',
          `[emwatch] [cluster] split: signal ${JSON.stringify(id)} is not a distinct signal of event ${source.id}`,
        );
    if (moving.size === source.records.length)
      throw new EmwatchError(
        'EMW_EVENT_SPLIT',
        `[emwatch] [cluster] split would move every signal out of ${source.id}`,
      );
    const moved = source.records.filter((record) => moving.has(record.id));
    const kept = source.records.filter((record) => !moving.has(record.id));
    let id = `evt:${sha256Hex(`split\u0000${source.id}\u0000${moved[0].id}`).slice(0, 24)}`;
    for (let n = 2; byId.has(id) || aliases.has(id); n++)
      id = `evt:${sha256Hex(`split\u0000${source.id}\u0000${moved[0].id}\u0000${n}`).slice(0, 24)}`;
    const at = now ?? clock();
    const target = createAggregate(id, created++);
    byId.set(id, target);
    const movedIds = moved.map((record) => record.id);
    source.history = [...source.history, { ...edit('split', actor, at, [id]), signalIds: movedIds }];
    target.history = [{ ...edit('split', actor, at, [source.id]), signalIds: movedIds }];
    rebuild(source, kept, region);
    rebuild(target, moved, region);
    file(source);
    file(target);
    touch(source);
    touch(target);
    return [snapshotOf(source, region), snapshotOf(target, region)];
  }

  return {
    add,
    merge,
    split,
    events: () => [...byId.values()].map((aggregate) => snapshotOf(aggregate, region)),
    get(id) {
      const aggregate = byId.get(id) ?? aliases.get(id);
      if (!aggregate) return undefined;
      const current = resolve(aggregate);
      return current.alive ? snapshotOf(current, region) : undefined;
    },
    eventOf(signalId) {
      const owner = signals.get(signalId)?.owner;
      return owner ? resolve(owner).id : undefined;
    },
  };
}

/** What clustering keeps of a signal, and the text hint places are looked for in. */
function recordOf(
  signal: Signal,
  analysis: TextAnalysis,
  time: number,
  at: string,
): { record: SignalRecord; places: readonly string[]; bigramsSource: string } {
  const facts = signal.facts;
  const type = facts?.hintedType ?? analysis.type;
  const places: string[] = [];
  for (const code of [...(facts?.regionCodes ?? []), ...analysis.places.map((place) => place.code)])
    if (!places.includes(code)) places.push(code);
  const written = signal.title ? `${signal.title} ${signal.text}` : signal.text;
  const compact = prepareDedupText(written.slice(0, MAX_COMPARED_CHARS * 2)).compact.slice(0, MAX_COMPARED_CHARS);
  const warningStage = facts?.warning && facts.warning.msgType !== 'Cancel' ? 'warning' : null;
  const record: SignalRecord = {
    id: signal.id,
    kind: signal.sourceKind,
    time,
    at,
    type,
    confidence: facts?.hintedType ? 1 : analysis.confidence,
    stage: analysis.stage ?? warningStage,
    places,
    casualties: analysis.casualties,
    magnitude: facts?.quake?.magnitude ?? analysis.magnitude,
    color: facts?.warning?.color ?? analysis.warningColor,
    title: titleOf(signal),
    bigrams: shingleSet(compact, 2),
    copies: [],
    owner: null,
    lastRepostTime: -Infinity,
    lastRepostAt: null,
  };
  return { record, places, bigramsSource: compact };
}

/** A headline: the signal's title, else a 【bracketed headline】, else the first sentence, cut at 40 characters. */
function titleOf(signal: Signal): string {
  const source = (signal.title?.trim() || splitRepostChain(signal.text).original)
    .replace(/#[^#\n]{1,40}#/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu, '')
    .trim();
  const bracketed = /^【([^】]{4,60})】/.exec(source);
  const sentence = bracketed ? bracketed[1] : (source.split(/[。！？!?\n]/)[0] ?? source).trim();
  const title = sentence || source;
  return [...title].length > TITLE_CHARS ? `${[...title].slice(0, TITLE_CHARS).join('')}…` : title;
}

/** A finder of every name of the pack, ambiguous ones included, for hints only. */
function hintFinderFor(region: RegionPack): (text: string) => string[] {
  const finder = placeFinderFor(region);
  const ambiguous = region.names.filter((name) => name.ambiguous);
  return (text) => {
    const codes = finder.find(text);
    for (const name of ambiguous) if (text.includes(name.text) && !codes.includes(name.code)) codes.push(name.code);
    return codes;
  };
}

function edit(kind: EventEdit['kind'], actor: string, at: Date, otherEventIds: string[]): EventEdit {
  if (Number.isNaN(at.getTime()))
    throw new EmwatchError('EMW_CLUSTER_OPTIONS', `[emwatch] [cluster] ${kind}: the clock gave an invalid date`);
  return { at: at.toISOString(), kind, actor, otherEventIds };
}

function checkActor(actor: string, operation: string): void {
  if (typeof actor !== 'string' || actor.trim() === '')
    throw new EmwatchError(
      'EMW_EVENT_ACTOR',
      `[emwatch] [cluster] ${operation} needs an actor (a user id or 'system')`,
    );
}

function checkSignal(signal: Signal, analysis: TextAnalysis): void {
  if (typeof signal?.id !== 'string' || signal.id === '')
    throw new EmwatchError('EMW_CLUSTER_SIGNAL', '[emwatch] [cluster] a signal needs a non-empty string id');
  const at = signal.publishedAt ?? signal.collectedAt;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)))
    throw new EmwatchError(
      'EMW_CLUSTER_SIGNAL',
      `[emwatch] [cluster] signal ${signal.id} has no valid time (publishedAt ${JSON.stringify(signal.publishedAt)}, collectedAt ${JSON.stringify(signal.collectedAt)})`,
    );
  if (!analysis || !isTypeId(analysis.type))
    throw new EmwatchError(
      'EMW_CLUSTER_SIGNAL',
      `[emwatch] [cluster] signal ${signal.id} comes without a valid analysis`,
    );
}

function checkFraction(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new EmwatchError(
      'EMW_CLUSTER_OPTIONS',
      `[emwatch] [cluster] option ${name} must be a number from 0 to 1, got ${value}`,
    );
  return value;
}

function resolveWindows(overrides: Partial<Record<TypeId, number>> | undefined): Readonly<Record<TypeId, number>> {
  const windows = { ...EVENT_WINDOWS };
  for (const [type, value] of Object.entries(overrides ?? {})) {
    if (!isTypeId(type))
      throw new EmwatchError(
        'EMW_CLUSTER_OPTIONS',
        `[emwatch] [cluster] windows: unknown type ${JSON.stringify(type)}`,
      );
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value))
      throw new EmwatchError(
        'EMW_CLUSTER_OPTIONS',
        `[emwatch] [cluster] windows.${type} must be a non-negative number of milliseconds, got ${value}`,
      );
    windows[type] = value;
  }
  return windows;
}
