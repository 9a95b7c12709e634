import { describe, expect, it } from 'vitest';
import { logGamma, poissonUpperTail } from './burst-poisson.js';

// Exact tail by summing the probability mass below k, for small cases where it is accurate.
function exactTail(k: number, lambda: number): number {
  let below = 0;
  let mass = Math.exp(-lambda);
  for (let i = 0; i < k; i += 1) {
    below += mass;
    mass *= lambda / (i + 1);
  }
  return 1 - below;
}

describe('poissonUpperTail', () => {
  it('is 1 for a count of zero', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
  });

  it('matches the summed mass function where that is accurate', () => {
    for (const [k, lambda] of [
      [1, 0.5],
      [3, 2],
      [5, 5],
      [8, 12],
      [20, 15],
      [2, 40],
    ] as const) {
      expect(poissonUpperTail(k, lambda)).toBeCloseTo(exactTail(k, lambda), 12);
    }
  });

  it('keeps relative precision far below 1e-16', () => {
    // P(X ≥ 30 | λ = 0.05) ≈ P(X = 30) = e^-0.05 · 0.05^30 / 30!
    const expected = Math.exp(-0.05 + 30 * Math.log(0.05) - logGamma(31));
    const got = poissonUpperTail(30, 0.05);
    expect(got).toBeGreaterThan(0);
    expect(Math.abs(got - expected) / expected).toBeLessThan(0.01);
  });

  it('never rises as the count grows', () => {
    let previous = 1;
    for (let k = 0; k < 200; k += 1) {
      const p = poissonUpperTail(k, 7.3);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
  });
});

describe('logGamma', () => {
  it('gives ln((n − 1)!) for integers', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
  });
});
