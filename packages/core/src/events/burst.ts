import { EmwatchError } from '../errors.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import { isTypeId, type TypeId } from '../model/taxonomy.js';
import {
  addLate,
  createKeyBaseline,
  expectHour,
  foldUntil,
  HOURS_PER_WEEK,
  type BaselineSettings,
  type KeyBaseline,
} from './_internal/burst-baseline.js';
import { poissonUpperTail } from './_internal/burst-poisson.js';
import { createLocalClock, toEpochMs } from './_internal/local-clock.js';

/**
 * What volume is counted by: a region unit (GB/T 2260 code) and an incident type.
 *
 * @example
 * ```ts
 * const key: BurstKey = { unit: '152525', type: 'snow-disaster' };
 * ```
 */
export interface BurstKey {
  /** Region unit code, e.g. `'152525'`; any non-empty string up to 64 characters. */
  readonly unit: string;
  /** Incident type. */
  readonly type: TypeId;
}

/**
 * An hour in which a (unit, type) pair drew far more messages than its seasonal baseline
 * expects: evidence for risk scores (velocity) and alert rules.
 *
 * @example
 * ```ts
 * const burst: Burst = {
 *   unit: '152525', type: 'snow-disaster', hourStart: '2024-01-08T14:00:00+08:00',
 *   observed: 42, expected: 0.8, pValue: 2.1e-52, z: 46.1, ratio: 52.5,
 * };
 * ```
 */
export interface Burst {
  /** Region unit code. */
  readonly unit: string;
  /** Incident type. */
  readonly type: TypeId;
  /** Start of the local hour the count belongs to (ISO 8601 with offset). */
  readonly hourStart: IsoDateTime;
  /** Messages counted in that hour so far (the hour may still be running). */
  readonly observed: number;
  /** Messages the baseline expects in a whole hour like it (rounded to 4 decimals). */
  readonly expected: number;
  /** Poisson upper-tail probability P(X ≥ observed | expected) (3 significant digits). */
  readonly pValue: number;
  /** (observed − expected) / √variance, the variance being at least the Poisson variance (2 decimals). */
  readonly z: number;
  /** observed / expected (2 decimals). */
  readonly ratio: number;
}

/**
 * Options of {@link createBurstDetector}.
 *
 * @example
 * ```ts
 * const options: CreateBurstDetectorOptions = { halfLifeWeeks: 6, threshold: { pValue: 1e-4, z: 4 }, minCount: 8 };
 * ```
 */
export interface CreateBurstDetectorOptions {
  /** Half-life of the baseline's memory in weeks (default 4): how fast old weeks stop counting. */
  readonly halfLifeWeeks?: number;
  /**
   * When an hour is a burst: the Poisson tail at most `pValue` (default 0.001) and the z-score
   * at least `z` (default 3). Both must hold; the z-score uses the observed variance, which keeps
   * overdispersed (bursty by nature) keys from flagging on the Poisson test alone.
   */
  readonly threshold?: { readonly pValue?: number; readonly z?: number };
  /** Fewest messages in an hour that can be a burst (default 5). */
  readonly minCount?: number;
  /** Weeks of history before the hour-of-week pattern is used; before that, the pooled rate (default 2). */
  readonly coldStartWeeks?: number;
  /** Rate (messages per hour) a key without history is assumed to have (default 0.05, one a day). */
  readonly priorRate?: number;
  /** Weight of `priorRate`, in hours of observation (default 24). */
  readonly priorHours?: number;
  /** Hours an hour stays open for late messages after it ends (default 2); older hours are folded into the baseline. */
  readonly graceHours?: number;
  /** Most keys kept (default 5000); the least recently seen key is forgotten beyond that. */
  readonly maxKeys?: number;
  /** Time zone whose hours and weeks the baseline follows (default `'Asia/Shanghai'`). */
  readonly timeZone?: string;
  /** Clock, for refusing messages dated in the future (default: the system clock). */
  readonly now?: () => Date;
}

/**
 * JSON-serialisable state of a burst detector, for persisting it across restarts.
 *
 * @example
 * ```ts
 * const state: BurstDetectorState = detector.snapshot();
 * writeFileSync('bursts.json', JSON.stringify(state));
 * ```
 */
export interface BurstDetectorState {
  readonly version: 1;
  readonly timeZone: string;
  readonly keys: readonly {
    readonly unit: string;
    readonly type: TypeId;
    readonly firstHour: number;
    readonly nextFold: number;
    readonly lastHour: number;
    /** Decayed Σx, Σx², Σ1 over all hours. */
    readonly pooled: readonly number[];
    /** Decayed Σx, Σx², Σ1 per hour of the week (504 numbers, Monday 00:00 first). */
    readonly buckets: readonly number[];
    /** Open hours: [local hour number, count]. */
    readonly pending: readonly (readonly [number, number])[];
  }[];
}

/**
 * A burst detector: counts messages per (unit, type) and hour, and flags unusual hours.
 *
 * @example
 * ```ts
 * const detector: BurstDetector = createBurstDetector();
 * detector.observe({ unit: '150622', type: 'mining' }, signal.publishedAt ?? signal.collectedAt);
 * const bursts = detector.bursts(new Date());
 * ```
 */
export interface BurstDetector {
  /** Counts `count` (default 1) messages for a key at a time. Throws `EMW_BURST_INPUT` on a bad key, time or count. */
  observe(key: BurstKey, at: Date | string, count?: number): void;
  /** The burst of the hour containing `at` for one key, or `null` when that hour is ordinary. */
  check(key: BurstKey, at: Date | string): Burst | null;
  /** Every burst among the open hours (the hour containing `at` and the `graceHours` before it), most significant first. */
  bursts(at: Date | string): Burst[];
  /** The detector's state as plain JSON. */
  snapshot(): BurstDetectorState;
  /** Replaces the state with one from `snapshot()`. Throws `EMW_BURST_STATE` naming the bad field. */
  restore(state: unknown): void;
  /** Number of keys tracked. */
  readonly size: number;
}

const HOUR_MS = 3_600_000;
const MAX_COUNT = 1e9;
const MAX_PENDING = 1000;
const FUTURE_TOLERANCE_MS = HOUR_MS;

function positive(name: string, value: number | undefined, fallback: number, max = Number.MAX_VALUE): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new EmwatchError(
      'EMW_BURST_OPTIONS',
      `[emwatch] [burst] option ${name} must be a positive number up to ${max}, got ${String(value)}`,
    );
  }
  return value;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new EmwatchError(
      'EMW_BURST_OPTIONS',
      `[emwatch] [burst] option ${name} must be an integer from 0 to ${max}, got ${String(value)}`,
    );
  }
  return value;
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

const significant = (value: number): number => (value === 0 ? 0 : Number(value.toPrecision(3)));

const keyId = (unit: string, type: string): string => `${type}\u0000${unit}`;

/**
 * Creates a burst detector: per (region unit, type) it keeps an hour-of-week baseline of message
 * volume as exponentially weighted means and variances (168 buckets per key, so memory is
 * bounded), and flags an hour whose count is improbable under a Poisson law with the expected
 * rate (and far above it in z-score). A key without history is compared with a low prior rate
 * (pooled over hours, see `priorRate`), so a brand-new disaster bursts at once.
 *
 * @example
 * ```ts
 * const detector = createBurstDetector();
 * const key = { unit: '152525', type: 'snow-disaster' } as const;
 * for (let i = 0; i < 30; i += 1) detector.observe(key, '2024-01-08T14:05:00+08:00');
 * detector.check(key, '2024-01-08T14:50:00+08:00');
 * // { unit: '152525', type: 'snow-disaster', hourStart: '2024-01-08T14:00:00+08:00', observed: 30, expected: 0.05, … }
 * ```
 */
export function createBurstDetector(options: CreateBurstDetectorOptions = {}): BurstDetector {
  const halfLifeWeeks = positive('halfLifeWeeks', options.halfLifeWeeks, 4, 520);
  const pThreshold = positive('threshold.pValue', options.threshold?.pValue, 0.001, 1);
  const zThreshold = options.threshold?.z ?? 3;
  if (typeof zThreshold !== 'number' || !Number.isFinite(zThreshold)) {
    throw new EmwatchError(
      'EMW_BURST_OPTIONS',
      `[emwatch] [burst] option threshold.z must be a finite number, got ${String(zThreshold)}`,
    );
  }
  const minCount = nonNegativeInteger('minCount', options.minCount, 5, MAX_COUNT);
  const coldStartWeeks = nonNegativeInteger('coldStartWeeks', options.coldStartWeeks, 2, 520);
  const graceHours = nonNegativeInteger('graceHours', options.graceHours, 2, 168);
  const maxKeys = nonNegativeInteger('maxKeys', options.maxKeys, 5000, 10_000_000);
  const priorRate = positive('priorRate', options.priorRate, 0.05, 1e6);
  const settings: BaselineSettings = {
    hourDecay: 2 ** (-1 / (HOURS_PER_WEEK * halfLifeWeeks)),
    weekDecay: 2 ** (-1 / halfLifeWeeks),
    priorRate,
    priorHours: positive('priorHours', options.priorHours, 24, 1e6),
    coldStartHours: coldStartWeeks * HOURS_PER_WEEK,
    bucketPriorWeeks: 1,
    minRate: Math.min(priorRate, 0.01),
  };
  const clock = createLocalClock(options.timeZone ?? 'Asia/Shanghai');
  const now = options.now ?? (() => new Date());
  const hourOfWeek = clock.hourOfWeek;
  // Insertion order is recency order: a key is re-inserted whenever it is seen.
  let keys = new Map<string, KeyBaseline>();

  const hourOf = (at: Date | string, what: string): number => {
    const ms = toEpochMs(at);
    if (!Number.isFinite(ms)) {
      throw new EmwatchError(
        'EMW_BURST_INPUT',
        `[emwatch] [burst] ${what}: time ${JSON.stringify(String(at)).slice(0, 80)} is not a valid date`,
      );
    }
    return clock.hourNumber(ms);
  };

  const checkKey = (key: BurstKey, what: string): void => {
    if (typeof key?.unit !== 'string' || key.unit.length === 0 || key.unit.length > 64) {
      throw new EmwatchError(
        'EMW_BURST_INPUT',
        `[emwatch] [burst] ${what}: unit must be a non-empty string up to 64 characters, got ${JSON.stringify(key?.unit)}`,
      );
    }
    if (!isTypeId(key.type)) {
      throw new EmwatchError(
        'EMW_BURST_INPUT',
        `[emwatch] [burst] ${what}: type ${JSON.stringify(key.type)} is not a taxonomy type id`,
      );
    }
  };

  const advance = (state: KeyBaseline, hour: number): void => {
    if (hour > state.lastHour) state.lastHour = hour;
    foldUntil(state, state.lastHour - graceHours, settings, hourOfWeek);
  };

  const evaluate = (state: KeyBaseline, hour: number): Burst | null => {
    const observed = state.pending.get(hour) ?? 0;
    if (observed < minCount || observed === 0) return null;
    const { mean, variance } = expectHour(state, hour, settings, hourOfWeek);
    const pValue = poissonUpperTail(observed, mean);
    const z = (observed - mean) / Math.sqrt(variance);
    if (pValue > pThreshold || z < zThreshold) return null;
    return {
      unit: state.unit,
      type: state.type as TypeId,
      hourStart: clock.format(clock.hourStart(hour)),
      observed,
      expected: round(mean, 4),
      pValue: significant(pValue),
      z: round(z, 2),
      ratio: round(observed / mean, 2),
    };
  };

  const compare = (a: Burst, b: Burst): number =>
    a.pValue - b.pValue ||
    b.z - a.z ||
    (a.hourStart < b.hourStart ? -1 : a.hourStart > b.hourStart ? 1 : 0) ||
    (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0) ||
    (a.type < b.type ? -1 : a.type > b.type ? 1 : 0);

  return {
    observe(key, at, count = 1) {
      checkKey(key, 'observe');
      if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
        throw new EmwatchError(
          'EMW_BURST_INPUT',
          `[emwatch] [burst] observe: count must be an integer from 0 to ${MAX_COUNT}, got ${String(count)}`,
        );
      }
      const ms = toEpochMs(at);
      const hour = hourOf(at, 'observe');
      if (ms > now().getTime() + FUTURE_TOLERANCE_MS) {
        throw new EmwatchError(
          'EMW_BURST_INPUT',
          `[emwatch] [burst] observe: time ${JSON.stringify(String(at instanceof Date ? at.toISOString() : at))} lies more than an hour in the future`,
        );
      }
      const id = keyId(key.unit, key.type);
      let state = keys.get(id);
      if (state) {
        keys.delete(id);
      } else {
        state = createKeyBaseline(key.unit, key.type, hour, graceHours);
        if (keys.size >= maxKeys) {
          const oldest = keys.keys().next();
          if (!oldest.done) keys.delete(oldest.value);
        }
      }
      keys.set(id, state);
      if (count === 0) return;
      if (hour >= state.nextFold) {
        if (!state.pending.has(hour) && state.pending.size >= MAX_PENDING) {
          // Only reachable with absurd grace settings; keep memory bounded by folding the oldest.
          foldUntil(state, Math.min(...state.pending.keys()) + 1, settings, hourOfWeek);
        }
        state.pending.set(hour, (state.pending.get(hour) ?? 0) + count);
        advance(state, hour);
      } else {
        addLate(state, hour, count, settings, hourOfWeek);
      }
    },

    check(key, at) {
      checkKey(key, 'check');
      const hour = hourOf(at, 'check');
      const state = keys.get(keyId(key.unit, key.type));
      if (!state) return null;
      advance(state, hour);
      return hour >= state.nextFold ? evaluate(state, hour) : null;
    },

    bursts(at) {
      const hour = hourOf(at, 'bursts');
      const found: Burst[] = [];
      for (const state of keys.values()) {
        advance(state, hour);
        for (const pendingHour of state.pending.keys()) {
          if (pendingHour > hour || pendingHour < hour - graceHours) continue;
          const burst = evaluate(state, pendingHour);
          if (burst) found.push(burst);
        }
      }
      return found.sort(compare);
    },

    snapshot() {
      return {
        version: 1,
        timeZone: clock.timeZone,
        keys: [...keys.values()].map((state) => ({
          unit: state.unit,
          type: state.type as TypeId,
          firstHour: state.firstHour,
          nextFold: state.nextFold,
          lastHour: state.lastHour,
          pooled: [...state.pooled],
          buckets: [...state.buckets],
          pending: [...state.pending.entries()].sort((a, b) => a[0] - b[0]),
        })),
      };
    },

    restore(state) {
      keys = readState(state, clock.timeZone, maxKeys);
    },

    get size() {
      return keys.size;
    },
  };
}

function stateError(path: string, reason: string): EmwatchError {
  return new EmwatchError('EMW_BURST_STATE', `[emwatch] [burst] restore: ${path} ${reason}`);
}

function numbers(value: unknown, length: number, path: string): Float64Array {
  if (
    !Array.isArray(value) ||
    value.length !== length ||
    !value.every((x) => typeof x === 'number' && Number.isFinite(x))
  ) {
    throw stateError(path, `must be ${length} finite numbers`);
  }
  return Float64Array.from(value as number[]);
}

function integer(value: unknown, path: string): number {
  if (!Number.isSafeInteger(value)) throw stateError(path, `must be an integer, got ${JSON.stringify(value)}`);
  return value as number;
}

/** Validates a snapshot field by field, so a corrupt file names its bad field instead of poisoning the baseline. */
function readState(state: unknown, timeZone: string, maxKeys: number): Map<string, KeyBaseline> {
  if (typeof state !== 'object' || state === null) throw stateError('state', 'must be an object');
  const { version, timeZone: zone, keys } = state as Record<string, unknown>;
  if (version !== 1) throw stateError('version', `must be 1, got ${JSON.stringify(version)}`);
  if (zone !== timeZone)
    throw stateError('timeZone', `${JSON.stringify(zone)} differs from the detector's ${JSON.stringify(timeZone)}`);
  if (!Array.isArray(keys)) throw stateError('keys', 'must be an array');
  if (keys.length > maxKeys) throw stateError('keys', `holds ${keys.length} keys, more than maxKeys ${maxKeys}`);
  const result = new Map<string, KeyBaseline>();
  keys.forEach((entry: unknown, index) => {
    const path = `keys[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw stateError(path, 'must be an object');
    const e = entry as Record<string, unknown>;
    if (typeof e.unit !== 'string' || e.unit.length === 0 || e.unit.length > 64)
      throw stateError(`${path}.unit`, 'must be a non-empty string up to 64 characters');
    if (!isTypeId(e.type)) throw stateError(`${path}.type`, `${JSON.stringify(e.type)} is not a taxonomy type id`);
    const baseline = createKeyBaseline(e.unit, e.type, integer(e.firstHour, `${path}.firstHour`));
    baseline.nextFold = integer(e.nextFold, `${path}.nextFold`);
    baseline.lastHour = integer(e.lastHour, `${path}.lastHour`);
    baseline.pooled.set(numbers(e.pooled, 3, `${path}.pooled`));
    baseline.buckets.set(numbers(e.buckets, HOURS_PER_WEEK * 3, `${path}.buckets`));
    if (!Array.isArray(e.pending) || e.pending.length > MAX_PENDING)
      throw stateError(`${path}.pending`, `must be an array of at most ${MAX_PENDING} pairs`);
    e.pending.forEach((pair: unknown, i) => {
      if (!Array.isArray(pair) || pair.length !== 2)
        throw stateError(`${path}.pending[${i}]`, 'must be a [hour, count] pair');
      const count = integer(pair[1], `${path}.pending[${i}][1]`);
      if (count < 0) throw stateError(`${path}.pending[${i}][1]`, 'must not be negative');
      baseline.pending.set(integer(pair[0], `${path}.pending[${i}][0]`), count);
    });
    result.set(keyId(e.unit, e.type), baseline);
  });
  return result;
}
