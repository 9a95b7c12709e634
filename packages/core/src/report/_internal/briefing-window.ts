import type { ZonedTime } from './zoned-time.js';

const HOUR_MS = 3_600_000;
/** Charts and trend tables stay readable (and bounded) however long a special report's event lasted. */
const MAX_BUCKETS = 120;

/** The time span a briefing covers, cut into trend buckets. */
export interface BriefingWindow {
  /** Inclusive start (ms since the epoch). */
  readonly start: number;
  /** Exclusive end (ms since the epoch). */
  readonly end: number;
  /** `hour` or `day` buckets (a day bucket may span several days when `days > 1`). */
  readonly unit: 'hour' | 'day';
  /** Days per bucket when `unit` is `day`. */
  readonly days: number;
  /** Bucket starts, ascending; the last bucket ends at `end`. */
  readonly buckets: readonly number[];
}

/**
 * The duty-office window that ends at the latest `dayStartHour` o'clock at or before `now`:
 * one day (前一日 8 时至当日 8 时) cut into hours, or seven days cut into days.
 */
export function dutyWindow(period: 'day' | 'week', now: number, zone: ZonedTime, dayStartHour: number): BriefingWindow {
  const w = zone.wall(now);
  let end = zone.instant(w.year, w.month, w.day, dayStartHour);
  if (end > now) end = zone.instant(w.year, w.month, w.day - 1, dayStartHour);
  const e = zone.wall(end);
  const days = period === 'day' ? 1 : 7;
  const start = zone.instant(e.year, e.month, e.day - days, dayStartHour);
  return period === 'day'
    ? { start, end, unit: 'hour', days: 1, buckets: steps(zone, start, end, (i) => [0, i]) }
    : { start, end, unit: 'day', days: 1, buckets: steps(zone, start, end, (i) => [i, 0]) };
}

/**
 * The window of a special report: from the local hour the event was first seen to `end`, in
 * hours when that is at most three days, else in days from local midnight (several days per
 * bucket when needed to stay within {@link MAX_BUCKETS}).
 */
export function eventWindow(firstSeen: number, end: number, zone: ZonedTime): BriefingWindow {
  const f = zone.wall(firstSeen);
  if (end - firstSeen <= 72 * HOUR_MS) {
    const start = zone.instant(f.year, f.month, f.day, f.hour);
    return { start, end, unit: 'hour', days: 1, buckets: steps(zone, start, end, (i) => [0, i]) };
  }
  const start = zone.instant(f.year, f.month, f.day);
  const days = Math.max(1, Math.ceil((end - start) / (24 * HOUR_MS) / MAX_BUCKETS));
  return { start, end, unit: 'day', days, buckets: steps(zone, start, end, (i) => [i * days, 0]) };
}

/** Bucket starts from `start` by wall-clock steps (so a daylight-saving day still starts at its hour). */
function steps(zone: ZonedTime, start: number, end: number, offset: (i: number) => [number, number]): number[] {
  const s = zone.wall(start);
  const out: number[] = [];
  for (let i = 0; out.length <= MAX_BUCKETS; i++) {
    const [days, hours] = offset(i);
    const at = zone.instant(s.year, s.month, s.day + days, s.hour + hours, s.minute);
    if (at >= end) break;
    if (out.length === 0 || at > out[out.length - 1]!) out.push(at);
  }
  return out;
}

/** Index of the bucket holding `ms`, or -1 outside the window. */
export function bucketIndex(window: BriefingWindow, ms: number): number {
  if (!(ms >= window.start && ms < window.end)) return -1;
  const b = window.buckets;
  let lo = 0;
  let hi = b.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (b[mid]! <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
