import type { IsoDateTime } from '../../model/iso-date-time.js';
import { parseDate } from '../parse-date.js';

// Feeds carry one or two dates per entry in a handful of shapes. parseDate reads every shape but
// pays for zone arithmetic on each call, which dominated feed parsing; the three shapes below are
// read here directly, producing exactly what parseDate produces, and everything else (zone names,
// two-digit years, odd spacing, out-of-range values) still goes to parseDate.

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
}; // prettier-ignore

// 2025-04-13T06:00:00+08:00, 2025-04-13T06:00:00.123Z
const ISO_WITH_OFFSET = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)$/;
// Sun, 13 Apr 2025 06:00:00 +0800 (or GMT, UT, UTC, Z)
const RFC_822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d\d):(\d\d)(?::(\d\d))? (GMT|UTC?|Z|[+-]\d{4})$/;
// 2025-04-13 06:00:00, 2025-04-13T06:00, 2025/4/13 6:00, 2025年04月13日 06:00 (wall-clock time in the default zone)
const ZONELESS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d\d)(?::(\d\d))?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d\d)(?::(\d\d))?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日 ?(\d{1,2}):(\d\d)(?::(\d\d))?$/,
];

const pad = (value: number): string => (value < 10 ? `0${value}` : String(value));

function validWall(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

function offsetText(zone: string): string | undefined {
  if (zone === 'Z' || zone === 'GMT' || zone === 'UT' || zone === 'UTC') return '+00:00';
  const digits = zone.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  // -00:00 ("offset unknown") and unusual offsets are left to parseDate.
  if (hours > 14 || minutes > 59 || (hours === 0 && minutes === 0 && zone[0] === '-')) return undefined;
  return `${zone[0]}${pad(hours)}:${pad(minutes)}`;
}

// Offsets of whole days in a zone, when the zone keeps one offset all day (else `null`).
const dayOffsets = new Map<string, string | null>();
const MAX_CACHED_DAYS = 4096;

function dayOffset(timeZone: string, date: string): string | null {
  const key = `${timeZone}|${date}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const start = parseDate(`${date} 00:00:00`, { timeZone });
    const end = parseDate(`${date} 23:59:59`, { timeZone });
    offset = start !== null && end !== null && start.slice(19) === end.slice(19) ? start.slice(19) : null;
    if (dayOffsets.size >= MAX_CACHED_DAYS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset;
}

function wall(year: number, month: number, day: number, hour: number, minute: number, second: number): string {
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/**
 * A feed date read like {@link parseDate} reads it (same result, `null` when unparseable), with
 * the common feed shapes read without zone arithmetic.
 */
export function readFeedDate(text: string, timeZone: string | undefined): IsoDateTime | null {
  const value = text.trim();
  const iso = ISO_WITH_OFFSET.exec(value);
  const rfc = iso ? null : RFC_822.exec(value);
  const zoned = iso ?? rfc;
  if (zoned) {
    const year = Number(zoned[iso ? 1 : 3]);
    const month = iso ? Number(iso[2]) : MONTHS[zoned[2]!.toLowerCase()];
    const day = Number(zoned[iso ? 3 : 1]);
    const [hour, minute, second] = [Number(zoned[4]), Number(zoned[5]), Number(zoned[6] ?? 0)];
    const offset = offsetText(zoned[7]!);
    if (month !== undefined && offset !== undefined && validWall(year, month, day, hour, minute, second))
      return `${wall(year, month, day, hour, minute, second)}${offset}`;
  } else {
    const local = ZONELESS[0]!.exec(value) ?? ZONELESS[1]!.exec(value) ?? ZONELESS[2]!.exec(value);
    if (local) {
      const [year, month, day] = [Number(local[1]), Number(local[2]), Number(local[3])];
      const [hour, minute, second] = [Number(local[4]), Number(local[5]), Number(local[6] ?? 0)];
      if (validWall(year, month, day, hour, minute, second)) {
        const offset = dayOffset(timeZone ?? DEFAULT_TIME_ZONE, `${year}-${pad(month)}-${pad(day)}`);
        if (offset !== null) return `${wall(year, month, day, hour, minute, second)}${offset}`;
      }
    }
  }
  return parseDate(value, timeZone === undefined ? {} : { timeZone });
}
