import { describe, expect, it } from 'vitest';
import { createMatcher } from './aho-corasick.js';

describe('createMatcher', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    const matcher = createMatcher([
      { text: '东乌', value: 'alias' },
      { text: '东乌珠穆沁旗', value: 'name' },
      { text: '乌珠穆沁', value: 'inner' },
    ]);

    const matches = matcher.findAll('锡盟东乌珠穆沁旗');

    expect(matches).toEqual([
      { start: 2, end: 4, value: 'alias' },
      { start: 3, end: 7, value: 'inner' },
      { start: 2, end: 8, value: 'name' },
    ]);
  });

  it('reports the longest pattern first when several end at the same place', () => {
    const matcher = createMatcher([
      { text: '鄂托克旗', value: 1 },
      { text: '托克旗', value: 2 },
      { text: '旗', value: 3 },
    ]);

    const values = matcher.findAll('鄂托克旗').map((match) => match.value);

    expect(values).toEqual([1, 2, 3]);
  });

  it('follows failure links into a pattern that starts inside a failed one', () => {
    const matcher = createMatcher([
      { text: 'abcd', value: 'abcd' },
      { text: 'bce', value: 'bce' },
    ]);

    const matches = matcher.findAll('abce');

    expect(matches).toEqual([{ start: 1, end: 4, value: 'bce' }]);
  });

  it('finds repeated occurrences of the same pattern', () => {
    const matcher = createMatcher([{ text: '包头', value: '150200' }]);

    const starts = matcher.findAll('包头包头，包头').map((match) => match.start);

    expect(starts).toEqual([0, 2, 5]);
  });

  it('ignores empty patterns and finds nothing in an empty text', () => {
    const matcher = createMatcher([
      { text: '', value: 'empty' },
      { text: '赤峰', value: 'city' },
    ]);

    expect(matcher.findAll('')).toEqual([]);
    expect(matcher.findAll('赤峰')).toEqual([{ start: 0, end: 2, value: 'city' }]);
  });

  it('finds nothing when no pattern is given', () => {
    const matcher = createMatcher<string>([]);

    expect(matcher.findAll('锡林郭勒盟')).toEqual([]);
  });
});
