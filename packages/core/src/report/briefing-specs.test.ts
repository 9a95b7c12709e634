import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/golden.js';
import { briefingTrendSpec, briefingTypeSpec } from './briefing-specs.js';

const TREND = [
  { start: '2024-04-12T16:00:00+08:00', label: '4月12日16时', signals: 2, newEvents: 1 },
  { start: '2024-04-12T17:00:00+08:00', label: '4月12日17时', signals: 5, newEvents: 0 },
];

describe('briefingTrendSpec', () => {
  it('builds a bar chart of messages per bucket in bucket order', () => {
    expectGolden('report/trend-spec', briefingTrendSpec(TREND));
  });

  it('titles the axes in English when asked', () => {
    const spec = briefingTrendSpec(TREND, { lang: 'en' }) as { encoding: { y: { title: string } } };
    expect(spec.encoding.y.title).toBe('Messages');
  });
});

describe('briefingTypeSpec', () => {
  it('builds horizontal bars, largest first, with the counts written at their ends', () => {
    expectGolden(
      'report/type-spec',
      briefingTypeSpec([
        { key: 'sandstorm', label: '沙尘暴', count: 3 },
        { key: 'mining', label: '矿山事故', count: 1 },
      ]),
    );
  });

  it('grows with the number of rows so labels never overlap', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, label: `类型${i}`, count: i }));
    expect(briefingTypeSpec(rows).height).toBe(240);
  });
});
