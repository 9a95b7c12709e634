import { describe, expect, it } from 'vitest';
import { parseDate } from './parse-date.js';

describe('parseDate with RFC 822 / 1123 dates', () => {
  it.each([
    ['Sun, 13 Apr 2025 06:00:00 GMT', '2025-04-13T06:00:00+00:00'],
    ['Sun, 13 Apr 2025 06:00:00 +0800', '2025-04-13T06:00:00+08:00'],
    ['Sun, 13 Apr 2025 06:00:00 +08:00', '2025-04-13T06:00:00+08:00'],
    ['13 Apr 2025 06:00 EST', '2025-04-13T06:00:00-05:00'],
    ['Sun, 13 Apr 25 06:00:00 PDT', '2025-04-13T06:00:00-07:00'],
    ['Sunday, 13-Apr-25 06:00:00 GMT', '2025-04-13T06:00:00+00:00'],
    ['Sun, 13 April 2025 6:00:00 UT', '2025-04-13T06:00:00+00:00'],
    ['Mon, 13 Apr 2025 06:00:00 +0800', '2025-04-13T06:00:00+08:00'],
    ['13 Apr 2025', '2025-04-13T00:00:00+08:00'],
    ['Sun, 13 Apr 2025 06:00:00', '2025-04-13T06:00:00+08:00'],
  ])('reads %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it('reads a bare CST as China Standard Time when the default zone is Chinese', () => {
    expect(parseDate('Sun, 13 Apr 2025 06:00:00 CST')).toBe('2025-04-13T06:00:00+08:00');
  });

  it('reads a bare CST as US Central time when the default zone is elsewhere', () => {
    expect(parseDate('Sun, 13 Apr 2025 06:00:00 CST', { timeZone: 'America/Chicago' })).toBe(
      '2025-04-13T06:00:00-06:00',
    );
  });

  it("reads Java's Date#toString form used by Chinese government servers", () => {
    expect(parseDate('Sun Apr 13 06:00:00 CST 2025')).toBe('2025-04-13T06:00:00+08:00');
  });

  it("reads JavaScript's Date#toString form with its Chinese zone comment", () => {
    expect(parseDate('Sun Apr 13 2025 06:00:00 GMT+0800 (中国标准时间)')).toBe('2025-04-13T06:00:00+08:00');
  });
});

describe('parseDate with ISO 8601 dates', () => {
  it.each([
    ['2025-04-13T06:00:00+08:00', '2025-04-13T06:00:00+08:00'],
    ['2025-04-13T06:00:00Z', '2025-04-13T06:00:00+00:00'],
    ['2025-04-13T06:00:00.123-04:00', '2025-04-13T06:00:00-04:00'],
    ['2025-04-13T06:00:00+0530', '2025-04-13T06:00:00+05:30'],
    ['2025-04-13 06:00:00', '2025-04-13T06:00:00+08:00'],
    ['2025-04-13 06:00:00.0', '2025-04-13T06:00:00+08:00'],
    ['2025-04-13T06:00', '2025-04-13T06:00:00+08:00'],
    ['2025-04-13', '2025-04-13T00:00:00+08:00'],
    ['20250413T060000Z', '2025-04-13T06:00:00+00:00'],
    ['2025-4-3 6:05', '2025-04-03T06:05:00+08:00'],
    ['2025-04-13T06:00:00+08:00[Asia/Shanghai]', '2025-04-13T06:00:00+08:00'],
    ['Sun, 13 Apr 2025 06:00:00 +0800 (CST)', '2025-04-13T06:00:00+08:00'],
    ['Sun, 13 Apr 2025 06:00:00 GMT+8', '2025-04-13T06:00:00+08:00'],
    ['April 13, 2025 6:00 PM', '2025-04-13T18:00:00+08:00'],
  ])('reads %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it('reads a time without zone in the configured zone, at that instant’s offset', () => {
    expect(parseDate('2025-07-01 12:00:00', { timeZone: 'Europe/Berlin' })).toBe('2025-07-01T12:00:00+02:00');
    expect(parseDate('2025-01-01 12:00:00', { timeZone: 'Europe/Berlin' })).toBe('2025-01-01T12:00:00+01:00');
  });

  it('reads a dotted date day first, as Swiss, German and Russian services write it', () => {
    expect(parseDate('Tue, 20.05.2025, 12:41', { timeZone: 'Europe/Zurich' })).toBe('2025-05-20T12:41:00+02:00');
  });

  it('keeps the offset the source states even when the configured zone differs', () => {
    expect(parseDate('2025-04-13T06:00:00-05:00', { timeZone: 'Asia/Shanghai' })).toBe('2025-04-13T06:00:00-05:00');
  });
});

describe('parseDate with Chinese forms', () => {
  it.each([
    ['2025年4月13日 06:00', '2025-04-13T06:00:00+08:00'],
    ['2025年04月13日06时00分', '2025-04-13T06:00:00+08:00'],
    ['2025年4月13日6时', '2025-04-13T06:00:00+08:00'],
    ['2025年4月13日 6时30分15秒', '2025-04-13T06:30:15+08:00'],
    ['2025年4月13日下午3时', '2025-04-13T15:00:00+08:00'],
    ['2025年4月13日 晚上8点半', '2025-04-13T20:30:00+08:00'],
    ['2025年4月13日', '2025-04-13T00:00:00+08:00'],
    ['2025年4月13日（星期日）06:00', '2025-04-13T06:00:00+08:00'],
    ['2025/4/13 6:00', '2025-04-13T06:00:00+08:00'],
    ['2025/04/13 06:00:00', '2025-04-13T06:00:00+08:00'],
    ['２０２５年４月１３日　０６：００', '2025-04-13T06:00:00+08:00'],
    ['2025-04-13 06:00 北京时间', '2025-04-13T06:00:00+08:00'],
    ['2025-04-13 06:00（北京时间）', '2025-04-13T06:00:00+08:00'],
  ])('reads %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });
});

describe('parseDate with Unix times and compact digits', () => {
  it.each([
    ['1744495200', '2025-04-13T06:00:00+08:00'],
    ['1744495200.5', '2025-04-13T06:00:00+08:00'],
    ['1744495200000', '2025-04-13T06:00:00+08:00'],
    ['20250413060000', '2025-04-13T06:00:00+08:00'],
    ['202504130600', '2025-04-13T06:00:00+08:00'],
    ['20250413', '2025-04-13T00:00:00+08:00'],
  ])('reads the digit string %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it('reads numbers below 10^11 as seconds and larger ones as milliseconds', () => {
    expect(parseDate(1744495200)).toBe('2025-04-13T06:00:00+08:00');
    expect(parseDate(1744495200123)).toBe('2025-04-13T06:00:00+08:00');
    expect(parseDate(1744495200000, { timeZone: 'UTC' })).toBe('2025-04-12T22:00:00+00:00');
  });

  it('gives null for digit strings of ambiguous length and for non-positive numbers', () => {
    expect(parseDate('17444952000')).toBeNull();
    expect(parseDate('123')).toBeNull();
    expect(parseDate(0)).toBeNull();
    expect(parseDate(Number.NaN)).toBeNull();
  });
});

describe('parseDate on what is not a date', () => {
  it.each([
    ['昨天'],
    [''],
    ['   '],
    ['04/13/2025'],
    ['13/04/2025'],
    ['2025-02-30 06:00:00'],
    ['2025-04-13 25:00:00'],
    ['2025-13-01'],
    ['Sun, 13 Apr 2025 06:00:00 XYZ'],
    ['2025-04-13 06:00:00 +1900'],
    ['2025-04-13 and more words'],
    [`2025-04-13 ${'x'.repeat(200)}`],
  ])('gives null for %j', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('refuses an unknown time zone option instead of guessing', () => {
    expect(() => parseDate('2025-04-13', { timeZone: 'Mars/Olympus' })).toThrow(
      'parseDate: unknown time zone "Mars/Olympus"',
    );
  });
});
