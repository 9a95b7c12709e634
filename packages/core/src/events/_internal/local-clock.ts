import { tzOffset } from '@date-fns/tz';
import { EmwatchError } from '../../errors.js';
import type { IsoDateTime } from '../../model/iso-date-time.js';

const HOUR_MS = 3_600_000;
const SLOT_MS = 15 * 60_000;
// 1970-01-01 was a Thursday: local hour 0 since the epoch is hour 72 of a week starting Monday 00:00.
const EPOCH_HOUR_OF_WEEK = 72;

/** Local wall-clock arithmetic in one IANA time zone, with offsets cached per quarter hour. */
export interface LocalClock {
  readonly timeZone: string;
  /** UTC offset in minutes at an instant (480 for Asia/Shanghai). */
  offsetMinutes(ms: number): number;
  /** Number of the local hour containing the instant, counted from 1970-01-01T00:00 local time. */
  hourNumber(ms: number): number;
  /** The instant a local hour number starts. */
  hourStart(hour: number): number;
  /** Hour of the week, 0 = Monday 00:00–01:00 local … 167 = Sunday 23:00–24:00. */
  hourOfWeek(hour: number): number;
  /** The instant as ISO 8601 with seconds and the zone's offset, e.g. `'2024-01-08T14:00:00+08:00'`. */
  format(ms: number): IsoDateTime;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * A clock for one time zone; throws `EMW_TIME_ZONE` when the zone is unknown.
 *
 * @example
 * createLocalClock('Asia/Shanghai').format(Date.UTC(2024, 0, 8, 6)); // '2024-01-08T14:00:00+08:00'
 */
export function createLocalClock(timeZone: string): LocalClock {
  if (typeof timeZone !== 'string' || !Number.isFinite(tzOffset(timeZone, new Date(0))) || timeZone.length > 64) {
    throw new EmwatchError(
      'EMW_TIME_ZONE',
      `[emwatch] unknown time zone ${JSON.stringify(timeZone)}: give an IANA name such as "Asia/Shanghai"`,
    );
  }
  const cache = new Map<number, number>();
  const offsetMinutes = (ms: number): number => {
    const slot = Math.floor(ms / SLOT_MS);
    let offset = cache.get(slot);
    if (offset === undefined) {
      if (cache.size >= 4096) cache.clear();
      offset = tzOffset(timeZone, new Date(slot * SLOT_MS));
      cache.set(slot, offset);
    }
    return offset;
  };
  return {
    timeZone,
    offsetMinutes,
    hourNumber: (ms) => Math.floor((ms + offsetMinutes(ms) * 60_000) / HOUR_MS),
    hourStart(hour) {
      const local = hour * HOUR_MS;
      return local - offsetMinutes(local - offsetMinutes(local) * 60_000) * 60_000;
    },
    hourOfWeek: (hour) => (((hour + EPOCH_HOUR_OF_WEEK) % 168) + 168) % 168,
    format(ms) {
      const offset = offsetMinutes(ms);
      const wall = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
      const abs = Math.abs(offset);
      return `${wall}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    },
  };
}

/**
 * Milliseconds since the epoch of a `Date` or an ISO 8601 string; `NaN` when it is not a time.
 *
 * @example
 * toEpochMs('2024-01-08T14:00:00+08:00'); // 1704693600000
 */
export function toEpochMs(at: Date | string): number {
  if (at instanceof Date) return at.getTime();
  if (typeof at !== 'string' || at.length > 64) return Number.NaN;
  return Date.parse(at);
}
