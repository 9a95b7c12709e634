import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';
import { EmwatchError } from '../errors.js';
import type { IsoDateTime } from '../model/iso-date-time.js';

/** Options of {@link parseDate}. */
export interface ParseDateOptions {
  /** IANA zone (or `±HH:MM`) for dates written without an offset; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
}

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** Dates are short; anything longer is not a date, and bounding it bounds the regex work. */
const MAX_LENGTH = 120;

/** Zones where a bare `CST` means China Standard Time (+08:00), as Chinese feeds and Java servers write it. */
const CHINA_ZONES = new Set([
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Chungking',
  'Asia/Harbin',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'PRC',
]);

/** Zone abbreviations with one accepted meaning, in minutes east of UTC. Ambiguous ones (IST, AST) are left out. */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  ALMT: 360,
  BJT: 480,
  CCT: 480,
  HKT: 480,
  AWST: 480,
  ULAT: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  EST: -300,
  EDT: -240,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  北京时间: 480,
  中国标准时间: 480,
};

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

const DATE_PATTERNS: readonly {
  readonly pattern: RegExp;
  readonly read: (m: RegExpExecArray) => [number, number, number];
}[] = [
  // 2025-04-13, 2025/4/13, 2025.4.13
  { pattern: /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/, read: (m) => [+m[1]!, +m[3]!, +m[4]!] },
  // 20.05.2025: dotted dates are day first wherever they are written (Swiss, German, Russian services)
  { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/, read: (m) => [+m[3]!, +m[2]!, +m[1]!] },
  // 2025年4月13日
  { pattern: /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/, read: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  // 13 Apr 2025, 13-Apr-2025, 13 April 25
  {
    pattern: new RegExp(`^(\\d{1,2})[\\s-]+${MONTH_NAME}[\\s-]+(\\d{4}|\\d{2})(?!\\d)`, 'i'),
    read: (m) => [fullYear(m[3]!), MONTHS[m[2]!.toLowerCase()]!, +m[1]!],
  },
  // Apr 13 2025, April 13, 2025 (JavaScript's Date#toString, US prose)
  {
    pattern: new RegExp(`^${MONTH_NAME}\\s+(\\d{1,2}),?\\s+(\\d{4})(?!\\d)`, 'i'),
    read: (m) => [+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!],
  },
  // 20250413 (ISO basic), only when a time or nothing follows
  { pattern: /^(\d{4})(\d{2})(\d{2})(?=T|$)/, read: (m) => [+m[1]!, +m[2]!, +m[3]!] },
];

// `Sun Apr 13 06:00:00 CST 2025`: Java's Date#toString, common on Chinese government servers.
const JAVA_DATE = new RegExp(
  `^${MONTH_NAME}\\s+(\\d{1,2})\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s+([A-Za-z]{1,5}|[+-]\\d{4})\\s+(\\d{4})$`,
  'i',
);

const TIME_COLON = /^(?:T|\s+|,\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([ap])\.?m\.?(?![a-z]))?/i;
const TIME_BASIC = /^T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?/;
const TIME_CHINESE =
  /^\s*(上午|下午|晚上|晚间|夜间|凌晨|早上|早晨|中午)?\s*(\d{1,2})\s*[时点](?:\s*(半|\d{1,2})\s*分?(?:\s*(\d{1,2})\s*秒)?)?/;
const WEEKDAY_PREFIX = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*/i;
const CHINESE_WEEKDAY = /[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）]?/g;
const OFFSET = /^(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

function fullYear(text: string): number {
  const year = +text;
  if (text.length === 4) return year;
  // RFC 822 two-digit years: 00–49 are this century, 50–99 the last.
  return year < 50 ? 2000 + year : 1900 + year;
}

/** Minutes east of UTC for a zone written after a time; `undefined` when it is no known zone. */
function zoneOffset(text: string, timeZone: string): number | undefined {
  const zone = text.trim();
  const offset = OFFSET.exec(zone);
  if (offset) {
    const minutes = +offset[2]! * 60 + +(offset[3] ?? 0);
    if (+offset[2]! > 14 || +(offset[3] ?? 0) > 59) return undefined;
    return offset[1] === '-' ? -minutes : minutes;
  }
  const upper = zone.toUpperCase();
  if (upper === 'CST') return CHINA_ZONES.has(timeZone) ? 480 : -360;
  return ZONE_OFFSETS[upper] ?? ZONE_OFFSETS[zone];
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function isValidWall(wall: Wall): boolean {
  const { year, month, day, hour, minute, second } = wall;
  if (year < 1000 || year > 9999 || hour > 23 || minute > 59 || second > 59) return false;
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

function formatWall(wall: Wall, offsetMinutes: number): IsoDateTime {
  const { year, month, day, hour, minute, second } = wall;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(offsetMinutes)}`;
}

function formatInstant(ms: number, timeZone: string): IsoDateTime | null {
  if (!Number.isFinite(ms)) return null;
  const date = new TZDate(Math.trunc(ms / 1000) * 1000, timeZone);
  if (Number.isNaN(date.getTime())) return null;
  return format(date, "yyyy-MM-dd'T'HH:mm:ssxxx");
}

function formatInZone(wall: Wall, timeZone: string): IsoDateTime {
  const date = new TZDate(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, timeZone);
  return format(date, "yyyy-MM-dd'T'HH:mm:ssxxx");
}

/** Unix seconds or milliseconds, decided by magnitude: below 10^11 is seconds (up to year 5138), else milliseconds. */
function fromEpochNumber(value: number, timeZone: string): IsoDateTime | null {
  if (!Number.isFinite(value) || value <= 0 || value >= 1e14) return null;
  return formatInstant(value < 1e11 ? value * 1000 : value, timeZone);
}

/**
 * A run of digits: 9–10 are Unix seconds and 13 Unix milliseconds; 8, 12 and 14 are the compact
 * wall-clock forms `yyyyMMdd`, `yyyyMMddHHmm`, `yyyyMMddHHmmss` common in Chinese APIs. Other
 * lengths are ambiguous.
 */
function fromDigits(digits: string, fraction: string | undefined, timeZone: string): IsoDateTime | null {
  if (fraction !== undefined && digits.length > 10) return null;
  if (digits.length === 9 || digits.length === 10) return formatInstant(+`${digits}.${fraction ?? 0}` * 1000, timeZone);
  if (fraction !== undefined) return null;
  if (digits.length === 13) return formatInstant(+digits, timeZone);
  if (digits.length === 8 || digits.length === 12 || digits.length === 14) {
    const wall: Wall = {
      year: +digits.slice(0, 4),
      month: +digits.slice(4, 6),
      day: +digits.slice(6, 8),
      hour: +(digits.slice(8, 10) || 0),
      minute: +(digits.slice(10, 12) || 0),
      second: +(digits.slice(12, 14) || 0),
    };
    return isValidWall(wall) ? formatInZone(wall, timeZone) : null;
  }
  return null;
}

function readTime(rest: string): { hour: number; minute: number; second: number; rest: string } | undefined {
  const colon = TIME_COLON.exec(rest);
  if (colon) {
    let hour = +colon[1]!;
    const meridiem = colon[4]?.toLowerCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
    }
    return { hour, minute: +colon[2]!, second: +(colon[3] ?? 0), rest: rest.slice(colon[0].length) };
  }
  const basic = TIME_BASIC.exec(rest);
  if (basic)
    return { hour: +basic[1]!, minute: +basic[2]!, second: +(basic[3] ?? 0), rest: rest.slice(basic[0].length) };
  const chinese = TIME_CHINESE.exec(rest);
  if (chinese) {
    let hour = +chinese[2]!;
    const period = chinese[1];
    if (period && ['下午', '晚上', '晚间', '夜间'].includes(period) && hour < 12) hour += 12;
    if (period === '中午' && hour < 11) hour += 12;
    const minute = chinese[3] === '半' ? 30 : +(chinese[3] ?? 0);
    return { hour, minute, second: +(chinese[4] ?? 0), rest: rest.slice(chinese[0].length) };
  }
  return undefined;
}

function parseJavaDate(text: string, timeZone: string): IsoDateTime | null | undefined {
  const m = JAVA_DATE.exec(text);
  if (!m) return undefined;
  const [hour, minute, second] = m[3]!.split(':').map(Number);
  const wall: Wall = {
    year: +m[5]!,
    month: MONTHS[m[1]!.toLowerCase()]!,
    day: +m[2]!,
    hour: hour!,
    minute: minute!,
    second: second ?? 0,
  };
  const offset = zoneOffset(m[4]!, timeZone);
  if (offset === undefined || !isValidWall(wall)) return null;
  return formatWall(wall, offset);
}

/**
 * Reads a date-time as feeds, CAP documents and APIs write it, into an ISO 8601 string with an
 * explicit offset (`YYYY-MM-DDTHH:mm:ss±HH:MM`, fractions of a second dropped). Accepts RFC 822 /
 * 1123 / 850 (zone names such as GMT, EST, `+0800`; a bare `CST` is China Standard Time when the
 * default zone is a Chinese one, else US Central), Java and JavaScript `toString()` forms, ISO 8601
 * with or without zone (`2025-04-13 06:00:00`, RFC 9557's `[zone]` suffix), day-first dotted dates
 * (`20.05.2025, 12:41`), Chinese forms (`2025年4月13日 06:00`,
 * `2025年04月13日06时00分`, `2025/4/13 6:00`, 上午/下午), full-width digits, Unix seconds or
 * milliseconds (numbers, or 9–10 / 13-digit strings) and compact `yyyyMMdd[HHmm[ss]]` digits.
 *
 * A stated offset is kept; without one the time is read in `timeZone`. Returns `null` when the text
 * is not a date or is ambiguous (`04/05/2025`, an unknown zone name): callers report
 * `EMW_PARSE_DATE`, they never substitute the current time. Throws `EMW_OPTIONS_INVALID` for an
 * unknown `timeZone`.
 *
 * @example
 * ```ts
 * parseDate('Sun, 13 Apr 2025 06:00:00 GMT'); // '2025-04-13T06:00:00+00:00'
 * parseDate('2025年4月13日 06:00'); // '2025-04-13T06:00:00+08:00'
 * parseDate('2025-04-13 06:00:00', { timeZone: 'UTC' }); // '2025-04-13T06:00:00+00:00'
 * parseDate('1744495200'); // '2025-04-13T06:00:00+08:00'
 * parseDate('昨天'); // null
 * ```
 */
export function parseDate(text: string | number, options: ParseDateOptions = {}): IsoDateTime | null {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (Number.isNaN(tzOffset(timeZone, new Date(0)))) {
    throw new EmwatchError('EMW_OPTIONS_INVALID', `parseDate: unknown time zone "${timeZone}"`);
  }
  if (typeof text === 'number') return fromEpochNumber(text, timeZone);
  if (typeof text !== 'string' || text.length > MAX_LENGTH) return null;
  // NFKC folds full-width digits, letters and colons (２０２５年４月１３日 ０６：００) to ASCII.
  const input = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (input === '') return null;

  const digits = /^(\d+)(?:\.(\d+))?$/.exec(input);
  if (digits) return fromDigits(digits[1]!, digits[2], timeZone);

  // RFC 9557 appends the zone name after the offset (`…+08:00[Asia/Shanghai]`); the offset is what counts.
  const normalized = input
    .replace(/(?<=[+-]\d\d:?\d\d|Z)\[[\w/+-]+\]$/, '')
    .replace(CHINESE_WEEKDAY, ' ')
    .replace(WEEKDAY_PREFIX, '')
    .replace(/\s+/g, ' ')
    .trim();
  const java = parseJavaDate(normalized, timeZone);
  if (java !== undefined) return java;

  let wall: Wall | undefined;
  let rest = '';
  for (const { pattern, read } of DATE_PATTERNS) {
    const m = pattern.exec(normalized);
    if (!m) continue;
    const [year, month, day] = read(m);
    wall = { year, month, day, hour: 0, minute: 0, second: 0 };
    rest = normalized.slice(m[0].length);
    break;
  }
  if (!wall) return null;

  // A year may follow the time (JavaScript's `Apr 13 2025` already has it; RFC forms do not repeat it).
  const time = readTime(rest);
  if (time) {
    wall = { ...wall, hour: time.hour, minute: time.minute, second: time.second };
    rest = time.rest;
  }
  if (!isValidWall(wall)) return null;

  // What remains is a zone, optionally followed or replaced by a parenthesised comment:
  // `GMT+0800 (中国标准时间)`, `(北京时间)`.
  let zone = rest.trim();
  let comment: string | undefined;
  const parenthesised = /^(.*?)\s*[(（]([^()（）]*)[)）]$/.exec(zone);
  if (parenthesised) {
    zone = parenthesised[1]!.trim();
    comment = parenthesised[2]!.trim();
  }
  if (zone === '' && comment !== undefined) zone = comment;
  if (zone === '') return formatInZone(wall, timeZone);
  const offset = zoneOffset(zone, timeZone);
  return offset === undefined ? null : formatWall(wall, offset);
}
