import type { IsoDateTime } from './iso-date-time.js';

/**
 * Largest payload a {@link RawItem} may carry: 5 MiB, counted as the UTF-8 bytes of the decoded
 * text. Collectors refuse larger bodies with an error instead of truncating them (a truncated
 * feed, CAP document or JSON body would not parse).
 *
 * @example
 * ```ts
 * new TextEncoder().encode(body).byteLength <= MAX_RAW_PAYLOAD_BYTES;
 * ```
 */
export const MAX_RAW_PAYLOAD_BYTES = 5 * 1024 * 1024;

/** Where a raw item came from and how to recognise it again. */
export interface RawItemProvenance {
  /** Address the payload was fetched from; absent for pushed items (webhooks) and replays without one. */
  readonly url?: string;
  /** HTTP `ETag` response header, verbatim, for conditional GET. */
  readonly etag?: string;
  /** HTTP `Last-Modified` response header, verbatim (an RFC 9110 HTTP date), for conditional GET. */
  readonly lastModified?: string;
  /** SHA-256 of the payload's UTF-8 bytes, 64 lower-case hex digits. */
  readonly contentHash: string;
  /** HTTP status code of the response, e.g. `200`; absent when not fetched over HTTP. */
  readonly status?: number;
}

/**
 * One unit of collected input, exactly as a source delivered it (a feed document, a CAP
 * message, a JSON body, a webhook post), before any parsing.
 *
 * @example
 * ```ts
 * const item: RawItem = {
 *   id: 'nmc-rss:3f1c…',
 *   sourceId: 'nmc-rss',
 *   fetchedAt: '2024-07-21T14:05:00+08:00',
 *   payload: '<?xml version="1.0"?><rss>…</rss>',
 *   contentType: 'application/rss+xml',
 *   encoding: 'utf-8',
 *   provenance: { url: 'https://example.org/feed.xml', contentHash: '3f1c…', status: 200 },
 * };
 * ```
 */
export interface RawItem {
  /** Stable identifier derived from `sourceId` and `provenance.contentHash`: the same content from the same source has the same id. */
  readonly id: string;
  /** Id of the configured source that produced the item. */
  readonly sourceId: string;
  /** When the item was fetched or received (ISO 8601 with offset). */
  readonly fetchedAt: IsoDateTime;
  /** The body decoded to text; at most {@link MAX_RAW_PAYLOAD_BYTES} bytes in UTF-8. */
  readonly payload: string;
  /** Media type without parameters, e.g. `'application/rss+xml'`, as declared by the source or sniffed. */
  readonly contentType?: string;
  /** Character encoding the body was decoded from (WHATWG label), e.g. `'utf-8'` or `'gb18030'`. */
  readonly encoding?: string;
  /** Where the item came from and its content hash. */
  readonly provenance: RawItemProvenance;
}
