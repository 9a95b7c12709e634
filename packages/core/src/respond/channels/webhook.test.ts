import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instantTimer, startHttpReceiver, type HttpReceiver } from '../../../test/fixtures/respond/http-receiver.js';
import { sampleMessage } from '../../../test/fixtures/respond/samples.js';
import type { ChannelAttempt, DeadLetter } from './channel.js';
import { ChannelError } from './channel.js';
import { webhookChannel, type WebhookAlertBody } from './webhook.js';

const SECRET = 'whsec-3f9a1c7e5b2d4680';
const NOW = new Date('2024-03-14T01:15:00Z');

let receiver: HttpReceiver;
beforeEach(async () => {
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

/** What a receiver does: recompute the HMAC over `<timestamp>.<raw body>` and compare in constant time. */
function verify(headers: Record<string, string | string[] | undefined>, body: string): boolean {
  const timestamp = String(headers['x-emwatch-timestamp']);
  const signature = String(headers['x-emwatch-signature']);
  const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

function context(attempts: ChannelAttempt[] = []) {
  return { now: () => NOW, onAttempt: (attempt: ChannelAttempt) => void attempts.push(attempt) };
}

describe('webhookChannel', () => {
  it('posts the alert as JSON signed with the X-Emwatch timestamp and signature', async () => {
    receiver.answer((request) => ({ status: verify(request.headers, request.body) ? 204 : 401 }));
    const channel = webhookChannel({ id: 'ops-hook', url: receiver.url('/hooks/emwatch'), secret: SECRET });
    const attempts: ChannelAttempt[] = [];

    await channel.send(sampleMessage(), context(attempts));

    const request = receiver.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.headers['x-emwatch-timestamp']).toBe(String(NOW.getTime() / 1000));
    expect(verify(request.headers, request.body)).toBe(true);
    const body = JSON.parse(request.body) as WebhookAlertBody;
    expect(body).toMatchObject({
      type: 'emwatch.alert',
      version: 1,
      kind: 'alert',
      title: '【橙色】东乌旗遭遇暴雪 多条道路封闭',
    });
    expect(body.entries[0]).toMatchObject({
      level: 'II',
      color: 'orange',
      places: [{ code: '152525' }, { code: '152500' }],
    });
    expect(body.text.split('\n')[1]).toBe('预警级别：橙色 · Ⅱ级（重大）');
    expect(attempts).toEqual([{ attempt: 1, ok: true, at: NOW }]);
  });

  it('retries after 500s with exponential backoff, signing each try afresh', async () => {
    receiver.answer({ status: 500, body: 'upstream down' }, { status: 502 }, { status: 200 });
    const timer = instantTimer();
    let clock = NOW.getTime();
    const channel = webhookChannel({
      id: 'ops-hook',
      url: receiver.url('/h'),
      secret: SECRET,
      backoffMs: 500,
      setTimeout: timer.setTimeout,
    });
    const attempts: ChannelAttempt[] = [];

    await channel.send(sampleMessage(), {
      now: () => new Date((clock += 1000)),
      onAttempt: (a) => void attempts.push(a),
    });

    expect(receiver.requests).toHaveLength(3);
    expect(timer.delays).toEqual([500, 1000]);
    expect(attempts.map((a) => [a.attempt, a.ok])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(attempts[0]?.error).toBe(
      '[emwatch] [channel ops-hook] http://127.0.0.1:' +
        new URL(receiver.url('/')).port +
        '/h answered HTTP 500 — upstream down',
    );
    const stamps = receiver.requests.map((r) => r.headers['x-emwatch-timestamp']);
    expect(new Set(stamps).size).toBe(3);
    expect(receiver.requests.every((r) => verify(r.headers, r.body))).toBe(true);
  });

  it('dead-letters the message after N failed tries, with the last error, and hands it to the sink', async () => {
    receiver.answer({ status: 503 });
    const timer = instantTimer();
    const sunk: DeadLetter[] = [];
    const channel = webhookChannel({
      id: 'ops-hook',
      url: receiver.url('/h'),
      secret: SECRET,
      maxAttempts: 3,
      setTimeout: timer.setTimeout,
      deadLetter: (letter) => void sunk.push(letter),
    });
    const message = sampleMessage();

    const error = await channel.send(message, context()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).code).toBe('EMW_CHANNEL_DEAD_LETTER');
    expect((error as ChannelError).attempts).toBe(3);
    expect((error as Error).message).toMatch(
      /gave up after 3 attempts, message kept as a dead letter: .* answered HTTP 503$/,
    );
    expect(receiver.requests).toHaveLength(3);
    expect(timer.delays).toEqual([1000, 2000]);
    expect(channel.deadLetters()).toEqual([
      {
        channelId: 'ops-hook',
        at: NOW.toISOString(),
        attempts: 3,
        error: expect.stringContaining('HTTP 503'),
        message,
      },
    ]);
    expect(sunk).toEqual(channel.deadLetters());
  });

  it('does not retry a 400: the receiver will refuse the same body again', async () => {
    receiver.answer({ status: 400, body: '{"error":"bad payload"}' });
    const channel = webhookChannel({ id: 'ops-hook', url: receiver.url('/h'), secret: SECRET });

    await expect(channel.send(sampleMessage(), context())).rejects.toThrow(
      /gave up after 1 attempt, .*HTTP 400 — \{"error":"bad payload"\}/,
    );
    expect(receiver.requests).toHaveLength(1);
    expect(channel.deadLetters()).toHaveLength(1);
  });

  it('waits as long as Retry-After asks, within the longest backoff', async () => {
    receiver.answer({ status: 429, headers: { 'retry-after': '7' } }, { status: 200 });
    const timer = instantTimer();
    const channel = webhookChannel({
      id: 'h',
      url: receiver.url('/h'),
      secret: SECRET,
      backoffMs: 100,
      setTimeout: timer.setTimeout,
    });

    await channel.send(sampleMessage(), context());

    expect(timer.delays).toEqual([7000]);
  });

  it('gives up on a receiver that never answers after the timeout', async () => {
    receiver.answer({ hang: true });
    const channel = webhookChannel({
      id: 'h',
      url: receiver.url('/h'),
      secret: SECRET,
      maxAttempts: 1,
      timeoutMs: 200,
    });

    await expect(channel.send(sampleMessage(), context())).rejects.toThrow(
      /no answer from http:\/\/127\.0\.0\.1:\d+\/h within 200 ms/,
    );
  });

  it('reports a refused connection as a network error', async () => {
    const url = receiver.url('/h');
    await receiver.close();
    const channel = webhookChannel({ id: 'h', url, secret: SECRET, maxAttempts: 1 });

    const error = (await channel.send(sampleMessage(), context()).catch((e: unknown) => e)) as Error;

    expect(error.message).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/h: fetch failed \(ECONNREFUSED/);
    receiver = await startHttpReceiver();
  });

  it('never puts the secret or a query token into an error, even when the receiver echoes them', async () => {
    receiver.answer({ status: 500, body: `bad signature for ${SECRET} token=abc123token` });
    const channel = webhookChannel({
      id: 'h',
      url: receiver.url('/h?token=abc123token'),
      secret: SECRET,
      maxAttempts: 1,
    });

    const error = (await channel.send(sampleMessage(), context()).catch((e: unknown) => e)) as Error;

    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('/h?… answered HTTP 500 — bad signature for *** token=abc123token');
    expect(JSON.stringify(channel.deadLetters())).not.toContain(SECRET);
  });

  it('refuses a secret shorter than 16 bytes and an address that is not http(s)', () => {
    expect(() => webhookChannel({ id: 'h', url: 'https://x.example/h', secret: 'short' })).toThrow(
      '[emwatch] [channel h] secret must be a string of at least 16 bytes',
    );
    expect(() => webhookChannel({ id: 'h', url: 'ftp://x.example/h?key=sekrit', secret: SECRET })).toThrow(
      '[emwatch] [channel h] url ftp://x.example/h?… is not an absolute http(s) address',
    );
  });

  it('keeps at most maxDeadLetters and counts the ones pushed out', async () => {
    receiver.answer({ status: 400 });
    const channel = webhookChannel({ id: 'h', url: receiver.url('/h'), secret: SECRET, maxDeadLetters: 2 });
    for (let i = 0; i < 3; i++) await channel.send(sampleMessage(), context()).catch(() => undefined);

    expect(channel.deadLetters()).toHaveLength(2);
    expect(channel.droppedDeadLetters).toBe(1);
  });
});
