import { describe, expect, it } from 'vitest';
import { findNumberAfter, findNumberBefore, parseChineseNumber } from './chinese-numerals.js';

describe('parseChineseNumber', () => {
  it.each([
    ['3', 3],
    ['12', 12],
    ['３', 3],
    ['１２', 12],
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十一', 11],
    ['二十三', 23],
    ['一百零五', 105],
    ['三千二百', 3200],
    ['1.2万', 12000],
    ['3千', 3000],
    ['1,200', 1200],
    ['两万', 20000],
    ['二〇二五', 2025],
  ])('reads %s as exactly %d', (text, value) => {
    expect(parseChineseNumber(text)).toEqual({ value, approximate: false });
  });

  it.each([
    ['两万余', 20000],
    ['十余', 10],
    ['十几', 10],
    ['数十', 10],
    ['近百', 100],
    ['约30', 30],
    ['30余', 30],
    ['百余', 100],
    ['10多', 10],
    ['上百', 100],
    ['50左右', 50],
    ['超过200', 200],
  ])('reads %s as about %d', (text, value) => {
    expect(parseChineseNumber(text)).toEqual({ value, approximate: true });
  });

  it('reads spoken shorthand after a hundred or more as the next lower unit', () => {
    expect(parseChineseNumber('一百五')?.value).toBe(150);
    expect(parseChineseNumber('两万三')?.value).toBe(23000);
  });

  it.each(['', '人', '多', '数', '几', '数12', '3五', '约', '上3'])('rejects %j', (text) => {
    expect(parseChineseNumber(text)).toBeUndefined();
  });
});

describe('findNumberBefore', () => {
  it('finds the numeral that ends at the position', () => {
    expect(findNumberBefore('致两死三伤', 2)).toEqual({ value: 2, approximate: false, start: 1, end: 2 });
  });

  it('keeps the longest reading, hedges included', () => {
    expect(findNumberBefore('共十余人', 3)).toEqual({ value: 10, approximate: true, start: 1, end: 3 });
  });

  it('skips characters that only look like part of a number', () => {
    expect(findNumberBefore('死亡人数12', 6)).toEqual({ value: 12, approximate: false, start: 4, end: 6 });
  });

  it('finds nothing when no number ends there', () => {
    expect(findNumberBefore('5头牛死亡', 3)).toBeUndefined();
  });
});

describe('findNumberAfter', () => {
  it('finds the number that starts at the position', () => {
    expect(findNumberAfter('被困人员7人', 4)).toEqual({ value: 7, approximate: false, start: 4, end: 5 });
  });

  it('reads a multi-character Chinese numeral to its end', () => {
    expect(findNumberAfter('上升至二十三人', 3)).toEqual({ value: 23, approximate: false, start: 3, end: 6 });
  });

  it('finds nothing when the position holds no number', () => {
    expect(findNumberAfter('被困人员7人', 0)).toBeUndefined();
  });
});
