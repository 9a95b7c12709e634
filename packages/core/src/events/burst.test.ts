import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmwatchError } from '../errors.js';
import { createBurstDetector, type BurstKey } from './burst.js';

const HOUR = 3_600_000;
// Monday 2024-01-01 00:00 in Asia/Shanghai.
const MONDAY = Date.parse('2024-01-01T00:00:00+08:00');
const NOW = () => new Date('2030-01-01T00:00:00Z');
const snow: BurstKey = { unit: '152525', type: 'snow-disaster' };
const traffic: BurstKey = { unit: '150102', type: 'traffic' };

/** Deterministic Poisson sampler (Knuth), seeded, so baselines are realistic yet reproducible. */
function poissonSampler(seed: number): (lambda: number) => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  return (lambda) => {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = uniform();
    while (p > limit) {
      k += 1;
      p *= uniform();
    }
    return k;
  };
}

/** Daytime traffic posts in a city district: about 6 an hour from 8:00 to 22:00, 0.3 at night. */
const dailyRate = (hourOfDay: number): number => (hourOfDay >= 8 && hourOfDay < 22 ? 6 : 0.3);

function feedHistory(detector: ReturnType<typeof createBurstDetector>, key: BurstKey, weeks: number): number {
  const sample = poissonSampler(7);
  const hours = weeks * 168;
  for (let h = 0; h < hours; h += 1) {
    const count = sample(dailyRate(h % 24));
    if (count > 0) detector.observe(key, new Date(MONDAY + h * HOUR + 10 * 60_000), count);
  }
  return MONDAY + hours * HOUR;
}

describe('createBurstDetector', () => {
  it('flags a brand-new disaster against the low prior rate', () => {
    const detector = createBurstDetector({ now: NOW });
    for (let i = 0; i < 30; i += 1) detector.observe(snow, '2024-01-08T14:05:00+08:00');
    const burst = detector.check(snow, '2024-01-08T14:50:00+08:00');
    expect(burst).toMatchObject({
      unit: '152525',
      type: 'snow-disaster',
      hourStart: '2024-01-08T14:00:00+08:00',
      observed: 30,
      expected: 0.05,
      ratio: 600,
    });
    expect(burst!.pValue).toBeLessThan(1e-40);
    expect(burst!.z).toBeGreaterThan(100);
  });

  it('does not flag fewer than minCount messages, however unusual', () => {
    const detector = createBurstDetector({ now: NOW });
    for (let i = 0; i < 4; i += 1) detector.observe(snow, '2024-01-08T14:05:00+08:00');
    expect(detector.check(snow, '2024-01-08T14:30:00+08:00')).toBeNull();
  });

  it('learns an ordinary daytime volume and does not flag it', () => {
    const detector = createBurstDetector({ now: NOW });
    const start = feedHistory(detector, traffic, 6);
    // Monday 14:00 of week 7 with 8 posts: a little above the usual 6.
    const at = new Date(start + 14 * HOUR + 5 * 60_000);
    detector.observe(traffic, at, 8);
    expect(detector.check(traffic, at)).toBeNull();
  });

  it('flags the same volume at night, when the hour-of-week baseline is near zero', () => {
    const detector = createBurstDetector({ now: NOW });
    const start = feedHistory(detector, traffic, 6);
    const at = new Date(start + 3 * HOUR + 5 * 60_000);
    detector.observe(traffic, at, 8);
    const burst = detector.check(traffic, at);
    expect(burst).not.toBeNull();
    expect(burst!.expected).toBeGreaterThan(0.2);
    expect(burst!.expected).toBeLessThan(0.6);
    expect(burst!.hourStart).toBe('2024-02-12T03:00:00+08:00');
  });

  it('rarely flags ordinary hours: at most 1 of the 168 hours of a fresh week', () => {
    const detector = createBurstDetector({ now: NOW });
    const start = feedHistory(detector, traffic, 6);
    const sample = poissonSampler(99);
    let flagged = 0;
    for (let h = 0; h < 168; h += 1) {
      const at = new Date(start + h * HOUR + 10 * 60_000);
      const count = sample(dailyRate(h % 24));
      if (count > 0) detector.observe(traffic, at, count);
      if (detector.check(traffic, at)) flagged += 1;
    }
    expect(flagged).toBeLessThanOrEqual(1);
  });

  it('flags a daytime hour far above the usual volume', () => {
    const detector = createBurstDetector({ now: NOW });
    const start = feedHistory(detector, traffic, 6);
    const at = new Date(start + 15 * HOUR + 5 * 60_000);
    detector.observe(traffic, at, 25);
    const burst = detector.check(traffic, at);
    expect(burst?.observed).toBe(25);
    expect(burst!.expected).toBeGreaterThan(4.5);
    expect(burst!.expected).toBeLessThan(7.5);
  });

  it('uses the pooled rate during cold start, then the hour-of-week pattern', () => {
    const cold = createBurstDetector({ now: NOW, coldStartWeeks: 52 });
    const warm = createBurstDetector({ now: NOW, coldStartWeeks: 2 });
    const start = feedHistory(cold, traffic, 6);
    feedHistory(warm, traffic, 6);
    const at = new Date(start + 3 * HOUR + 5 * 60_000);
    cold.observe(traffic, at, 8);
    warm.observe(traffic, at, 8);
    // Pooled over all hours the rate is about 6 · 14/24 + 0.3 · 10/24 ≈ 3.6: 8 posts are ordinary.
    expect(cold.check(traffic, at)).toBeNull();
    expect(warm.check(traffic, at)).not.toBeNull();
  });

  it('counts messages that arrive late within the grace hours towards their own hour', () => {
    const detector = createBurstDetector({ now: NOW, graceHours: 2 });
    detector.observe(snow, '2024-01-08T15:10:00+08:00');
    for (let i = 0; i < 12; i += 1) detector.observe(snow, '2024-01-08T14:20:00+08:00');
    const found = detector.bursts('2024-01-08T15:30:00+08:00');
    expect(found.map((b) => [b.hourStart, b.observed])).toEqual([['2024-01-08T14:00:00+08:00', 12]]);
  });

  it('lists bursts of every key, most significant first', () => {
    const detector = createBurstDetector({ now: NOW });
    detector.observe(snow, '2024-01-08T14:05:00+08:00', 40);
    detector.observe({ unit: '152502', type: 'snow-disaster' }, '2024-01-08T14:15:00+08:00', 9);
    detector.observe(traffic, '2024-01-08T14:15:00+08:00', 2);
    const found = detector.bursts('2024-01-08T14:59:00+08:00');
    expect(found.map((b) => [b.unit, b.observed])).toEqual([
      ['152525', 40],
      ['152502', 9],
    ]);
  });

  it('forgets an hour once it is folded into the baseline', () => {
    const detector = createBurstDetector({ now: NOW, graceHours: 1 });
    detector.observe(snow, '2024-01-08T14:05:00+08:00', 40);
    expect(detector.bursts('2024-01-08T15:05:00+08:00')).toHaveLength(1);
    expect(detector.bursts('2024-01-08T16:05:00+08:00')).toHaveLength(0);
  });

  it('raises the baseline after a long burst, so the same volume stops flagging', () => {
    const detector = createBurstDetector({ now: NOW, coldStartWeeks: 0 });
    const start = Date.parse('2024-01-08T00:00:00+08:00');
    const flagged: boolean[] = [];
    for (let h = 0; h < 24 * 21; h += 1) {
      const at = new Date(start + h * HOUR + 60_000);
      detector.observe(snow, at, 10);
      flagged.push(detector.check(snow, at) !== null);
    }
    expect(flagged[0]).toBe(true);
    expect(flagged.at(-1)).toBe(false);
  });

  it('keeps at most maxKeys keys, forgetting the least recently seen', () => {
    const detector = createBurstDetector({ now: NOW, maxKeys: 2 });
    detector.observe(snow, '2024-01-08T14:05:00+08:00', 40);
    detector.observe(traffic, '2024-01-08T14:05:00+08:00');
    detector.observe(snow, '2024-01-08T14:06:00+08:00');
    detector.observe({ unit: '152502', type: 'gale' }, '2024-01-08T14:07:00+08:00');
    expect(detector.size).toBe(2);
    expect(detector.snapshot().keys.map((k) => k.unit)).toEqual(['152525', '152502']);
  });

  it('restores a JSON snapshot that behaves exactly like the original', () => {
    const detector = createBurstDetector({ now: NOW });
    const start = feedHistory(detector, traffic, 3);
    const copy = createBurstDetector({ now: NOW });
    copy.restore(JSON.parse(JSON.stringify(detector.snapshot())));
    const at = new Date(start + 3 * HOUR + 5 * 60_000);
    detector.observe(traffic, at, 9);
    copy.observe(traffic, at, 9);
    expect(copy.check(traffic, at)).toEqual(detector.check(traffic, at));
    expect(copy.snapshot()).toEqual(detector.snapshot());
  });

  it('refuses a corrupt snapshot, naming the bad field', () => {
    const detector = createBurstDetector({ now: NOW });
    detector.observe(snow, '2024-01-08T14:05:00+08:00');
    const state = JSON.parse(JSON.stringify(detector.snapshot()));
    state.keys[0].buckets = state.keys[0].buckets.slice(1);
    expect(() => createBurstDetector({ now: NOW }).restore(state)).toThrow(
      /keys\[0\]\.buckets must be 504 finite numbers/,
    );
    expect(() => createBurstDetector({ now: NOW, timeZone: 'UTC' }).restore(detector.snapshot())).toThrow(/timeZone/);
  });

  it('throws a coded error for a bad time, type, unit or count', () => {
    const detector = createBurstDetector({ now: NOW });
    const codeOf = (fn: () => void): string | undefined => {
      try {
        fn();
      } catch (error) {
        return error instanceof EmwatchError ? `${error.code}: ${error.message}` : String(error);
      }
      return undefined;
    };
    expect(codeOf(() => detector.observe(snow, 'yesterday'))).toMatch(
      /^EMW_BURST_INPUT: .*"yesterday" is not a valid date/,
    );
    expect(
      codeOf(() => detector.observe({ unit: '152525', type: 'blizzard' as never }, '2024-01-08T14:05:00+08:00')),
    ).toMatch(/"blizzard" is not a taxonomy type id/);
    expect(codeOf(() => detector.observe({ unit: '', type: 'gale' }, '2024-01-08T14:05:00+08:00'))).toMatch(
      /unit must be a non-empty string/,
    );
    expect(codeOf(() => detector.observe(snow, '2024-01-08T14:05:00+08:00', 1.5))).toMatch(/count must be an integer/);
    expect(codeOf(() => detector.observe(snow, '2031-01-01T00:00:00+08:00'))).toMatch(
      /more than an hour in the future/,
    );
    expect(codeOf(() => createBurstDetector({ halfLifeWeeks: -1 }))).toMatch(/^EMW_BURST_OPTIONS: .*halfLifeWeeks/);
  });

  it('never un-flags an hour when more messages arrive in it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (history, extra) => {
          const detector = createBurstDetector({ now: NOW, coldStartWeeks: 0 });
          history.forEach((count, h) => detector.observe(snow, new Date(MONDAY + h * HOUR), count));
          const at = new Date(MONDAY + (history.length + 5) * HOUR);
          detector.observe(snow, at, 5);
          const before = detector.check(snow, at);
          detector.observe(snow, at, extra);
          const after = detector.check(snow, at);
          if (before) expect(after).not.toBeNull();
          if (after) {
            expect(after.expected).toBeGreaterThan(0);
            expect(Number.isFinite(after.z)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
