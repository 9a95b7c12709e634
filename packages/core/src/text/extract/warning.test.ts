import { describe, expect, it } from 'vitest';
import { extractWarningColor } from './warning.js';

describe('extractWarningColor', () => {
  it('reads 橙色预警', () => {
    expect(extractWarningColor('呼和浩特市气象台发布暴雨橙色预警')).toBe('orange');
  });

  it('reads 黄色预警信号', () => {
    expect(extractWarningColor('大风黄色预警信号')).toBe('yellow');
  });

  it('reads 蓝色预警', () => {
    expect(extractWarningColor('发布寒潮蓝色预警')).toBe('blue');
  });

  it('reads 红色预警', () => {
    expect(extractWarningColor('森林火险红色预警')).toBe('red');
  });

  it('reads a colour written after the warning (预警级别为橙色)', () => {
    expect(extractWarningColor('本次预警级别为橙色')).toBe('orange');
  });

  it('reads the colour a warning was raised to (由黄色升级为橙色)', () => {
    expect(extractWarningColor('暴雪预警由黄色升级为橙色')).toBe('orange');
  });

  it('reads the colour a warning was lowered to', () => {
    expect(extractWarningColor('暴雨橙色预警降级为黄色预警')).toBe('yellow');
  });

  it('keeps the highest colour when several warnings are issued', () => {
    expect(extractWarningColor('发布大风蓝色预警和沙尘暴黄色预警')).toBe('yellow');
  });

  it('still reads the colour of a lifted warning', () => {
    expect(extractWarningColor('解除暴雨橙色预警')).toBe('orange');
  });

  it('reads English warnings', () => {
    expect(extractWarningColor('Orange warning for blizzards in Xilingol')).toBe('orange');
  });

  it('ignores a colour without a warning nearby (黄色的沙尘)', () => {
    expect(extractWarningColor('黄色的沙尘笼罩城区')).toBeNull();
  });

  it('ignores an English colour that is not a warning', () => {
    expect(extractWarningColor('A red car caught fire')).toBeNull();
  });

  it('reads a colour in a full-width text', () => {
    expect(extractWarningColor('预警级别：橙色')).toBe('orange');
  });

  it('returns null for an empty string', () => {
    expect(extractWarningColor('')).toBeNull();
  });
});
