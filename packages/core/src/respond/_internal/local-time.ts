import type { IsoDateTime } from '../../model/iso-date-time.js';

/** The time zone of the duty rooms emwatch is built for; China has no daylight-saving time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// Building an Intl.DateTimeFormat costs far more than using one, so one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formatters.size < 64) formatters.set(timeZone, format);
  }
  return format;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of an instant in a zone. */
export function localParts(date: Date, timeZone: string): LocalParts {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 0,
    day: fields.day ?? 0,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** Minutes since local midnight. */
export function minutesOfDay(date: Date, timeZone: string): number {
  const { hour, minute } = localParts(date, timeZone);
  return hour * 60 + minute;
}

/** `'HH:mm'` as minutes since midnight. */
export function parseHhMm(text: string): number {
  const [hours, minutes] = text.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** True when the local time of `date` lies in [start, end), a period that may span midnight. */
export function inDailyPeriod(date: Date, start: string, end: string, timeZone: string): boolean {
  const now = minutesOfDay(date, timeZone);
  const from = parseHhMm(start);
  const to = parseHhMm(end);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `'yyyy-MM-dd HH:mm'` in the zone, for message text. */
export function formatLocalMinute(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * ISO 8601 with the zone's offset and whole seconds, e.g. `'2024-04-05T18:03:01+08:00'`, never
 * `Z`: duty rooms read local time, and CAP 1.2 forbids `Z` (it writes UTC as `-00:00`, hence `utc`).
 */
export function formatOffsetDateTime(date: Date, timeZone: string, utc: '+00:00' | '-00:00' = '+00:00'): IsoDateTime {
  const p = localParts(date, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offsetMinutes = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = offsetMinutes === 0 ? utc : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${offset}`;
}

/** Parses an ISO date-time or passes a Date through; throws nothing, returns NaN time for garbage. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
