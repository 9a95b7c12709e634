import { EmwatchError } from '../errors.js';
import { findBlockedAddress, isAllowed, parseAllowEntry, type AllowEntry } from './_internal/address-guard.js';
import { MAX_QUARANTINE_BYTES, type FetchLimits } from './collector.js';
import type { CollectorIssueCode } from './issue-codes.js';

/**
 * The limits every fetch runs under unless a source overrides them: 10 s for the headers, 30 s
 * for the whole response, 5 MiB of body (the largest raw item a collector keeps) and 5 redirects.
 *
 * @example
 * ```ts
 * await fetchLimited(url, { fetch, limits: { ...DEFAULT_FETCH_LIMITS, readTimeoutMs: 60_000 } });
 * ```
 */
export const DEFAULT_FETCH_LIMITS: FetchLimits = Object.freeze({
  connectTimeoutMs: 10_000,
  readTimeoutMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
});

/**
 * The `User-Agent` emwatch sends, so site operators can see who polls them and how to reach us.
 * Browsers do not let scripts set it and keep their own.
 *
 * @example
 * ```ts
 * DEFAULT_USER_AGENT; // 'emwatch/0.1.0 (+https://github.com/emwatch)'
 * ```
 */
export const DEFAULT_USER_AGENT = 'emwatch/0.1.0 (+https://github.com/emwatch)';

/** Longest `Retry-After` honoured; a server asking for more is retried after a day. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** Headers that must not follow a redirect to another origin (the fetch standard drops `authorization` too). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** Options of {@link fetchLimited}. */
export interface FetchLimitedOptions {
  /** The WHATWG fetch to use; it is called with `redirect: 'manual'`. */
  readonly fetch: typeof fetch;
  /** Aborts the request and the body read. */
  readonly signal?: AbortSignal;
  /** Overrides of {@link DEFAULT_FETCH_LIMITS}. */
  readonly limits?: Partial<FetchLimits>;
  /** Request headers (names in any case). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Lets requests reach loopback, private and link-local addresses: `true` for any, or a list of
   * `host` / `host:port` entries (e.g. `['127.0.0.1:8080', 'intranet.example']`) checked on every hop.
   */
  readonly allowPrivate?: boolean | readonly string[];
  /** Resolves a host name to its addresses so names pointing at private networks are refused too. */
  readonly resolveHost?: (host: string) => Promise<readonly string[]>;
  /** `User-Agent` header; {@link DEFAULT_USER_AGENT} by default, except in browsers, which send their own. */
  readonly userAgent?: string;
}

/** What {@link fetchLimited} got: the final response with its whole (bounded) body. */
export interface LimitedResponse {
  /** Final URL, after redirects. */
  readonly url: string;
  /** HTTP status: 2xx, or 304 with an empty body. */
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
  /** The addresses that answered with a redirect, in order (empty when there was none). */
  readonly redirects: readonly string[];
}

/** Extra facts a {@link FetchError} carries. */
export interface FetchErrorDetails {
  readonly cause?: unknown;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly body?: Uint8Array;
}

/**
 * A fetch that failed: a stable collector issue code, the URL, and when there was one, the
 * status, how long the server asked us to wait and the body read so far (bounded, for quarantine).
 *
 * @example
 * ```ts
 * try { await fetchLimited(url, { fetch }); } catch (error) {
 *   if (error instanceof FetchError && error.code === 'EMW_FETCH_RATE_LIMITED') wait(error.retryAfterMs);
 * }
 * ```
 */
export class FetchError extends EmwatchError {
  declare readonly code: CollectorIssueCode;
  /** The URL of the request that failed (the redirect hop, when it was one). */
  readonly url: string;
  readonly status?: number;
  /** Milliseconds the server asked us to wait (`Retry-After`), capped at a day. */
  readonly retryAfterMs?: number;
  /** Body bytes read before the failure, at most {@link MAX_QUARANTINE_BYTES} + 1 (one more marks truncation). */
  readonly body?: Uint8Array;

  constructor(code: CollectorIssueCode, url: string, reason: string, details: FetchErrorDetails = {}) {
    super(code, `[emwatch] [fetch] ${url}: ${reason}`, details.cause === undefined ? {} : { cause: details.cause });
    this.name = 'FetchError';
    this.url = url;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.body !== undefined) this.body = details.body;
  }
}

type AbortPhase = 'connect' | 'read' | 'caller';

/**
 * Browsers keep their own User-Agent: Chrome ignores a script's, and Firefox sends it but then
 * needs a CORS preflight, which breaks feeds that allow only simple cross-origin requests.
 * Browsers identify as `Mozilla/…`; Node, Deno and Bun do not.
 */
const inBrowser = (): boolean =>
  typeof navigator !== 'undefined' && /^Mozilla\//u.test((navigator as { userAgent?: string }).userAgent ?? '');

/** Bytes kept from a body we will not use (errors, oversize): one more than quarantine keeps, so it marks them truncated. */
const KEEP_BYTES = MAX_QUARANTINE_BYTES + 1;

function resolveLimits(partial: Partial<FetchLimits> | undefined): FetchLimits {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...partial };
  for (const [name, value] of Object.entries(limits)) {
    const min = name === 'maxRedirects' ? 0 : 1;
    if (!Number.isFinite(value) || value < min) {
      throw new EmwatchError(
        'EMW_FETCH_OPTIONS',
        `[emwatch] [fetch] limits.${name} must be a number ≥ ${min}, got ${String(value)}`,
      );
    }
  }
  return limits;
}

function parseAllowList(allow: readonly string[]): AllowEntry[] {
  return allow.map((entry) => {
    const parsed = parseAllowEntry(entry);
    if (!parsed) {
      throw new EmwatchError(
        'EMW_FETCH_OPTIONS',
        `[emwatch] [fetch] allowPrivate entry "${entry}" is not a host or host:port (e.g. "127.0.0.1:8080")`,
      );
    }
    return parsed;
  });
}

/** Reads `Retry-After` (delay seconds or an HTTP date) as milliseconds from now, capped at a day. */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/u.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // HTTP dates (IMF-fixdate, RFC 850, asctime) all carry a four-digit year; Date.parse reads all three.
  const at = /\d{4}/u.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
}

/** The error code of a network failure: undici nests it in `cause` (and `cause.errors` when every address failed). */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const { code, errors, cause } = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return undefined;
}

function describe(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current.message && !messages.includes(current.message)) messages.push(current.message);
    current = current.cause ?? (current instanceof AggregateError ? current.errors[0] : undefined);
  }
  return messages.join(': ') || String(error);
}

function concat(chunks: readonly Uint8Array[], limit = Infinity): Uint8Array {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  const out = new Uint8Array(Math.min(total, limit));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= out.byteLength) break;
    const part = chunk.subarray(0, out.byteLength - offset);
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

async function discard(response: Response): Promise<void> {
  // Cancelling frees the connection instead of leaving the body to be garbage-collected.
  await response.body?.cancel().catch(() => undefined);
}

/** Reads at most `limit` bytes of a body we only keep for the record; never fails. */
async function readPrefix(response: Response, limit: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch {
    // What arrived before the failure is still worth keeping.
  }
  await reader.cancel().catch(() => undefined);
  return concat(chunks, limit);
}

/**
 * Fetches one URL politely and safely: only http(s); redirects followed by hand (at most
 * `maxRedirects`, loops refused) and every hop checked against the SSRF guard; a connect timeout
 * until the headers and a read timeout for the whole response; the body streamed and refused
 * past `maxBytes`. 304 resolves with an empty body; everything else that is not 2xx rejects with
 * a {@link FetchError} whose code says what happened (`EMW_FETCH_RATE_LIMITED` carries `retryAfterMs`).
 *
 * @example
 * ```ts
 * const response = await fetchLimited('https://www.nmc.cn/rss/alarm.xml', {
 *   fetch: globalThis.fetch,
 *   headers: { accept: 'application/rss+xml', 'if-none-match': cursor.etag },
 *   limits: { maxBytes: 2 * 1024 * 1024 },
 * });
 * if (response.status === 304) return; // unchanged
 * ```
 */
export async function fetchLimited(url: string, options: FetchLimitedOptions): Promise<LimitedResponse> {
  const limits = resolveLimits(options.limits);
  const allowAll = options.allowPrivate === true;
  const allowList = Array.isArray(options.allowPrivate) ? parseAllowList(options.allowPrivate) : [];
  const headers = new Headers(options.headers);
  if (options.userAgent !== undefined) headers.set('user-agent', options.userAgent);
  else if (!headers.has('user-agent') && !inBrowser()) headers.set('user-agent', DEFAULT_USER_AGENT);

  const controller = new AbortController();
  let phase: AbortPhase | undefined;
  const abort = (why: AbortPhase): void => {
    if (controller.signal.aborted) return;
    phase = why;
    controller.abort();
  };
  let current = url;
  // Why the request was aborted, in words, once it has been.
  const abortReason = (): string | undefined =>
    phase === 'connect'
      ? `no response within ${limits.connectTimeoutMs} ms (connect timeout)`
      : phase === 'read'
        ? `response not complete within ${limits.readTimeoutMs} ms (read timeout)`
        : phase === 'caller'
          ? 'the request was aborted by the caller (shutdown or run deadline)'
          : undefined;
  const aborted = (cause?: unknown): FetchError =>
    new FetchError('EMW_FETCH_TIMEOUT', current, abortReason() ?? 'aborted', { cause });
  if (options.signal?.aborted) {
    phase = 'caller';
    throw aborted(options.signal.reason);
  }
  const onCallerAbort = (): void => abort('caller');
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const readTimer = setTimeout(() => abort('read'), limits.readTimeoutMs);
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  // Settles when the request is aborted, so waits fetch cannot abort (DNS lookups) end too.
  const abortedPromise = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
  );
  abortedPromise.catch(() => undefined);

  try {
    const redirects: string[] = [];
    const visited = new Set<string>();
    for (;;) {
      let target: URL;
      try {
        target = new URL(current);
      } catch (cause) {
        throw new FetchError('EMW_FETCH_BLOCKED', current, 'not a valid absolute URL', { cause });
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        throw new FetchError('EMW_FETCH_BLOCKED', current, `only http and https are fetched, not ${target.protocol}`);
      }
      target.hash = '';
      current = target.href;
      visited.add(current);

      connectTimer = setTimeout(() => abort('connect'), limits.connectTimeoutMs);
      if (!allowAll && !isAllowed(target, allowList)) {
        let blocked;
        try {
          blocked = await Promise.race([findBlockedAddress(target, options.resolveHost), abortedPromise]);
        } catch (cause) {
          if (controller.signal.aborted) throw aborted(cause);
          const code = networkCode(cause);
          throw new FetchError(
            'EMW_FETCH_NETWORK',
            current,
            `cannot resolve ${target.hostname}: ${describe(cause)}${code ? ` (${code})` : ''}`,
            { cause },
          );
        }
        if (blocked) {
          const port = target.port ? `:${target.port}` : '';
          const via = blocked.address === blocked.host ? '' : ` (${blocked.host} resolves to it)`;
          throw new FetchError(
            'EMW_FETCH_BLOCKED',
            current,
            `${redirects.length ? `redirected from ${redirects[0]} to ` : ''}${blocked.address}, a ${blocked.category} address${via}, ` +
              `which is refused; to allow it set allowPrivate: ['${target.hostname}${port}'] (or true) on this source`,
          );
        }
      }

      let response: Response;
      try {
        response = await options.fetch(current, {
          method: 'GET',
          headers,
          redirect: 'manual',
          signal: controller.signal,
        });
      } catch (cause) {
        if (controller.signal.aborted) throw aborted(cause);
        const code = networkCode(cause);
        throw new FetchError(
          'EMW_FETCH_NETWORK',
          current,
          `request failed: ${describe(cause)}${code ? ` (${code})` : ''}`,
          { cause },
        );
      } finally {
        clearTimeout(connectTimer);
      }

      if (response.type === 'opaqueredirect') {
        throw new FetchError(
          'EMW_FETCH_REDIRECTS',
          current,
          'the server redirects, and this platform (a browser) hides the target, so the SSRF guard cannot check it; configure the final URL instead',
        );
      }
      if ([301, 302, 303, 307, 308].includes(response.status)) {
        await discard(response);
        const location = response.headers.get('location');
        if (!location) {
          throw new FetchError(
            'EMW_FETCH_HTTP',
            current,
            `redirect status ${response.status} without a Location header`,
            {
              status: response.status,
            },
          );
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch (cause) {
          throw new FetchError('EMW_FETCH_REDIRECTS', current, `redirects to "${location}", which is not a URL`, {
            cause,
            status: response.status,
          });
        }
        next.hash = '';
        redirects.push(current);
        if (visited.has(next.href)) {
          throw new FetchError(
            'EMW_FETCH_REDIRECTS',
            current,
            `redirect loop: ${[...redirects, next.href].join(' → ')}`,
            {
              status: response.status,
            },
          );
        }
        if (redirects.length > limits.maxRedirects) {
          throw new FetchError(
            'EMW_FETCH_REDIRECTS',
            current,
            `more than ${limits.maxRedirects} redirects (from ${url}; next would be ${next.href})`,
            { status: response.status },
          );
        }
        if (next.origin !== target.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
        current = next.href;
        continue;
      }

      if (response.status === 304) {
        await discard(response);
        return { url: current, status: 304, headers: response.headers, body: new Uint8Array(0), redirects };
      }
      if (response.status < 200 || response.status >= 300) {
        const status = response.status;
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        const body = await readPrefix(response, Math.min(KEEP_BYTES, limits.maxBytes));
        const details = { status, body, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
        if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
          const wait =
            retryAfterMs === undefined ? 'without Retry-After' : `Retry-After ${Math.ceil(retryAfterMs / 1000)} s`;
          throw new FetchError('EMW_FETCH_RATE_LIMITED', current, `rate limited: HTTP ${status} (${wait})`, details);
        }
        throw new FetchError(
          'EMW_FETCH_HTTP',
          current,
          `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`,
          details,
        );
      }

      const declared = Number(response.headers.get('content-length'));
      if (declared > limits.maxBytes) {
        await discard(response);
        throw new FetchError(
          'EMW_FETCH_TOO_LARGE',
          current,
          `Content-Length ${declared} bytes exceeds the limit of ${limits.maxBytes} bytes; not read`,
          { status: response.status },
        );
      }
      const body = await readBody(response, limits.maxBytes, current, abortReason);
      return { url: current, status: response.status, headers: response.headers, body, redirects };
    }
  } finally {
    clearTimeout(readTimer);
    clearTimeout(connectTimer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** Streams a body, refusing it as soon as it passes `maxBytes`; a failure keeps the bytes read so far (bounded). */
async function readBody(
  response: Response,
  maxBytes: number,
  url: string,
  abortReason: () => string | undefined,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (cause) {
      const details = { cause, body: concat(chunks, KEEP_BYTES), status: response.status };
      const reason = abortReason();
      if (reason) throw new FetchError('EMW_FETCH_TIMEOUT', url, reason, details);
      const code = networkCode(cause);
      throw new FetchError(
        'EMW_FETCH_NETWORK',
        url,
        `body cut off after ${total} bytes: ${describe(cause)}${code ? ` (${code})` : ''}`,
        details,
      );
    }
    if (result.done) return concat(chunks);
    total += result.value.byteLength;
    chunks.push(result.value);
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FetchError(
        'EMW_FETCH_TOO_LARGE',
        url,
        `body exceeds the limit of ${maxBytes} bytes; reading stopped at ${total} bytes`,
        { body: concat(chunks, KEEP_BYTES), status: response.status },
      );
    }
  }
}
