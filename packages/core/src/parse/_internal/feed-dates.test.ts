import { describe, expect, it } from 'vitest';
import { parseDate } from '../parse-date.js';
import { readFeedDate } from './feed-dates.js';

// Every shape the fast paths read, their near misses, and shapes only parseDate reads.
const SAMPLES = [
  '2025-04-13T06:00:00+08:00',
  '2025-04-13T06:00:00.123456Z',
  '2025-04-13T06:00+0800',
  '2025-04-13T06:00:00-05:00',
  '2025-04-13T06:00:00-00:00',
  '2025-04-13T24:00:00Z',
  '2025-02-29T06:00:00Z',
  '2024-02-29T06:00:00Z',
  '2025-04-13T06:00:60Z',
  '2025-04-13T06:00:00+15:00',
  'Sun, 13 Apr 2025 06:00:00 +0800',
  'Sun, 13 Apr 2025 06:00:00 GMT',
  'Sun, 13 Apr 2025 06:00 UT',
  '13 Apr 2025 06:00:00 Z',
  '1 Jan 2026 05:09:13 +0000',
  'Thu, 01 Jan 2026 16:05:14 +0000',
  'Sun, 13 Apr 2025 06:00:00 CST',
  'Sun, 13 Apr 2025 06:00:00 EST',
  'Sun, 13 Apr 25 06:00:00 GMT',
  'Sun, 31 Apr 2025 06:00:00 GMT',
  'Sun, 13 Foo 2025 06:00:00 GMT',
  '2025-04-13 06:00:00',
  '2025-04-13 06:00',
  '2025-04-13T06:00:00',
  '2025-4-3 6:05',
  '2025/4/13 6:00',
  '2025/04/13 06:00:59',
  '2025年04月13日 06:00',
  '2025年4月13日06:00:30',
  '2025年4月13日 06时00分',
  '2025-04-31 08:00',
  '2025-13-01 08:00',
  ' 2025-04-13 06:00:00 ',
  '2025-04-13',
  '昨天 10:00',
  '1744495200',
  '',
];

describe('readFeedDate', () => {
  it.each(SAMPLES)('reads %j exactly as parseDate does, in the default zone', (sample) => {
    expect(readFeedDate(sample, undefined)).toBe(parseDate(sample));
  });

  it.each(SAMPLES)('reads %j exactly as parseDate does, in America/New_York', (sample) => {
    expect(readFeedDate(sample, 'America/New_York')).toBe(parseDate(sample, { timeZone: 'America/New_York' }));
  });

  it('leaves the wall-clock times of a daylight-saving change to parseDate', () => {
    for (const sample of ['2025-03-09 01:30:00', '2025-03-09 02:30:00', '2025-03-09 03:30:00', '2025-11-02 01:30:00'])
      expect(readFeedDate(sample, 'America/New_York')).toBe(parseDate(sample, { timeZone: 'America/New_York' }));
  });
});
