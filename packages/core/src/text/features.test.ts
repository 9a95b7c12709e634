import { describe, expect, it } from 'vitest';
import { createFeatureBuffer, extractFeatures, hashString, lexiconKey } from './features.js';
import type { LexiconEntry } from './lexicon.js';

const lexicon: LexiconEntry[] = [
  { term: '沙尘暴', type: 'sandstorm', strength: 1.5 },
  { term: '预警', stage: 'warning', strength: 1 },
];

describe('extractFeatures', () => {
  it('makes 1-, 2- and 3-grams inside runs of word characters only', () => {
    const buffer = extractFeatures('沙尘，暴', [], createFeatureBuffer());
    // 沙 尘 沙尘 | 暴 — punctuation breaks the run, so no n-gram crosses it.
    expect(buffer.count).toBe(4);
    expect(Array.from(buffer.lengths.subarray(0, 4))).toEqual([1, 1, 2, 1]);
  });

  it('gives every n-gram the value 1/√n so long texts do not outvote short ones', () => {
    const buffer = extractFeatures('暴雪', [], createFeatureBuffer());
    expect(buffer.count).toBe(3);
    expect(buffer.values[0]).toBeCloseTo(1 / Math.sqrt(3));
  });

  it('maps all digits to one so magnitudes share their n-grams', () => {
    const a = extractFeatures('5.1级', [], createFeatureBuffer());
    const keysA = Array.from(a.keys.subarray(0, a.count));
    const b = extractFeatures('4.3级', [], createFeatureBuffer());
    expect(Array.from(b.keys.subarray(0, b.count))).toEqual(keysA);
  });

  it('adds one feature per lexicon hit, valued by the entry strength', () => {
    const buffer = extractFeatures('阿拉善沙尘暴预警', lexicon, createFeatureBuffer());
    const hits = Array.from(buffer.lexicon.subarray(0, buffer.count)).filter((index) => index >= 0);
    expect(hits).toEqual([0, 1]);
    const first = Array.from(buffer.lexicon.subarray(0, buffer.count)).indexOf(0);
    expect(buffer.keys[first]).toBe(lexiconKey('沙尘暴'));
    expect(buffer.values[first]).toBe(1.5);
  });

  it('grows its buffer for long texts', () => {
    const buffer = extractFeatures('草原火灾'.repeat(500), [], createFeatureBuffer(8));
    expect(buffer.count).toBe(3 * 2000 - 3);
  });
});

describe('hashString', () => {
  it('never returns 0, which marks empty table slots', () => {
    expect(hashString('')).not.toBe(0);
    expect(hashString('洪水')).toBe(hashString('洪水'));
    expect(lexiconKey('洪水')).not.toBe(hashString('洪水'));
  });
});
