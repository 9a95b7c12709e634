import { describe, expect, it } from 'vitest';

import { units } from './units.js';

type Unit = (typeof units)[number];

const formsOf = (unit: Unit): string[] => [unit.name, ...unit.shortNames, ...unit.aliases];

const byCode = new Map(units.map((unit) => [unit.code, unit]));

const codeOfText = new Map<string, string>();
for (const unit of units) for (const form of formsOf(unit)) codeOfText.set(form, unit.code);

const province = units.filter((unit) => unit.level === 'province');
const leagues = units.filter((unit) => unit.level === 'league');
const counties = units.filter((unit) => unit.level === 'county');

describe('Inner Mongolia units', () => {
  it('has one province, 12 leagues and 103 counties', () => {
    expect(province).toHaveLength(1);
    expect(leagues).toHaveLength(12);
    expect(counties).toHaveLength(103);
    expect(units).toHaveLength(116);
  });

  it('starts with the province 150000 内蒙古自治区, which has no parent', () => {
    expect(units[0]).toMatchObject({ code: '150000', name: '内蒙古自治区', level: 'province', parent: null });
  });

  it('lists the 12 leagues by their GB/T 2260 codes and names', () => {
    expect(leagues.map((unit) => `${unit.code} ${unit.name}`)).toEqual([
      '150100 呼和浩特市',
      '150200 包头市',
      '150300 乌海市',
      '150400 赤峰市',
      '150500 通辽市',
      '150600 鄂尔多斯市',
      '150700 呼伦贝尔市',
      '150800 巴彦淖尔市',
      '150900 乌兰察布市',
      '152200 兴安盟',
      '152500 锡林郭勒盟',
      '152900 阿拉善盟',
    ]);
  });

  it('uses unique six-digit codes in ascending order', () => {
    const codes = units.map((unit) => unit.code);
    for (const code of codes) expect(code).toMatch(/^15\d{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
  });

  it('puts every league directly under the province', () => {
    for (const league of leagues) expect(league.parent).toBe('150000');
  });

  it('puts every county under a league that shares its first four code digits', () => {
    for (const county of counties) {
      const parent = byCode.get(county.parent ?? '');
      expect(parent?.level, county.name).toBe('league');
      expect(county.code.slice(0, 4), county.name).toBe(county.parent?.slice(0, 4));
    }
  });

  it('gives each league the expected number of counties', () => {
    const countOf = (code: string) => counties.filter((county) => county.parent === code).length;
    expect(Object.fromEntries(leagues.map((league) => [league.code, countOf(league.code)]))).toEqual({
      '150100': 9,
      '150200': 9,
      '150300': 3,
      '150400': 12,
      '150500': 8,
      '150600': 9,
      '150700': 14,
      '150800': 7,
      '150900': 11,
      '152200': 6,
      '152500': 12,
      '152900': 3,
    });
  });

  it('keeps centroids out of the data, since they are generated from the boundaries', () => {
    for (const unit of units) expect(unit).not.toHaveProperty('centroid');
  });
});

describe('written forms', () => {
  it('makes every name, short name and alias denote exactly one unit', () => {
    const all = units.flatMap(formsOf);
    const duplicates = all.filter((form, index) => all.indexOf(form) !== index);
    expect(duplicates).toEqual([]);
  });

  it('has no one-character forms', () => {
    for (const form of units.flatMap(formsOf)) expect([...form].length, form).toBeGreaterThan(1);
  });

  it('leaves out forms that several units share', () => {
    for (const shared of [
      '乌拉特',
      '苏尼特',
      '巴林',
      '科尔沁',
      '科右',
      '科左',
      '察右',
      '土默特',
      '新巴尔虎',
      '扎旗',
      '蒙',
    ]) {
      expect(codeOfText.has(shared), shared).toBe(false);
    }
  });

  it('marks as ambiguous only forms that belong to the unit itself', () => {
    for (const unit of units) {
      const own = formsOf(unit);
      for (const ambiguous of unit.ambiguousNames ?? []) expect(own, unit.name).toContain(ambiguous);
    }
  });

  it('resolves the colloquial aliases to the expected units', () => {
    const expected: Record<string, string> = {
      内蒙古: '150000',
      锡盟: '152500',
      西乌旗: '152526',
      东乌旗: '152525',
      呼市: '150100',
      阿盟: '152900',
      巴盟: '150800',
      乌盟: '150900',
      兴安: '152200',
      科右前旗: '152221',
      科右中旗: '152222',
      达茂旗: '150223',
      莫旗: '150722',
      鄂温克旗: '150724',
      土左旗: '150121',
      土右旗: '150221',
      阿左旗: '152921',
      阿右旗: '152922',
      额旗: '152923',
      科左中旗: '150521',
      科左后旗: '150522',
      察右前旗: '150926',
      察右中旗: '150927',
      察右后旗: '150928',
      乌前旗: '150823',
      乌中旗: '150824',
      乌后旗: '150825',
      杭后: '150826',
      新左旗: '150726',
      新右旗: '150727',
      陈旗: '150725',
      阿旗: '150421',
      克旗: '150425',
      翁旗: '150426',
      喀旗: '150428',
      敖汉: '150430',
      鄂前旗: '150623',
      伊旗: '150627',
      准旗: '150622',
      达旗: '150621',
      四子王: '150929',
      正镶白: '152529',
      苏左旗: '152523',
      苏右旗: '152524',
      鄂尔多斯: '150600',
      包头: '150200',
      赤峰: '150400',
      通辽: '150500',
      乌海: '150300',
      呼伦贝尔: '150700',
      巴彦淖尔: '150800',
      乌兰察布: '150900',
      锡林郭勒: '152500',
      呼和浩特: '150100',
      二连: '152501',
      锡市: '152502',
      满洲里: '150781',
      伊盟: '150600',
      哲盟: '150500',
      昭盟: '150400',
      东乌珠穆沁: '152525',
      达尔罕茂明安: '150223',
      莫力达瓦: '150722',
    };
    const actual = Object.fromEntries(Object.keys(expected).map((text) => [text, codeOfText.get(text)]));
    expect(actual).toEqual(expected);
  });

  it('marks names that also mean something outside Inner Mongolia as ambiguous', () => {
    const flagged = new Set(units.flatMap((unit) => unit.ambiguousNames ?? []));
    for (const text of [
      '青山区',
      '青山',
      '新城区',
      '新城',
      '海南区',
      '海南',
      '松山区',
      '松山',
      '兴安',
      '红山',
      '东河',
      '临河',
      '库伦',
      '多伦',
      '九原',
      '玉泉',
    ]) {
      expect(flagged.has(text), text).toBe(true);
    }
  });

  it('does not mark names unique to Inner Mongolia as ambiguous', () => {
    const flagged = new Set(units.flatMap((unit) => unit.ambiguousNames ?? []));
    for (const text of [
      '包头',
      '锡盟',
      '呼市',
      '东乌旗',
      '鄂尔多斯',
      '满洲里',
      '二连浩特',
      '二连',
      '镶黄旗',
      '正蓝旗',
      '东河区',
      '玉泉区',
      '回民区',
      '红山区',
      '元宝山',
      '海拉尔',
      '东胜',
      '商都',
      '宁城',
      '林西',
      '根河',
      '额尔古纳',
      '太仆寺',
      '赛罕',
      '乌达',
      '喀喇沁',
      '兴和',
      '凉城',
    ]) {
      expect(flagged.has(text), text).toBe(false);
    }
  });
});

describe('population', () => {
  const populationOf = (code: string) => byCode.get(code)?.population ?? Number.NaN;

  it('gives every unit a positive integer population', () => {
    for (const unit of units) {
      expect(Number.isInteger(unit.population), unit.name).toBe(true);
      expect(unit.population, unit.name).toBeGreaterThan(0);
    }
  });

  it('uses the 2020 census totals for the region and its leagues', () => {
    expect(Object.fromEntries([...province, ...leagues].map((unit) => [unit.code, unit.population]))).toEqual({
      '150000': 24049155,
      '150100': 3446100,
      '150200': 2709378,
      '150300': 556621,
      '150400': 4035967,
      '150500': 2873168,
      '150600': 2153638,
      '150700': 2242875,
      '150800': 1538715,
      '150900': 1706328,
      '152200': 1416929,
      '152500': 1107075,
      '152900': 262361,
    });
  });

  it('sums county populations to within 1% of each league', () => {
    for (const league of leagues) {
      const sum = counties
        .filter((county) => county.parent === league.code)
        .reduce((total, county) => total + (county.population ?? 0), 0);
      expect(Math.abs(sum - populationOf(league.code)) / populationOf(league.code), league.name).toBeLessThan(0.01);
    }
  });

  it('sums league populations to within 1% of the region', () => {
    const sum = leagues.reduce((total, league) => total + (league.population ?? 0), 0);
    expect(Math.abs(sum - populationOf('150000')) / populationOf('150000')).toBeLessThan(0.01);
  });

  it('keeps the census figures known county by county', () => {
    expect(populationOf('150202')).toBe(484218);
    expect(populationOf('150522')).toBe(321438);
    expect(populationOf('150783')).toBe(318933);
  });
});

describe('romanisation', () => {
  it('gives every league and the region an English name', () => {
    expect(Object.fromEntries([...province, ...leagues].map((unit) => [unit.code, unit.nameEn]))).toEqual({
      '150000': 'Inner Mongolia Autonomous Region',
      '150100': 'Hohhot',
      '150200': 'Baotou',
      '150300': 'Wuhai',
      '150400': 'Chifeng',
      '150500': 'Tongliao',
      '150600': 'Ordos',
      '150700': 'Hulunbuir',
      '150800': 'Bayannur',
      '150900': 'Ulanqab',
      '152200': 'Hinggan League',
      '152500': 'Xilingol League',
      '152900': 'Alxa League',
    });
  });

  it('writes pinyin in lower-case ascii letters only', () => {
    for (const unit of units) expect(unit.pinyin, unit.name).toMatch(/^[a-z]+$/);
  });

  it('reads Mongolian-origin names correctly', () => {
    const pinyinOf = (code: string) => byCode.get(code)?.pinyin;
    expect(pinyinOf('150100')).toBe('huhehaoteshi');
    expect(pinyinOf('150800')).toBe('bayannaoershi');
    expect(pinyinOf('150428')).toBe('kalaqinqi');
    expect(pinyinOf('152223')).toBe('zhalaiteqi');
    expect(pinyinOf('150822')).toBe('dengkouxian');
    expect(pinyinOf('152900')).toBe('alashanmeng');
    expect(pinyinOf('150722')).toBe('molidawadawoerzuzizhiqi');
    expect(pinyinOf('150823')).toBe('wulateqianqi');
    expect(pinyinOf('152525')).toBe('dongwuzhumuqinqi');
  });
});
