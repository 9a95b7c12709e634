import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instantTimer, startHttpReceiver, type HttpReceiver } from '../../../test/fixtures/respond/http-receiver.js';
import { sampleMessage } from '../../../test/fixtures/respond/samples.js';
import type { ChannelAttempt } from './channel.js';
import { dingtalkChannel } from './dingtalk.js';

const TOKEN = 'f3a9c2d1e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1';
const SECRET = 'SEC7c2b1d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c';
const NOW = new Date('2024-03-14T01:15:00.123Z');

let receiver: HttpReceiver;
beforeEach(async () => {
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

/** DingTalk's check, as its documentation gives it in Python: quote_plus(b64encode(hmac(secret, f"{ts}\n{secret}"))). */
function signatureOk(query: URLSearchParams): boolean {
  const timestamp = query.get('timestamp') ?? '';
  const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
  return query.get('sign') === expected && Math.abs(Number(timestamp) - NOW.getTime()) < 3_600_000;
}

const context = (attempts: ChannelAttempt[] = []) => ({
  now: () => NOW,
  onAttempt: (a: ChannelAttempt) => void attempts.push(a),
});

describe('dingtalkChannel', () => {
  it('sends a signed Markdown message the robot accepts', async () => {
    receiver.answer((request) =>
      signatureOk(request.query) && request.query.get('access_token') === TOKEN
        ? { body: '{"errcode":0,"errmsg":"ok"}' }
        : { body: '{"errcode":310000,"errmsg":"sign not match"}' },
    );
    const channel = dingtalkChannel({
      id: 'dingtalk-duty-room',
      url: receiver.url(`/robot/send?access_token=${TOKEN}`),
      secret: SECRET,
      atMobiles: ['13800000000'],
    });
    const attempts: ChannelAttempt[] = [];

    await channel.send(sampleMessage(), context(attempts));

    const request = receiver.requests[0]!;
    expect(request.query.get('timestamp')).toBe(String(NOW.getTime()));
    expect(signatureOk(request.query)).toBe(true);
    const body = JSON.parse(request.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('【橙色】东乌旗遭遇暴雪 多条道路封闭');
    expect(body.markdown.text).toMatch(
      /^### 【橙色】东乌旗遭遇暴雪 多条道路封闭\n\n- \*\*预警级别\*\*：橙色 · Ⅱ级（重大）/,
    );
    expect(body.markdown.text.endsWith('\n\n@13800000000')).toBe(true);
    expect(body.at).toEqual({ atMobiles: ['13800000000'], isAtAll: false });
    expect(attempts.map((a) => a.ok)).toEqual([true]);
  });

  it('URL-encodes the base64 signature so that + / = survive the query string', async () => {
    const channel = dingtalkChannel({
      id: 'd',
      url: receiver.url(`/robot/send?access_token=${TOKEN}`),
      secret: SECRET,
    });

    await channel.send(sampleMessage(), context());

    // A 32-byte HMAC is 44 base64 characters ending in '=', which must arrive as %3D.
    const target = receiver.requests[0]!.target;
    expect(target).toMatch(/&sign=[A-Za-z0-9%]+%3D$/);
    expect(signatureOk(receiver.requests[0]!.query)).toBe(true);
  });

  it('treats errcode ≠ 0 as a failure, without retrying and without leaking token or secret', async () => {
    receiver.answer({
      body: `{"errcode":310000,"errmsg":"sign not match, more: https://open.dingtalk.com?access_token=${TOKEN}"}`,
    });
    const channel = dingtalkChannel({
      id: 'dingtalk-duty-room',
      url: receiver.url(`/robot/send?access_token=${TOKEN}`),
      secret: SECRET,
    });
    const attempts: ChannelAttempt[] = [];

    const error = (await channel.send(sampleMessage(), context(attempts)).catch((e: unknown) => e)) as Error & {
      code: string;
    };

    expect(error.code).toBe('EMW_CHANNEL_DEAD_LETTER');
    expect(error.message).toContain(
      'refused the message: errcode 310000 (sign not match, more: https://open.dingtalk.com?access_token=***)',
    );
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(SECRET);
    expect(receiver.requests).toHaveLength(1);
    expect(attempts).toHaveLength(1);
    expect(channel.deadLetters()[0]?.error).toContain('errcode 310000');
  });

  it('retries when DingTalk says it is busy (errcode -1)', async () => {
    receiver.answer({ body: '{"errcode":-1,"errmsg":"系统繁忙"}' }, { body: '{"errcode":0,"errmsg":"ok"}' });
    const timer = instantTimer();
    const channel = dingtalkChannel({
      id: 'd',
      url: receiver.url(`/robot/send?access_token=${TOKEN}`),
      secret: SECRET,
      setTimeout: timer.setTimeout,
    });

    await channel.send(sampleMessage(), context());

    expect(receiver.requests).toHaveLength(2);
    expect(timer.delays).toEqual([1000]);
  });

  it('fails on an answer that is not DingTalk JSON', async () => {
    receiver.answer({ status: 200, body: '<html>gateway</html>' });
    const channel = dingtalkChannel({ id: 'd', url: receiver.url(`/robot/send?access_token=${TOKEN}`) });

    await expect(channel.send(sampleMessage(), context())).rejects.toThrow(
      /DingTalk at http:\/\/127\.0\.0\.1:\d+\/robot\/send\?… answered without an errcode: "<html>gateway<\/html>"/,
    );
  });

  it('declares DingTalk’s limit of 20 messages a minute', () => {
    expect(dingtalkChannel({ id: 'd', url: 'https://oapi.dingtalk.com/robot/send?access_token=x' }).maxPerMinute).toBe(
      20,
    );
  });
});
