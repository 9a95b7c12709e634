import { ChannelError } from '../channels/channel.js';

/**
 * Checks the JSON answer of a chat robot (DingTalk, WeCom): `{"errcode":0,"errmsg":"ok"}` means
 * accepted; any other `errcode` is a refusal even though the HTTP status is 200. Only `-1`
 * (系统繁忙, service busy) is worth retrying at once; a rate-limit code needs minutes, which the
 * alerter's throttle and reminders provide.
 */
export function checkRobotAnswer(
  text: string,
  label: string,
  service: string,
  where: string,
  scrub: (text: string) => string,
): void {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  const errcode = typeof answer === 'object' && answer !== null ? (answer as { errcode?: unknown }).errcode : undefined;
  if (typeof errcode !== 'number') {
    const shown = text.replace(/\s+/g, ' ').trim().slice(0, 120);
    throw new ChannelError(
      'EMW_CHANNEL_REJECTED',
      `${label} ${service} at ${where} answered without an errcode: ${JSON.stringify(scrub(shown))}`,
    );
  }
  if (errcode === 0) return;
  const errmsg = String((answer as { errmsg?: unknown }).errmsg ?? '').slice(0, 200);
  throw new ChannelError(
    'EMW_CHANNEL_REJECTED',
    `${label} ${service} at ${where} refused the message: errcode ${errcode} (${scrub(errmsg)})`,
    {
      retryable: errcode === -1,
    },
  );
}
