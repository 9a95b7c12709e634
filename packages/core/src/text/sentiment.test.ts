import { describe, expect, it } from 'vitest';
import { parseSentimentLexicon } from './sentiment-lexicon.js';
import { SENTIMENT_LABEL_THRESHOLD, scoreSentiment } from './sentiment.js';

describe('scoreSentiment', () => {
  it('labels a grieving Weibo post negative, with its words in text order', () => {
    const post = '太惨了😭 一家三口都没跑出来，看得我心碎，愿逝者安息';

    const sentiment = scoreSentiment(post);

    expect(sentiment.label).toBe('negative');
    expect(sentiment.evidence).toEqual(['太惨', '😭', '心碎']);
  });

  it('labels a thankful post positive', () => {
    const sentiment = scoreSentiment('感谢消防员连夜扑救，辛苦了🙏');

    expect(sentiment.label).toBe('positive');
    expect(sentiment.evidence).toEqual(['感谢', '辛苦了', '🙏']);
  });

  it('labels a factual report without feeling words neutral with no intensity', () => {
    const sentiment = scoreSentiment('锡林郭勒盟气象台2024年3月14日发布暴雪蓝色预警信号');

    expect(sentiment).toEqual({ polarity: 0, label: 'neutral', intensity: 0, evidence: [] });
  });

  it('does not read 不害怕 as fear', () => {
    const sentiment = scoreSentiment('有救援队在，我们不害怕');

    expect(sentiment.label).not.toBe('negative');
    expect(sentiment.polarity).toBeGreaterThan(0);
    expect(sentiment.evidence).toEqual(['不害怕']);
  });

  it('does not read 没有人员伤亡 as distress', () => {
    const sentiment = scoreSentiment('火灾发生后消防迅速到场，没有人员伤亡');

    expect(sentiment.label).toBe('positive');
    expect(sentiment.evidence).toContain('没有人员伤亡');
  });

  it('damps a negated word: 不害怕 is weaker than 害怕', () => {
    const negated = scoreSentiment('不害怕');
    const plain = scoreSentiment('害怕');

    expect(Math.abs(negated.polarity)).toBeLessThan(Math.abs(plain.polarity));
  });

  it('cancels a double negation', () => {
    expect(scoreSentiment('不是不担心').label).toBe('negative');
  });

  it('stops a negator at a comma', () => {
    expect(scoreSentiment('不，我真的害怕').label).toBe('negative');
  });

  it('does not let a negator reach a word more than four characters away', () => {
    expect(scoreSentiment('没有想到这次暴雪这么害怕').label).toBe('negative');
  });

  it('makes 非常感谢 more positive than 感谢', () => {
    expect(scoreSentiment('非常感谢').polarity).toBeGreaterThan(scoreSentiment('感谢').polarity);
  });

  it('makes 有点担心 less negative than 担心', () => {
    expect(scoreSentiment('有点担心').polarity).toBeGreaterThan(scoreSentiment('担心').polarity);
  });

  it('prefers a whole word over a modifier spelled inside it: 太过分 is anger, not 太 + 过分', () => {
    expect(scoreSentiment('这种瞒报太过分了').evidence).toEqual(['瞒报', '太过分']);
  });

  it('does not let 未来 negate the next feeling word', () => {
    expect(scoreSentiment('未来担心').label).toBe('negative');
  });

  it('gives mixed feelings a high intensity and a near-neutral polarity', () => {
    const sentiment = scoreSentiment('太害怕了😱😱 好在全部获救，感谢救援队');

    expect(sentiment.intensity).toBeGreaterThan(0.6);
    expect(Math.abs(sentiment.polarity)).toBeLessThan(0.8);
  });

  it('keeps polarity within -1..1 and intensity within 0..1 for a long angry thread', () => {
    const thread = '气死了！瞒报、渎职、不作为，必须问责！😡'.repeat(20);

    const sentiment = scoreSentiment(thread);

    expect(sentiment.polarity).toBeGreaterThanOrEqual(-1);
    expect(sentiment.polarity).toBeLessThan(-0.99);
    expect(sentiment.intensity).toBeLessThanOrEqual(1);
  });

  it('labels a lone negated mild word by the threshold: 不正常 is just past it', () => {
    const sentiment = scoreSentiment('不正常');

    expect(sentiment.polarity).toBeLessThanOrEqual(-SENTIMENT_LABEL_THRESHOLD);
    expect(sentiment.label).toBe('negative');
  });

  it('uses a DUTIR lexicon passed in the options', () => {
    const lexicon = parseSentimentLexicon(
      '词语\t词性种类\t词义数\t词义序号\t情感分类\t强度\t极性\n惊慌失措\tidiom\t1\t1\tNI\t7\t2\n',
      { format: 'dutir' },
    );

    const sentiment = scoreSentiment('居民惊慌失措地跑下楼，感谢保安', { lexicon });

    expect(sentiment.label).toBe('negative');
    expect(sentiment.evidence).toEqual(['惊慌失措']);
  });

  it('uses a HowNet list passed in the options', () => {
    const lexicon = parseSentimentLexicon('中文正面情感词语（2）\n\n欣慰\n踏实\n', { format: 'hownet', polarity: 1 });

    const sentiment = scoreSentiment('看到大家都转移出来了，很欣慰', { lexicon });

    expect(sentiment.label).toBe('positive');
    expect(sentiment.evidence).toEqual(['很欣慰']);
  });
});
