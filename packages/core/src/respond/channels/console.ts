import { renderAlertMessage, type AlertMessageFormat } from '../render-alert-message.js';
import { checkChannelId } from '../_internal/channel-options.js';
import type { Channel } from './channel.js';

/** Options of {@link consoleChannel}. */
export interface ConsoleChannelOptions {
  /** Channel id the rules route to; default `'console'`. */
  readonly id?: string;
  /** Receives each rendered message; `console.log` by default. */
  readonly write?: (text: string) => void;
  /** Rendering; plain `text` by default. */
  readonly format?: AlertMessageFormat;
}

/**
 * A channel that writes each message to a writer (the console by default): for development, for
 * demos, and as a last-resort channel that cannot fail.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const channel = consoleChannel({ write: (text) => lines.push(text) });
 * ```
 */
export function consoleChannel(options: ConsoleChannelOptions = {}): Channel {
  const id = checkChannelId(options.id ?? 'console', 'console');
  const write = options.write ?? ((text: string) => console.log(text));
  const format = options.format ?? 'text';
  return {
    id,
    kind: 'console',
    async send(message) {
      write(renderAlertMessage(message, { format }));
    },
  };
}
