import { describe, expect, it } from 'vitest';
import { bucketIndex, dutyWindow, eventWindow } from './briefing-window.js';
import { zonedTime } from './zoned-time.js';

const shanghai = zonedTime('Asia/Shanghai');

describe('dutyWindow', () => {
  it('ends a week at the latest 08:00 and cuts it into seven local days', () => {
    const window = dutyWindow('week', Date.parse('2024-04-13T09:00:00+08:00'), shanghai, 8);
    expect(shanghai.iso(window.start)).toBe('2024-04-06T08:00:00+08:00');
    expect(window.buckets.map((b) => shanghai.iso(b))).toHaveLength(7);
    expect(shanghai.iso(window.buckets[6]!)).toBe('2024-04-12T08:00:00+08:00');
  });

  it('keeps a duty day on local hours across a daylight-saving change (23 hourly buckets)', () => {
    const berlin = zonedTime('Europe/Berlin');
    const window = dutyWindow('day', Date.parse('2024-04-01T09:00:00+02:00'), berlin, 8);
    expect(berlin.iso(window.start)).toBe('2024-03-31T08:00:00+02:00');
    const sunday = dutyWindow('day', Date.parse('2024-03-31T09:00:00+02:00'), berlin, 8);
    expect(berlin.iso(sunday.start)).toBe('2024-03-30T08:00:00+01:00');
    expect(sunday.buckets).toHaveLength(23);
  });
});

describe('eventWindow', () => {
  it('uses days, several per bucket, for a long event so there are at most 120 buckets', () => {
    const window = eventWindow(
      Date.parse('2023-01-01T10:00:00+08:00'),
      Date.parse('2024-01-01T10:00:00+08:00'),
      shanghai,
    );
    expect(window.unit).toBe('day');
    expect(window.days).toBe(4);
    expect(window.buckets.length).toBeLessThanOrEqual(120);
    expect(shanghai.iso(window.start)).toBe('2023-01-01T00:00:00+08:00');
  });

  it('finds the bucket of an instant, and -1 outside the window', () => {
    const window = eventWindow(
      Date.parse('2024-04-12T16:20:00+08:00'),
      Date.parse('2024-04-12T20:00:00+08:00'),
      shanghai,
    );
    expect(bucketIndex(window, Date.parse('2024-04-12T17:59:59+08:00'))).toBe(1);
    expect(bucketIndex(window, Date.parse('2024-04-12T20:00:00+08:00'))).toBe(-1);
  });
});
