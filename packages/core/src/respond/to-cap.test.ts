import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/golden.js';
import { alertOf, blizzard, mineAccident, scoreOf, wildfire } from '../../test/fixtures/respond/samples.js';
import { parseCap } from '../parse/parse-cap.js';
import { parseXml, type XmlElement } from '../parse/xml.js';
import { CAP_1_2_NAMESPACE, toCap } from './to-cap.js';

/** Compares with a golden XML file next to the fixtures; `UPDATE_GOLDEN=1` rewrites it. */
function expectGoldenXml(name: string, xml: string): void {
  const path = fixturePath(`${name}.golden.xml`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, xml);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(xml).toBe(readFileSync(path, 'utf8'));
}

// The content model of CAP 1.2 (OASIS standard, section 3.2 and its XML schema): element order,
// how often each may occur, and the enumerated values. `[name, min, max, values?]`.
type Particle = readonly [string, number, number, (readonly string[])?];
const ALERT: readonly Particle[] = [
  ['identifier', 1, 1],
  ['sender', 1, 1],
  ['sent', 1, 1],
  ['status', 1, 1, ['Actual', 'Exercise', 'System', 'Test', 'Draft']],
  ['msgType', 1, 1, ['Alert', 'Update', 'Cancel', 'Ack', 'Error']],
  ['source', 0, 1],
  ['scope', 1, 1, ['Public', 'Restricted', 'Private']],
  ['restriction', 0, 1],
  ['addresses', 0, 1],
  ['code', 0, Infinity],
  ['note', 0, 1],
  ['references', 0, 1],
  ['incidents', 0, 1],
  ['info', 0, Infinity],
];
const CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
];
const INFO: readonly Particle[] = [
  ['language', 0, 1],
  ['category', 1, Infinity, CATEGORIES],
  ['event', 1, 1],
  [
    'responseType',
    0,
    Infinity,
    ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'],
  ],
  ['urgency', 1, 1, ['Immediate', 'Expected', 'Future', 'Past', 'Unknown']],
  ['severity', 1, 1, ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']],
  ['certainty', 1, 1, ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']],
  ['audience', 0, 1],
  ['eventCode', 0, Infinity],
  ['effective', 0, 1],
  ['onset', 0, 1],
  ['expires', 0, 1],
  ['senderName', 0, 1],
  ['headline', 0, 1],
  ['description', 0, 1],
  ['instruction', 0, 1],
  ['web', 0, 1],
  ['contact', 0, 1],
  ['parameter', 0, Infinity],
  ['resource', 0, Infinity],
  ['area', 0, Infinity],
];
const AREA: readonly Particle[] = [
  ['areaDesc', 1, 1],
  ['polygon', 0, Infinity],
  ['circle', 0, Infinity],
  ['geocode', 0, Infinity],
  ['altitude', 0, 1],
  ['ceiling', 0, 1],
];
const PAIR: readonly Particle[] = [
  ['valueName', 1, 1],
  ['value', 1, 1],
];
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/;
const DATE_ELEMENTS = new Set(['sent', 'effective', 'onset', 'expires']);
const CHILD_MODELS: Readonly<Record<string, readonly Particle[]>> = {
  info: INFO,
  area: AREA,
  eventCode: PAIR,
  parameter: PAIR,
  geocode: PAIR,
};

/** Every violation of the CAP 1.2 content model in an element tree, as readable strings. */
function capViolations(element: XmlElement, model: readonly Particle[], path = element.name): string[] {
  const problems: string[] = [];
  let index = 0;
  for (const [name, min, max, values] of model) {
    let count = 0;
    while (element.children[index]?.name === name) {
      const child = element.children[index]!;
      if (child.namespace !== CAP_1_2_NAMESPACE) problems.push(`${path}/${name}: namespace ${child.namespace}`);
      if (values && !values.includes(child.text))
        problems.push(`${path}/${name}: ${JSON.stringify(child.text)} not allowed`);
      if (DATE_ELEMENTS.has(name) && !DATE_TIME.test(child.text))
        problems.push(`${path}/${name}: ${child.text} is not a CAP dateTime`);
      if (CHILD_MODELS[name]) problems.push(...capViolations(child, CHILD_MODELS[name], `${path}/${name}`));
      else if (child.children.length > 0) problems.push(`${path}/${name}: unexpected child elements`);
      count++;
      index++;
    }
    if (count < min) problems.push(`${path}: missing ${name}`);
    if (count > max) problems.push(`${path}: ${name} occurs ${count} times`);
  }
  if (index < element.children.length)
    problems.push(`${path}: unexpected <${element.children[index]!.name}> at position ${index}`);
  return problems;
}

const validate = (xml: string): string[] => {
  const root = parseXml(xml);
  expect(root.name).toBe('alert');
  expect(root.namespace).toBe(CAP_1_2_NAMESPACE);
  return capViolations(root, ALERT);
};

describe('toCap', () => {
  const score = scoreOf(blizzard, 'II');
  const alert = { ...alertOf(blizzard, 'II'), createdAt: '2024-03-14T09:15:00+08:00' };

  it('writes the blizzard alert as the golden CAP 1.2 document', () => {
    const xml = toCap(alert, blizzard, {
      region: regionNmg,
      score,
      sender: 'emwatch@yjt.nmg.gov.cn',
      web: 'https://duty.example.org/events/1',
    });
    expectGoldenXml('respond/cap/blizzard', xml);
  });

  it('follows the CAP 1.2 content model: order, cardinality, enumerations and dateTimes', () => {
    for (const [event, level] of [
      [blizzard, 'II'],
      [wildfire, 'III'],
      [mineAccident, 'I'],
    ] as const) {
      const xml = toCap(alertOf(event, level), event, { region: regionNmg, score: scoreOf(event, level) });
      expect(validate(xml)).toEqual([]);
    }
  });

  it('parses back with parseCap into a zh-CN and an en block with the right severity and geocodes', () => {
    const xml = toCap(alert, blizzard, { region: regionNmg, score });

    const { alert: cap, problems } = parseCap(xml, { region: regionNmg });

    expect(problems).toEqual([]);
    expect(cap).toMatchObject({
      namespace: CAP_1_2_NAMESPACE,
      identifier: 'alr:2024-03-14:152525:snow-disaster:II',
      sender: 'emwatch',
      sent: '2024-03-14T09:15:00+08:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Restricted',
    });
    expect(cap.infos.map((info) => [info.language, info.event, info.severity, info.urgency, info.certainty])).toEqual([
      ['zh-CN', '雪灾', 'Severe', 'Immediate', 'Observed'],
      ['en', 'Snow disaster', 'Severe', 'Immediate', 'Observed'],
    ]);
    expect(cap.infos[0]?.areas[0]).toMatchObject({
      description: '东乌珠穆沁旗、锡林郭勒盟',
      geocodes: [
        { name: 'GB/T 2260', value: '152525' },
        { name: 'GB/T 2260', value: '152500' },
      ],
    });
    expect(cap.infos[1]?.areas[0]?.description).toBe('East Ujimqin Banner, Xilingol League');
    expect(cap.infos[0]?.regionCodes).toEqual(['152525', '152500']);
    expect(cap.infos[0]?.headline).toBe('【橙色】东乌旗遭遇暴雪 多条道路封闭');
    expect(cap.infos[1]?.headline).toBe('[Orange] Snow disaster in East Ujimqin Banner, Xilingol League');
    expect(cap.infos[0]?.description?.split('\n').slice(0, 3)).toEqual([
      '东乌旗遭遇暴雪 多条道路封闭。',
      '橙色预警，Ⅱ级（重大），风险评分 69/100。',
      '主要依据：人员伤亡 +35；官方预警 +21；多源印证 +13。',
    ]);
    expect(cap.infos[0]?.parameters).toContainEqual({ name: 'emwatch:score', value: '69' });
  });

  it('maps each colour to its CAP severity', () => {
    const severities = (['IV', 'III', 'II', 'I'] as const).map((level) => {
      const xml = toCap(alertOf(wildfire, level), wildfire);
      return parseCap(xml).alert.infos[0]?.severity;
    });
    expect(severities).toEqual(['Minor', 'Moderate', 'Severe', 'Extreme']);
  });

  it('escapes every piece of post text', () => {
    const hostile = { ...wildfire, title: '火灾</headline><script>x</script>&amp; "引号" \u0007' };
    const xml = toCap({ ...alertOf(hostile, 'III'), title: `【黄色】${hostile.title}` }, hostile);

    expect(validate(xml)).toEqual([]);
    expect(xml).toContain(
      '<headline>【黄色】火灾&lt;/headline&gt;&lt;script&gt;x&lt;/script&gt;&amp;amp; &quot;引号&quot; </headline>',
    );
    expect(parseCap(xml).alert.infos[0]?.headline).toBe('【黄色】火灾</headline><script>x</script>&amp; "引号"');
  });

  it('writes UTC as -00:00, never Z, as CAP 1.2 requires', () => {
    const xml = toCap(alert, blizzard, { timeZone: 'UTC' });
    expect(xml).toContain('<sent>2024-03-14T01:15:00-00:00</sent>');
    expect(xml).not.toMatch(/\d\dZ</);
  });

  it('marks an update of earlier CAP messages with their references', () => {
    const xml = toCap(alert, blizzard, {
      references: ['emwatch,alr:2024-03-14:152525:snow-disaster:III,2024-03-14T08:50:00+08:00'],
    });
    const cap = parseCap(xml).alert;
    expect(cap.msgType).toBe('Update');
    expect(cap.references[0]).toMatchObject({
      sender: 'emwatch',
      identifier: 'alr:2024-03-14:152525:snow-disaster:III',
    });
  });

  it('writes exercises and public alerts when asked', () => {
    const cap = parseCap(toCap(alert, blizzard, { status: 'Exercise', scope: 'Public' })).alert;
    expect([cap.status, cap.scope, cap.restriction]).toEqual(['Exercise', 'Public', undefined]);
  });

  it('refuses an alert about another event', () => {
    expect(() => toCap(alert, wildfire)).toThrow(
      `[emwatch] [cap] alert ${alert.id} is about ${blizzard.id}, not ${wildfire.id}`,
    );
  });
});
