import { ChannelError } from '../channels/channel.js';

/** What the service answered. */
export interface PostedResponse {
  readonly status: number;
  /** The body as text, at most `MAX_RESPONSE_BYTES` of it. */
  readonly text: string;
  readonly headers: Headers;
}

export interface PostJsonOptions {
  readonly fetch: typeof fetch;
  /** The real address, possibly carrying a token in its query. */
  readonly url: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** `[emwatch] [channel <id>]`, the start of every error message. */
  readonly label: string;
  /** Strings that must never appear in an error message (secrets, tokens). */
  readonly secrets: readonly string[];
  readonly signal?: AbortSignal;
}

const MAX_RESPONSE_BYTES = 64 * 1024;
const EXCERPT_CHARS = 200;

/**
 * POSTs a JSON body and returns the answer for any 2xx status; anything else throws a
 * {@link ChannelError} whose message names the channel and the address without its query (robot
 * tokens live there) and never contains a secret.
 */
export async function postJson(options: PostJsonOptions): Promise<PostedResponse> {
  const where = redactUrl(options.url);
  const scrub = scrubber(options.secrets);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await options.fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
      body: options.body,
      signal,
      redirect: 'error',
    });
  } catch (error) {
    if (timeout.aborted) {
      throw new ChannelError(
        'EMW_CHANNEL_TIMEOUT',
        `${options.label} no answer from ${where} within ${options.timeoutMs} ms`,
        {
          retryable: true,
        },
      );
    }
    // The cause is not attached: some runtimes put the full URL, token included, into it.
    throw new ChannelError(
      'EMW_CHANNEL_NETWORK',
      `${options.label} cannot reach ${where}: ${scrub(describeCause(error))}`,
      {
        retryable: !options.signal?.aborted,
      },
    );
  }
  let text: string;
  try {
    text = await readLimited(response, MAX_RESPONSE_BYTES);
  } catch (error) {
    throw new ChannelError(
      'EMW_CHANNEL_NETWORK',
      `${options.label} answer from ${where} broke off: ${scrub(describeCause(error))}`,
      {
        retryable: true,
        status: response.status,
      },
    );
  }
  if (response.status < 200 || response.status > 299) {
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw new ChannelError(
      'EMW_CHANNEL_HTTP',
      `${options.label} ${where} answered HTTP ${response.status}${excerpt(text, scrub)}`,
      { retryable, status: response.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    );
  }
  return { status: response.status, text, headers: response.headers };
}

/** `https://host/path?…`: the address without query or fragment, which may carry tokens. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
  } catch {
    return '(invalid address)';
  }
}

/** Replaces every occurrence of the secrets (raw and URL-encoded) with `***`. */
export function scrubber(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.filter((s) => s.length >= 4).flatMap((s) => [s, encodeURIComponent(s)]))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => forms.reduce((out, secret) => out.split(secret).join('***'), text);
}

/** ` — <first 200 characters of the body>`, or nothing for an empty body. */
export function excerpt(text: string, scrub: (text: string) => string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '';
  return ` — ${scrub(flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat)}`;
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `${(cause as { code?: string }).code ?? cause.name}: ${cause.message}` : '';
  return detail ? `${error.message} (${detail})` : error.message;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
    size += Math.min(value.byteLength, room);
    if (size >= maxBytes) {
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
