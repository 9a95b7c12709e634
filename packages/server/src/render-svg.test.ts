import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import regionNmg from '@emwatch/region-nmg';
import {
  briefingTrendSpec,
  briefingTypeSpec,
  createBriefing,
  createMemoryStore,
  type Alert,
  type Event,
  type Incident,
  type RiskScore,
  type Signal,
} from '@emwatch/core';
import { describe, expect, it } from 'vitest';
import { renderSvg } from './render-svg.js';

const STORE = fileURLToPath(new URL('../../core/test/fixtures/report/store.json', import.meta.url));

async function fixtureStore() {
  const content = JSON.parse(readFileSync(STORE, 'utf8')) as {
    signals: Signal[];
    events: Event[];
    scores: RiskScore[];
    alerts: Alert[];
    incidents: Incident[];
  };
  const store = createMemoryStore();
  await store.putSignals(content.signals);
  for (const event of content.events) await store.putEvent(event);
  for (const score of content.scores) await store.putScore(score);
  for (const alert of content.alerts) await store.putAlert(alert);
  for (const incident of content.incidents) await store.putIncident(incident);
  return store;
}

describe('renderSvg', () => {
  it('draws the trend chart as SVG with its Chinese axis titles and bucket labels', async () => {
    const svg = await renderSvg(
      briefingTrendSpec([
        { start: '2024-04-12T16:00:00+08:00', label: '4月12日16时', signals: 2, newEvents: 1 },
        { start: '2024-04-12T17:00:00+08:00', label: '4月12日17时', signals: 5, newEvents: 0 },
      ]),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('信息量（条）');
    expect(svg).toContain('4月12日17时');
    expect(svg).toContain('fill="#B71C1C"');
  });

  it('draws the type chart with type names and the counts written at the bars', async () => {
    const svg = await renderSvg(
      briefingTypeSpec([
        { key: 'sandstorm', label: '沙尘暴', count: 3 },
        { key: 'mining', label: '矿山事故', count: 1 },
      ]),
    );
    expect(svg).toContain('事件类型');
    expect(svg).toContain('沙尘暴');
    expect(svg).toContain('矿山事故');
    expect(svg).toContain('>3</text>');
  });

  it('refuses a spec that asks to load data', async () => {
    await expect(
      renderSvg({
        data: { url: 'http://127.0.0.1:9/data.json' },
        mark: 'bar',
        encoding: { x: { field: 'a', type: 'nominal' } },
      }),
    ).rejects.toThrow('charts must carry their data inline');
  });

  it('gives createBriefing charts that go into the HTML inline, with no script and no note', async () => {
    const briefing = await createBriefing({
      store: await fixtureStore(),
      period: 'day',
      now: new Date('2024-04-13T08:30:00+08:00'),
      region: regionNmg,
      renderSvg,
    });
    expect(briefing.notes).toEqual([]);
    const figures = briefing.html.match(/<figure[\s\S]*?<\/figure>/g) ?? [];
    expect(figures).toHaveLength(2);
    expect(figures[0]).toContain('沙尘暴');
    expect(figures[1]).toContain('信息量（条）');
    expect(briefing.html).not.toMatch(/<script|(?:src|href)\s*=/i);
  });
});
