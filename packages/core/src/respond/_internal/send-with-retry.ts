import { EmwatchError } from '../../errors.js';
import type { AlertMessage } from '../alert-message.js';
import {
  ChannelError,
  type ChannelContext,
  type ChannelRetryOptions,
  type DeadLetter,
  type RetryingChannel,
} from '../channels/channel.js';

/** The resolved retry settings and dead-letter box of one channel. */
export interface RetryRunner {
  /** Runs `attempt` until it succeeds or the tries run out; then dead-letters and throws. */
  run(message: AlertMessage, context: ChannelContext, attempt: (n: number) => Promise<void>): Promise<void>;
  deadLetters(): readonly DeadLetter[];
  dropped(): number;
  readonly timeoutMs: number;
}

const DEFAULTS = { maxAttempts: 5, backoffMs: 1000, maxBackoffMs: 60_000, timeoutMs: 10_000, maxDeadLetters: 1000 };

/** Checks the retry options once and returns the runner a channel sends through. */
export function createRetryRunner(channelId: string, label: string, options: ChannelRetryOptions): RetryRunner {
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const backoffMs = options.backoffMs ?? DEFAULTS.backoffMs;
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULTS.maxBackoffMs;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxDeadLetters = options.maxDeadLetters ?? DEFAULTS.maxDeadLetters;
  const checks: [string, number, number][] = [
    ['maxAttempts', maxAttempts, 1],
    ['backoffMs', backoffMs, 0],
    ['maxBackoffMs', maxBackoffMs, 0],
    ['timeoutMs', timeoutMs, 1],
    ['maxDeadLetters', maxDeadLetters, 0],
  ];
  for (const [name, value, min] of checks) {
    if (!Number.isFinite(value) || value < min) {
      throw new ChannelError('EMW_CHANNEL_CONFIG', `${label} ${name} must be a number ≥ ${min}, got ${value}`);
    }
  }
  const wait = options.setTimeout ?? ((callback: () => void, ms: number) => globalThis.setTimeout(callback, ms));
  const letters: DeadLetter[] = [];
  let dropped = 0;

  const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      wait(resolve, ms);
    });

  const bury = async (
    message: AlertMessage,
    context: ChannelContext,
    attempts: number,
    error: string,
  ): Promise<void> => {
    const letter: DeadLetter = { channelId, at: context.now().toISOString(), attempts, error, message };
    letters.push(letter);
    if (letters.length > maxDeadLetters) {
      letters.shift();
      dropped++;
    }
    // A failing sink must not hide the delivery failure the caller is about to see.
    await Promise.resolve()
      .then(() => options.deadLetter?.(letter))
      .catch(() => undefined);
  };

  return {
    timeoutMs,
    deadLetters: () => [...letters],
    dropped: () => dropped,
    async run(message, context, attempt) {
      for (let n = 1; ; n++) {
        try {
          await attempt(n);
          context.onAttempt?.({ attempt: n, ok: true, at: context.now() });
          return;
        } catch (error) {
          const failure =
            error instanceof ChannelError
              ? error
              : new ChannelError(
                  'EMW_CHANNEL_NETWORK',
                  `${label} ${error instanceof EmwatchError ? error.message : String(error)}`,
                );
          context.onAttempt?.({ attempt: n, ok: false, error: failure.message, at: context.now() });
          const aborted = context.signal?.aborted === true;
          if (!failure.retryable || n >= maxAttempts || aborted) {
            await bury(message, context, n, failure.message);
            throw new ChannelError(
              'EMW_CHANNEL_DEAD_LETTER',
              `${label} gave up after ${n} attempt${n === 1 ? '' : 's'}, message kept as a dead letter: ${withoutLabel(failure.message, label)}`,
              {
                retryable: failure.retryable,
                attempts: n,
                ...(failure.status === undefined ? {} : { status: failure.status }),
              },
            );
          }
          const backoff = Math.min(maxBackoffMs, backoffMs * 2 ** (n - 1));
          await sleep(Math.min(maxBackoffMs, Math.max(backoff, failure.retryAfterMs ?? 0)), context.signal);
        }
      }
    },
  };
}

/** Adds the dead-letter accessors of a runner to a channel object. */
export function withDeadLetters<T extends Omit<RetryingChannel, 'deadLetters' | 'droppedDeadLetters'>>(
  channel: T,
  runner: RetryRunner,
): T & RetryingChannel {
  return Object.defineProperties(channel, {
    deadLetters: { value: runner.deadLetters, enumerable: true },
    droppedDeadLetters: { get: runner.dropped, enumerable: true },
  }) as T & RetryingChannel;
}

function withoutLabel(message: string, label: string): string {
  return message.startsWith(`${label} `) ? message.slice(label.length + 1) : message;
}
