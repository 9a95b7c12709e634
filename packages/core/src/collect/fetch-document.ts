import { EmwatchError } from '../errors.js';
import { sha256Hex } from '../_internal/sha256.js';
import { MAX_RAW_PAYLOAD_BYTES, type RawItem } from '../model/raw-item.js';
import { decodeBody } from '../parse/decode-body.js';
import type { CollectorContext, CollectorIssue, SourceCursor } from './collector.js';
import { fetchLimited, FetchError } from './fetch-limited.js';
import { makeIssue, quarantine } from './make-issue.js';

/** What one fetch of a source's address gave. */
export type FetchedDocument =
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'document';
      readonly raw: RawItem;
      readonly cursor: SourceCursor;
      /** Non-fatal decoding problems (a declared charset the bytes contradict), to report beside the item. */
      readonly warnings: readonly CollectorIssue[];
    }
  | { readonly kind: 'issue'; readonly issue: CollectorIssue };

export interface FetchDocumentOptions {
  readonly sourceId: string;
  readonly url: string;
  /** `Accept` header. */
  readonly accept: string;
  /** Let this source reach loopback/private addresses (and be redirected to them). */
  readonly allowPrivate?: boolean | readonly string[];
  /** Validators from the source's cursor; omitted for documents fetched once (CAP index entries). */
  readonly cursor?: SourceCursor;
}

const mediaType = (contentType: string | null): string | undefined =>
  contentType?.split(';')[0]?.trim().toLowerCase() || undefined;

/**
 * Fetches one document politely and safely (conditional GET, limits, SSRF guard), decodes it to
 * text and wraps it as a {@link RawItem}. Never throws for a failed source: failures come back as an
 * issue carrying the bounded body, so nothing is lost. The building block of every polling adapter;
 * use it to write a new one.
 *
 * @example
 * ```ts
 * const fetched = await fetchDocument(ctx, { sourceId: 'xlgl', url: 'https://example.gov.cn/rss.xml', accept: '*\/*' });
 * if (fetched.kind === 'document') store.putRawItem(fetched.raw);
 * ```
 */
export async function fetchDocument(ctx: CollectorContext, options: FetchDocumentOptions): Promise<FetchedDocument> {
  const { sourceId, url, cursor } = options;
  const headers: Record<string, string> = { accept: options.accept };
  if (cursor?.etag) headers['if-none-match'] = cursor.etag;
  if (cursor?.lastModified) headers['if-modified-since'] = cursor.lastModified;
  let response;
  try {
    response = await fetchLimited(url, {
      fetch: ctx.fetch,
      signal: ctx.signal,
      limits: ctx.limits,
      headers,
      allowPrivate: options.allowPrivate,
      resolveHost: ctx.resolveHost,
    });
  } catch (error) {
    if (error instanceof FetchError) {
      return {
        kind: 'issue',
        issue: makeIssue(error.code, sourceId, error.message, ctx.now(), {
          url,
          fatal: true,
          ...(error.status === undefined ? {} : { status: error.status }),
          ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
          ...(error.body && error.body.byteLength > 0 ? { quarantine: quarantine(error.body) } : {}),
        }),
      };
    }
    throw error;
  }
  if (response.status === 304) return { kind: 'unchanged' };
  const contentType = response.headers.get('content-type');
  let decoded;
  try {
    decoded = decodeBody(response.body, { contentType: contentType ?? undefined });
  } catch (error) {
    const reason = error instanceof EmwatchError ? error.message : String(error);
    return {
      kind: 'issue',
      issue: makeIssue('EMW_DECODE', sourceId, `${url}: ${reason}`, ctx.now(), {
        url,
        fatal: true,
        quarantine: quarantine(response.body, { contentType: contentType ?? undefined }),
      }),
    };
  }
  // The hash is over the decoded text's UTF-8 bytes (RawItem's contract), so a source that
  // switches from GBK to UTF-8 without changing content is still recognised as unchanged.
  const utf8 = new TextEncoder().encode(decoded.text);
  const contentHash = sha256Hex(utf8);
  if (cursor?.contentHash === contentHash) return { kind: 'unchanged' };
  if (utf8.byteLength > MAX_RAW_PAYLOAD_BYTES) {
    return {
      kind: 'issue',
      issue: makeIssue(
        'EMW_FETCH_TOO_LARGE',
        sourceId,
        `${url}: decoded body exceeds ${MAX_RAW_PAYLOAD_BYTES} bytes`,
        ctx.now(),
        {
          url,
          fatal: true,
          quarantine: quarantine(response.body, { contentType: contentType ?? undefined, encoding: decoded.encoding }),
        },
      ),
    };
  }
  const fetchedAt = ctx.now().toISOString();
  const etag = response.headers.get('etag') ?? undefined;
  const lastModified = response.headers.get('last-modified') ?? undefined;
  const raw: RawItem = {
    id: `${sourceId}:${contentHash}`,
    sourceId,
    fetchedAt,
    payload: decoded.text,
    ...(mediaType(contentType) ? { contentType: mediaType(contentType) } : {}),
    encoding: decoded.encoding,
    provenance: {
      url: response.url,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      contentHash,
      status: response.status,
    },
  };
  return {
    kind: 'document',
    raw,
    warnings: decoded.warnings.map((warning) =>
      makeIssue('EMW_DECODE', sourceId, `${url}: ${warning}`, fetchedAt, { url, fatal: false }),
    ),
    cursor: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), contentHash, updatedAt: fetchedAt },
  };
}
