import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/golden.js';
import { EmwatchError } from '../errors.js';
import type { Alert } from '../model/alert.js';
import type { Event } from '../model/event.js';
import type { Incident } from '../model/incident.js';
import type { RiskScore } from '../model/risk-score.js';
import type { Signal } from '../model/signal.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { createBriefing, type CreateBriefingOptions } from './briefing.js';

interface StoreFixture {
  readonly signals: Signal[];
  readonly events: Event[];
  readonly scores: RiskScore[];
  readonly alerts: Alert[];
  readonly incidents: Incident[];
}

/** A memory store holding the fixed content of `fixtures/report/store.json` (a day of sandstorm, a mine, a flood, a hostile title). */
async function fixtureStore(): Promise<Store> {
  const content = JSON.parse(readFileSync(fixturePath('report/store.json'), 'utf8')) as StoreFixture;
  const store = createMemoryStore();
  await store.putSignals(content.signals);
  for (const event of content.events) await store.putEvent(event);
  for (const score of content.scores) await store.putScore(score);
  for (const alert of content.alerts) await store.putAlert(alert);
  for (const incident of content.incidents) await store.putIncident(incident);
  return store;
}

/** Compares text with `fixtures/report/<name>`, rewritten with UPDATE_GOLDEN=1 (review the diff). */
function expectGoldenText(name: string, text: string): void {
  const path = fixturePath(`report/${name}`);
  if (process.env.UPDATE_GOLDEN === '1') return writeFileSync(path, text);
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

const NOW = new Date('2024-04-13T08:30:00+08:00');
const HOSTILE = '<script>alert(1)</script>|**注入**[链接](http://evil.example/x)\n# 标题';

async function brief(options: Partial<CreateBriefingOptions> = {}) {
  return createBriefing({
    store: await fixtureStore(),
    period: 'day',
    now: NOW,
    region: regionNmg,
    issuer: '内蒙古自治区应急管理厅 值班室',
    ...options,
  });
}

describe('createBriefing', () => {
  it('covers 08:00 the day before to 08:00 today in the duty-office convention', async () => {
    const briefing = await brief();
    expect(briefing.period).toEqual({ start: '2024-04-12T08:00:00+08:00', end: '2024-04-13T08:00:00+08:00' });
    expect(briefing.trend).toHaveLength(24);
    expect(briefing.trend[1]).toEqual({
      start: '2024-04-12T09:00:00+08:00',
      label: '4月12日09时',
      signals: 1,
      newEvents: 0,
    });
  });

  it('before 08:00 reports the duty day that ended the morning before', async () => {
    const briefing = await brief({ now: new Date('2024-04-13T07:59:00+08:00') });
    expect(briefing.period).toEqual({ start: '2024-04-11T08:00:00+08:00', end: '2024-04-12T08:00:00+08:00' });
  });

  it('covers calendar days when the duty day starts at midnight', async () => {
    const briefing = await brief({ dayStartHour: 0 });
    expect(briefing.period).toEqual({ start: '2024-04-12T00:00:00+08:00', end: '2024-04-13T00:00:00+08:00' });
  });

  it('counts the period’s messages, events by level, alerts and incidents', async () => {
    const { figures } = await brief();
    expect(figures).toEqual({
      signals: 13,
      signalsBySourceKind: { 'official-warning': 2, media: 2, social: 5, 'official-news': 4 },
      events: 8,
      newEvents: 7,
      eventsByLevel: { IV: 4, III: 2, II: 1, I: 0 },
      unscoredEvents: 1,
      rumors: 1,
      alerts: 3,
      alertsByLevel: { IV: 0, III: 2, II: 1, I: 0 },
      alertsUnacknowledged: 1,
      incidentsOpened: 3,
      incidentsClosed: 1,
      incidentsOpen: 2,
      incidentsOverdue: 2,
    });
  });

  it('lists the highest-scored events first with their largest factors as reasons', async () => {
    const { topEvents } = await brief();
    expect(topEvents.map((row) => [row.event.title, row.score?.score ?? null])).toEqual([
      ['锡林郭勒盟强沙尘暴', 66],
      ['准格尔旗煤矿冒顶事故', 59],
      ['二广高速苏尼特右旗段多车追尾', 44],
      ['阿拉善盟沙尘暴黄色预警', 38],
      ['扎兰屯市雅鲁河超警戒水位', 33],
      ['东乌珠穆沁旗白灾', 29],
      ['网传沙尘暴导致二连浩特多人死亡', 9],
      [HOSTILE, null],
    ]);
    expect(topEvents[0]!.reasons.map((r) => [r.label, r.contribution])).toEqual([
      ['官方预警', 21.4],
      ['事件类型', 12.9],
      ['信源权威性', 11.4],
    ]);
    expect(topEvents[0]!.placeNames).toEqual(['苏尼特左旗', '苏尼特右旗', '二连浩特市']);
  });

  it('has a row for every league, the highest level in each, and one for unlocated events', async () => {
    const { byLeague } = await brief();
    expect(byLeague).toHaveLength(13);
    expect(byLeague.find((row) => row.code === '152500')).toEqual({
      code: '152500',
      name: '锡林郭勒盟',
      events: 4,
      newEvents: 3,
      highestLevel: 'II',
      signals: 7,
      alerts: 2,
    });
    expect(byLeague.find((row) => row.code === '150400')).toMatchObject({ events: 0, highestLevel: null });
    expect(byLeague.at(-1)).toEqual({
      code: null,
      name: '未定位到盟市',
      events: 1,
      newEvents: 1,
      highestLevel: null,
      signals: 1,
      alerts: 0,
    });
  });

  it('writes the daily Markdown of the fixed store content', async () => {
    expectGoldenText('day.golden.md', (await brief()).markdown);
  });

  it('writes the weekly Markdown in English', async () => {
    const briefing = await brief({ period: 'week', lang: 'en' });
    expect(briefing.period).toEqual({ start: '2024-04-06T08:00:00+08:00', end: '2024-04-13T08:00:00+08:00' });
    expect(briefing.trend.map((p) => p.label)).toEqual(['04-06', '04-07', '04-08', '04-09', '04-10', '04-11', '04-12']);
    expectGoldenText('week-en.golden.md', briefing.markdown);
  });

  it('writes a special briefing with the timeline, the score factors, the alerts and the incident audit', async () => {
    const briefing = await brief({ period: 'special', event: 'evt:2024-04-12:152500:sandstorm' });
    expect(briefing.title).toBe('舆情专报：锡林郭勒盟强沙尘暴');
    expect(briefing.special?.alerts.map((a) => a.id)).toEqual(['alr:0001']);
    expect(briefing.special?.incidents[0]?.audit).toHaveLength(4);
    expect(briefing.figures.signals).toBe(3);
    expectGoldenText('special.golden.md', briefing.markdown);
  });

  it('escapes a hostile event title in Markdown so it neither injects markup nor breaks the table', async () => {
    const { markdown } = await brief();
    const row = markdown.split('\n').find((line) => line.includes('alert(1)'))!;
    expect(row).toContain(
      '\\<script\\>alert(1)\\</script\\>\\|\\*\\*注入\\*\\*\\[链接\\](http://evil.example/x) # 标题',
    );
    expect(row.split(/(?<!\\)\|/)).toHaveLength(11);
    expect(markdown).not.toMatch(/^# 标题/m);
  });

  it('makes self-contained HTML: no script, no external resource, the hostile title escaped, print rules', async () => {
    const { html } = await brief();
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(?:link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/(?:src|href)\s*=|url\(|@import/i);
    expect(html).toContain(
      '<td>&lt;script&gt;alert(1)&lt;/script&gt;|**注入**[链接](http://evil.example/x)\n# 标题</td>',
    );
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('@media print');
    expect(html).toContain("'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei'");
    expect(html).toContain('<span class="badge orange" style="background:#F28C00">Ⅱ级（重大）</span>');
  });

  it('inlines the charts a renderer draws, and leaves out and notes one that would run code', async () => {
    const specs: object[] = [];
    const briefing = await brief({
      renderSvg: async (spec) => {
        specs.push(spec);
        return specs.length === 1
          ? '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>信息量</text></svg>'
          : '<svg xmlns="http://www.w3.org/2000/svg"><a href="https://evil.example/">x</a></svg>';
      },
    });
    expect(specs).toHaveLength(2);
    expect(briefing.html).toContain(
      '<figure role="img" aria-label="信息量趋势"><svg xmlns="http://www.w3.org/2000/svg"',
    );
    expect(briefing.html).not.toContain('evil.example/"');
    expect(briefing.notes).toEqual([
      {
        code: 'EMW_BRIEFING_CHART',
        message: expect.stringMatching(/^图表「事件类型分布」未能生成：the SVG contains active or external content/),
      },
    ]);
  });

  it('notes a renderer failure and still writes the rest', async () => {
    const briefing = await brief({
      renderSvg: async () => {
        throw new Error('vega exploded');
      },
    });
    expect(briefing.notes.map((n) => n.message)).toEqual([
      '图表「信息量趋势」未能生成：vega exploded',
      '图表「事件类型分布」未能生成：vega exploded',
    ]);
    expect(briefing.markdown).toContain('## 五、信息量趋势');
  });

  it('notes when there were more records than it reads', async () => {
    const briefing = await brief({ maxRecords: 5 });
    expect(briefing.figures.signals).toBe(5);
    expect(briefing.notes.map((n) => n.message)).toContain('信息超过 5 条，仅统计前 5 条。');
    expect(briefing.markdown).toContain('## 说明');
  });

  it('leaves out the league table without a region pack', async () => {
    const briefing = await brief({ region: undefined });
    expect(briefing.byLeague).toEqual([]);
    expect(briefing.markdown).toContain('未提供区域包，不分盟市统计。');
    expect(briefing.topEvents[0]!.placeNames).toEqual(['152523', '152524', '152501']);
  });

  it('refuses a special briefing without an event, naming the option', async () => {
    await expect(brief({ period: 'special' })).rejects.toThrow(
      new EmwatchError(
        'EMW_BRIEFING_OPTIONS',
        '[emwatch] [briefing] a special briefing needs the id of its event (option event)',
      ),
    );
  });

  it('refuses a special briefing about an event the store does not hold', async () => {
    await expect(brief({ period: 'special', event: 'evt:nope' })).rejects.toMatchObject({
      code: 'EMW_BRIEFING_EVENT',
      message: '[emwatch] [briefing] event "evt:nope" is not in the store',
    });
  });

  it('refuses an unknown time zone and an unknown period', async () => {
    await expect(brief({ timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'EMW_TIME_ZONE' });
    await expect(brief({ period: 'month' as 'day' })).rejects.toMatchObject({ code: 'EMW_BRIEFING_OPTIONS' });
  });
});
