import { describe, expect, it } from 'vitest';
import { classifyText } from './classify.js';

// The hard cases of taxonomy.md, in sentences written for this test (not in the corpus).
describe('classifyText with the shipped model', () => {
  it.each([
    ['呼和浩特市今天上午在赛罕区举行地震应急疏散演练，三千余名师生参加', 'none'],
    ['包头一小区开展燃气泄漏应急演练，居民学习自救知识', 'none'],
    ['今天是那场特大暴雨十周年，我们一起回顾当年的抗洪岁月', 'none'],
    ['这家烤肉店太火爆了，排队两小时', 'none'],
    ['这条新闻简直是地震级的，评论区炸锅了', 'none'],
    ['运动员拼出了洪荒之力，夺得金牌', 'none'],
  ])('labels a drill, anniversary or metaphor as none: %s', (text, type) => {
    expect(classifyText(text).type).toBe(type);
  });

  it('tells a grassland fire from a warehouse fire', () => {
    expect(classifyText('西乌旗巴彦花镇附近草原起火，过火面积约300公顷，扑火队伍正在扑救').type).toBe('wildfire');
    expect(classifyText('赤峰市松山区一物流仓库起火，浓烟滚滚，消防正在扑救').type).toBe('fire');
  });

  it('places a gas explosion by where it happened: home, coal mine or chemical plant', () => {
    expect(classifyText('集宁区一居民楼内发生燃气爆炸，多户窗户被震碎').type).toBe('infrastructure');
    expect(classifyText('乌海一煤矿井下发生瓦斯爆炸，多名矿工被困').type).toBe('mining');
    expect(classifyText('阿拉善经济开发区一化工厂反应釜爆炸，有毒气体泄漏').type).toBe('hazchem');
  });

  it('keeps the hazard type of a warning and marks its stage as warning', () => {
    const result = classifyText('锡林郭勒盟气象台发布暴雪橙色预警：预计未来24小时东乌旗、西乌旗有暴雪');
    expect(result.type).toBe('snow-disaster');
    expect(result.stage).toBe('warning');
  });

  it('keeps the hazard type of a refuted rumour and marks its stage as rumor', () => {
    const result = classifyText('网传“包头将发生7级地震”系谣言，地震部门从未发布此类预报');
    expect(result.type).toBe('earthquake');
    expect(result.stage).toBe('rumor');
  });

  it('explains the decision with weighted terms that occur in the text', () => {
    const text = '鄂尔多斯市准格尔旗一煤矿发生透水事故，5名矿工被困井下';
    const result = classifyText(text);
    expect(result.type).toBe('mining');
    expect(result.explanation.length).toBeGreaterThan(0);
    for (const evidence of result.explanation) {
      expect(text).toContain(evidence.term);
      expect(evidence.weight).toBeGreaterThan(0);
    }
    expect(result.explanation.some((e) => e.source === 'lexicon')).toBe(true);
  });

  it('gives a probability between 0 and 1, high for a plain case', () => {
    const result = classifyText('阿拉善盟出现强沙尘暴天气，能见度不足500米');
    expect(result.confidence).toBeGreaterThan(0.6);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('classifies the original message of a repost, not the commentary', () => {
    expect(classifyText('太火爆了吧//@草原小马:东乌旗遭遇白灾，牧民转场受阻').type).toBe('snow-disaster');
  });

  it('returns none with no stage for an empty text', () => {
    expect(classifyText('')).toMatchObject({ type: 'none', stage: null });
  });
});
