import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { analyzeCommand } from './analyze.js';

async function analyzeLines(lines: string[]): Promise<Record<string, unknown>[]> {
  const out: string[] = [];
  await analyzeCommand(Readable.from([lines.join('\n')]), { region: regionNmg }, (line) => out.push(line));
  return out.map((line) => JSON.parse(line));
}

describe('emwatch analyze', () => {
  it('writes one analysis per plain-text line, numbered by line', async () => {
    const [first, second] = await analyzeLines(['阿拉善盟出现强沙尘暴，能见度不足500米', '锡盟东乌旗遭遇白灾']);
    expect(first).toMatchObject({ id: 1, type: 'sandstorm', places: [{ code: '152900' }] });
    expect(second).toMatchObject({ id: 2, type: 'snow-disaster', places: [{ code: '152525' }] });
  });

  it('keeps the id of a JSONL line', async () => {
    const [result] = await analyzeLines(['{"id":"wb-1","text":"包头市昆区一小区发生火灾，无人员伤亡"}']);
    expect(result).toMatchObject({ id: 'wb-1', type: 'fire', casualties: { deaths: 0, injured: 0 } });
  });

  it('reports a bad line with its number and reason, and goes on', async () => {
    const results = await analyzeLines(['{"id":"a","text":', '{"id":"b"}', '乌海一煤矿发生透水事故']);
    expect(results[0]).toEqual({ id: 1, error: expect.stringMatching(/^line 1: not valid JSON/) });
    expect(results[1]).toEqual({ id: 'b', error: 'line 2: JSON line has no string field "text"' });
    expect(results[2]).toMatchObject({ id: 3, type: 'mining' });
  });

  it('skips blank lines but keeps counting them', async () => {
    const results = await analyzeLines(['', '赤峰发布暴雨蓝色预警']);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: 2, warningColor: 'blue' });
  });

  it('rejects an over-long line without analysing it', async () => {
    const [result] = await analyzeLines(['洪'.repeat(100_001)]);
    expect(result).toEqual({ id: 1, error: 'line 1: line is 100001 characters, over the limit of 100000' });
  });

  it('labels English text through the English path, not the Chinese model', async () => {
    const out: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'emwatch-analyze-'));
    writeFileSync(join(dir, 'in.txt'), 'M 5.1 - 12 km NE of Baotou, China\nEarthquake drill held at local schools\n');
    expect(await main(['analyze', join(dir, 'in.txt')], (line) => out.push(line))).toBe(0);
    expect(out.map((line) => JSON.parse(line).type)).toEqual(['earthquake', 'none']);
  });

  it('names a file it cannot read and exits with status 2', async () => {
    const err: string[] = [];
    expect(
      await main(
        ['analyze', '/nonexistent/posts.jsonl'],
        () => {},
        (line) => err.push(line),
      ),
    ).toBe(2);
    expect(err[0]).toMatch(/^\[emwatch\] \[analyze\] cannot read \/nonexistent\/posts.jsonl: ENOENT/);
  });
});
