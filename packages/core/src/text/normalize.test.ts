import { describe, expect, it } from 'vitest';
import { foldWidth, normalizeText, splitRepostChain, toSimplifiedChinese } from './normalize.js';

describe('normalizeText', () => {
  it('analyses the original message of a repost chain and keeps the commentary', () => {
    const result = normalizeText('太吓人了//@草原小马:求平安🙏 //@锡林郭勒发布：西乌旗发生草原火灾');
    expect(result.text).toBe('西乌旗发生草原火灾');
    expect(result.commentary).toEqual(['太吓人了', '求平安🙏']);
  });

  it('reports where the original message starts in the input', () => {
    const input = '太吓人了//@草原小马:西乌旗发生草原火灾';
    const { offset, original } = normalizeText(input);
    expect(input.slice(offset)).toBe(original);
    expect(original).toBe('西乌旗发生草原火灾');
  });

  it('drops a 转发 prefix', () => {
    expect(normalizeText('转发微博：包头昆区一小区发生火灾').text).toBe('包头昆区一小区发生火灾');
  });

  it('keeps hashtag words, lifts out URLs, mentions and emoji', () => {
    const result = normalizeText('#阿拉善沙尘暴# 起沙了😱@气象君 快看 https://t.cn/A6x9');
    expect(result.text).toBe('阿拉善沙尘暴 起沙了 快看');
    expect(result.hashtags).toEqual(['阿拉善沙尘暴']);
    expect(result.mentions).toEqual(['气象君']);
    expect(result.urls).toEqual(['https://t.cn/A6x9']);
  });

  it('folds full-width letters, digits and punctuation', () => {
    expect(foldWidth('５．１级地震，ＭＬ')).toBe('5.1级地震,ML');
  });

  it('converts Traditional Chinese from a Macao CAP alert to Simplified', () => {
    expect(normalizeText('黃色暴雨警告信號現正生效，市民應注意').text).toBe('黄色暴雨警告信号现正生效,市民应注意');
  });

  it('leaves Simplified text untouched without running the converter', () => {
    expect(toSimplifiedChinese('锡林郭勒盟发布沙尘暴预警')).toBe('锡林郭勒盟发布沙尘暴预警');
  });

  it('gives an empty result for an empty string', () => {
    expect(normalizeText('')).toMatchObject({ text: '', commentary: [], offset: 0 });
  });
});

describe('normalizeText with numerals', () => {
  it('rewrites counted Chinese numerals as Arabic numbers', () => {
    expect(normalizeText('致三人死亡、十二名矿工被困，降水量二十五毫米', { numerals: true }).text).toBe(
      '致3人死亡、12名矿工被困,降水量25毫米',
    );
  });

  it('leaves approximate numbers and idioms as written', () => {
    expect(normalizeText('十余人受伤，大家一起加油，坚守一线', { numerals: true }).text).toBe(
      '十余人受伤,大家一起加油,坚守一线',
    );
  });

  it('does not rewrite numerals unless asked', () => {
    expect(normalizeText('三人死亡').text).toBe('三人死亡');
  });
});

describe('splitRepostChain', () => {
  it('returns the whole text when nothing was reposted', () => {
    expect(splitRepostChain('东乌旗暴雪')).toEqual({ original: '东乌旗暴雪', offset: 0, commentary: [] });
  });
});
