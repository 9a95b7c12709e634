import { renderAlertMessage } from '../render-alert-message.js';
import { checkChannelId, checkHttpUrl, checkSecret } from '../_internal/channel-options.js';
import { hmacSha256Base64 } from '../_internal/hmac.js';
import { postJson, redactUrl, scrubber } from '../_internal/post-json.js';
import { checkRobotAnswer } from '../_internal/robot-answer.js';
import { createRetryRunner, withDeadLetters } from '../_internal/send-with-retry.js';
import type { ChannelRetryOptions, RetryingChannel } from './channel.js';

/** Options of {@link dingtalkChannel}. */
export interface DingtalkChannelOptions extends ChannelRetryOptions {
  /** Channel id the rules route to. */
  readonly id: string;
  /** The robot's webhook address, `https://oapi.dingtalk.com/robot/send?access_token=…`. */
  readonly url: string;
  /** The robot's signing secret (加签, starts with `SEC`); leave out only for robots secured by keyword or IP. */
  readonly secret?: string;
  /** Mobile numbers to @-mention in every message. */
  readonly atMobiles?: readonly string[];
  /** @-mention everyone in the group (use sparingly). */
  readonly atAll?: boolean;
  /** Largest message text in UTF-8 bytes; digests are shortened to fit. Default 4,096. */
  readonly maxBytes?: number;
  /** Fetch implementation; the global one by default. */
  readonly fetch?: typeof fetch;
}

/** DingTalk allows a custom robot 20 messages a minute, then blocks it for 10 minutes. */
const DINGTALK_PER_MINUTE = 20;

/**
 * A DingTalk (钉钉) custom group robot channel sending Markdown messages. With a secret, every
 * request is signed as DingTalk documents: `timestamp` (milliseconds) and
 * `sign = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret)))` as query
 * parameters. DingTalk answers HTTP 200 even when it refuses a message, so an `errcode` other than
 * 0 in the JSON answer is a failure (`EMW_CHANNEL_REJECTED`, kept as a dead letter). The access
 * token and secret never appear in errors.
 *
 * @example
 * ```ts
 * const duty = dingtalkChannel({
 *   id: 'dingtalk-duty-room',
 *   url: 'https://oapi.dingtalk.com/robot/send?access_token=…',
 *   secret: 'SEC…',
 *   atMobiles: ['13800000000'],
 * });
 * ```
 */
export function dingtalkChannel(options: DingtalkChannelOptions): RetryingChannel {
  const id = checkChannelId(options.id, 'dingtalk');
  const label = `[emwatch] [channel ${id}]`;
  const url = checkHttpUrl(options.url, label);
  const secret = options.secret === undefined ? undefined : checkSecret(options.secret, label, 8);
  const token = new URL(url).searchParams.get('access_token') ?? '';
  const scrub = scrubber([token, ...(secret ? [secret] : [])]);
  const runner = createRetryRunner(id, label, options);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const atMobiles = (options.atMobiles ?? []).filter((mobile) => /^\+?[0-9-]{5,20}$/.test(mobile));
  const maxBytes = options.maxBytes ?? 4096;

  return withDeadLetters(
    {
      id,
      kind: 'dingtalk',
      maxPerMinute: DINGTALK_PER_MINUTE,
      async send(message, context) {
        // DingTalk only notifies a mentioned member when the text itself contains @mobile.
        const mentions = atMobiles.map((mobile) => `@${mobile}`).join(' ');
        const text = renderAlertMessage(message, { format: 'markdown', maxBytes: maxBytes - mentions.length - 2 });
        const body = JSON.stringify({
          msgtype: 'markdown',
          markdown: { title: message.title, text: mentions ? `${text}\n\n${mentions}` : text },
          at: { atMobiles, isAtAll: options.atAll === true },
        });
        await runner.run(message, context, async () => {
          const target = new URL(url);
          if (secret) {
            const timestamp = String(context.now().getTime());
            target.searchParams.set('timestamp', timestamp);
            // URLSearchParams form-encodes the base64 (+ / =), which is the urlencode DingTalk asks for.
            target.searchParams.set('sign', hmacSha256Base64(secret, `${timestamp}\n${secret}`));
          }
          const answer = await postJson({
            fetch: fetchImpl,
            url: target.href,
            body,
            timeoutMs: runner.timeoutMs,
            label,
            secrets: [token, ...(secret ? [secret] : [])],
            ...(context.signal ? { signal: context.signal } : {}),
          });
          checkRobotAnswer(answer.text, label, 'DingTalk', redactUrl(url), scrub);
        });
      },
    },
    runner,
  );
}
