import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../../test/fixtures/respond/samples.js';
import { consoleChannel } from './console.js';

describe('consoleChannel', () => {
  it('writes the message as plain text to the injected writer', async () => {
    const lines: string[] = [];
    const channel = consoleChannel({ write: (text) => lines.push(text) });

    await channel.send(sampleMessage(), { now: () => new Date() });

    expect(channel.id).toBe('console');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.split('\n').slice(0, 2)).toEqual([
      '【橙色】东乌旗遭遇暴雪 多条道路封闭',
      '预警级别：橙色 · Ⅱ级（重大）',
    ]);
  });

  it('renders Markdown when asked', async () => {
    const lines: string[] = [];
    await consoleChannel({ id: 'dev', format: 'markdown', write: (t) => lines.push(t) }).send(sampleMessage(), {
      now: () => new Date(),
    });
    expect(lines[0]?.startsWith('### 【橙色】')).toBe(true);
  });
});
