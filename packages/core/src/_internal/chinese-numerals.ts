/** A number read from text. */
export interface ParsedNumber {
  /**
   * The figure as written. For approximate numbers this is the round figure named
   * (十余 → 10, 数十 → 10, 近百 → 100, 两万余 → 20000), not a guess at the real count.
   */
  readonly value: number;
  /** True when the text hedges the figure (约, 近, 余, 多, 几, 数, 来, 许, 左右, …). */
  readonly approximate: boolean;
}

/** A number found in a longer text, with where it is. */
export interface NumberMatch extends ParsedNumber {
  /** Offset of the number's first code unit (hedging prefixes such as 约 included). */
  readonly start: number;
  /** Offset just past the number (hedging suffixes such as 余 included). */
  readonly end: number;
}

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

// Hedges before the figure; 上 only counts in 上百/上千/上万 (elsewhere it is "on", "up").
const PREFIXES = ['大约', '将近', '超过', '约', '近', '逾', '超'] as const;
const SUFFIXES = ['左右', '上下'] as const;
const TRAILING_HEDGES = new Set(['余', '多', '来', '许']);
const VAGUE_DIGITS = new Set(['几', '数']);
const BIG_UNITS = new Set(['百', '千', '万', '亿']);
const ROUND_AFTER_SHANG = new Set(['百', '千', '万']);

// Everything a number (with its hedges) can be made of, for scanning outwards from a position.
const NUMBER_CHAR =
  /[0-9０-９.．,零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿几数余多来许约近逾超上大将过]/;
const MAX_NUMBER_LENGTH = 16;

/**
 * Reads a whole string as a number written in Arabic digits (half- or full-width), Chinese
 * numerals or a mix of both, with hedges such as 约, 余 or 近 marking it approximate.
 * Returns `undefined` when the string is not exactly one number.
 *
 * @example
 * ```ts
 * parseChineseNumber('一百零五'); // { value: 105, approximate: false }
 * parseChineseNumber('1.2万'); // { value: 12000, approximate: false }
 * parseChineseNumber('十余'); // { value: 10, approximate: true }
 * parseChineseNumber('人'); // undefined
 * ```
 */
export function parseChineseNumber(text: string): ParsedNumber | undefined {
  const { core, hedged } = splitHedges(text.trim());
  const parsed = readNumerals(core);
  return parsed && { value: parsed.value, approximate: hedged || parsed.approximate };
}

// 约30, 近百, 上千, 50左右: the hedge words around the figure.
function splitHedges(text: string): { core: string; hedged: boolean } {
  let core = text;
  let hedged = false;
  const suffix = SUFFIXES.find((candidate) => core.endsWith(candidate));
  if (suffix) {
    core = core.slice(0, -suffix.length);
    hedged = true;
  }
  const prefix = PREFIXES.find((candidate) => core.startsWith(candidate));
  if (prefix) return { core: core.slice(prefix.length), hedged: true };
  if (core[0] === '上' && ROUND_AFTER_SHANG.has(core[1] ?? '')) return { core: core.slice(1), hedged: true };
  return { core, hedged };
}

// The figure itself: digits, numerals and units, with 余/多/几/数 inside or after it.
function readNumerals(input: string): ParsedNumber | undefined {
  let i = 0;
  let approximate = false;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let digitIsChinese = false;
  let lastUnit = 0;
  let zeroSinceUnit = false;
  let seen = false;

  while (i < input.length) {
    const char = input[i];
    const code = char.charCodeAt(0);
    if (isAsciiOrWideDigit(code)) {
      if (digit !== undefined) return undefined;
      const end = readArabic(input, i);
      const value = Number(toAsciiDigits(input.slice(i, end)).replaceAll(',', ''));
      if (!Number.isFinite(value)) return undefined;
      digit = value;
      digitIsChinese = false;
      seen = true;
      i = end;
      continue;
    }
    const chineseDigit = DIGITS[char];
    if (chineseDigit !== undefined) {
      if (digit !== undefined) {
        // Digit by digit, as in 二〇二五; never after an Arabic run.
        if (!digitIsChinese) return undefined;
        digit = digit * 10 + chineseDigit;
      } else if (chineseDigit === 0) {
        zeroSinceUnit = true;
      } else {
        digit = chineseDigit;
        digitIsChinese = true;
      }
      seen = true;
      i++;
      continue;
    }
    const unit = SMALL_UNITS[char];
    if (unit !== undefined) {
      section += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
      zeroSinceUnit = false;
      seen = true;
      i++;
      continue;
    }
    if (char === '万' || char === '亿') {
      const value = section + (digit ?? 0) || 1;
      total = char === '万' ? total + value * 1e4 : (total + value) * 1e8;
      section = 0;
      digit = undefined;
      lastUnit = char === '万' ? 1e4 : 1e8;
      zeroSinceUnit = false;
      seen = true;
      i++;
      continue;
    }
    if (VAGUE_DIGITS.has(char)) {
      // 数十 / 几百 name the round figure; 十几 / 十数 hedge the one before.
      const next = input[i + 1] ?? '';
      if (SMALL_UNITS[next] !== undefined || BIG_UNITS.has(next)) {
        if (digit !== undefined) return undefined;
        digit = 1;
        digitIsChinese = true;
      } else if (!seen) {
        return undefined;
      }
      approximate = true;
      i++;
      continue;
    }
    if (TRAILING_HEDGES.has(char) && seen) {
      approximate = true;
      i++;
      continue;
    }
    return undefined;
  }
  if (!seen) return undefined;

  // Spoken shorthand: 三千二 is 3200 and 一百五 is 150, but 一百零五 is 105.
  if (digit !== undefined && digitIsChinese && lastUnit >= 100 && !zeroSinceUnit && digit < 10) {
    digit *= lastUnit / 10;
  }
  const value = total + section + (digit ?? 0);
  return { value: Math.round(value * 1e6) / 1e6, approximate };
}

/**
 * Finds the number that ends exactly at `end` in `text` (e.g. the 两 of 两死), reading back over
 * at most 16 characters and keeping the longest reading that parses.
 *
 * @example
 * ```ts
 * findNumberBefore('致两死三伤', 2); // { value: 2, approximate: false, start: 1, end: 2 }
 * findNumberBefore('共十余人', 3); // { value: 10, approximate: true, start: 1, end: 3 }
 * ```
 */
export function findNumberBefore(text: string, end: number): NumberMatch | undefined {
  let start = end;
  while (start > 0 && end - start < MAX_NUMBER_LENGTH && NUMBER_CHAR.test(text[start - 1])) start--;
  for (let from = start; from < end; from++) {
    const parsed = parseChineseNumber(text.slice(from, end));
    if (parsed) return { ...parsed, start: from, end };
  }
  return undefined;
}

/**
 * Finds the number that starts exactly at `start` in `text` (e.g. the 7 of 被困人员7人), reading
 * forward over at most 16 characters and keeping the longest reading that parses.
 *
 * @example
 * ```ts
 * findNumberAfter('被困人员7人', 4); // { value: 7, approximate: false, start: 4, end: 5 }
 * ```
 */
export function findNumberAfter(text: string, start: number): NumberMatch | undefined {
  let end = start;
  while (end < text.length && end - start < MAX_NUMBER_LENGTH && NUMBER_CHAR.test(text[end])) end++;
  for (let to = end; to > start; to--) {
    const parsed = parseChineseNumber(text.slice(start, to));
    if (parsed) return { ...parsed, start, end: to };
  }
  return undefined;
}

function isAsciiOrWideDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

// An Arabic run: digits, thousands commas (1,200) and one decimal point (1.2, 1．2).
function readArabic(text: string, from: number): number {
  let i = from;
  let point = false;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isAsciiOrWideDigit(code)) {
      i++;
    } else if ((code === 0x2e || code === 0xff0e) && !point && isAsciiOrWideDigit(text.charCodeAt(i + 1))) {
      point = true;
      i++;
    } else if (code === 0x2c && !point && /^\d{3}(?!\d)/.test(toAsciiDigits(text.slice(i + 1, i + 5)))) {
      i++;
    } else {
      break;
    }
  }
  return i;
}

function toAsciiDigits(text: string): string {
  return text.replace(/[０-９．]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}
