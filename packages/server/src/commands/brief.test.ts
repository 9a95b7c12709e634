import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';

async function run(...argv: string[]): Promise<{ status: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(
    argv,
    (text) => out.push(text),
    (text) => err.push(text),
  );
  return { status, out: out.join('\n'), err };
}

describe('emwatch brief', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('prints the daily briefing of the demo posts as Markdown, covering the duty day they fall in', async () => {
    const { status, out, err } = await run('brief');
    expect(status).toBe(0);
    expect(err).toEqual([]);
    expect(out.split('\n').slice(0, 5)).toEqual([
      '# 内蒙古自治区突发事件舆情日报',
      '',
      'emwatch 演示值班室\u30002024年4月13日 08:05 编发',
      '',
      '统计时段：2024年4月12日 08:00 至 2024年4月13日 08:00（Asia/Shanghai）',
    ]);
    expect(out).toContain(
      '- 监测信息 10 条（官方预警 2 条、官方发布 3 条、新闻媒体 1 条、社交媒体 3 条、监测台网 1 条）。',
    );
    expect(out).toMatch(/^\| 1 \| 准格尔旗一煤矿井下发生冒顶事故 \| 矿山事故 \| 准格尔旗 \| \d+ \| Ⅲ级（较大） \|/m);
    expect(out).toContain('| 锡林郭勒盟 | 3 | 3 |');
  });

  it('writes the HTML with inline SVG charts to --out and says so on stderr', async () => {
    dir = mkdtempSync(join(tmpdir(), 'emwatch-brief-'));
    const file = join(dir, 'daily.html');
    const { status, out, err } = await run('brief', '--format', 'html', '--out', file);
    expect(status).toBe(0);
    expect(out).toBe('');
    expect(err).toEqual([
      `[emwatch] [brief] wrote 内蒙古自治区突发事件舆情日报 (2024-04-12T08:00:00+08:00 – 2024-04-13T08:00:00+08:00) to ${file}`,
    ]);
    const html = readFileSync(file, 'utf8');
    expect(html.match(/<figure role="img"[^>]*><svg /g)).toHaveLength(2);
    expect(html).toContain('信息量（条）');
    expect(html).not.toMatch(/<script/i);
  });

  it('writes an English special briefing about the highest-scored demo event', async () => {
    const { status, out } = await run('brief', '--period', 'special', '--lang', 'en');
    expect(status).toBe(0);
    expect(out.split('\n')[0]).toBe('# Special briefing: 准格尔旗一煤矿井下发生冒顶事故');
    expect(out).toContain('## 3. Timeline');
    expect(out).toMatch(/\| opened \| {3}\| Reported \|/);
  });

  it('covers the seven duty days before with --period week', async () => {
    const { status, out } = await run('brief', '--period', 'week');
    expect(status).toBe(0);
    expect(out).toContain('# 内蒙古自治区突发事件舆情周报');
    expect(out).toContain('统计时段：2024年4月6日 08:00 至 2024年4月13日 08:00（Asia/Shanghai）');
  });

  it('exits 2 naming a bad --period, --format or event', async () => {
    expect(await run('brief', '--period', 'month')).toMatchObject({
      status: 2,
      err: ['[emwatch] [brief] --period must be day, week or special, got "month"'],
    });
    expect(await run('brief', '--format', 'pdf')).toMatchObject({
      status: 2,
      err: ['[emwatch] [brief] --format must be one of md, html, got "pdf"'],
    });
    expect(await run('brief', '--period', 'special', '--event', 'evt:nope')).toMatchObject({
      status: 2,
      err: ['[emwatch] [briefing] event "evt:nope" is not in the store'],
    });
  });

  it('is in the help', async () => {
    const { out } = await run('--help');
    expect(out).toContain('brief                舆情日报/周报/专报');
    expect(out).toContain('--period P       day (前一日 8 时至当日 8 时) | week (前 7 日) | special (one event)');
  });
});
