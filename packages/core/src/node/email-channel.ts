// Types only at the top: nodemailer is an optional peer, loaded on first use, so importing
// `@emwatch/core/node` never fails where it is not installed.
import type { TransportConfig, Transporter } from 'nodemailer';
import { ChannelError, type ChannelRetryOptions, type RetryingChannel } from '../respond/channels/channel.js';
import { renderAlertMessage } from '../respond/render-alert-message.js';
import { checkChannelId } from '../respond/_internal/channel-options.js';
import { scrubber } from '../respond/_internal/post-json.js';
import { createRetryRunner, withDeadLetters } from '../respond/_internal/send-with-retry.js';

/** Options of {@link emailChannel}. */
export interface EmailChannelOptions extends Omit<ChannelRetryOptions, 'timeoutMs'> {
  /** Channel id the rules route to. */
  readonly id: string;
  /**
   * How to reach the mail server: nodemailer SMTP options (`{ host, port, secure, auth }`), an
   * `smtp://user:pass@host:port` URL, or a transporter made with nodemailer's `createTransport`.
   */
  readonly transport: TransportConfig | string | Transporter;
  /** Sender address, e.g. `'"应急值班室 emwatch" <emwatch@yjt.nmg.gov.cn>'`. */
  readonly from: string;
  /** Recipients. */
  readonly to: readonly string[];
  /** Copy recipients. */
  readonly cc?: readonly string[];
  /** Put before every subject, e.g. `'[emwatch] '`. */
  readonly subjectPrefix?: string;
}

// SMTP replies 421, 450, 451 and 452 are temporary ("try again later"); 5xx are permanent.
const TEMPORARY_REPLY = new Set([421, 450, 451, 452]);
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED']);

/**
 * An e-mail channel over SMTP (nodemailer; Node only): the alert's title as subject, a plain-text
 * and an HTML body. Connection failures, timeouts and temporary SMTP replies (4xx) are retried
 * with backoff; a permanent refusal (5xx, bad login) or the last failed try keeps the message as a
 * dead letter. The password never appears in errors.
 *
 * @example
 * ```ts
 * import { emailChannel } from '@emwatch/core/node';
 * const mail = emailChannel({
 *   id: 'email-leaders',
 *   transport: { host: 'smtp.example.org', port: 465, secure: true, auth: { user: 'emwatch', pass: process.env.SMTP_PASS! } },
 *   from: '"应急值班室 emwatch" <emwatch@example.org>',
 *   to: ['duty@example.org'],
 * });
 * ```
 */
export function emailChannel(options: EmailChannelOptions): RetryingChannel {
  const id = checkChannelId(options.id, 'email');
  const label = `[emwatch] [channel ${id}]`;
  if (
    !Array.isArray(options.to) ||
    options.to.length === 0 ||
    !options.to.every((a) => typeof a === 'string' && a.includes('@'))
  ) {
    throw new ChannelError('EMW_CHANNEL_CONFIG', `${label} to must list at least one e-mail address`);
  }
  if (typeof options.from !== 'string' || !options.from.includes('@')) {
    throw new ChannelError('EMW_CHANNEL_CONFIG', `${label} from must be an e-mail address`);
  }
  const secrets = secretsOf(options.transport);
  const scrub = scrubber(secrets);
  let transporter: Promise<Transporter> | undefined;
  const transport = (): Promise<Transporter> =>
    (transporter ??= isTransporter(options.transport)
      ? Promise.resolve(options.transport)
      : import('nodemailer').then(
          (nodemailer) => nodemailer.createTransport(options.transport as TransportConfig),
          (error: unknown) => {
            throw new ChannelError(
              'EMW_CHANNEL_CONFIG',
              `${label} needs the nodemailer package (npm install nodemailer@10): ${(error as Error).message}`,
            );
          },
        ));
  const runner = createRetryRunner(id, label, options);
  const prefix = options.subjectPrefix ?? '';

  return withDeadLetters(
    {
      id,
      kind: 'email',
      async send(message, context) {
        const mail = {
          from: options.from,
          to: [...options.to],
          ...(options.cc?.length ? { cc: [...options.cc] } : {}),
          // A post's line breaks must not reach a header.
          subject: `${prefix}${message.title}`.replace(/[\r\n]+/g, ' '),
          text: renderAlertMessage(message, { format: 'text' }),
          html: `<!doctype html><html lang="${message.lang}"><head><meta charset="utf-8"></head><body>${renderAlertMessage(message, { format: 'html' })}</body></html>`,
        };
        await runner.run(message, context, async () => {
          try {
            await (await transport()).sendMail(mail);
          } catch (error) {
            if (error instanceof ChannelError) throw error;
            const smtp = error as { code?: string; responseCode?: number; message?: string };
            const retryable =
              (smtp.responseCode !== undefined && TEMPORARY_REPLY.has(smtp.responseCode)) ||
              (smtp.responseCode === undefined && TRANSIENT_CODES.has(smtp.code ?? ''));
            const what = smtp.responseCode === undefined ? (smtp.code ?? 'error') : `SMTP ${smtp.responseCode}`;
            throw new ChannelError(
              retryable || smtp.responseCode === undefined ? 'EMW_CHANNEL_NETWORK' : 'EMW_CHANNEL_REJECTED',
              `${label} mail not sent (${what}): ${scrub(String(smtp.message ?? error)).slice(0, 300)}`,
              { retryable },
            );
          }
        });
      },
    },
    runner,
  );
}

function isTransporter(value: unknown): value is Transporter {
  return typeof value === 'object' && value !== null && typeof (value as Transporter).sendMail === 'function';
}

/** The password (and URL-embedded credentials) of a transport, to keep them out of messages. */
function secretsOf(transport: unknown): string[] {
  if (typeof transport === 'string') {
    try {
      const url = new URL(transport);
      return [decodeURIComponent(url.password), url.password].filter(Boolean);
    } catch {
      return [];
    }
  }
  const auth = (
    transport as { auth?: { pass?: unknown; accessToken?: unknown; clientSecret?: unknown; refreshToken?: unknown } }
  )?.auth;
  return [auth?.pass, auth?.accessToken, auth?.clientSecret, auth?.refreshToken].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
}
