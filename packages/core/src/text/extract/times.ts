import { tzOffset } from '@date-fns/tz';
import { parseChineseNumber } from '../../_internal/chinese-numerals.js';
import { foldWidth } from '../normalize.js';

/** How finely a time mention pins its moment down. */
export type TimePrecision = 'minute' | 'hour' | 'day' | 'part-of-day' | 'month';

/** A date or time named in a text, resolved to instants. */
export interface TimeMention {
  /** The words as written, e.g. `'今天17时至明天8时'`. */
  readonly text: string;
  /** Where they are: `[start, end)` UTF-16 offsets into the text. */
  readonly span: readonly [number, number];
  /** The moment the mention starts, ISO 8601 with offset, e.g. `'2025-04-13T17:00:00+08:00'`. */
  readonly start: string;
  /**
   * When the mention ends, ISO 8601 with offset: set for ranges (至/到, 未来24小时) and for parts
   * of the day (下午 ends at 18:00); `null` for a single minute, hour, day or month, whose length
   * `precision` already tells.
   */
  readonly end: string | null;
  /** The finest unit the text states (`'part-of-day'` for 凌晨, 下午, 今晚 and the like). */
  readonly precision: TimePrecision;
}

/** Options of {@link extractTimes}. */
export interface ExtractTimesOptions {
  /** The moment the text was written, which 今天, 13日 or 未来24小时 are relative to. */
  readonly now: Date;
  /** IANA time zone the text's clock times are in; default `'Asia/Shanghai'`. */
  readonly timeZone?: string;
}

interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

type DateSyntax =
  | { readonly kind: 'absolute'; readonly year?: number; readonly month: number; readonly day?: number }
  | { readonly kind: 'day-of-month'; readonly day: number }
  | { readonly kind: 'relative'; readonly offset: number; readonly fromAnchor: boolean };

interface PartOfDay {
  readonly from: number;
  readonly to: number;
  // Clock hours below 12 are afternoon/evening hours (下午3点 is 15:00).
  readonly afternoon: boolean;
}

interface Clock {
  readonly hour: number;
  readonly minute: number;
  readonly minutePrecise: boolean;
}

interface PointSyntax {
  readonly start: number;
  readonly end: number;
  readonly date?: DateSyntax;
  readonly part?: PartOfDay;
  readonly clock?: Clock;
}

// Times are kept as wall-clock milliseconds (the local date and time read as if it were UTC) and
// turned into instants only for output, so calendar arithmetic needs no time-zone lookups.
interface ResolvedPoint {
  readonly day: CalendarDay;
  readonly start: number;
  // End of the period the point names (a part of day, a day, a month); the start for a clock time.
  readonly periodEnd: number;
  readonly precision: TimePrecision;
}

interface Context {
  readonly now: number;
  readonly today: CalendarDay;
  readonly zone: string;
}

// Hours of each part of the day (choices: 早晨/上午 6–12, 中午 11–13, 下午 12–18, 傍晚 17–19,
// 晚上/夜间 18–24, 白天 8–20 as in weather forecasts, 深夜/半夜 22–24).
const MORNING: PartOfDay = { from: 6, to: 12, afternoon: false };
const EVENING: PartOfDay = { from: 18, to: 24, afternoon: true };
const PARTS_OF_DAY: Readonly<Record<string, PartOfDay>> = {
  凌晨: { from: 0, to: 6, afternoon: false },
  清晨: MORNING,
  早晨: MORNING,
  早上: MORNING,
  上午: MORNING,
  中午: { from: 11, to: 13, afternoon: true },
  午间: { from: 11, to: 13, afternoon: true },
  下午: { from: 12, to: 18, afternoon: true },
  午后: { from: 12, to: 18, afternoon: true },
  傍晚: { from: 17, to: 19, afternoon: true },
  晚上: EVENING,
  晚间: EVENING,
  夜间: EVENING,
  夜里: EVENING,
  夜晚: EVENING,
  白天: { from: 8, to: 20, afternoon: false },
  深夜: { from: 22, to: 24, afternoon: true },
  半夜: { from: 22, to: 24, afternoon: true },
};
const SHORT_PARTS: Readonly<Record<string, PartOfDay>> = { 晨: MORNING, 早: MORNING, 晚: EVENING, 夜: EVENING };
const DAY_OFFSETS: Readonly<Record<string, number>> = {
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  昨: -1,
  今天: 0,
  今日: 0,
  今: 0,
  明天: 1,
  明日: 1,
  明: 1,
  后天: 2,
  大后天: 3,
};

const SMALL = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const PART_WORDS = Object.keys(PARTS_OF_DAY).join('|');

// Each is tried at one position (sticky), so none scans the text by itself.
const FULL_DATE = /(\d{4})\s?年\s?(\d{1,2})\s?月(?:\s?(\d{1,2})\s?[日号])?/y;
const ISO_DATE = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])(?:[T\s](?=\d))?/y;
const MONTH_DAY = new RegExp(`${SMALL}\\s?月(?:\\s?${SMALL}\\s?[日号])?`, 'y');
const DAY_OF_MONTH = new RegExp(`${SMALL}\\s?[日号](?!内|以内|之内|以来)`, 'y');
const RELATIVE_DAY = /大前天|大后天|前天|后天|昨天|昨日|今天|今日|明天|明日|次日|翌日/y;
const SHORT_RELATIVE = /([今明昨])([晨早晚夜])/y;
const PART = new RegExp(PART_WORDS, 'y');
const CLOCK = new RegExp(
  `${SMALL}\\s?(时|点钟|点)(?:\\s?(\\d{1,2}|[零一二三四五六七八九十]{1,3})\\s?分|(半))?(?:许|左右)?`,
  'y',
);
const COLON_CLOCK = /(\d{1,2}):(\d{2})(?::\d{2})?/y;
const SPACE = /\s?/y;
const CONNECTOR = /\s?(?:至|到|~|～|-|－|—|–)\s?/y;
const SPAN_AHEAD = /(未来|今后|过去)\s?(\d{1,3}|[一二三四五六七八九十两]{1,3})\s?个?\s?(小时|天|日)/y;
const TWO_DAYS = /(今明|明后)(?:两|2)?\s?[天日]/y;
// Where a time expression may begin; digits only at the start of a number.
const START = new RegExp(
  `(?<![0-9])\\d|(?<![一二三四五六七八九十])[一二三四五六七八九十](?=[一二三四五六七八九十]{0,2}\\s?[月日号时点])|大前天|大后天|前天|后天|[昨今明]|次日|翌日|未来|今后|过去|${PART_WORDS}`,
  'g',
);
// After a bare day (13日) only these may follow, so 3日内 and 连续3日降雨 stay out.
const AFTER_BARE_DAY = /^(?:$|[\s至到起~～\-－—–,，.。;；、:：(（])/;
const TIME_WORD = /[0-9一二三四五六七八九十昨今明前后次翌凌清早上中午下傍晚夜白深半未过]/;

/**
 * Finds the dates and times a text names and resolves them against the moment it was written:
 * 2025年4月13日6时, 4月13日, 13日凌晨, 今天下午, 今晨, 昨晚, 明天白天, 13日08时至14日08时,
 * 今天17时至明天8时, 未来24小时, 2025-04-13 06:00:00. A year left out is the one that puts the
 * date nearest `now`, as is the month of a bare day (13日). Parts of the day: 凌晨 0–6,
 * 早晨/上午 6–12, 中午 11–13, 下午 12–18, 傍晚 17–19, 晚上/夜间 18–24, 白天 8–20, 深夜 22–24.
 *
 * @example
 * ```ts
 * extractTimes('预计今天17时至明天8时有大风', { now: new Date('2025-04-13T02:30:00Z') });
 * // [{ text: '今天17时至明天8时', span: [2, 12], start: '2025-04-13T17:00:00+08:00',
 * //    end: '2025-04-14T08:00:00+08:00', precision: 'hour' }]
 * ```
 */
export function extractTimes(text: string, { now, timeZone = 'Asia/Shanghai' }: ExtractTimesOptions): TimeMention[] {
  const input = foldWidth(text);
  if (!TIME_WORD.test(input)) return [];
  const nowWall = now.getTime() + offsetAt(timeZone, now.getTime());
  const context: Context = { now: now.getTime(), today: calendarDayOfWall(nowWall), zone: timeZone };
  const mentions: TimeMention[] = [];
  START.lastIndex = 0;
  for (let found = START.exec(input); found; found = START.exec(input)) {
    const mention = readMention(input, found.index, context);
    if (!mention) continue;
    mentions.push({ ...mention, text: text.slice(mention.span[0], mention.span[1]) });
    START.lastIndex = mention.span[1];
  }
  return mentions;
}

function readMention(text: string, at: number, context: Context): Omit<TimeMention, 'text'> | undefined {
  const ahead = readSpanAhead(text, at, context) ?? readTwoDays(text, at, context);
  if (ahead) return ahead;
  const first = readPoint(text, at);
  if (!first || !standsAlone(first, text)) return undefined;
  const resolvedFirst = resolvePoint(first, context, undefined);
  if (!resolvedFirst) return undefined;

  const connector = stickyMatch(CONNECTOR, text, first.end);
  const second = connector ? readPoint(text, first.end + connector[0].length) : undefined;
  const resolvedSecond = second ? resolvePoint(second, context, resolvedFirst) : undefined;
  if (second && resolvedSecond && resolvedSecond.periodEnd > resolvedFirst.start) {
    return {
      span: [at, second.end],
      start: formatWall(resolvedFirst.start, context.zone),
      end: formatWall(resolvedSecond.periodEnd, context.zone),
      precision: resolvedFirst.precision,
    };
  }
  return {
    span: [at, first.end],
    start: formatWall(resolvedFirst.start, context.zone),
    end: resolvedFirst.precision === 'part-of-day' ? formatWall(resolvedFirst.periodEnd, context.zone) : null,
    precision: resolvedFirst.precision,
  };
}

// 未来24小时, 过去三天: a stretch of time measured from `now`.
function readSpanAhead(text: string, at: number, context: Context): Omit<TimeMention, 'text'> | undefined {
  const match = stickyMatch(SPAN_AHEAD, text, at);
  const amount = match ? parseChineseNumber(match[2] ?? '') : undefined;
  if (!match || !amount || !Number.isInteger(amount.value)) return undefined;
  const hours = match[3] === '小时';
  const { now, zone } = context;
  // Hours are elapsed time; days are calendar days, which a daylight-saving change can lengthen.
  const shift = (sign: number): string =>
    hours
      ? formatInstant(now + sign * amount.value * MS_PER_HOUR, zone)
      : formatWall(now + offsetAt(zone, now) + sign * amount.value * MS_PER_DAY, zone);
  const past = match[1] === '过去';
  return {
    span: [at, at + match[0].length],
    start: past ? shift(-1) : formatInstant(now, zone),
    end: past ? formatInstant(now, zone) : shift(1),
    precision: hours ? 'hour' : 'day',
  };
}

// 今明两天, 明后两天.
function readTwoDays(text: string, at: number, context: Context): Omit<TimeMention, 'text'> | undefined {
  const match = stickyMatch(TWO_DAYS, text, at);
  if (!match) return undefined;
  const first = wallTime(shiftDay(context.today, match[1] === '今明' ? 0 : 1), 0, 0);
  return {
    span: [at, at + match[0].length],
    start: formatWall(first, context.zone),
    end: formatWall(first + 2 * MS_PER_DAY, context.zone),
    precision: 'day',
  };
}

function readPoint(text: string, at: number): PointSyntax | undefined {
  let position = at;
  let date: DateSyntax | undefined;
  let part: PartOfDay | undefined;
  const short = stickyMatch(SHORT_RELATIVE, text, position);
  if (short) {
    date = { kind: 'relative', offset: DAY_OFFSETS[short[1] ?? ''] ?? 0, fromAnchor: false };
    part = SHORT_PARTS[short[2] ?? ''];
    position += short[0].length;
  } else {
    const read = readDate(text, position);
    if (read) {
      date = read.date;
      position = read.end;
    }
    position += stickyMatch(SPACE, text, position)?.[0].length ?? 0;
    const partMatch = stickyMatch(PART, text, position);
    if (partMatch) {
      part = PARTS_OF_DAY[partMatch[0]];
      position += partMatch[0].length;
    }
  }
  const clockStart = position + (stickyMatch(SPACE, text, position)?.[0].length ?? 0);
  const clock = readClock(text, clockStart, date !== undefined || part !== undefined);
  if (clock) position = clock.end;
  if (!date && !part && !clock) return undefined;
  return { start: at, end: position, date, part, clock: clock?.clock };
}

function readDate(text: string, at: number): { date: DateSyntax; end: number } | undefined {
  const full = stickyMatch(FULL_DATE, text, at) ?? stickyMatch(ISO_DATE, text, at);
  if (full) {
    const date: DateSyntax = {
      kind: 'absolute',
      year: Number(full[1]),
      month: Number(full[2]),
      day: full[3] === undefined ? undefined : Number(full[3]),
    };
    return { date, end: at + full[0].length };
  }
  const monthDay = stickyMatch(MONTH_DAY, text, at);
  if (monthDay) {
    const month = readSmall(monthDay[1]);
    const day = monthDay[2] === undefined ? undefined : readSmall(monthDay[2]);
    if (month === undefined || (monthDay[2] !== undefined && day === undefined)) return undefined;
    return { date: { kind: 'absolute', month, day }, end: at + monthDay[0].length };
  }
  const dayOfMonth = stickyMatch(DAY_OF_MONTH, text, at);
  if (dayOfMonth) {
    const day = readSmall(dayOfMonth[1]);
    return day === undefined ? undefined : { date: { kind: 'day-of-month', day }, end: at + dayOfMonth[0].length };
  }
  const relative = stickyMatch(RELATIVE_DAY, text, at);
  if (relative) {
    const fromAnchor = relative[0] === '次日' || relative[0] === '翌日';
    const offset = fromAnchor ? 1 : (DAY_OFFSETS[relative[0]] ?? 0);
    return { date: { kind: 'relative', offset, fromAnchor }, end: at + relative[0].length };
  }
  return undefined;
}

// A clock time without a date or part of day must look like one: 17:30, 17时, 8点半, 8点钟, but
// not 3点 (three points) or 一时 (for a moment).
function readClock(text: string, at: number, anchored: boolean): { clock: Clock; end: number } | undefined {
  const colon = stickyMatch(COLON_CLOCK, text, at);
  if (colon) {
    const clock = toClock(Number(colon[1]), Number(colon[2]), true);
    return clock && { clock, end: at + colon[0].length };
  }
  const match = stickyMatch(CLOCK, text, at);
  if (!match) return undefined;
  const [whole, hourText = '', unit, minuteText, half] = match;
  const arabic = /^\d/.test(hourText);
  const looksLikeClock = arabic && (unit !== '点' || minuteText !== undefined || half !== undefined);
  if (!anchored && !looksLikeClock) return undefined;
  const hour = readSmall(hourText);
  const minute = half ? 30 : minuteText === undefined ? 0 : readSmall(minuteText);
  if (hour === undefined || minute === undefined) return undefined;
  const clock = toClock(hour, minute, half !== undefined || minuteText !== undefined);
  return clock && { clock, end: at + whole.length };
}

function toClock(hour: number, minute: number, minutePrecise: boolean): Clock | undefined {
  return hour <= 24 && minute < 60 && (hour < 24 || minute === 0) ? { hour, minute, minutePrecise } : undefined;
}

// A bare day (13日) needs a time after it or a break, and a date written in numerals a time too.
function standsAlone(point: PointSyntax, text: string): boolean {
  if (point.date?.kind === 'relative' && point.date.fromAnchor) return false;
  if (!point.date) return point.clock !== undefined;
  if (point.date.kind !== 'day-of-month' || point.part || point.clock) return true;
  return /^\d/.test(text.slice(point.start)) && AFTER_BARE_DAY.test(text.slice(point.end, point.end + 1));
}

function resolvePoint(
  point: PointSyntax,
  context: Context,
  anchor: ResolvedPoint | undefined,
): ResolvedPoint | undefined {
  const day = resolveDay(point.date, context, anchor);
  if (!day) return undefined;
  const resolved = resolveTime(point, day);
  if (!resolved || !anchor || point.date !== undefined || resolved.start > anchor.start) return resolved;
  // 20时至8时: a later time of day that comes out earlier is on the next day.
  return resolveTime(point, shiftDay(day, 1));
}

function resolveDay(
  date: DateSyntax | undefined,
  context: Context,
  anchor: ResolvedPoint | undefined,
): CalendarDay | undefined {
  const base = anchor?.day ?? context.today;
  if (!date) return base;
  if (date.kind === 'relative') return shiftDay(date.fromAnchor ? base : context.today, date.offset);
  if (date.kind === 'day-of-month') {
    if (anchor) return nearestOnOrAfter(anchor.day, { ...anchor.day, day: date.day }, 'month');
    return nearest(
      context,
      [-1, 0, 1].map((months) => ({ ...monthShift(context.today, months), day: date.day })),
    );
  }
  const day = date.day ?? 1;
  if (date.year !== undefined) return validDay({ year: date.year, month: date.month, day });
  if (anchor) return nearestOnOrAfter(anchor.day, { year: anchor.day.year, month: date.month, day }, 'year');
  return nearest(
    context,
    [-1, 0, 1].map((years) => ({ year: context.today.year + years, month: date.month, day })),
  );
}

function resolveTime(point: PointSyntax, day: CalendarDay): ResolvedPoint | undefined {
  const { part, clock, date } = point;
  if (clock) {
    let hour = clock.hour;
    let onDay = day;
    if (part?.afternoon && hour < 12) {
      // 半夜2点 and 夜里3点 are after midnight; 下午3点 and 晚上8点 are not.
      if (part.from >= 18 && hour < 6) onDay = shiftDay(day, 1);
      else hour += 12;
    } else if (part && part.from === 0 && hour === 12) {
      hour = 0;
    }
    const start = wallTime(onDay, hour, clock.minute);
    return { day: onDay, start, periodEnd: start, precision: clock.minutePrecise ? 'minute' : 'hour' };
  }
  if (part) {
    return { day, start: wallTime(day, part.from, 0), periodEnd: wallTime(day, part.to, 0), precision: 'part-of-day' };
  }
  if (date?.kind === 'absolute' && date.day === undefined) {
    const start = wallTime(day, 0, 0);
    return { day, start, periodEnd: wallTime({ ...monthShift(day, 1), day: 1 }, 0, 0), precision: 'month' };
  }
  const start = wallTime(day, 0, 0);
  return { day, start, periodEnd: start + MS_PER_DAY, precision: 'day' };
}

// Nearest to today by calendar days; no time zone is needed to compare calendar days.
function nearest(context: Context, candidates: readonly CalendarDay[]): CalendarDay | undefined {
  let best: CalendarDay | undefined;
  let bestDistance = Infinity;
  const today = dayNumber(context.today);
  for (const candidate of candidates) {
    const valid = validDay(candidate);
    if (!valid) continue;
    const distance = Math.abs(dayNumber(valid) - today);
    if (distance < bestDistance) {
      best = valid;
      bestDistance = distance;
    }
  }
  return best;
}

// The second end of a range is not before the first: 13日至2日 runs into the next month.
function nearestOnOrAfter(
  anchor: CalendarDay,
  candidate: CalendarDay,
  step: 'month' | 'year',
): CalendarDay | undefined {
  const day = validDay(candidate);
  if (day && dayNumber(day) >= dayNumber(anchor)) return day;
  const next =
    step === 'month' ? { ...monthShift(candidate, 1), day: candidate.day } : { ...candidate, year: candidate.year + 1 };
  return validDay(next);
}

function monthShift(day: CalendarDay, months: number): { year: number; month: number } {
  const index = day.year * 12 + day.month - 1 + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

// Calendar arithmetic on the proleptic Gregorian calendar through UTC, which has no gaps.
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

function dayNumber(day: CalendarDay): number {
  return Date.UTC(day.year, day.month - 1, day.day) / MS_PER_DAY;
}

function validDay(day: CalendarDay): CalendarDay | undefined {
  if (day.month < 1 || day.month > 12 || day.day < 1 || day.day > 31) return undefined;
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCMonth() === day.month - 1 ? day : undefined;
}

function shiftDay(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function calendarDayOfWall(wall: number): CalendarDay {
  const date = new Date(wall);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function wallTime(day: CalendarDay, hour: number, minute: number): number {
  return Date.UTC(day.year, day.month - 1, day.day, hour, minute);
}

// Offsets only change at transitions, so one lookup per zone and quarter hour is enough; the
// memo is dropped when it grows, to stay bounded however many texts pass through.
const offsets = new Map<string, number>();
const MAX_MEMOIZED_OFFSETS = 4096;

/** Offset of `zone` from UTC at an instant, in milliseconds. */
function offsetAt(zone: string, instant: number): number {
  const key = `${zone}|${Math.floor(instant / (15 * MS_PER_MINUTE))}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = tzOffset(zone, new Date(instant)) * MS_PER_MINUTE;
    if (offsets.size >= MAX_MEMOIZED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

// A wall time in a gap (spring forward) comes out one offset-step later, as clocks read.
function formatWall(wall: number, zone: string): string {
  const guess = wall - offsetAt(zone, wall);
  return formatInstant(wall - offsetAt(zone, guess), zone);
}

function formatInstant(instant: number, zone: string): string {
  const offset = offsetAt(zone, instant);
  const minutes = Math.abs(offset) / MS_PER_MINUTE;
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${new Date(instant + offset).toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}

function readSmall(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseChineseNumber(text);
  return parsed && !parsed.approximate && Number.isInteger(parsed.value) ? parsed.value : undefined;
}

function stickyMatch(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}
