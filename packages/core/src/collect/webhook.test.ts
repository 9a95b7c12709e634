import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCollectorConformance } from '../../test/collector-conformance.js';
import { expectGolden, readFixture } from '../../test/golden.js';
import type { RawItem } from '../model/raw-item.js';
import { isCollectorIssue, type CollectorContext, type CollectorIssue, type SourceCursor } from './collector.js';
import { signWebhook, webhook, type WebhookCollector, type WebhookOptions } from './webhook.js';

const SECRET = 'xlgl-weibo-push-2025-secret';
const NOW = new Date('2025-04-13T07:30:00+08:00');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

interface Answer {
  readonly status: number;
  readonly body: { ok: boolean; code?: string; reason?: string; accepted?: number };
}

/** A real HTTP server on 127.0.0.1 whose handler reads the body (bounded) and calls handle(). */
async function serve(hook: WebhookCollector): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      // Read one byte past the limit so handle() can answer 413 without holding a huge body.
      if (size <= hook.maxBodyBytes) chunks.push(chunk);
      size += chunk.byteLength;
    });
    request.on('end', () => {
      const body = new Uint8Array(Buffer.concat(chunks)).subarray(0, hook.maxBodyBytes + 1);
      void hook
        .handle({ method: request.method ?? '', headers: request.headers, body })
        .then(({ status, body: answer }) => {
          response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/weibo`, server };
}

function context(): CollectorContext {
  let cursor: SourceCursor | undefined;
  return {
    fetch: globalThis.fetch,
    now: () => NOW,
    signal: new AbortController().signal,
    cursor: { get: async () => cursor, set: async (next) => void (cursor = next) },
  };
}

async function drain(hook: WebhookCollector): Promise<{ raws: RawItem[]; issues: CollectorIssue[] }> {
  const raws: RawItem[] = [];
  const issues: CollectorIssue[] = [];
  for await (const out of hook.collect(context())) (isCollectorIssue(out) ? issues : raws).push(out as never);
  return { raws, issues };
}

describe('webhook', () => {
  let hook: WebhookCollector;
  let url: string;
  let server: Server;

  const open = async (options: Partial<WebhookOptions> = {}): Promise<void> => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    hook = webhook({ id: 'weibo-push', secret: SECRET, now: () => NOW, ...options });
    ({ url, server } = await serve(hook));
  };

  const post = async (
    body: string | Uint8Array,
    headers: Record<string, string> = { 'content-type': 'application/json', ...signWebhook(SECRET, body, NOW_SECONDS) },
    method = 'POST',
  ): Promise<Answer> => {
    const response = await fetch(url, {
      method,
      headers,
      ...(method === 'GET' ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };

  beforeEach(() => open());
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('accepts a signed single record with 202 and hands it to collect() as one raw item', async () => {
    const body = JSON.stringify({ text: '锡林浩特暴雪，能见度不足五十米', publishedAt: '2025-04-13 07:20' });
    expect(await post(body)).toEqual({ status: 202, body: { ok: true, accepted: 1 } });
    const { raws, issues } = await drain(hook);
    expect(issues).toEqual([]);
    expect(raws).toHaveLength(1);
    expect(raws[0]).toMatchObject({
      sourceId: 'weibo-push',
      payload: body,
      contentType: 'application/json',
      fetchedAt: NOW.toISOString(),
    });
    const { signals } = hook.parse(raws[0]!);
    expect(signals.map((signal) => [signal.text, signal.publishedAt, signal.sourceKind])).toEqual([
      ['锡林浩特暴雪，能见度不足五十米', '2025-04-13T07:20:00+08:00', 'social'],
    ]);
  });

  it('accepts a signed batch and parses it to the signals in the golden file', async () => {
    const body = readFixture('webhook/posts-batch.json');
    expect(await post(body)).toEqual({ status: 202, body: { ok: true, accepted: 3 } });
    const { raws } = await drain(hook);
    expectGolden('webhook/posts-batch', hook.parse(raws[0]!));
  });

  it('drains each accepted body once', async () => {
    await post(JSON.stringify({ text: '正蓝旗积雪30厘米' }));
    await drain(hook);
    expect(await drain(hook)).toEqual({ raws: [], issues: [] });
  });

  it('keeps a body the consumer never took for the next collection', async () => {
    await post(JSON.stringify({ text: '第一条' }));
    await post(JSON.stringify({ text: '第二条' }));
    for await (const out of hook.collect(context())) {
      expect((out as RawItem).payload).toContain('第一条');
      break;
    }
    const { raws } = await drain(hook);
    expect(raws.map((raw) => JSON.parse(raw.payload).text)).toEqual(['第一条', '第二条']);
  });

  it('refuses a wrong signature with 401 EMW_WEBHOOK_SIGNATURE and reports it with the body kept', async () => {
    const body = JSON.stringify({ text: '伪造的消息' });
    const headers = { 'content-type': 'application/json', ...signWebhook('another-secret-of-16+', body, NOW_SECONDS) };
    const answer = await post(body, headers);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ ok: false, code: 'EMW_WEBHOOK_SIGNATURE' });
    expect(answer.body.reason).toContain('signature does not match');
    const { raws, issues } = await drain(hook);
    expect(raws).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'EMW_WEBHOOK_SIGNATURE', sourceId: 'weibo-push', status: 401 });
    expect(issues[0]!.quarantine).toMatchObject({ payload: body, payloadEncoding: 'text' });
  });

  it('refuses a body changed after signing', async () => {
    const headers = { 'content-type': 'application/json', ...signWebhook(SECRET, '{"text":"原文"}', NOW_SECONDS) };
    expect((await post('{"text":"改过的"}', headers)).body.code).toBe('EMW_WEBHOOK_SIGNATURE');
  });

  it('refuses a request without a signature header, saying which header is missing', async () => {
    const body = '{"text":"无签名"}';
    const answer = await post(body, { 'content-type': 'application/json', 'x-emwatch-timestamp': String(NOW_SECONDS) });
    expect(answer).toEqual({
      status: 401,
      body: { ok: false, code: 'EMW_WEBHOOK_SIGNATURE', reason: 'missing X-Emwatch-Signature header' },
    });
  });

  it('refuses a timestamp that is not Unix seconds', async () => {
    const body = '{"text":"x"}';
    const headers = {
      ...signWebhook(SECRET, body, NOW_SECONDS),
      'content-type': 'application/json',
      'x-emwatch-timestamp': '2025-04-13',
    };
    expect((await post(body, headers)).body.reason).toBe('X-Emwatch-Timestamp "2025-04-13" is not Unix seconds');
  });

  it('refuses a replayed request with 409 EMW_WEBHOOK_REPLAY', async () => {
    const body = JSON.stringify({ text: '锡林浩特暴雪' });
    const headers = { 'content-type': 'application/json', ...signWebhook(SECRET, body, NOW_SECONDS - 60) };
    expect((await post(body, headers)).status).toBe(202);
    const again = await post(body, headers);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ ok: false, code: 'EMW_WEBHOOK_REPLAY' });
    const { raws, issues } = await drain(hook);
    expect(raws).toHaveLength(1);
    expect(issues.map((issue) => issue.code)).toEqual(['EMW_WEBHOOK_REPLAY']);
  });

  it('accepts the same body again under a new timestamp, as a sender retrying does', async () => {
    const body = JSON.stringify({ id: '1', text: '重发' });
    expect(
      (await post(body, { 'content-type': 'application/json', ...signWebhook(SECRET, body, NOW_SECONDS - 5) })).status,
    ).toBe(202);
    expect(
      (await post(body, { 'content-type': 'application/json', ...signWebhook(SECRET, body, NOW_SECONDS) })).status,
    ).toBe(202);
    const { raws } = await drain(hook);
    // Same content, same raw id: the store keeps it once.
    expect(new Set(raws.map((raw) => raw.id)).size).toBe(1);
  });

  it('refuses a stale timestamp with 401 EMW_WEBHOOK_STALE, saying by how much', async () => {
    const body = JSON.stringify({ text: '旧消息' });
    const answer = await post(body, {
      'content-type': 'application/json',
      ...signWebhook(SECRET, body, NOW_SECONDS - 900),
    });
    expect(answer).toEqual({
      status: 401,
      body: {
        ok: false,
        code: 'EMW_WEBHOOK_STALE',
        reason: `timestamp ${NOW_SECONDS - 900} is 900 s older than the receiver's clock (tolerance 300 s)`,
      },
    });
  });

  it('refuses a timestamp too far in the future', async () => {
    const body = JSON.stringify({ text: '未来' });
    const answer = await post(body, {
      'content-type': 'application/json',
      ...signWebhook(SECRET, body, NOW_SECONDS + 400),
    });
    expect(answer.body.reason).toBe(
      `timestamp ${NOW_SECONDS + 400} is 400 s ahead of the receiver's clock (tolerance 300 s)`,
    );
  });

  it('refuses an oversized body with 413', async () => {
    await open({ maxBodyBytes: 1024 });
    const body = JSON.stringify({ text: '雪'.repeat(2000) });
    const answer = await post(body);
    expect(answer).toEqual({
      status: 413,
      body: { ok: false, code: 'EMW_WEBHOOK_BODY', reason: 'body of 1025 bytes exceeds the limit of 1024 bytes' },
    });
    const { issues } = await drain(hook);
    expect(issues[0]!.quarantine).toMatchObject({ bytes: 1025 });
  });

  it('refuses a body that is not declared as JSON with 415', async () => {
    const body = 'text=暴雪';
    const answer = await post(body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...signWebhook(SECRET, body, NOW_SECONDS),
    });
    expect(answer.status).toBe(415);
    expect(answer.body.reason).toBe(
      'content type "application/x-www-form-urlencoded" is not JSON: send application/json',
    );
  });

  it('refuses a method other than POST with 405', async () => {
    const answer = await post('', {}, 'GET');
    expect(answer).toEqual({
      status: 405,
      body: { ok: false, code: 'EMW_WEBHOOK_BODY', reason: 'method GET not allowed: POST the records' },
    });
  });

  it('refuses invalid JSON with 400 EMW_WEBHOOK_BODY', async () => {
    const answer = await post('[{"text": "锡林浩特"');
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('EMW_WEBHOOK_BODY');
    expect(answer.body.reason).toMatch(/^body is not JSON: /u);
  });

  it('refuses a batch with a bad record, naming the record index and field', async () => {
    const body = JSON.stringify([
      { text: '好的记录' },
      { text: '日期坏了', publishedAt: '昨天晚上' },
      { title: 3, url: 'javascript:alert(1)' },
    ]);
    const answer = await post(body);
    expect(answer).toEqual({
      status: 400,
      body: {
        ok: false,
        code: 'EMW_WEBHOOK_BODY',
        reason:
          'record 1: publishedAt "昨天晚上" is not a date; record 2: url "javascript:alert(1)" is not an absolute http(s) URL',
      },
    });
    expect((await drain(hook)).raws).toEqual([]);
  });

  it('refuses a record without text', async () => {
    const answer = await post(JSON.stringify({ author: '某人' }));
    expect(answer.body.reason).toMatch(/^no text: expected a field named text, content/u);
  });

  it('refuses new posts with 503 when collect() has fallen behind', async () => {
    await open({ maxQueuedBytes: 100 });
    expect((await post(JSON.stringify({ text: '雪'.repeat(20) }))).status).toBe(202);
    const answer = await post(JSON.stringify({ text: '风'.repeat(20) }));
    expect(answer.status).toBe(503);
    expect(answer.body.reason).toBe('71 bytes are waiting for collect() (limit 100): retry later');
  });

  it('refuses new posts with 503 rather than forget a live signature when the replay memory is full', async () => {
    await open({ maxRemembered: 2 });
    for (const text of ['一', '二']) expect((await post(JSON.stringify({ text }))).status).toBe(202);
    expect((await post(JSON.stringify({ text: '三' }))).status).toBe(503);
  });

  it('never puts the secret in an answer or an issue', async () => {
    const body = JSON.stringify({ text: SECRET });
    await post(body, { 'content-type': 'application/json', ...signWebhook('wrong-secret-0123456', body, NOW_SECONDS) });
    await post('{"text":1', { 'content-type': 'text/plain' });
    const { issues } = await drain(hook);
    for (const issue of issues) expect(issue.reason).not.toContain(SECRET);
  });

  it('refuses a secret shorter than 16 bytes without repeating it', () => {
    expect(() => webhook({ id: 'w', secret: 'short-pass' })).toThrow(
      '[emwatch] [webhook] source "w": secret must be at least 16 bytes, got 10',
    );
  });
});

describe('signWebhook', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 as hex', () => {
    // Reference value from Python: hmac.new(b'0123456789abcdef', b'1744500000.{"text":"x"}', 'sha256').hexdigest()
    expect(signWebhook('0123456789abcdef', '{"text":"x"}', 1744500000)).toEqual({
      'x-emwatch-timestamp': '1744500000',
      'x-emwatch-signature': 'sha256=7af5d045819c31e02a4acfc92fb4cfea2056b64cc0bc4d75fda1cf3db0664b09',
    });
  });

  it('refuses a timestamp in milliseconds', () => {
    expect(() => signWebhook(SECRET, '{}', Date.now())).toThrow(/is not Unix seconds/u);
  });
});

describeCollectorConformance('webhook', async () => {
  const hook = webhook({ id: 'conformance-push', secret: SECRET });
  const { url, server } = await serve(hook);
  const send = async (body: string, secret = SECRET): Promise<void> => {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(secret, body) },
      body,
    });
  };
  return {
    collector: hook,
    async publish(batch) {
      if (batch === 'first') {
        await send(
          JSON.stringify([
            { id: 'a1', text: '锡林浩特暴雪' },
            { id: 'a2', text: '正蓝旗停电', url: 'https://weibo.com/1/a2' },
          ]),
        );
      } else if (batch === 'second') await send(JSON.stringify({ id: 'a3', text: '二连浩特口岸关闭' }));
      else await send(JSON.stringify({ text: '签名错误' }), 'not-the-right-secret!');
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
});
