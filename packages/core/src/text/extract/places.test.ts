import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { extractPlaces } from './places.js';

const region = regionNmg;
const codesIn = (text: string): string[] => extractPlaces(text, { region }).map((place) => place.code);

describe('extractPlaces', () => {
  it('reports a county with its official name, level and span', () => {
    const places = extractPlaces('西乌珠穆沁旗发生草原火灾', { region });

    expect(places).toEqual([{ code: '152526', name: '西乌珠穆沁旗', level: 'county', span: [0, 6] }]);
  });

  it('prefers the longest name at a position (东乌珠穆沁旗 over 东乌)', () => {
    expect(extractPlaces('东乌珠穆沁旗遭遇暴雪', { region })).toEqual([
      { code: '152525', name: '东乌珠穆沁旗', level: 'county', span: [0, 6] },
    ]);
  });

  it('prefers 鄂托克前旗 over 鄂托克', () => {
    expect(codesIn('鄂托克前旗出现沙尘暴')).toEqual(['150623']);
  });

  it('reports only the county when its league is named with it', () => {
    const places = extractPlaces('锡林郭勒盟东乌珠穆沁旗发生草原火灾', { region });

    expect(places).toEqual([{ code: '152525', name: '东乌珠穆沁旗', level: 'county', span: [5, 11] }]);
  });

  it('reports only the county when league and county are written in short forms', () => {
    expect(extractPlaces('锡盟西乌旗草原起火', { region })).toEqual([
      { code: '152526', name: '西乌珠穆沁旗', level: 'county', span: [2, 5] },
    ]);
  });

  it('reports a league when no county of it is named', () => {
    expect(extractPlaces('锡林郭勒盟发布暴雪预警', { region })).toEqual([
      { code: '152500', name: '锡林郭勒盟', level: 'league', span: [0, 5] },
    ]);
  });

  it('keeps a league whose counties are not named next to a county of another league', () => {
    expect(codesIn('赤峰市和西乌旗同时出现大风')).toEqual(['150400', '152526']);
  });

  it('never reports the province itself', () => {
    expect(codesIn('内蒙古自治区应急管理厅召开会议')).toEqual([]);
  });

  it('reports each unit once, in order of first appearance', () => {
    const places = extractPlaces('西乌旗起火，东乌旗增援，西乌旗火势得到控制', { region });

    expect(places.map((place) => [place.code, place.span])).toEqual([
      ['152526', [0, 3]],
      ['152525', [6, 9]],
    ]);
  });

  it('reads an ambiguous name written right after its parent (包头市青山区)', () => {
    expect(extractPlaces('包头市青山区一居民楼起火', { region })).toEqual([
      { code: '150204', name: '青山区', level: 'county', span: [3, 6] },
    ]);
  });

  it('reads an ambiguous name written right after its parent’s short form (乌海海南区)', () => {
    expect(codesIn('乌海海南区发生煤矿事故')).toEqual(['150303']);
  });

  it('ignores an ambiguous name without context', () => {
    expect(codesIn('青山区一居民楼起火')).toEqual([]);
  });

  it('ignores 海南 on its own', () => {
    expect(codesIn('海南遭遇台风袭击')).toEqual([]);
  });

  it('reads an ambiguous name when a unit of the same league is named elsewhere', () => {
    expect(codesIn('五原、临河两地出现冰雹')).toEqual(['150821', '150802']);
  });

  it('reads an ambiguous name when its league is named elsewhere in the text', () => {
    expect(codesIn('临河出现冰雹，巴彦淖尔市气象台提醒注意防范')).toEqual(['150802']);
  });

  it('reads an ambiguous name when the text names Inner Mongolia', () => {
    expect(codesIn('内蒙古临河出现冰雹')).toEqual(['150802']);
  });

  it('reads an ambiguous league short form with region context (内蒙古兴安)', () => {
    expect(extractPlaces('内蒙古兴安遭遇暴雨', { region })).toEqual([
      { code: '152200', name: '兴安盟', level: 'league', span: [3, 5] },
    ]);
  });

  it('ignores 临河 and 新城 when nothing places them in the region', () => {
    expect(codesIn('临河而建的新城')).toEqual([]);
  });

  it('does not read 兴安 inside 大兴安岭, even with region context', () => {
    expect(codesIn('内蒙古大兴安岭林区发生森林火灾')).toEqual([]);
  });

  it('does not read 多伦 inside 多伦多', () => {
    expect(codesIn('锡林郭勒盟一行人抵达多伦多')).toEqual(['152500']);
  });

  it('reads 多伦 next to its league', () => {
    expect(codesIn('锡林郭勒盟多伦出现强降雨')).toEqual(['152531']);
  });

  it('does not read 东乌 inside 东乌克兰', () => {
    expect(codesIn('内蒙古媒体报道东乌克兰局势')).toEqual([]);
  });

  it('finds nothing for places outside the region', () => {
    expect(codesIn('北京、河北张家口和蒙古国乌兰巴托出现沙尘天气')).toEqual([]);
  });

  it('reads Traditional Chinese with spans into the original text', () => {
    expect(extractPlaces('錫林郭勒盟東烏珠穆沁旗發生草原火災', { region })).toEqual([
      { code: '152525', name: '东乌珠穆沁旗', level: 'county', span: [5, 11] },
    ]);
  });

  it('reads names around full-width characters with spans into the original text', () => {
    expect(extractPlaces('（锡盟）　西乌旗：ＡＢ', { region })).toEqual([
      { code: '152526', name: '西乌珠穆沁旗', level: 'county', span: [5, 8] },
    ]);
  });

  it('reads a full name found only in Inner Mongolia without context (镶黄旗)', () => {
    expect(codesIn('镶黄旗报告一例人间腺鼠疫病例')).toEqual(['152528']);
  });

  it('reads a short form that in practice means the Inner Mongolian place (海拉尔)', () => {
    expect(codesIn('今早的海拉尔跟仙境一样')).toEqual(['150702']);
  });

  it('does not read 二连 inside 十二连城, even with region context', () => {
    expect(codesIn('内蒙古准格尔旗十二连城乡突降暴雨')).toEqual(['150622']);
  });

  it('reads the colloquial 二连 for 二连浩特市 on its own', () => {
    expect([codesIn('二连这边蚂蚱成灾'), codesIn('锡林郭勒盟二连口岸车辆排队')]).toEqual([['152501'], ['152501']]);
  });

  it('does not read a river named after a place (海拉尔河)', () => {
    expect(codesIn('海拉尔河水位上涨')).toEqual([]);
  });

  it('reads the league but not the river in 呼伦贝尔…额尔古纳河流域', () => {
    expect(codesIn('检查组抵达呼伦贝尔，督导额尔古纳河流域防汛')).toEqual(['150700']);
  });

  it('does not read a reservoir or a culture named after a place (红山水库, 红山文化)', () => {
    expect([codesIn('赤峰红山水库蓄水正常'), codesIn('赤峰红山文化遗址出土玉器')]).toEqual([['150400'], ['150400']]);
  });

  it('does not read a street named after a place (海拉尔东路, 伊金霍洛西街)', () => {
    expect([codesIn('海拉尔东路发生追尾'), codesIn('东胜区伊金霍洛西街封闭施工')]).toEqual([[], ['150602']]);
  });

  it('does not read a township named after a banner (鄂温克苏木)', () => {
    expect(codesIn('陈巴尔虎旗境内火场位于鄂温克苏木附近')).toEqual(['150725']);
  });

  it('reads a form ending in a unit word before a feature word (土左旗水库)', () => {
    expect(codesIn('网传土左旗水库被污染')).toEqual(['150121']);
  });

  it('reads a place before 街上 and 路上, which are not street names', () => {
    expect([codesIn('赤峰街上大家都穿回羽绒服了'), codesIn('去根河路上碰到塌方')]).toEqual([['150400'], ['150785']]);
  });

  it('reads the full name 根河市 and the short form 根河 on its own', () => {
    expect([codesIn('根河市林区起火'), codesIn('根河今早零下46度')]).toEqual([['150785'], ['150785']]);
  });

  it('does not report the place of a news dateline (新华社呼和浩特8月1日电)', () => {
    expect(extractPlaces('新华社呼和浩特8月1日电 凉城县一工地食堂发生食物中毒', { region })).toEqual([
      { code: '150925', name: '凉城县', level: 'county', span: [13, 16] },
    ]);
  });

  it('does not report the place of a dateline without a date (中新社呼和浩特电)', () => {
    expect(codesIn('中新社呼和浩特电 凉城县一工地食堂发生食物中毒')).toEqual(['150925']);
  });

  it('does not report the place of a newspaper dateline (本报包头3日讯)', () => {
    expect(codesIn('本报包头3日讯 昆都仑区一工厂起火')).toEqual(['150203']);
  });

  it('reports a dateline place named again later in the text', () => {
    expect(extractPlaces('新华社呼和浩特8月1日电 呼和浩特市发布暴雨预警', { region })).toEqual([
      { code: '150100', name: '呼和浩特市', level: 'league', span: [13, 18] },
    ]);
  });

  it('lets a dateline place confirm an ambiguous name (新华社赤峰电 … 松山区)', () => {
    expect(codesIn('新华社赤峰7月3日电 松山区一在建项目基坑坍塌')).toEqual(['150404']);
  });

  it('reads a place after an agency-like name that is no dateline (国家电网呼和浩特供电公司)', () => {
    expect(codesIn('国家电网呼和浩特供电公司发布停电通知')).toEqual(['150100']);
  });

  it('returns nothing for an empty string', () => {
    expect(extractPlaces('', { region })).toEqual([]);
  });

  it('handles a 100 KB text and still reports each unit once', () => {
    const text = '锡盟西乌旗发生草原火灾，包头市青山区和赤峰市出现大风，其他地区天气晴好。'.repeat(2800);

    const places = extractPlaces(text, { region });

    expect(text.length).toBeGreaterThan(100_000);
    expect(places.map((place) => place.code)).toEqual(['152526', '150204', '150400']);
  });

  it('reads English place names as feeds write them (USGS, GDACS)', () => {
    expect(codesIn('M 5.1 - 12 km NE of Baotou, China')).toEqual(['150200']);
    expect(codesIn('Sandstorm hits Alxa League and Xilingol')).toEqual(['152900', '152500']);
  });

  it('does not read an English name inside a longer word or a mountain range', () => {
    expect(codesIn('Baotoushi')).toEqual([]);
    expect(codesIn('forest fire in the Greater Hinggan range')).toEqual([]);
  });

  it('treats an English district name as ambiguous, like its Chinese name', () => {
    expect(codesIn('Qingshan District of Wuhan flooded')).toEqual([]);
    expect(codesIn('Qingshan District, Baotou, Inner Mongolia')).toEqual(['150204']);
  });
});
