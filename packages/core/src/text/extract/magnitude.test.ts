import { describe, expect, it } from 'vitest';
import { extractMagnitude } from './magnitude.js';

describe('extractMagnitude', () => {
  it('reads 5.1级地震', () => {
    expect(extractMagnitude('阿拉善左旗发生5.1级地震')).toBe(5.1);
  });

  it('reads the letter form M4.3', () => {
    expect(extractMagnitude('内蒙古包头市土默特右旗M4.3')).toBe(4.3);
  });

  it('reads 里氏4.5级', () => {
    expect(extractMagnitude('当地时间凌晨发生里氏4.5级强震')).toBe(4.5);
  });

  it('reads 震级4.0', () => {
    expect(extractMagnitude('中国地震台网正式测定：震级4.0，震源深度10千米')).toBe(4);
  });

  it('reads a bare 4.2级 in a text about an earthquake', () => {
    expect(extractMagnitude('震中位于五原县，4.2级，震源深度8千米')).toBe(4.2);
  });

  it('ignores a bare 4.2级 in a text that is not about an earthquake', () => {
    expect(extractMagnitude('该车型安全评级4.2级')).toBeNull();
  });

  it('ignores wind forces (8级大风, 4级风)', () => {
    expect(extractMagnitude('锡林郭勒盟将出现8级大风，局地阵风4级风力')).toBeNull();
  });

  it('ignores wind forces in a text that also mentions an earthquake', () => {
    expect(extractMagnitude('地震应急演练当天有4级风')).toBeNull();
  });

  it('ignores response and warning levels (三级响应, 2级预警)', () => {
    expect(extractMagnitude('地震局启动三级响应，发布2级预警')).toBeNull();
  });

  it('keeps the largest magnitude (the main shock) when aftershocks are listed', () => {
    expect(extractMagnitude('5.8级地震后发生3.1级余震')).toBe(5.8);
  });

  it('reads English magnitude statements', () => {
    expect(extractMagnitude('A magnitude 5.1 earthquake struck Inner Mongolia')).toBe(5.1);
  });

  it('ignores the letter M without a decimal (M4 bolts)', () => {
    expect(extractMagnitude('采购M4螺丝200个')).toBeNull();
  });

  it('reads full-width digits', () => {
    expect(extractMagnitude('发生５．１级地震')).toBe(5.1);
  });

  it('returns null for an empty string', () => {
    expect(extractMagnitude('')).toBeNull();
  });
});
