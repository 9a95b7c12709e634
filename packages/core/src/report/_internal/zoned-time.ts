import { tzOffset } from '@date-fns/tz';
import { EmwatchError } from '../../errors.js';
import type { IsoDateTime } from '../../model/iso-date-time.js';

/** Wall-clock fields of an instant in a zone (month 1–12). */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Wall-clock arithmetic in one IANA zone: briefings cut days at local hours, not UTC ones. */
export interface ZonedTime {
  readonly timeZone: string;
  /** The wall-clock fields of an instant. */
  wall(ms: number): WallTime;
  /**
   * The instant a wall-clock time denotes; fields may overflow (day 0, hour 24) and are carried
   * like `Date.UTC` does. A time skipped by a daylight-saving jump maps to the instant just after it.
   */
  instant(year: number, month: number, day: number, hour?: number, minute?: number): number;
  /** ISO 8601 with the zone's offset, e.g. `'2024-04-13T08:00:00+08:00'`. */
  iso(ms: number): IsoDateTime;
}

/** A zoned clock; an unknown zone is an `EMW_TIME_ZONE` error naming it. */
export function zonedTime(timeZone: string): ZonedTime {
  if (typeof timeZone !== 'string' || timeZone.length > 64 || !Number.isFinite(tzOffset(timeZone, new Date(0)))) {
    throw new EmwatchError(
      'EMW_TIME_ZONE',
      `[emwatch] [briefing] unknown time zone ${JSON.stringify(String(timeZone).slice(0, 64))}: give an IANA name such as "Asia/Shanghai"`,
    );
  }
  const offsetMs = (ms: number): number => tzOffset(timeZone, new Date(ms)) * 60_000;
  const wall = (ms: number): WallTime => {
    const local = new Date(ms + offsetMs(ms));
    return {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
    };
  };
  return {
    timeZone,
    wall,
    instant(year, month, day, hour = 0, minute = 0) {
      const local = Date.UTC(year, month - 1, day, hour, minute);
      // Two passes settle the offset on either side of a transition.
      const first = local - offsetMs(local);
      return local - offsetMs(first);
    },
    iso(ms) {
      const offset = offsetMs(ms) / 60_000;
      const w = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
      const abs = Math.abs(offset);
      return `${w}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    },
  };
}
