import { describe, expect, it } from 'vitest';
import { parseDate } from '../parse-date.js';
import { formatInstant } from './format-instant.js';

describe('formatInstant', () => {
  it('writes an instant in Beijing time by default', () => {
    expect(formatInstant(Date.UTC(2025, 3, 5, 5, 24, 0, 412))).toBe('2025-04-05T13:24:00+08:00');
  });

  it('agrees with parseDate across zones, offsets and daylight-saving changes', () => {
    const zones = [
      'Asia/Shanghai',
      'UTC',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Asia/Ulaanbaatar',
    ];
    // Every 7 hours and 13 minutes through 2025, including both DST switches in each zone.
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2026, 0, 1); ms += (7 * 60 + 13) * 60_000 + 17_321)
      for (const timeZone of zones) expect(formatInstant(ms, timeZone)).toBe(parseDate(ms, { timeZone }));
  });

  it('gives null for times that are not instants', () => {
    expect(formatInstant(Number.NaN)).toBeNull();
    expect(formatInstant(-1)).toBeNull();
  });

  it('throws like parseDate for an unknown zone', () => {
    expect(() => formatInstant(Date.UTC(2025, 0, 1), 'Asia/Hohhot')).toThrowError(/unknown time zone/u);
  });
});
