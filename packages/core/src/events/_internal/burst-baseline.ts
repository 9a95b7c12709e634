/**
 * The seasonal baseline of one (region unit, type) key: exponentially weighted sums of hourly
 * counts per hour of the week, plus the same over all hours ("pooled"), and the counts of the
 * hours still open. All sums are decayed sums (Σ dⁱ·xᵢ), so a mean is S/C and a second moment
 * Q/C; a silent stretch of hours is folded in closed form, so memory and time stay bounded
 * however long a key is quiet.
 */

/** Sums kept per bucket: decayed Σx, Σx², Σ1. */
const S = 0;
const Q = 1;
const C = 2;
/** Buckets per key: one per hour of the week. */
export const HOURS_PER_WEEK = 168;

/** Mutable state of one key. */
export interface KeyBaseline {
  readonly unit: string;
  readonly type: string;
  /** First local hour number the key was seen in (its history starts there). */
  firstHour: number;
  /** Every hour before this one is folded into the sums; this one and later are open. */
  nextFold: number;
  /** Latest local hour number observed or checked for the key. */
  lastHour: number;
  /** Decayed sums over all hours (per-hour decay). */
  readonly pooled: Float64Array;
  /** Decayed sums per hour of the week, 3 per bucket (per-week decay). */
  readonly buckets: Float64Array;
  /** Counts of the open hours, by local hour number. */
  readonly pending: Map<number, number>;
}

/** Decay and prior settings shared by every key. */
export interface BaselineSettings {
  /** Per-hour decay of the pooled sums, 2^(−1 / (168 · half-life weeks)). */
  readonly hourDecay: number;
  /** Per-week decay of the hour-of-week sums, 2^(−1 / half-life weeks). */
  readonly weekDecay: number;
  /** Prior rate (posts per hour) a key starts from. */
  readonly priorRate: number;
  /** Weight of the prior, in hours of observation. */
  readonly priorHours: number;
  /** Hours of history before the hour-of-week buckets are used at all. */
  readonly coldStartHours: number;
  /** Weight of the pooled rate in a bucket's estimate, in weeks of observation. */
  readonly bucketPriorWeeks: number;
  /** Smallest expected rate ever used, so that a long-silent key still yields finite ratios. */
  readonly minRate: number;
}

/** Expected count and variance for one hour. */
export interface HourExpectation {
  readonly mean: number;
  readonly variance: number;
}

/** A key first seen in local hour `hour`; its history starts `openBefore` hours earlier so late messages still count. */
export function createKeyBaseline(unit: string, type: string, hour: number, openBefore = 0): KeyBaseline {
  return {
    unit,
    type,
    firstHour: hour - openBefore,
    nextFold: hour - openBefore,
    lastHour: hour,
    pooled: new Float64Array(3),
    buckets: new Float64Array(HOURS_PER_WEEK * 3),
    pending: new Map(),
  };
}

function update(sums: Float64Array, offset: number, decay: number, x: number): void {
  sums[offset + S] = decay * sums[offset + S]! + x;
  sums[offset + Q] = decay * sums[offset + Q]! + x * x;
  sums[offset + C] = decay * sums[offset + C]! + 1;
}

/** `times` updates with x = 0, in closed form. */
function updateZeros(sums: Float64Array, offset: number, decay: number, times: number): void {
  if (times <= 0) return;
  const factor = decay ** times;
  sums[offset + S] = sums[offset + S]! * factor;
  sums[offset + Q] = sums[offset + Q]! * factor;
  sums[offset + C] = sums[offset + C]! * factor + (1 - factor) / (1 - decay);
}

/** Folds `length` silent hours starting at local hour `from`. */
function foldZeros(
  key: KeyBaseline,
  from: number,
  length: number,
  settings: BaselineSettings,
  hourOfWeek: (h: number) => number,
): void {
  if (length <= 0) return;
  updateZeros(key.pooled, 0, settings.hourDecay, length);
  const weeks = Math.floor(length / HOURS_PER_WEEK);
  const rest = length % HOURS_PER_WEEK;
  const start = hourOfWeek(from);
  for (let b = 0; b < HOURS_PER_WEEK; b += 1) {
    const extra = (b - start + HOURS_PER_WEEK) % HOURS_PER_WEEK < rest ? 1 : 0;
    updateZeros(key.buckets, b * 3, settings.weekDecay, weeks + extra);
  }
}

/** Folds every open hour before `until` into the sums (silent hours as zeros). */
export function foldUntil(
  key: KeyBaseline,
  until: number,
  settings: BaselineSettings,
  hourOfWeek: (h: number) => number,
): void {
  if (until <= key.nextFold) return;
  const due = [...key.pending.keys()].filter((h) => h < until).sort((a, b) => a - b);
  for (const hour of due) {
    foldZeros(key, key.nextFold, hour - key.nextFold, settings, hourOfWeek);
    const count = key.pending.get(hour)!;
    update(key.pooled, 0, settings.hourDecay, count);
    update(key.buckets, hourOfWeek(hour) * 3, settings.weekDecay, count);
    key.pending.delete(hour);
    key.nextFold = hour + 1;
  }
  foldZeros(key, key.nextFold, until - key.nextFold, settings, hourOfWeek);
  key.nextFold = until;
}

/**
 * Adds a count that arrives after its hour was folded. Exact when the hour had been folded as
 * silent and its bucket not updated since (the common case: a late post in a quiet hour);
 * otherwise a close approximation. Returns false when the hour is more than a week old.
 */
export function addLate(
  key: KeyBaseline,
  hour: number,
  count: number,
  settings: BaselineSettings,
  hourOfWeek: (h: number) => number,
): boolean {
  const age = key.nextFold - 1 - hour;
  if (age < 0 || age >= HOURS_PER_WEEK) return false;
  const decay = settings.hourDecay ** age;
  key.pooled[S] = key.pooled[S]! + count * decay;
  key.pooled[Q] = key.pooled[Q]! + count * count * decay;
  const offset = hourOfWeek(hour) * 3;
  key.buckets[offset + S] = key.buckets[offset + S]! + count;
  key.buckets[offset + Q] = key.buckets[offset + Q]! + count * count;
  return true;
}

/**
 * Expected count and variance of an open hour. The pooled rate is a gamma-Poisson posterior
 * mean: the prior rate weighted as `priorHours` hours of data, then the decayed history. Once
 * the key has `coldStartHours` of history, the hour-of-week bucket is used, shrunk towards the
 * same hour of the day over the whole week, which is shrunk towards the pooled rate, each prior
 * weighing `bucketPriorWeeks` weeks of data (credibility weighting).
 */
export function expectHour(
  key: KeyBaseline,
  hour: number,
  settings: BaselineSettings,
  hourOfWeek: (h: number) => number,
): HourExpectation {
  const { priorRate, priorHours } = settings;
  const pooledMean = (priorRate * priorHours + key.pooled[S]!) / (priorHours + key.pooled[C]!);
  const pooledSecond =
    ((priorRate + priorRate * priorRate) * priorHours + key.pooled[Q]!) / (priorHours + key.pooled[C]!);
  const pooledVariance = Math.max(pooledMean, pooledSecond - pooledMean * pooledMean);
  let mean = pooledMean;
  let variance = pooledVariance;
  if (key.nextFold - key.firstHour >= settings.coldStartHours) {
    // Two-level shrinkage: the hour of the week towards the same hour of every day, that towards
    // the pooled rate. The daily profile has seven times the data of one weekly bucket.
    const k = settings.bucketPriorWeeks;
    const bucket = hourOfWeek(hour);
    const hourOfDay = bucket % 24;
    let daySum = 0;
    let daySquares = 0;
    let dayCount = 0;
    for (let day = 0; day < 7; day += 1) {
      const offset = (day * 24 + hourOfDay) * 3;
      daySum += key.buckets[offset + S]!;
      daySquares += key.buckets[offset + Q]!;
      dayCount += key.buckets[offset + C]!;
    }
    const dayMean = (daySum + k * pooledMean) / (dayCount + k);
    const daySecond = (daySquares + k * (pooledVariance + pooledMean * pooledMean)) / (dayCount + k);
    const offset = bucket * 3;
    const count = key.buckets[offset + C]!;
    mean = (key.buckets[offset + S]! + k * dayMean) / (count + k);
    const second = (key.buckets[offset + Q]! + k * daySecond) / (count + k);
    variance = Math.max(mean, second - mean * mean);
  }
  mean = Math.max(settings.minRate, mean);
  return { mean, variance: Math.max(mean, variance) };
}
