import { ChannelError } from '../channels/channel.js';
import { redactUrl } from './post-json.js';

const CHANNEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** A channel id: letters, digits and `._:-`, at most 100 characters. */
export function checkChannelId(id: unknown, kind: string): string {
  if (typeof id !== 'string' || !CHANNEL_ID.test(id)) {
    throw new ChannelError(
      'EMW_CHANNEL_CONFIG',
      `[emwatch] [channel ${kind}] id ${JSON.stringify(id)} must be 1–100 letters, digits or ._:- characters`,
    );
  }
  return id;
}

/** An absolute http(s) address; the error shows it without its query, where tokens live. */
export function checkHttpUrl(url: unknown, label: string): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    const shown = typeof url === 'string' ? redactUrl(url) : typeof url;
    throw new ChannelError('EMW_CHANNEL_CONFIG', `${label} url ${shown} is not an absolute http(s) address`);
  }
  return parsed.href;
}

/** A secret of at least `minBytes` UTF-8 bytes; the error never shows it. */
export function checkSecret(secret: unknown, label: string, minBytes: number, name = 'secret'): string {
  if (typeof secret !== 'string' || new TextEncoder().encode(secret).byteLength < minBytes) {
    throw new ChannelError('EMW_CHANNEL_CONFIG', `${label} ${name} must be a string of at least ${minBytes} bytes`);
  }
  return secret;
}
