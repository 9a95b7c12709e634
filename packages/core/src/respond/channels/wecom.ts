import { renderAlertMessage } from '../render-alert-message.js';
import { checkChannelId, checkHttpUrl } from '../_internal/channel-options.js';
import { postJson, redactUrl, scrubber } from '../_internal/post-json.js';
import { checkRobotAnswer } from '../_internal/robot-answer.js';
import { createRetryRunner, withDeadLetters } from '../_internal/send-with-retry.js';
import type { ChannelRetryOptions, RetryingChannel } from './channel.js';

/** Options of {@link wecomChannel}. */
export interface WecomChannelOptions extends ChannelRetryOptions {
  /** Channel id the rules route to. */
  readonly id: string;
  /** The group robot's webhook address, `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`. */
  readonly url: string;
  /** Fetch implementation; the global one by default. */
  readonly fetch?: typeof fetch;
}

/** WeCom documents 20 messages a minute per group robot and Markdown content of at most 4,096 bytes. */
const WECOM_PER_MINUTE = 20;
const WECOM_MAX_BYTES = 4096;

/**
 * A WeCom (企业微信) group robot channel sending Markdown messages (WeCom's subset: headings,
 * bold, links, quotes). The robot's `key` in the address is its only credential and never appears
 * in errors. An `errcode` other than 0 in the JSON answer is a failure (`EMW_CHANNEL_REJECTED`),
 * kept as a dead letter; digests are shortened to WeCom's 4,096-byte limit.
 *
 * @example
 * ```ts
 * const group = wecomChannel({ id: 'wecom-emergency-office', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' });
 * ```
 */
export function wecomChannel(options: WecomChannelOptions): RetryingChannel {
  const id = checkChannelId(options.id, 'wecom');
  const label = `[emwatch] [channel ${id}]`;
  const url = checkHttpUrl(options.url, label);
  const key = new URL(url).searchParams.get('key') ?? '';
  const scrub = scrubber([key]);
  const runner = createRetryRunner(id, label, options);
  const fetchImpl = options.fetch ?? globalThis.fetch;

  return withDeadLetters(
    {
      id,
      kind: 'wecom',
      maxPerMinute: WECOM_PER_MINUTE,
      async send(message, context) {
        const content = renderAlertMessage(message, { format: 'wecom', maxBytes: WECOM_MAX_BYTES });
        const body = JSON.stringify({ msgtype: 'markdown', markdown: { content } });
        await runner.run(message, context, async () => {
          const answer = await postJson({
            fetch: fetchImpl,
            url,
            body,
            timeoutMs: runner.timeoutMs,
            label,
            secrets: [key],
            ...(context.signal ? { signal: context.signal } : {}),
          });
          checkRobotAnswer(answer.text, label, 'WeCom', redactUrl(url), scrub);
        });
      },
    },
    runner,
  );
}
