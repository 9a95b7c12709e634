import { MAX_QUARANTINE_BYTES, type CollectorIssue, type QuarantinedPayload } from './collector.js';
import type { CollectorIssueCode } from './issue-codes.js';

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Keeps what could not be processed, bounded: text stays text, bytes that are not known to be
 * text are kept as base64 so nothing is lost to a wrong decoding.
 *
 * @example
 * ```ts
 * quarantine('<rss><channel><item>').payloadEncoding; // 'text'
 * quarantine(new Uint8Array([0xff, 0xfe])).payloadEncoding; // 'base64'
 * ```
 */
export function quarantine(
  body: string | Uint8Array,
  meta: { readonly contentType?: string; readonly encoding?: string } = {},
): QuarantinedPayload {
  if (typeof body === 'string') {
    const bytes = encoder.encode(body);
    const truncated = bytes.byteLength > MAX_QUARANTINE_BYTES;
    // Cut on a character boundary: the decoder drops the partial last character.
    const payload = truncated
      ? new TextDecoder().decode(bytes.subarray(0, MAX_QUARANTINE_BYTES)).replace(/\uFFFD$/u, '')
      : body;
    return { payload, payloadEncoding: 'text', bytes: bytes.byteLength, truncated, ...meta };
  }
  const truncated = body.byteLength > MAX_QUARANTINE_BYTES;
  return {
    payload: toBase64(truncated ? body.subarray(0, MAX_QUARANTINE_BYTES) : body),
    payloadEncoding: 'base64',
    bytes: body.byteLength,
    truncated,
    ...meta,
  };
}

/**
 * Builds a {@link CollectorIssue}; `at` is the given clock's time. For writing collectors.
 *
 * @example
 * ```ts
 * makeIssue('EMW_PARSE_ITEM', 'xlgl', 'item 3 has no title or text', new Date(), { itemIndex: 3, fatal: false });
 * ```
 */
export function makeIssue(
  code: CollectorIssueCode,
  sourceId: string,
  reason: string,
  at: Date | string,
  extra: Partial<Omit<CollectorIssue, 'kind' | 'code' | 'sourceId' | 'reason' | 'at'>> = {},
): CollectorIssue {
  return { kind: 'issue', code, sourceId, reason, at: typeof at === 'string' ? at : at.toISOString(), ...extra };
}
