import { describe, expect, it } from 'vitest';
import { createLocalClock, toEpochMs } from './local-clock.js';

describe('createLocalClock', () => {
  const clock = createLocalClock('Asia/Shanghai');

  it('formats instants with the zone offset', () => {
    expect(clock.format(Date.UTC(2024, 0, 8, 6, 30, 15))).toBe('2024-01-08T14:30:15+08:00');
  });

  it('numbers local hours so that Monday 00:00 local is hour 0 of the week', () => {
    // 2024-01-08 was a Monday.
    const hour = clock.hourNumber(toEpochMs('2024-01-08T00:20:00+08:00'));
    expect(clock.hourOfWeek(hour)).toBe(0);
    expect(clock.hourOfWeek(clock.hourNumber(toEpochMs('2024-01-14T23:59:59+08:00')))).toBe(167);
  });

  it('finds the instant a local hour starts', () => {
    const hour = clock.hourNumber(toEpochMs('2024-01-08T14:37:00+08:00'));
    expect(clock.format(clock.hourStart(hour))).toBe('2024-01-08T14:00:00+08:00');
  });

  it('follows daylight saving time in zones that have it', () => {
    const berlin = createLocalClock('Europe/Berlin');
    expect(berlin.format(Date.UTC(2024, 6, 1, 10))).toBe('2024-07-01T12:00:00+02:00');
    expect(berlin.format(Date.UTC(2024, 0, 1, 10))).toBe('2024-01-01T11:00:00+01:00');
  });

  it('refuses an unknown time zone, naming it', () => {
    expect(() => createLocalClock('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});
