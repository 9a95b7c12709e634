import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256Hex } from '../_internal/sha256.js';
import { EmwatchError } from '../errors.js';
import { MAX_RAW_PAYLOAD_BYTES, type RawItem } from '../model/raw-item.js';
import { isSourceKind, type SourceKind } from '../model/signal.js';
import type { Collector, CollectorContext, CollectorIssue, ParsedItems, ParseOptions } from './collector.js';
import type { CollectorIssueCode } from './issue-codes.js';
import { makeIssue, quarantine } from './make-issue.js';
import { parsePostPayload, readPostRecord } from './_internal/post-record.js';

/** Options of {@link webhook}. */
export interface WebhookOptions {
  /** Id of the source; every raw item, signal and issue carries it. */
  readonly id: string;
  /** Shared with the senders; at least 16 bytes (UTF-8). Never appears in messages. */
  readonly secret: string;
  /** Kind of source the posts come from; `'social'` by default. A record's own `sourceKind` wins. */
  readonly sourceKind?: SourceKind;
  /** How far a request's timestamp may be from the receiver's clock, in seconds; 300 by default. */
  readonly toleranceSeconds?: number;
  /** Largest body accepted, in bytes; 1 MiB by default, at most 5 MiB. */
  readonly maxBodyBytes?: number;
  /** Accepted bodies held for `collect()`, in bytes, before new posts are refused with 503; 64 MiB by default. */
  readonly maxQueuedBytes?: number;
  /** Signatures remembered to refuse replays (each for the tolerance window); 50,000 by default. */
  readonly maxRemembered?: number;
  /** IANA zone for posted dates written without an offset; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
  /** The receiver's clock. */
  readonly now?: () => Date;
}

/** One HTTP request as the server hands it over: the body exactly as received. */
export interface WebhookRequest {
  readonly method: string;
  readonly headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body; the signature covers these exact bytes. */
  readonly body: Uint8Array | string;
}

/** What to answer the sender: the status and a JSON body saying why. */
export interface WebhookResponse {
  readonly status: number;
  readonly body: {
    readonly ok: boolean;
    readonly code?: CollectorIssueCode;
    readonly reason?: string;
    /** Records queued, on success. */
    readonly accepted?: number;
  };
}

/** A push source: the server passes each request to `handle()`; `collect()` drains what was accepted. */
export type WebhookCollector = Collector & {
  /** Checks, queues and answers one request; never throws for bad input. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /** Read at most this many bytes plus one of a body before handing it over (larger ones get 413). */
  readonly maxBodyBytes: number;
};

/** The headers {@link signWebhook} makes, to send with the body. */
export interface WebhookSignatureHeaders {
  readonly 'x-emwatch-timestamp': string;
  readonly 'x-emwatch-signature': string;
}

const DEFAULT_TOLERANCE_SECONDS = 300;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_REMEMBERED = 50_000;
const MIN_SECRET_BYTES = 16;
/** Rejected requests kept for `collect()`; older ones beyond it are counted, not kept. */
const MAX_KEPT_ISSUES = 1000;
/** Bytes of rejected bodies kept in those issues, all together: unsigned junk must not fill memory. */
const MAX_KEPT_QUARANTINE_BYTES = 8 * 1024 * 1024;
/** Record problems listed in one 400 answer. */
const MAX_LISTED_PROBLEMS = 5;

const encoder = new TextEncoder();
const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/u;
const TIMESTAMP_FORMAT = /^\d{1,12}$/u;

function optionsError(id: string, message: string): EmwatchError {
  return new EmwatchError('EMW_COLLECTOR_OPTIONS', `[emwatch] [webhook] source "${id}": ${message}`);
}

function secretKey(secret: unknown, id: string): Uint8Array {
  if (typeof secret !== 'string') throw optionsError(id, 'secret must be a string');
  const key = encoder.encode(secret);
  // The length is safe to say; the secret itself never appears in a message.
  if (key.byteLength < MIN_SECRET_BYTES) {
    throw optionsError(id, `secret must be at least ${MIN_SECRET_BYTES} bytes, got ${key.byteLength}`);
  }
  return key;
}

function hmacHex(key: Uint8Array, timestamp: string, body: Uint8Array): string {
  return bytesToHex(
    hmac
      .create(sha256, key)
      .update(encoder.encode(`${timestamp}.`))
      .update(body)
      .digest(),
  );
}

/** Compares two equal-length hex strings in time independent of where they differ. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * Signs a webhook body for emwatch: `X-Emwatch-Timestamp` is the Unix time in seconds and
 * `X-Emwatch-Signature` is `sha256=` and the lower-case hex HMAC-SHA256, keyed with the secret's
 * UTF-8 bytes, of the timestamp, a full stop and the body's exact bytes. Senders in other languages
 * do the same (`hmac.new(secret, f"{ts}.".encode() + body, sha256).hexdigest()` in Python).
 *
 * @example
 * ```ts
 * const body = JSON.stringify([{ text: '锡林浩特暴雪，能见度不足50米', publishedAt: '2025-04-13T06:20:00+08:00' }]);
 * await fetch('https://emwatch.example.cn/hooks/weibo', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', ...signWebhook(secret, body) },
 *   body,
 * });
 * ```
 */
export function signWebhook(
  secret: string,
  body: string | Uint8Array,
  timestamp: number | Date = new Date(),
): WebhookSignatureHeaders {
  const key = secretKey(secret, 'signWebhook');
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > 99_999_999_999) {
    throw new EmwatchError(
      'EMW_COLLECTOR_OPTIONS',
      `[emwatch] [webhook] signWebhook: timestamp ${String(timestamp)} is not Unix seconds (milliseconds are too large)`,
    );
  }
  const stamp = String(seconds);
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  return { 'x-emwatch-timestamp': stamp, 'x-emwatch-signature': `sha256=${hmacHex(key, stamp, bytes)}` };
}

function header(headers: WebhookRequest['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== name) continue;
    const value = record[key];
    // Repeated headers are joined as fetch's Headers joins them, so a duplicate never passes the format checks.
    return typeof value === 'string' ? value : value?.join(', ');
  }
  return undefined;
}

const isJsonMediaType = (contentType: string | undefined): boolean => {
  const media = contentType?.split(';')[0]?.trim().toLowerCase();
  return media === 'application/json' || (media !== undefined && /^application\/[\w.+-]+\+json$/u.test(media));
};

/**
 * Push ingestion: senders POST one record or an array of records (`PostRecord`: `text`, and
 * optionally `id`, `title`, `url`, `publishedAt`, `author`, `outlet`, `lat`/`lon`, `sourceKind`)
 * as JSON, signed with {@link signWebhook}. `handle()` checks the request and answers precisely:
 * 405 not POST, 413 too large, 415 not JSON, 401 missing or wrong signature
 * (`EMW_WEBHOOK_SIGNATURE`), 401 timestamp outside the tolerance (`EMW_WEBHOOK_STALE`, saying by
 * how much), 409 a signature already received (`EMW_WEBHOOK_REPLAY`), 400 bad JSON or records
 * (`EMW_WEBHOOK_BODY`, naming the record and field; the whole body is refused so the sender can
 * fix and resend it), 503 when `collect()` has fallen behind, else 202 with the count accepted.
 * Accepted bodies wait in memory (bounded) until `collect()` drains them, one raw item per body;
 * rejected requests come out of `collect()` as issues too (bounded), so an operator sees them.
 * Accepted bodies live only in memory until collected: have the scheduler collect often.
 *
 * @example
 * ```ts
 * const hook = webhook({ id: 'weibo-push', secret: process.env.EMWATCH_WEBHOOK_SECRET! });
 * createServer(async (req, res) => {
 *   const chunks: Buffer[] = [];
 *   for await (const chunk of req) chunks.push(chunk); // bound this at hook.maxBodyBytes + 1 in production
 *   const { status, body } = await hook.handle({ method: req.method!, headers: req.headers, body: Buffer.concat(chunks) });
 *   res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
 * }).listen(8080);
 * ```
 */
export function webhook(options: WebhookOptions): WebhookCollector {
  const { id } = options;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new EmwatchError('EMW_COLLECTOR_OPTIONS', '[emwatch] [webhook] id must be a non-empty string');
  }
  const key = secretKey(options.secret, id);
  const sourceKind = options.sourceKind ?? 'social';
  if (!isSourceKind(sourceKind)) throw optionsError(id, `sourceKind "${String(sourceKind)}" is not a source kind`);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  const maxRemembered = options.maxRemembered ?? DEFAULT_MAX_REMEMBERED;
  for (const [name, value] of [
    ['toleranceSeconds', tolerance],
    ['maxBodyBytes', maxBodyBytes],
    ['maxQueuedBytes', maxQueuedBytes],
    ['maxRemembered', maxRemembered],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw optionsError(id, `${name} must be a positive integer, got ${String(value)}`);
  }
  if (maxBodyBytes > MAX_RAW_PAYLOAD_BYTES) {
    throw optionsError(id, `maxBodyBytes ${maxBodyBytes} exceeds the raw item limit of ${MAX_RAW_PAYLOAD_BYTES} bytes`);
  }
  const timeZone = options.timeZone;
  const clock = options.now ?? (() => new Date());

  const accepted: { readonly raw: RawItem; readonly bytes: number }[] = [];
  let queuedBytes = 0;
  const rejected: CollectorIssue[] = [];
  let keptQuarantineBytes = 0;
  let droppedIssues = 0;
  /** Signature → when its timestamp leaves the window (ms): until then a repeat is a replay. */
  const remembered = new Map<string, number>();

  const forgetExpired = (nowMs: number): void => {
    for (const [signature, expires] of remembered) if (expires < nowMs) remembered.delete(signature);
  };

  const keep = (issue: CollectorIssue): void => {
    if (rejected.length >= MAX_KEPT_ISSUES) {
      droppedIssues++;
      return;
    }
    const bytes = issue.quarantine?.payload.length ?? 0;
    if (bytes > 0 && keptQuarantineBytes + bytes > MAX_KEPT_QUARANTINE_BYTES) {
      rejected.push(
        makeIssue(issue.code, id, `${issue.reason} (body not kept: quarantine memory full)`, issue.at, {
          ...(issue.status === undefined ? {} : { status: issue.status }),
        }),
      );
      return;
    }
    keptQuarantineBytes += bytes;
    rejected.push(issue);
  };

  const reject = (
    now: Date,
    status: number,
    code: CollectorIssueCode,
    reason: string,
    body?: Uint8Array,
  ): WebhookResponse => {
    keep(
      makeIssue(code, id, `webhook ${status}: ${reason}`, now, {
        status,
        ...(body && body.byteLength > 0 ? { quarantine: quarantineBody(body) } : {}),
      }),
    );
    return { status, body: { ok: false, code, reason } };
  };

  const handle = async (request: WebhookRequest): Promise<WebhookResponse> => {
    const now = clock();
    const nowMs = now.getTime();
    const method = String(request.method).toUpperCase();
    const bytes = typeof request.body === 'string' ? encoder.encode(request.body) : request.body;
    if (method !== 'POST')
      return reject(now, 405, 'EMW_WEBHOOK_BODY', `method ${method} not allowed: POST the records`);
    if (bytes.byteLength > maxBodyBytes) {
      return reject(
        now,
        413,
        'EMW_WEBHOOK_BODY',
        `body of ${bytes.byteLength} bytes exceeds the limit of ${maxBodyBytes} bytes`,
        bytes,
      );
    }
    const contentType = header(request.headers, 'content-type');
    if (!isJsonMediaType(contentType)) {
      return reject(
        now,
        415,
        'EMW_WEBHOOK_BODY',
        `content type ${contentType === undefined ? '(none)' : JSON.stringify(contentType)} is not JSON: send application/json`,
        bytes,
      );
    }
    const stamp = header(request.headers, 'x-emwatch-timestamp')?.trim();
    if (stamp === undefined)
      return reject(now, 401, 'EMW_WEBHOOK_SIGNATURE', 'missing X-Emwatch-Timestamp header', bytes);
    if (!TIMESTAMP_FORMAT.test(stamp)) {
      return reject(
        now,
        401,
        'EMW_WEBHOOK_SIGNATURE',
        `X-Emwatch-Timestamp ${JSON.stringify(stamp.slice(0, 40))} is not Unix seconds`,
        bytes,
      );
    }
    const signatureHeader = header(request.headers, 'x-emwatch-signature')?.trim();
    if (signatureHeader === undefined)
      return reject(now, 401, 'EMW_WEBHOOK_SIGNATURE', 'missing X-Emwatch-Signature header', bytes);
    const given = SIGNATURE_FORMAT.exec(signatureHeader.toLowerCase())?.[1];
    if (given === undefined) {
      return reject(
        now,
        401,
        'EMW_WEBHOOK_SIGNATURE',
        'X-Emwatch-Signature must be "sha256=" and 64 hex digits',
        bytes,
      );
    }
    // The signature is checked before the clock, so only a holder of the secret learns how far off its clock is.
    if (!constantTimeEqual(hmacHex(key, stamp, bytes), given)) {
      return reject(
        now,
        401,
        'EMW_WEBHOOK_SIGNATURE',
        'signature does not match: sign "<timestamp>.<body>" byte for byte as sent, with the shared secret',
        bytes,
      );
    }
    const skew = Math.floor(nowMs / 1000) - Number(stamp);
    if (Math.abs(skew) > tolerance) {
      const direction = skew > 0 ? 'older than' : 'ahead of';
      return reject(
        now,
        401,
        'EMW_WEBHOOK_STALE',
        `timestamp ${stamp} is ${Math.abs(skew)} s ${direction} the receiver's clock (tolerance ${tolerance} s)`,
        bytes,
      );
    }
    const seenUntil = remembered.get(given);
    if (seenUntil !== undefined && seenUntil >= nowMs) {
      return reject(
        now,
        409,
        'EMW_WEBHOOK_REPLAY',
        `a request with timestamp ${stamp} and this signature was already received`,
        bytes,
      );
    }

    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return reject(now, 400, 'EMW_WEBHOOK_BODY', 'body is not valid UTF-8', bytes);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return reject(
        now,
        400,
        'EMW_WEBHOOK_BODY',
        `body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        bytes,
      );
    }
    const records: unknown[] = Array.isArray(value) ? value : [value];
    if (records.length === 0) return reject(now, 400, 'EMW_WEBHOOK_BODY', 'body is an empty array: no records', bytes);
    const problems: string[] = [];
    records.forEach((record, index) => {
      for (const problem of readPostRecord(record, timeZone === undefined ? {} : { timeZone }).problems) {
        problems.push(Array.isArray(value) ? `record ${index}: ${problem.reason}` : problem.reason);
      }
    });
    if (problems.length > 0) {
      const more = problems.length - MAX_LISTED_PROBLEMS;
      const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
      return reject(now, 400, 'EMW_WEBHOOK_BODY', more > 0 ? `${listed}; and ${more} more` : listed, bytes);
    }

    if (queuedBytes + bytes.byteLength > maxQueuedBytes) {
      return reject(
        now,
        503,
        'EMW_SOURCE_FAILED',
        `${queuedBytes} bytes are waiting for collect() (limit ${maxQueuedBytes}): retry later`,
      );
    }
    if (remembered.size >= maxRemembered) forgetExpired(nowMs);
    if (remembered.size >= maxRemembered) {
      // Forgetting a live signature would open a replay hole; refusing keeps memory bounded instead.
      return reject(
        now,
        503,
        'EMW_SOURCE_FAILED',
        `more than ${maxRemembered} requests within ${tolerance} s: retry later`,
      );
    }
    // Kept one second past the window, since the skew above is counted in whole seconds.
    remembered.set(given, (Number(stamp) + tolerance + 1) * 1000);

    const contentHash = sha256Hex(text);
    const raw: RawItem = {
      id: `${id}:${contentHash}`,
      sourceId: id,
      fetchedAt: now.toISOString(),
      payload: text,
      contentType: 'application/json',
      encoding: 'utf-8',
      provenance: { contentHash },
    };
    accepted.push({ raw, bytes: bytes.byteLength });
    queuedBytes += bytes.byteLength;
    return { status: 202, body: { ok: true, accepted: records.length } };
  };

  return {
    id,
    kind: 'webhook',
    sourceKind,
    maxBodyBytes,
    handle,
    async *collect(ctx: CollectorContext): AsyncIterable<RawItem | CollectorIssue> {
      while (!ctx.signal.aborted) {
        if (droppedIssues > 0) {
          const count = droppedIssues;
          droppedIssues = 0;
          yield makeIssue(
            'EMW_SOURCE_FAILED',
            id,
            `${count} more rejected webhook request${count === 1 ? ' was' : 's were'} not kept (limit ${MAX_KEPT_ISSUES} between collections)`,
            ctx.now(),
          );
          continue;
        }
        const issue = rejected[0];
        const entry = issue ? undefined : accepted[0];
        const next = issue ?? entry?.raw;
        if (next === undefined) return;
        yield next;
        // Removed only once the consumer asks for more: an item the consumer never took stays queued.
        if (issue && rejected[0] === issue) {
          rejected.shift();
          keptQuarantineBytes -= issue.quarantine?.payload.length ?? 0;
        } else if (entry && accepted[0] === entry) {
          accepted.shift();
          queuedBytes -= entry.bytes;
        }
      }
    },
    parse(raw: RawItem, parseOptions: ParseOptions = {}): ParsedItems {
      const zone = timeZone ?? parseOptions.timeZone;
      return parsePostPayload(raw, {
        sourceKind,
        where: 'webhook body',
        ...(zone === undefined ? {} : { timeZone: zone }),
        ...(parseOptions.collectedAt === undefined ? {} : { collectedAt: parseOptions.collectedAt }),
      });
    },
    dispose(): void {
      accepted.length = 0;
      rejected.length = 0;
      remembered.clear();
      queuedBytes = 0;
      keptQuarantineBytes = 0;
      droppedIssues = 0;
    },
  };
}

/** A rejected body kept as text when it is UTF-8 (the usual case), else as bytes. */
function quarantineBody(bytes: Uint8Array): CollectorIssue['quarantine'] {
  try {
    return quarantine(new TextDecoder('utf-8', { fatal: true }).decode(bytes), { contentType: 'application/json' });
  } catch {
    return quarantine(bytes);
  }
}
