import { describe, expect, it } from 'vitest';
import { extractTimes } from './times.js';

// Sunday 13 April 2025, 10:30 in Beijing.
const now = new Date('2025-04-13T02:30:00Z');
const read = (text: string) => extractTimes(text, { now });

describe('extractTimes', () => {
  it('reads a full date with an hour (2025年4月13日6时)', () => {
    expect(read('2025年4月13日6时，阿拉善盟出现沙尘暴')).toEqual([
      { text: '2025年4月13日6时', span: [0, 12], start: '2025-04-13T06:00:00+08:00', end: null, precision: 'hour' },
    ]);
  });

  it('reads a full date with a clock time (2025年4月13日06:30)', () => {
    expect(read('2025年4月13日06:30发布')).toEqual([
      {
        text: '2025年4月13日06:30',
        span: [0, 15],
        start: '2025-04-13T06:30:00+08:00',
        end: null,
        precision: 'minute',
      },
    ]);
  });

  it('reads an ISO-like date and time (2025-04-13 06:00:00)', () => {
    expect(read('发布时间：2025-04-13 06:00:00')).toEqual([
      {
        text: '2025-04-13 06:00:00',
        span: [5, 24],
        start: '2025-04-13T06:00:00+08:00',
        end: null,
        precision: 'minute',
      },
    ]);
  });

  it('reads a month and day in the year nearest now (4月13日)', () => {
    expect(read('4月13日，锡林郭勒盟降雪')).toEqual([
      { text: '4月13日', span: [0, 5], start: '2025-04-13T00:00:00+08:00', end: null, precision: 'day' },
    ]);
  });

  it('puts a month and day in last year when that is nearer now', () => {
    const [mention] = extractTimes('12月30日发生火灾', { now: new Date('2025-01-02T00:00:00Z') });

    expect(mention?.start).toBe('2024-12-30T00:00:00+08:00');
  });

  it('reads a month on its own with month precision', () => {
    expect(read('2025年3月全区发生火灾12起')).toEqual([
      { text: '2025年3月', span: [0, 7], start: '2025-03-01T00:00:00+08:00', end: null, precision: 'month' },
    ]);
  });

  it('reads a bare day with a part of the day in the current month (13日凌晨)', () => {
    expect(read('13日凌晨，东乌旗发生火灾')).toEqual([
      {
        text: '13日凌晨',
        span: [0, 5],
        start: '2025-04-13T00:00:00+08:00',
        end: '2025-04-13T06:00:00+08:00',
        precision: 'part-of-day',
      },
    ]);
  });

  it('puts a bare day in the previous month when that is nearer now', () => {
    const [mention] = extractTimes('30日晚上出现降雪', { now: new Date('2025-05-01T00:00:00Z') });

    expect(mention?.start).toBe('2025-04-30T18:00:00+08:00');
  });

  it('reads Chinese numerals in a date (十三日凌晨)', () => {
    const [mention] = read('十三日凌晨3时许');

    expect(mention).toEqual({
      text: '十三日凌晨3时许',
      span: [0, 8],
      start: '2025-04-13T03:00:00+08:00',
      end: null,
      precision: 'hour',
    });
  });

  it('reads 今天下午 as the afternoon of today', () => {
    expect(read('今天下午有雷阵雨')).toEqual([
      {
        text: '今天下午',
        span: [0, 4],
        start: '2025-04-13T12:00:00+08:00',
        end: '2025-04-13T18:00:00+08:00',
        precision: 'part-of-day',
      },
    ]);
  });

  it('reads 今晨 as this morning', () => {
    const [mention] = read('今晨出现大雾');

    expect([mention?.start, mention?.end, mention?.precision]).toEqual([
      '2025-04-13T06:00:00+08:00',
      '2025-04-13T12:00:00+08:00',
      'part-of-day',
    ]);
  });

  it('reads 昨天夜里 as yesterday evening', () => {
    const [mention] = read('昨天夜里刮起大风');

    expect([mention?.start, mention?.end]).toEqual(['2025-04-12T18:00:00+08:00', '2025-04-13T00:00:00+08:00']);
  });

  it('reads 昨晚 as yesterday evening', () => {
    const [mention] = read('昨晚发生地震');

    expect([mention?.text, mention?.start]).toEqual(['昨晚', '2025-04-12T18:00:00+08:00']);
  });

  it('reads 明天白天 as tomorrow from 8 to 20', () => {
    const [mention] = read('明天白天多云');

    expect([mention?.start, mention?.end]).toEqual(['2025-04-14T08:00:00+08:00', '2025-04-14T20:00:00+08:00']);
  });

  it('turns an afternoon clock hour into 24-hour time (下午3点)', () => {
    const [mention] = read('今天下午3点开会');

    expect([mention?.text, mention?.start, mention?.precision]).toEqual([
      '今天下午3点',
      '2025-04-13T15:00:00+08:00',
      'hour',
    ]);
  });

  it('reads a range across two days (今天17时至明天8时)', () => {
    expect(read('预计今天17时至明天8时有大风')).toEqual([
      {
        text: '今天17时至明天8时',
        span: [2, 12],
        start: '2025-04-13T17:00:00+08:00',
        end: '2025-04-14T08:00:00+08:00',
        precision: 'hour',
      },
    ]);
  });

  it('reads a range of bare days with hours (13日08时至14日08时)', () => {
    const [mention] = read('13日08时至14日08时降水量');

    expect([mention?.text, mention?.start, mention?.end]).toEqual([
      '13日08时至14日08时',
      '2025-04-13T08:00:00+08:00',
      '2025-04-14T08:00:00+08:00',
    ]);
  });

  it('moves the end of a range past midnight when its hour comes earlier (20时至8时)', () => {
    const [mention] = read('13日20时至8时');

    expect(mention?.end).toBe('2025-04-14T08:00:00+08:00');
  });

  it('reads 次日 in a range as the day after the range starts (13日20时至次日8时)', () => {
    const [mention] = read('13日20时至次日8时');

    expect([mention?.start, mention?.end]).toEqual(['2025-04-13T20:00:00+08:00', '2025-04-14T08:00:00+08:00']);
  });

  it('reads an evening clock hour after 今晚 (今晚8点)', () => {
    const [mention] = read('今晚8点起有降雪');

    expect([mention?.text, mention?.start, mention?.precision]).toEqual([
      '今晚8点',
      '2025-04-13T20:00:00+08:00',
      'hour',
    ]);
  });

  it('ends a range of days at the end of its last day (4月13日至15日)', () => {
    const [mention] = read('4月13日至15日有降雪');

    expect([mention?.start, mention?.end, mention?.precision]).toEqual([
      '2025-04-13T00:00:00+08:00',
      '2025-04-16T00:00:00+08:00',
      'day',
    ]);
  });

  it('reads 未来24小时 as the next 24 hours from now', () => {
    expect(read('未来24小时内将有强降雨')).toEqual([
      {
        text: '未来24小时',
        span: [0, 6],
        start: '2025-04-13T10:30:00+08:00',
        end: '2025-04-14T10:30:00+08:00',
        precision: 'hour',
      },
    ]);
  });

  it('reads 今明两天 as today and tomorrow', () => {
    const [mention] = read('今明两天有雨夹雪');

    expect([mention?.start, mention?.end, mention?.precision]).toEqual([
      '2025-04-13T00:00:00+08:00',
      '2025-04-15T00:00:00+08:00',
      'day',
    ]);
  });

  it('reads a clock time on its own as today', () => {
    const [mention] = read('截至17时，火势已得到控制');

    expect([mention?.text, mention?.start]).toEqual(['17时', '2025-04-13T17:00:00+08:00']);
  });

  it('finds several mentions in text order', () => {
    const texts = read('13日凌晨发生火灾，截至今天下午已扑灭').map((mention) => mention.text);

    expect(texts).toEqual(['13日凌晨', '今天下午']);
  });

  it('resolves in the given time zone, with its daylight-saving offset', () => {
    const [mention] = extractTimes('今天下午', { now, timeZone: 'Europe/Berlin' });

    expect([mention?.start, mention?.end]).toEqual(['2025-04-13T12:00:00+02:00', '2025-04-13T18:00:00+02:00']);
  });

  it('ends a stretch of days across a daylight-saving change on the same wall-clock time', () => {
    const [mention] = extractTimes('未来3天', { now: new Date('2025-03-29T09:00:00Z'), timeZone: 'Europe/Berlin' });

    expect([mention?.start, mention?.end]).toEqual(['2025-03-29T10:00:00+01:00', '2025-04-01T10:00:00+02:00']);
  });

  it('ignores day counts, points and durations (3日内, 连续3日, 3点建议, 24小时值班)', () => {
    expect(read('3日内连续3日降雨，提出3点建议，24小时值班')).toEqual([]);
  });

  it('ignores 明 and 今 that start other words (明显, 今年)', () => {
    expect(read('今年旱情明显')).toEqual([]);
  });

  it('reads full-width digits with spans into the original text', () => {
    expect(read('４月１３日６时')).toEqual([
      { text: '４月１３日６时', span: [0, 7], start: '2025-04-13T06:00:00+08:00', end: null, precision: 'hour' },
    ]);
  });

  it('returns nothing for an empty string', () => {
    expect(read('')).toEqual([]);
  });

  it('handles a 100 KB text', () => {
    const text = '牧民转场顺利，草场长势良好。'.repeat(7200) + '13日凌晨发生火灾';

    const mentions = read(text);

    expect(text.length).toBeGreaterThan(100_000);
    expect(mentions.map((mention) => mention.text)).toEqual(['13日凌晨']);
  });
});
