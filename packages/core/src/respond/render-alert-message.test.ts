import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/golden.js';
import { blizzard, mineAccident, scoreOf, wildfire } from '../../test/fixtures/respond/samples.js';
import type { Alert } from '../model/alert.js';
import type { Event } from '../model/event.js';
import type { RiskScore } from '../model/risk-score.js';
import { alertTitle, createAlertEntry, createAlertMessage, type AlertMessageKind } from './alert-message.js';
import { renderAlertMessage } from './render-alert-message.js';

const NOW = new Date('2024-03-14T01:15:00Z');

function alertFor(event: Event, score: RiskScore): Alert {
  return {
    id: `alr:${event.id.slice(4)}:${score.level}`,
    eventId: event.id,
    ruleId: 'r',
    level: score.level,
    color: score.color,
    score: score.score,
    title: alertTitle(score.color, event.title),
    createdAt: '2024-03-14T09:15:00+08:00',
    status: 'open',
    escalations: 0,
    deliveries: [],
  };
}

function messageOf(
  event: Event,
  level: 'IV' | 'III' | 'II' | 'I',
  lang: 'zh-CN' | 'en' = 'zh-CN',
  kind: AlertMessageKind = 'alert',
) {
  const score = scoreOf(event, level);
  const entry = createAlertEntry(alertFor(event, score), event, score, {
    lang,
    region: regionNmg,
    link: (e) => `https://duty.example.org/events/${encodeURIComponent(e.id)}`,
    factorLabelsEn: { corroboration: 'Corroboration by independent sources' },
  });
  return createAlertMessage(kind, [entry], { lang, now: NOW });
}

describe('renderAlertMessage', () => {
  it('renders a zh-CN alert as Markdown with colour word, type, places, score, reasons and link', () => {
    const text = renderAlertMessage(messageOf(blizzard, 'II'), { format: 'markdown' });
    expect(text.split('\n\n')).toEqual([
      '### 【橙色】东乌旗遭遇暴雪 多条道路封闭',
      '- **预警级别**：橙色 · Ⅱ级（重大）',
      '- **事件类型**：雪灾（发生）',
      '- **涉及地区**：东乌珠穆沁旗、锡林郭勒盟',
      '- **风险评分**：69 / 100',
      '- **主要依据**：人员伤亡 +35；官方预警 +21；多源印证 +13',
      '- **人员伤亡**：被困 12 人',
      '- **首次发现**：2024-03-14 07:40（最近更新 2024-03-14 09:12）',
      '[查看详情](https://duty.example.org/events/evt%3A2024-03-14%3A152525%3Asnow-disaster)',
      '> 预警编号 alr:2024-03-14:152525:snow-disaster:II，请及时确认',
    ]);
  });

  it('renders the same alert in English', () => {
    const text = renderAlertMessage(messageOf(blizzard, 'II', 'en'), { format: 'text' });
    expect(text.split('\n')).toEqual([
      '[Orange] Snow disaster in East Ujimqin Banner, Xilingol League',
      'Level: Orange · Level II (serious)',
      'Type: Snow disaster (Occurring)',
      'Places: East Ujimqin Banner, Xilingol League',
      'Risk score: 69 / 100',
      'Main reasons: Casualties +35; Official warning +21; Corroboration by independent sources +13',
      'Casualties: 12 trapped',
      'First seen: 2024-03-14 07:40 (last update 2024-03-14 09:12)',
      'Details: https://duty.example.org/events/evt%3A2024-03-14%3A152525%3Asnow-disaster',
      'Alert alr:2024-03-14:152525:snow-disaster:II: please acknowledge',
    ]);
  });

  it('keeps golden renderings of a mine accident in every format', () => {
    const message = messageOf(mineAccident, 'I', 'zh-CN', 'upgrade');
    expectGolden('respond/message-mine-accident', {
      title: message.title,
      markdown: renderAlertMessage(message, { format: 'markdown' }).split('\n'),
      wecom: renderAlertMessage(message, { format: 'wecom' }).split('\n'),
      text: renderAlertMessage(message, { format: 'text' }).split('\n'),
      html: renderAlertMessage(message, { format: 'html' }).split('\n'),
    });
  });

  it('turns Markdown, mentions and newlines in a post title into harmless text', () => {
    const hostile = { ...wildfire, title: '[点我领补贴](http://evil.example/x) @所有人\n# 假标题 <b>粗</b>' };
    const text = renderAlertMessage(messageOf(hostile, 'III'), { format: 'markdown' });
    expect(text.split('\n\n')[0]).toBe(
      '### 【黄色】［点我领补贴］（http://evil.example/x） ＠所有人 ＃ 假标题 ＜b＞粗＜/b＞',
    );
    expect(text).not.toContain('](http://evil');
  });

  it('escapes a post title in HTML', () => {
    const hostile = { ...wildfire, title: '<script>alert(1)</script>&' };
    const html = renderAlertMessage(messageOf(hostile, 'III'), { format: 'html' });
    expect(html).toContain('<h3>【黄色】&lt;script&gt;alert(1)&lt;/script&gt;&amp;</h3>');
    expect(html).not.toContain('<script>');
  });

  it('shortens a digest to fit a byte limit and says how many entries were left out', () => {
    const entries = Array.from({ length: 12 }, (_, i) => {
      const event = { ...wildfire, id: `evt:2024-04-05:152526:wildfire-${i}` };
      const score = scoreOf(event, 'IV');
      return createAlertEntry(alertFor(event, score), event, score, { region: regionNmg });
    });
    const message = createAlertMessage('digest', entries, { now: NOW });
    const text = renderAlertMessage(message, { format: 'wecom', maxBytes: 2048 });
    expect(new TextEncoder().encode(text).byteLength).toBeLessThanOrEqual(2048);
    expect(message.title).toBe('【预警汇总】12 条（蓝色 12）');
    expect(text).toMatch(/……另有 \d+ 条未列出$/);
  });

  it('drops links that are not http(s)', () => {
    const score = scoreOf(wildfire, 'III');
    const entry = createAlertEntry(alertFor(wildfire, score), wildfire, score, { link: () => 'javascript:alert(1)' });
    expect(entry.link).toBeUndefined();
  });

  it('tells the previous level of an upgrade', () => {
    const score = scoreOf(blizzard, 'I');
    const entry = createAlertEntry(alertFor(blizzard, score), blizzard, score, { previousLevel: 'II' });
    const message = createAlertMessage('upgrade', [entry], { now: NOW });
    expect(message.title).toBe('【级别提升】【红色】东乌旗遭遇暴雪 多条道路封闭');
    expect(renderAlertMessage(message, { format: 'text' })).toContain(
      '预警级别：红色 · Ⅰ级（特别重大）（原为Ⅱ级（重大））',
    );
  });
});
