import { describe, expect, it } from 'vitest';
import {
  casualtyLevel,
  DEFAULT_LEVEL_THRESHOLDS,
  higherLevel,
  levelForScore,
  minScoreOfLevel,
  quakeLevel,
  validateLevelThresholds,
} from './levels.js';

const casualties = (
  deaths: number | null,
  injured: number | null = null,
  missing: number | null = null,
  trapped: number | null = null,
) => ({
  deaths,
  injured,
  missing,
  trapped,
});

describe('levelForScore', () => {
  it('puts each threshold itself in the higher level', () => {
    expect([0, 39.9, 40, 59.9, 60, 79.9, 80, 100].map((score) => levelForScore(score))).toEqual([
      'IV',
      'IV',
      'III',
      'III',
      'II',
      'II',
      'I',
      'I',
    ]);
  });

  it('follows custom thresholds', () => {
    expect(levelForScore(50, { III: 20, II: 45, I: 70 })).toBe('II');
  });
});

describe('minScoreOfLevel and higherLevel', () => {
  it('give the lowest score of a level and the higher of two levels', () => {
    expect(minScoreOfLevel('IV')).toBe(0);
    expect(minScoreOfLevel('I')).toBe(DEFAULT_LEVEL_THRESHOLDS.I);
    expect(higherLevel('III', 'I')).toBe('I');
    expect(higherLevel('IV', 'IV')).toBe('IV');
  });
});

describe('validateLevelThresholds', () => {
  it('refuses thresholds that do not rise from Ⅲ to Ⅰ, naming the key', () => {
    expect(() => validateLevelThresholds({ III: 60, II: 50, I: 80 })).toThrow(
      /thresholds\.II must be a number above 60/,
    );
    expect(() => validateLevelThresholds({ III: 40, II: 60, I: 120 })).toThrow(/thresholds\.I .*at most 100/);
  });
});

describe('casualtyLevel', () => {
  it('grades deaths as the 生产安全事故报告和调查处理条例 does, "以上" including the number', () => {
    expect([2, 3, 9, 10, 29, 30].map((d) => casualtyLevel(casualties(d)).level)).toEqual([
      'IV',
      'III',
      'III',
      'II',
      'II',
      'I',
    ]);
  });

  it('grades serious injuries at 10, 50 and 100', () => {
    expect([9, 10, 49, 50, 99, 100].map((i) => casualtyLevel(casualties(0, i)).level)).toEqual([
      'IV',
      'III',
      'III',
      'II',
      'II',
      'I',
    ]);
  });

  it('adds the missing to the dead ("死亡（含失踪）")', () => {
    expect(casualtyLevel(casualties(25, null, 5))).toEqual({ level: 'I', basis: 'deaths' });
  });

  it('grades lives endangered: 30 trapped is Ⅰ, 10 trapped Ⅲ, 4 trapped nothing', () => {
    expect(casualtyLevel(casualties(null, null, null, 30))).toEqual({ level: 'I', basis: 'trapped' });
    expect(casualtyLevel(casualties(null, null, null, 10))).toEqual({ level: 'III', basis: 'trapped' });
    expect(casualtyLevel(casualties(null, null, null, 4))).toEqual({ level: 'IV', basis: null });
  });

  it('takes the highest grade any count reaches', () => {
    expect(casualtyLevel(casualties(3, 60))).toEqual({ level: 'II', basis: 'injured' });
  });
});

describe('quakeLevel', () => {
  it('follows the 国家地震应急预案 magnitudes for populated areas', () => {
    expect([4.9, 5, 5.9, 6, 6.9, 7, 8].map(quakeLevel)).toEqual(['IV', 'III', 'III', 'II', 'II', 'I', 'I']);
  });
});
