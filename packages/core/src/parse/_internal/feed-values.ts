import type { LonLat } from '../../model/geo.js';
import type { IsoDateTime } from '../../model/iso-date-time.js';
import type { CollectorIssueCode } from '../../collect/issue-codes.js';
import { readFeedDate } from './feed-dates.js';

/** A problem met while reading one feed, before it becomes a collector issue. */
export interface FeedProblemDraft {
  readonly code: CollectorIssueCode;
  readonly reason: string;
  readonly itemIndex?: number;
}

/** What the readers share while reading one document. */
export interface FeedReadContext {
  readonly timeZone: string | undefined;
  readonly problems: FeedProblemDraft[];
}

const MAX_QUOTED = 80;

/** A value quoted for a problem's reason, bounded so a hostile value cannot flood the log. */
export function quote(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > MAX_QUOTED ? `${flat.slice(0, MAX_QUOTED)}…` : flat);
}

/** How a problem names an entry: its position and, when it has one, its title. Built only when a problem is reported. */
export class EntryLabel {
  constructor(
    readonly kind: 'item' | 'entry',
    readonly index: number,
    readonly title: string | undefined,
  ) {}

  toString(): string {
    return this.title ? `${this.kind} ${this.index} ${quote(this.title)}` : `${this.kind} ${this.index}`;
  }
}

/**
 * An absolute http(s) address from a link as written, resolved against `base`; undefined for
 * other schemes (javascript:, mailto:, data:) and for relative links without a base.
 */
export function resolveLink(value: string | undefined, base: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/**
 * A date as ISO 8601 with offset; an unparseable one is reported (naming the entry and the
 * value) and gives undefined, never the current time.
 */
export function readDate(
  value: string | undefined,
  field: string,
  label: EntryLabel,
  itemIndex: number | undefined,
  context: FeedReadContext,
): IsoDateTime | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = readFeedDate(value, context.timeZone);
  if (parsed === null) {
    context.problems.push({
      code: 'EMW_PARSE_DATE',
      reason: `${label}: ${field} ${quote(value)} is not a date`,
      ...(itemIndex === undefined ? {} : { itemIndex }),
    });
    return undefined;
  }
  return parsed;
}

/** `[lon, lat]` from a latitude and a longitude as written; undefined when either is not a coordinate. */
export function readPoint(lat: string | number | undefined, lon: string | number | undefined): LonLat | undefined {
  if (lat === undefined || lon === undefined) return undefined;
  const latitude = typeof lat === 'number' ? lat : Number(lat.trim());
  const longitude = typeof lon === 'number' ? lon : Number(lon.trim());
  if (typeof lat === 'string' && lat.trim() === '') return undefined;
  if (typeof lon === 'string' && lon.trim() === '') return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return [longitude, latitude];
}

/** A non-negative integer byte count as written (`length`, `size_in_bytes`), else undefined. */
export function readLength(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

/** The name in an RSS `author` written as `email (Name)`; other forms as written. */
export function readAuthor(value: string | undefined): string | undefined {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  if (!trimmed) return undefined;
  const named = /^[^\s()@]+@[^\s()]+\s*\(([^()]+)\)$/.exec(trimmed);
  return named ? named[1]!.trim() : trimmed;
}
