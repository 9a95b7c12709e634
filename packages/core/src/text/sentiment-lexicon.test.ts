import { describe, expect, it } from 'vitest';
import { EmwatchError } from '../errors.js';
import {
  EMOTION_GROUPS,
  SENTIMENT_ENTRIES,
  createSentimentLexicon,
  parseSentimentLexicon,
} from './sentiment-lexicon.js';

// Rows as the DUTIR spreadsheet has them once saved as tab-separated text (trailing
// auxiliary-emotion columns included), with one neutral and one two-sided word.
const DUTIR_SAMPLE = [
  '词语\t词性种类\t词义数\t词义序号\t情感分类\t强度\t极性\t辅助情感分类\t强度\t极性',
  '惊慌\tadj\t1\t1\tNI\t7\t2\t\t\t',
  '脱险\tverb\t1\t1\tPE\t5\t1\t\t\t',
  '感激\tverb\t1\t1\tPD\t7\t1\t\t\t',
  '愤慨\tadj\t1\t1\tNA\t9\t2\t\t\t',
  '发泄\tverb\t1\t1\tNE\t3\t2\t\t\t',
  '平常\tadj\t1\t1\tPE\t1\t0\t\t\t',
  '骄傲\tadj\t2\t1\tPH\t5\t3\t\t\t',
  '惊慌\tadj\t2\t2\tNC\t3\t2\t\t\t',
].join('\n');

describe('SENTIMENT_ENTRIES', () => {
  it('holds between 300 and 400 words', () => {
    expect(SENTIMENT_ENTRIES.length).toBeGreaterThanOrEqual(300);
    expect(SENTIMENT_ENTRIES.length).toBeLessThanOrEqual(400);
  });

  it('lists every word once', () => {
    const words = SENTIMENT_ENTRIES.map((entry) => entry.word);

    expect(new Set(words).size).toBe(words.length);
  });

  it('gives negative weights to distress, fear and anger and positive ones to relief and gratitude', () => {
    const negativeGroups = new Set(['distress', 'fear', 'anger']);

    const misSigned = SENTIMENT_ENTRIES.filter((entry) => negativeGroups.has(entry.group ?? '') !== entry.weight < 0);

    expect(misSigned).toEqual([]);
  });

  it('has words in each of the five emotion groups', () => {
    const groups = new Set(SENTIMENT_ENTRIES.map((entry) => entry.group));

    expect([...groups].sort()).toEqual([...EMOTION_GROUPS].sort());
  });

  it('is accepted by createSentimentLexicon', () => {
    expect(createSentimentLexicon(SENTIMENT_ENTRIES).entries).toHaveLength(SENTIMENT_ENTRIES.length);
  });
});

describe('createSentimentLexicon', () => {
  it('keeps the last entry of a repeated word so that a department can override a weight', () => {
    const lexicon = createSentimentLexicon([
      { word: '白毛风', weight: -1 },
      { word: '感谢', weight: 2 },
      { word: '白毛风', weight: -2, group: 'fear' },
    ]);

    expect(lexicon.entries).toEqual([
      { word: '感谢', weight: 2 },
      { word: '白毛风', weight: -2, group: 'fear' },
    ]);
  });

  it('trims spaces around words', () => {
    const lexicon = createSentimentLexicon([{ word: ' 脱险 ', weight: 2 }]);

    expect(lexicon.entries[0]?.word).toBe('脱险');
  });

  it('returns a frozen lexicon', () => {
    const lexicon = createSentimentLexicon([{ word: '脱险', weight: 2 }]);

    expect(Object.isFrozen(lexicon)).toBe(true);
    expect(Object.isFrozen(lexicon.entries)).toBe(true);
  });

  it('rejects a zero weight, naming the entry', () => {
    const create = () =>
      createSentimentLexicon([
        { word: '感谢', weight: 1 },
        { word: '平常', weight: 0 },
      ]);

    expect(create).toThrow(EmwatchError);
    expect(create).toThrow('lexicon entry 1 ("平常"): weight must be a finite non-zero number');
  });

  it('rejects an unknown emotion group with the stable code', () => {
    try {
      createSentimentLexicon([{ word: '惊喜', weight: 1, group: 'surprise' as never }]);
      expect.unreachable();
    } catch (error) {
      expect((error as EmwatchError).code).toBe('EMW_SENTIMENT_LEXICON_INVALID');
    }
  });

  it('rejects an empty word', () => {
    expect(() => createSentimentLexicon([{ word: '  ', weight: 1 }])).toThrow('word must have 1 to 32 characters');
  });
});

describe('parseSentimentLexicon', () => {
  it('reads DUTIR rows as weights of intensity / 3 with the sign of the polarity', () => {
    const lexicon = parseSentimentLexicon(DUTIR_SAMPLE, { format: 'dutir' });

    expect(lexicon.entries).toEqual([
      { word: '惊慌', weight: -2.33, group: 'fear' },
      { word: '脱险', weight: 1.67, group: 'relief' },
      { word: '感激', weight: 2.33, group: 'gratitude' },
      { word: '愤慨', weight: -3, group: 'anger' },
      { word: '发泄', weight: -1 },
    ]);
  });

  it('reads comma-separated DUTIR rows', () => {
    const csv = '词语,词性种类,词义数,词义序号,情感分类,强度,极性\n悲痛,adj,1,1,NB,9,2';

    expect(parseSentimentLexicon(csv, { format: 'dutir' }).entries).toEqual([
      { word: '悲痛', weight: -3, group: 'distress' },
    ]);
  });

  it('reads a HowNet list, skipping its title line and joining spaced idioms', () => {
    const text = '\uFEFF中文负面情感词语（3）\r\n\r\n哀伤 \r\n惶惶不安\r\n心灰 意冷\r\n';

    const lexicon = parseSentimentLexicon(text, { format: 'hownet', polarity: -1 });

    expect(lexicon.entries).toEqual([
      { word: '哀伤', weight: -1 },
      { word: '惶惶不安', weight: -1 },
      { word: '心灰意冷', weight: -1 },
    ]);
  });

  it('weights a HowNet list by the given weight', () => {
    const lexicon = parseSentimentLexicon('赞叹\n钦佩\n', { format: 'hownet', polarity: 1, weight: 1.5 });

    expect(lexicon.entries.map((entry) => entry.weight)).toEqual([1.5, 1.5]);
  });

  it('reads tab-separated word, weight and group, ignoring comments', () => {
    const text = '# 锡林郭勒盟应急管理局补充词\n白毛风\t-1.5\tfear\n接羔保育\t0.5\n';

    expect(parseSentimentLexicon(text, { format: 'tsv' }).entries).toEqual([
      { word: '白毛风', weight: -1.5, group: 'fear' },
      { word: '接羔保育', weight: 0.5 },
    ]);
  });

  it('rejects a text with no readable row, which usually means the wrong format', () => {
    expect(() => parseSentimentLexicon('哀伤\n惶惶不安\n', { format: 'dutir' })).toThrow(
      'no dutir lexicon row could be read',
    );
  });
});
