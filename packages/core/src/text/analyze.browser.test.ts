import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.js';

// The same analysis in Chromium as in Node: no Node built-ins on this path.
describe('analyzeText in the browser', () => {
  it('classifies, finds places and casualties, and reads sentiment', () => {
    const result = analyzeText('鄂尔多斯市准格尔旗一煤矿发生透水事故，3人死亡、5名矿工被困，救援正在进行', {
      region: regionNmg,
    });
    expect(result.type).toBe('mining');
    expect(result.language).toBe('zh-Hans');
    expect(result.places.map((p) => p.code)).toEqual(['150622']);
    expect(result.casualties).toMatchObject({ deaths: 3, trapped: 5 });
    expect(result.sentiment.label).toBe('negative');
  });

  it('converts a Traditional-Chinese warning before classifying it', () => {
    const result = analyzeText('錫林郭勒盟氣象台發布暴雪橙色預警信號', { region: regionNmg });
    expect(result.language).toBe('zh-Hant');
    expect(result.type).toBe('snow-disaster');
    expect(result.warningColor).toBe('orange');
  });
});
