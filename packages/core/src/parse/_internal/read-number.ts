// A plain decimal number as JSON and CSV sources write it, optionally signed, with an optional
// exponent. Hex, `Infinity`, `NaN`, thousands separators and trailing units are refused: a feed
// that writes `"4.6级"` has changed format, and guessing would hide it.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/u;

/**
 * Reads a number that a source may write as a JSON number or as a string (`"3.1"`, `" 40.52 "`).
 * `undefined` when the value is absent, empty or not a finite decimal number; use
 * {@link isAbsent} to tell a missing value from a wrong one in a message.
 */
export function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 64 || !DECIMAL.test(text)) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/** True for a value a source left out: `undefined`, `null` or a blank string. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A short, bounded rendering of an input value for an issue's reason. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
