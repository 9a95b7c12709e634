import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RawItem } from '../model/raw-item.js';
import type { RegionPack } from '../model/region-pack.js';
import type { Signal, SourceKind } from '../model/signal.js';
import type { CollectorIssueCode } from './issue-codes.js';

/**
 * The adapters emwatch ships, one file each in `collect/`.
 *
 * @example
 * ```ts
 * COLLECTOR_KINDS.includes('rss'); // true
 * ```
 */
export const COLLECTOR_KINDS = [
  'rss',
  'cap',
  'quake-feed',
  'fire-hotspots',
  'json-api',
  'webhook',
  'replay',
  'import-file',
] as const;

/** Which adapter a collector is. */
export type CollectorKind = (typeof COLLECTOR_KINDS)[number];

/**
 * What a collector remembers about its source between runs: the validators for conditional GET and
 * the ids it has already delivered. Persisted by the caller (a `Store`) after the items it covers
 * were kept, so a restart neither skips nor repeats.
 */
export interface SourceCursor {
  /** `ETag` of the last 200 response, for `If-None-Match`. */
  readonly etag?: string;
  /** `Last-Modified` of the last 200 response, for `If-Modified-Since`. */
  readonly lastModified?: string;
  /** Content hash of the last document, so an unchanged body without validators is not parsed again. */
  readonly contentHash?: string;
  /** Newest publication time delivered so far (replays and imports resume after it). */
  readonly position?: string;
  /** When the cursor was written. */
  readonly updatedAt: IsoDateTime;
}

/** Reads and writes one source's cursor. */
export interface CursorHandle {
  get(): Promise<SourceCursor | undefined>;
  set(cursor: SourceCursor): Promise<void>;
}

/** Bounds every network read. All are optional in the context; {@link DEFAULT_FETCH_LIMITS} fills the rest. */
export interface FetchLimits {
  /** Milliseconds until the response headers must have arrived. */
  readonly connectTimeoutMs: number;
  /** Milliseconds the whole body may take, counted from the request. */
  readonly readTimeoutMs: number;
  /** Largest body accepted, in bytes; a larger one is refused, never truncated. */
  readonly maxBytes: number;
  /** Redirects followed before giving up. */
  readonly maxRedirects: number;
}

/**
 * The platform a collector runs on, passed to every `collect()` call: tests and browsers bring
 * their own `fetch` and clock.
 */
export interface CollectorContext {
  /** The WHATWG fetch to use (redirects are followed by emwatch itself, with `redirect: 'manual'`). */
  readonly fetch: typeof globalThis.fetch;
  /** The current time. */
  readonly now: () => Date;
  /** Aborts the run (shutdown, scheduler timeout). */
  readonly signal: AbortSignal;
  /** This source's cursor. */
  readonly cursor: CursorHandle;
  /** Overrides of the default network limits. */
  readonly limits?: Partial<FetchLimits>;
  /**
   * Resolves a host name to its IP addresses, so the SSRF guard can refuse names that point at
   * private networks. Without it only literal addresses and `localhost` are checked (browsers);
   * `@emwatch/core/node` provides one backed by `dns.lookup`.
   */
  readonly resolveHost?: (hostname: string) => Promise<readonly string[]>;
}

/** Raw bytes of something that could not be processed, kept so an operator can see and replay it. */
export interface QuarantinedPayload {
  /** The body decoded as text when it could be, else base64 of the bytes. */
  readonly payload: string;
  readonly payloadEncoding: 'text' | 'base64';
  /** Byte length of the original body. */
  readonly bytes: number;
  /** True when `payload` holds only the first {@link MAX_QUARANTINE_BYTES} bytes. */
  readonly truncated: boolean;
  readonly contentType?: string;
  /** Character encoding the body was (or was declared to be) in. */
  readonly encoding?: string;
}

/** Largest payload kept in quarantine per issue (bytes); beyond it the payload is truncated and marked. */
export const MAX_QUARANTINE_BYTES = 256 * 1024;

/**
 * One problem a collector met: it never stops the run. The `code` is stable (see
 * {@link COLLECTOR_ISSUE_CODES}); `reason` says what was wrong with which input.
 *
 * @example
 * ```ts
 * const issue: CollectorIssue = {
 *   kind: 'issue', code: 'EMW_PARSE_DATE', sourceId: 'nmc', url: 'https://…/rss.xml',
 *   reason: 'item 3: pubDate "昨天" is not a date', at: '2025-04-13T06:00:00+08:00', itemIndex: 3,
 * };
 * ```
 */
export interface CollectorIssue {
  readonly kind: 'issue';
  readonly code: CollectorIssueCode;
  readonly sourceId: string;
  /** Address involved, if any. */
  readonly url?: string;
  /** What was wrong, in plain words, naming the input. */
  readonly reason: string;
  /** When the issue arose. */
  readonly at: IsoDateTime;
  /** Position of the offending entry in its document (0-based), for item-level problems. */
  readonly itemIndex?: number;
  /** HTTP status, when the problem was a response. */
  readonly status?: number;
  /** How long the source asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  /** The input that could not be processed, when there was one. */
  readonly quarantine?: QuarantinedPayload;
  /** True when the whole input was rejected (nothing parsed), false when only part of it was. */
  readonly fatal?: boolean;
}

/** Options every parse call takes. */
export interface ParseOptions {
  /** IANA zone for dates written without an offset; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
  /** Region pack used to map geocodes and points to units. */
  readonly region?: RegionPack;
  /** Collection time to stamp on signals; the raw item's `fetchedAt` by default. */
  readonly collectedAt?: IsoDateTime;
}

/** What parsing one raw item gave: the signals and the problems met on the way. */
export interface ParsedItems {
  readonly signals: readonly Signal[];
  readonly issues: readonly CollectorIssue[];
}

/**
 * A source adapter: `collect()` turns the outside world into raw items (one per fetched document or
 * pushed message) and issues; `parse()` turns one raw item into signals. Both keep going past bad
 * input and report it as issues.
 */
export interface Collector {
  /** Id of the configured source; every raw item, signal and issue carries it. */
  readonly id: string;
  readonly kind: CollectorKind;
  /** Kind of source the signals come from (authority for scoring). */
  readonly sourceKind: SourceKind;
  /** The configured address, for health pages and the SSRF allow-list; absent for pushed sources. */
  readonly url?: string;
  /** Fetches (or drains) what is new. Never throws for bad input: problems are yielded as issues. */
  collect(ctx: CollectorContext): AsyncIterable<RawItem | CollectorIssue>;
  /** Parses one raw item this collector produced. Pure: no I/O. */
  parse(raw: RawItem, options?: ParseOptions): ParsedItems;
  /** Releases timers, queues or handles. */
  dispose?(): void | Promise<void>;
}

/**
 * Tells an issue from a raw item in what `collect()` yields.
 *
 * @example
 * ```ts
 * for await (const out of collector.collect(ctx)) if (isCollectorIssue(out)) console.error(out.reason);
 * ```
 */
export function isCollectorIssue(value: RawItem | CollectorIssue): value is CollectorIssue {
  return (value as CollectorIssue).kind === 'issue';
}
