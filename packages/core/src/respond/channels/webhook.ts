import type { AlertMessage } from '../alert-message.js';
import { renderAlertMessage } from '../render-alert-message.js';
import { signWebhook } from '../../collect/webhook.js';
import { postJson } from '../_internal/post-json.js';
import { createRetryRunner, withDeadLetters } from '../_internal/send-with-retry.js';
import { checkChannelId, checkHttpUrl, checkSecret } from '../_internal/channel-options.js';
import type { ChannelRetryOptions, RetryingChannel } from './channel.js';

/** Options of {@link webhookChannel}. */
export interface WebhookChannelOptions extends ChannelRetryOptions {
  /** Channel id the rules route to. */
  readonly id: string;
  /** Receiver address (http or https). */
  readonly url: string;
  /** Shared signing secret, at least 16 bytes; never sent, never logged. */
  readonly secret: string;
  /** Further request headers (e.g. an API key the receiver wants). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Fetch implementation; the global one by default. */
  readonly fetch?: typeof fetch;
}

/**
 * The JSON body a webhook receiver gets: the message with its entries, plus ready-made text and
 * Markdown renderings.
 */
export interface WebhookAlertBody {
  readonly type: 'emwatch.alert';
  readonly version: 1;
  readonly kind: AlertMessage['kind'];
  readonly lang: AlertMessage['lang'];
  readonly title: string;
  readonly createdAt: string;
  readonly escalations?: number;
  readonly text: string;
  readonly markdown: string;
  readonly entries: AlertMessage['entries'];
}

/**
 * A generic webhook channel: POSTs the alert as JSON, signed the way emwatch's own webhook
 * collector checks signatures — `X-Emwatch-Timestamp: <unix seconds>` and
 * `X-Emwatch-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` — so a receiver
 * can verify origin and freshness. Network errors, timeouts, 408, 429 and 5xx are retried with
 * exponential backoff (honouring `Retry-After`); a message still undelivered after
 * `maxAttempts` tries, or refused with another status, is kept as a dead letter with its last
 * error and the send rejects with `EMW_CHANNEL_DEAD_LETTER`. Each try is signed afresh.
 *
 * @example
 * ```ts
 * const channel = webhookChannel({ id: 'ops-hook', url: 'https://ops.example.org/emwatch', secret: process.env.HOOK_SECRET! });
 * const alerter = createAlerter({ rules, channels: { 'ops-hook': channel } });
 * channel.deadLetters(); // what could not be delivered, with the last error
 * ```
 */
export function webhookChannel(options: WebhookChannelOptions): RetryingChannel {
  const id = checkChannelId(options.id, 'webhook');
  const label = `[emwatch] [channel ${id}]`;
  const url = checkHttpUrl(options.url, label);
  const secret = checkSecret(options.secret, label, 16);
  const runner = createRetryRunner(id, label, options);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const extraHeaders = options.headers ?? {};

  return withDeadLetters(
    {
      id,
      kind: 'webhook',
      async send(message, context) {
        const payload: WebhookAlertBody = {
          type: 'emwatch.alert',
          version: 1,
          kind: message.kind,
          lang: message.lang,
          title: message.title,
          createdAt: message.createdAt,
          ...(message.escalations ? { escalations: message.escalations } : {}),
          text: renderAlertMessage(message, { format: 'text' }),
          markdown: renderAlertMessage(message, { format: 'markdown' }),
          entries: message.entries,
        };
        const body = JSON.stringify(payload);
        await runner.run(message, context, async () => {
          // The very scheme the webhook collector verifies, so emwatch instances can feed each other.
          await postJson({
            fetch: fetchImpl,
            url,
            body,
            headers: { ...extraHeaders, ...signWebhook(secret, body, context.now()) },
            timeoutMs: runner.timeoutMs,
            label,
            secrets: [secret],
            ...(context.signal ? { signal: context.signal } : {}),
          });
        });
      },
    },
    runner,
  );
}
