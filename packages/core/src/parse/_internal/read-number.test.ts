import { describe, expect, it } from 'vitest';
import { describeValue, isAbsent, readNumber } from './read-number.js';

describe('readNumber', () => {
  it.each([
    [3.1, 3.1],
    ['3.1', 3.1],
    [' 40.52 ', 40.52],
    ['-0.5', -0.5],
    ['+7', 7],
    ['.5', 0.5],
    ['1e3', 1000],
  ])('reads %j as %d', (value, number) => {
    expect(readNumber(value)).toBe(number);
  });

  it.each(['', ' ', '4.6级', '0x10', 'Infinity', 'NaN', '1,000', null, undefined, true, [], {}, Number.NaN, Infinity])(
    'refuses %j',
    (value) => {
      expect(readNumber(value)).toBeUndefined();
    },
  );
});

describe('isAbsent', () => {
  it('counts undefined, null and blank strings as absent, and nothing else', () => {
    expect([undefined, null, '', '  '].map(isAbsent)).toEqual([true, true, true, true]);
    expect([0, '0', false, []].map(isAbsent)).toEqual([false, false, false, false]);
  });
});

describe('describeValue', () => {
  it('quotes strings and bounds long values', () => {
    expect(describeValue('東經110度')).toBe('"東經110度"');
    expect(describeValue('x'.repeat(200))).toHaveLength(78);
  });
});
