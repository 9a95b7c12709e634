import { EmwatchError } from '../../errors.js';
import type { IsoDateTime } from '../../model/iso-date-time.js';
import type { AlertMessage } from '../alert-message.js';

/** Outcome of one try to hand a message to a channel's service. */
export interface ChannelAttempt {
  /** Attempt number within this `send` call, starting at 1. */
  readonly attempt: number;
  /** True when the service accepted the message. */
  readonly ok: boolean;
  /** Why the attempt failed (never containing a secret). */
  readonly error?: string;
  /** When the attempt finished. */
  readonly at: Date;
}

/** What the alerter gives a channel along with each message. */
export interface ChannelContext {
  /** The clock. */
  readonly now: () => Date;
  /**
   * Channels that try several times report every attempt here, so each lands in the alert's
   * delivery record. A channel that reports nothing gets one record for the whole `send`.
   */
  readonly onAttempt?: (attempt: ChannelAttempt) => void;
  /** Aborts the send (shutdown). */
  readonly signal?: AbortSignal;
}

/**
 * Somewhere alerts go: a chat robot, a webhook, e-mail, the console. `send` resolves when the
 * service accepted the message and rejects with a {@link ChannelError} when it did not.
 *
 * @example
 * ```ts
 * const channel: Channel = {
 *   id: 'log',
 *   kind: 'custom',
 *   async send(message) { myLog.push(message.title); },
 * };
 * ```
 */
export interface Channel {
  /** Id the rules route to, e.g. `'dingtalk-duty-room'`. */
  readonly id: string;
  /** Kind of channel: `'webhook'`, `'dingtalk'`, `'wecom'`, `'email'`, `'console'`, or your own. */
  readonly kind: string;
  /**
   * Most messages the service takes per minute (DingTalk and WeCom robots: 20). The alerter holds
   * the excess back and sends it as one digest, instead of being cut off by the service.
   */
  readonly maxPerMinute?: number;
  send(message: AlertMessage, context: ChannelContext): Promise<void>;
}

/** A message a channel gave up on, kept with its last error instead of being dropped. */
export interface DeadLetter {
  /** Channel id. */
  readonly channelId: string;
  /** When the channel gave up (ISO 8601). */
  readonly at: IsoDateTime;
  /** How many attempts were made. */
  readonly attempts: number;
  /** The last error (an emwatch message with its code, without secrets). */
  readonly error: string;
  /** The message that was not delivered. */
  readonly message: AlertMessage;
}

/** Codes of channel failures. */
export type ChannelErrorCode =
  | 'EMW_CHANNEL_CONFIG'
  | 'EMW_CHANNEL_NETWORK'
  | 'EMW_CHANNEL_TIMEOUT'
  | 'EMW_CHANNEL_HTTP'
  | 'EMW_CHANNEL_REJECTED'
  | 'EMW_CHANNEL_DEAD_LETTER';

/**
 * A channel failure: bad configuration, a network error or timeout, an HTTP error status, a
 * service that refused the message (DingTalk/WeCom `errcode` ≠ 0, an SMTP rejection), or the
 * last of several tries (`EMW_CHANNEL_DEAD_LETTER`). Messages never contain secrets.
 *
 * @example
 * ```ts
 * try { await channel.send(message, { now: () => new Date() }); } catch (error) {
 *   if (error instanceof ChannelError && error.retryable) scheduleRetry();
 * }
 * ```
 */
export class ChannelError extends EmwatchError {
  /** Whether trying again later may succeed (network trouble, 5xx, 429, a busy service). */
  readonly retryable: boolean;
  /** HTTP status, when there was a response. */
  readonly status?: number;
  /** Attempts made before giving up (for `EMW_CHANNEL_DEAD_LETTER`). */
  readonly attempts?: number;
  /** How long the service asked us to wait (HTTP `Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(
    code: ChannelErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; status?: number; attempts?: number; retryAfterMs?: number } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.name = 'ChannelError';
    this.retryable = options.retryable ?? false;
    if (options.status !== undefined) this.status = options.status;
    if (options.attempts !== undefined) this.attempts = options.attempts;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** Retry, timeout and dead-letter options shared by the HTTP channels. */
export interface ChannelRetryOptions {
  /** Tries per message before it is dead-lettered; default 5. */
  readonly maxAttempts?: number;
  /** Wait before the second try, doubled for each further try; default 1,000 ms. */
  readonly backoffMs?: number;
  /** Longest wait between tries (also caps a server's `Retry-After`); default 60,000 ms. */
  readonly maxBackoffMs?: number;
  /** Time allowed for one request; default 10,000 ms. */
  readonly timeoutMs?: number;
  /** Timer used for the waits between tries; inject a fake one in tests. */
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  /**
   * Receives each message the channel gives up on. The channel also keeps the latest ones
   * (see `deadLetters()`), so nothing is dropped silently even without a sink.
   */
  readonly deadLetter?: (letter: DeadLetter) => void | Promise<void>;
  /** How many dead letters the channel keeps in memory; default 1,000 (older ones are counted, not kept). */
  readonly maxDeadLetters?: number;
}

/** A channel that retries and keeps what it could not deliver. */
export interface RetryingChannel extends Channel {
  /** Messages given up on, oldest first (at most `maxDeadLetters`). */
  deadLetters(): readonly DeadLetter[];
  /** How many dead letters were pushed out of memory by newer ones (each went to `deadLetter` if given). */
  readonly droppedDeadLetters: number;
}
