import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../../test/fixtures/respond/http-receiver.js';
import { blizzard, sampleMessage, scoreOf, alertOf } from '../../../test/fixtures/respond/samples.js';
import { createAlertEntry, createAlertMessage } from '../alert-message.js';
import { wecomChannel } from './wecom.js';

const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const NOW = new Date('2024-03-14T01:15:00Z');
const context = { now: () => NOW };

let receiver: HttpReceiver;
beforeEach(async () => {
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

describe('wecomChannel', () => {
  it('posts a Markdown message to the robot address', async () => {
    const channel = wecomChannel({ id: 'wecom-office', url: receiver.url(`/cgi-bin/webhook/send?key=${KEY}`) });

    await channel.send(sampleMessage(), context);

    const request = receiver.requests[0]!;
    expect(request.path).toBe('/cgi-bin/webhook/send');
    expect(request.query.get('key')).toBe(KEY);
    const body = JSON.parse(request.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content.split('\n').slice(0, 3)).toEqual([
      '### 【橙色】东乌旗遭遇暴雪 多条道路封闭',
      '- **预警级别**：橙色 · Ⅱ级（重大）',
      '- **事件类型**：雪灾（发生）',
    ]);
  });

  it('treats errcode ≠ 0 as a failure and never shows the key', async () => {
    receiver.answer({ body: `{"errcode":93000,"errmsg":"invalid webhook url, key=${KEY}, hint: [1710379234_1]"}` });
    const channel = wecomChannel({ id: 'wecom-office', url: receiver.url(`/cgi-bin/webhook/send?key=${KEY}`) });

    const error = (await channel.send(sampleMessage(), context).catch((e: unknown) => e)) as Error;

    expect(error.message).toContain(
      'refused the message: errcode 93000 (invalid webhook url, key=***, hint: [1710379234_1])',
    );
    expect(error.message).toContain('/cgi-bin/webhook/send?…');
    expect(error.message).not.toContain(KEY);
    expect(receiver.requests).toHaveLength(1);
  });

  it('keeps a long digest within WeCom’s 4,096 bytes', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => {
      const event = { ...blizzard, id: `evt:2024-03-14:152525:snow-${i}` };
      return createAlertEntry(alertOf(event, 'IV'), event, scoreOf(event, 'IV'));
    });
    const channel = wecomChannel({ id: 'w', url: receiver.url(`/cgi-bin/webhook/send?key=${KEY}`) });

    await channel.send(createAlertMessage('digest', entries, { now: NOW }), context);

    const content: string = JSON.parse(receiver.requests[0]!.body).markdown.content;
    expect(new TextEncoder().encode(content).byteLength).toBeLessThanOrEqual(4096);
    expect(content).toMatch(/……另有 \d+ 条未列出$/);
  });
});
