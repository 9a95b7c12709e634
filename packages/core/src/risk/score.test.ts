import regionNmg from '@emwatch/region-nmg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTestSignal } from '../../test/risk-events.js';
import type { Burst } from '../events/burst.js';
import type { Event } from '../model/event.js';
import type { RiskScore } from '../model/risk-score.js';
import { SOURCE_KINDS, type Signal, type SourceKind, type WarningFacts } from '../model/signal.js';
import {
  categoryOf,
  levelToColor,
  STAGE_IDS,
  TYPE_IDS,
  WARNING_COLORS,
  type TypeId,
  type WarningColor,
} from '../model/taxonomy.js';
import { levelForScore } from './levels.js';
import { RISK_PRESETS } from './presets.js';
import { scoreEvent } from './score.js';

const NOW = new Date('2025-04-11T12:00:00+08:00');

function makeEvent(overrides: Partial<Event> = {}): Event {
  const type = overrides.type ?? 'mining';
  return {
    id: 'evt:test',
    title: '测试事件',
    type,
    category: categoryOf(type),
    stage: 'occurring',
    firstSeen: '2025-04-11T08:00:00+08:00',
    lastUpdate: '2025-04-11T11:00:00+08:00',
    signalIds: ['s1'],
    signalCount: 1,
    repostCount: 0,
    sourcesByKind: { 'official-news': 1 },
    places: ['150622'],
    casualties: { deaths: null, injured: null, missing: null, trapped: null },
    magnitude: null,
    warningColor: null,
    timeline: [{ at: '2025-04-11T08:00:00+08:00', stage: 'occurring', signalId: 's1' }],
    history: [],
    ...overrides,
  };
}

function capWarning(overrides: Partial<WarningFacts> & Pick<WarningFacts, 'identifier' | 'sent'>): WarningFacts {
  return {
    sender: '15250041600000',
    status: 'Actual',
    msgType: 'Alert',
    references: [],
    event: '暴雪',
    eventCode: '11B04',
    severity: 'Severe',
    color: 'orange',
    areas: [],
    ...overrides,
  };
}

function capSignal(id: string, warning: WarningFacts): Signal {
  return makeTestSignal({
    id,
    kind: 'official-warning',
    sourceId: 'nmgqx-cap',
    outlet: '锡林郭勒盟气象台',
    at: warning.sent,
    title: `锡林郭勒盟气象台发布暴雪${warning.color ?? ''}预警信号`,
    text: '预计未来12小时内东乌珠穆沁旗将出现暴雪天气。',
    facts: { hintedType: 'snow-disaster', regionCodes: ['152525'], warning },
  });
}

const snowEvent = (signals: readonly Signal[]): Event =>
  makeEvent({
    type: 'snow-disaster',
    stage: 'warning',
    places: ['152525'],
    signalIds: signals.map((s) => s.id),
    signalCount: signals.length,
    sourcesByKind: { 'official-warning': signals.length },
    timeline: [{ at: '2025-04-11T08:00:00+08:00', stage: 'warning', signalId: signals[0]!.id }],
  });

const factor = (risk: RiskScore, id: string) => risk.factors.find((f) => f.id === id)!;
const sum = (risk: RiskScore): number => risk.factors.reduce((total, f) => total + f.contribution, 0);

describe('scoreEvent', () => {
  it('lists every factor with its value, weight, contribution and evidence, largest first', () => {
    const signals = [
      makeTestSignal({
        id: 's1',
        kind: 'official-news',
        at: '2025-04-11T09:00:00+08:00',
        text: '准格尔旗某煤矿发生顶板事故，3人遇难，2人受伤。',
      }),
    ];
    const risk = scoreEvent(makeEvent({ casualties: { deaths: 3, injured: 2, missing: null, trapped: null } }), {
      signals,
      region: regionNmg,
      now: NOW,
    });
    expect(risk.factors.map((f) => f.id)).toEqual([
      'type-severity',
      'stage',
      'casualties',
      'source-authority',
      'exposure',
      'volume',
      'warning',
      'quake',
      'burst',
      'corroboration',
    ]);
    expect(factor(risk, 'casualties')).toMatchObject({
      label: '人员伤亡',
      value: 0.4037,
      weight: 0.3158,
      contribution: 12.7,
      evidence: ['s1'],
    });
    expect(factor(risk, 'casualties').facts).toMatchObject({
      deaths: 3,
      injured: 2,
      grade: 'III',
      credibleGrade: 'III',
    });
    expect(risk).toMatchObject({
      eventId: 'evt:test',
      level: 'III',
      color: 'yellow',
      preset: 'default',
      computedAt: '2025-04-11T12:00:00+08:00',
    });
  });

  it('gives inapplicable factors no weight, so weights of the others are renormalised', () => {
    const risk = scoreEvent(makeEvent(), { now: NOW });
    expect(factor(risk, 'warning').weight).toBe(0);
    expect(factor(risk, 'quake').weight).toBe(0);
    expect(factor(risk, 'exposure').weight).toBe(0);
    expect(factor(risk, 'burst').weight).toBe(0);
    const total = risk.factors.reduce((s, f) => s + f.weight, 0);
    expect(total).toBeCloseTo(1, 3);
  });

  it('makes the contributions add up to the score exactly', () => {
    const risk = scoreEvent(makeEvent({ casualties: { deaths: 5, injured: null, missing: 1, trapped: null } }), {
      region: regionNmg,
      now: NOW,
    });
    expect(sum(risk)).toBeCloseTo(risk.score, 9);
  });

  it('scores at the event’s last update when no time is given, so the result is reproducible', () => {
    const risk = scoreEvent(makeEvent());
    expect(risk.computedAt).toBe('2025-04-11T11:00:00+08:00');
    expect(scoreEvent(makeEvent())).toEqual(risk);
  });

  it('refuses to guess the scoring time when neither now nor lastUpdate is a time', () => {
    expect(() => scoreEvent(makeEvent({ lastUpdate: 'gestern' }))).toThrow(
      /event evt:test: cannot tell the scoring time .*"gestern"/,
    );
  });

  describe('casualties', () => {
    it('floors a 特别重大 count from a credible source at level Ⅰ whatever else', () => {
      const signals = [
        makeTestSignal({
          id: 's1',
          kind: 'media',
          at: '2025-04-11T09:00:00+08:00',
          text: '某煤矿瓦斯爆炸事故已造成31人死亡。',
        }),
      ];
      const event = makeEvent({
        stage: 'aftermath',
        casualties: { deaths: 31, injured: null, missing: null, trapped: null },
      });
      const risk = scoreEvent(event, { signals, now: NOW });
      expect(risk.level).toBe('I');
      expect(risk.score).toBe(80);
      expect(factor(risk, 'level-floor')).toMatchObject({
        evidence: ['s1'],
        facts: { level: 'I', reasons: 'casualties:I' },
      });
    });

    it('counts missing people with the dead for the grade', () => {
      const event = makeEvent({
        stage: 'aftermath',
        casualties: { deaths: 7, injured: null, missing: 3, trapped: null },
      });
      const risk = scoreEvent(event, { now: NOW });
      expect(factor(risk, 'casualties').facts).toMatchObject({ grade: 'II' });
      expect(risk.level).toBe('II');
      expect(factor(risk, 'level-floor').facts).toMatchObject({ reasons: 'casualties:II' });
    });

    it('grades by serious injuries too: 50 injured is 重大', () => {
      const risk = scoreEvent(makeEvent({ casualties: { deaths: 0, injured: 50, missing: null, trapped: null } }), {
        now: NOW,
      });
      expect(factor(risk, 'casualties').facts).toMatchObject({ grade: 'II' });
      expect(risk.level).toBe('II');
    });

    it('does not floor the level on a figure only social posts give', () => {
      const signals = [
        makeTestSignal({
          id: 's1',
          kind: 'social',
          at: '2025-04-11T09:00:00+08:00',
          text: '听说煤矿塌了，死了30多个人，已经确认30人死亡',
        }),
      ];
      const event = makeEvent({
        casualties: { deaths: 30, injured: null, missing: null, trapped: null },
        sourcesByKind: { social: 1 },
      });
      const risk = scoreEvent(event, { signals, now: NOW });
      expect(factor(risk, 'casualties').value).toBe(1);
      expect(risk.factors.some((f) => f.id === 'level-floor')).toBe(false);
      expect(risk.level).not.toBe('I');
    });

    it('values an approximate count as more than one person but grades it nowhere', () => {
      const risk = scoreEvent(
        makeEvent({
          casualties: { deaths: null, injured: null, missing: null, trapped: null, approximate: ['injured'] },
        }),
        { now: NOW },
      );
      expect(factor(risk, 'casualties').value).toBeCloseTo(0.85 * (Math.log(3) / Math.log(101)), 4);
      expect(factor(risk, 'casualties').facts).toMatchObject({ grade: 'IV', assumedCount: 2 });
    });
  });

  describe('official warnings', () => {
    const alert = capWarning({ identifier: 'A1', sent: '2025-04-11T08:00:00+08:00' });

    it('takes the colour of the warning in force, and floors the level at its colour', () => {
      const signals = [capSignal('cap-1', alert)];
      const risk = scoreEvent(snowEvent(signals), { signals, now: NOW });
      expect(factor(risk, 'warning')).toMatchObject({
        value: 0.75,
        evidence: ['cap-1'],
        facts: { color: 'orange', source: 'cap', inForce: 1 },
      });
      expect(risk.level).toBe('II');
    });

    it('lowers the score when a Cancel withdraws the warning', () => {
      const cancel = capWarning({
        identifier: 'C1',
        sent: '2025-04-11T11:00:00+08:00',
        msgType: 'Cancel',
        references: ['15250041600000,A1,2025-04-11T08:00:00+08:00'],
      });
      const before = [capSignal('cap-1', alert)];
      const after = [...before, capSignal('cap-2', cancel)];
      const riskBefore = scoreEvent(snowEvent(before), { signals: before, now: NOW });
      const riskAfter = scoreEvent(snowEvent(after), { signals: after, now: NOW });
      expect(factor(riskAfter, 'warning')).toMatchObject({ value: 0, facts: { cancelled: 1, inForce: 0 } });
      expect(riskAfter.score).toBeLessThan(riskBefore.score);
      expect(riskAfter.level).toBe('IV');
    });

    it('lets an Update replace what it references, downwards too', () => {
      const update = capWarning({
        identifier: 'U1',
        sent: '2025-04-11T10:00:00+08:00',
        msgType: 'Update',
        color: 'yellow',
        severity: 'Moderate',
        references: ['15250041600000,A1,2025-04-11T08:00:00+08:00'],
      });
      const signals = [capSignal('cap-2', update), capSignal('cap-1', alert)];
      const risk = scoreEvent(snowEvent(signals), { signals, now: NOW });
      expect(factor(risk, 'warning')).toMatchObject({
        value: 0.5,
        evidence: ['cap-2'],
        facts: { color: 'yellow', replaced: 1 },
      });
    });

    it('cancels by sender and event code when a Cancel names no references', () => {
      const cancel = capWarning({ identifier: 'C1', sent: '2025-04-11T11:00:00+08:00', msgType: 'Cancel' });
      const signals = [capSignal('cap-1', alert), capSignal('cap-2', cancel)];
      expect(factor(scoreEvent(snowEvent(signals), { signals, now: NOW }), 'warning').value).toBe(0);
    });

    it('ignores tests and exercises', () => {
      const signals = [
        capSignal(
          'cap-1',
          capWarning({ identifier: 'T1', sent: '2025-04-11T08:00:00+08:00', status: 'Test', color: 'red' }),
        ),
        capSignal(
          'cap-2',
          capWarning({ identifier: 'E1', sent: '2025-04-11T08:00:00+08:00', status: 'Exercise', color: 'red' }),
        ),
      ];
      const risk = scoreEvent(snowEvent(signals), { signals, now: NOW });
      expect(factor(risk, 'warning').value).toBe(0);
      expect(factor(risk, 'source-authority').value).toBe(0);
    });

    it('drops warnings that expired, and ignores ones sent after the scoring time', () => {
      const expired = capWarning({
        identifier: 'X1',
        sent: '2025-04-10T08:00:00+08:00',
        expires: '2025-04-11T08:00:00+08:00',
        color: 'red',
      });
      const later = capWarning({ identifier: 'L1', sent: '2025-04-11T13:00:00+08:00', color: 'red' });
      const signals = [capSignal('cap-1', expired), capSignal('cap-2', later), capSignal('cap-3', alert)];
      expect(factor(scoreEvent(snowEvent(signals), { signals, now: NOW }), 'warning').facts).toMatchObject({
        color: 'orange',
        expired: 1,
      });
    });

    it('ignores colours written in posts once structured warnings exist', () => {
      const post = makeTestSignal({
        id: 'p1',
        kind: 'social',
        at: '2025-04-11T09:00:00+08:00',
        text: '东乌旗发布暴雪红色预警了！',
      });
      const signals = [capSignal('cap-1', alert), post];
      expect(factor(scoreEvent(snowEvent(signals), { signals, now: NOW }), 'warning').value).toBe(0.75);
    });

    it('uses colours written in texts without structured warnings, trusting posts less, and floors only on official ones', () => {
      const post = makeTestSignal({
        id: 'p1',
        kind: 'social',
        at: '2025-04-11T09:00:00+08:00',
        text: '东乌旗发布暴雪红色预警了！',
      });
      const risk = scoreEvent(snowEvent([post]), { signals: [post], now: NOW });
      expect(factor(risk, 'warning')).toMatchObject({
        value: 0.7,
        evidence: ['p1'],
        facts: { color: 'red', source: 'text' },
      });
      expect(risk.factors.some((f) => f.id === 'level-floor')).toBe(false);
    });
  });

  describe('earthquakes', () => {
    const quakeSignal = (id: string, magnitude: number, depthKm?: number): Signal =>
      makeTestSignal({
        id,
        kind: 'sensor',
        at: '2025-04-11T09:00:00+08:00',
        text: `内蒙古阿拉善盟阿拉善左旗发生${magnitude}级地震`,
        facts: { hintedType: 'earthquake', quake: { magnitude, ...(depthKm === undefined ? {} : { depthKm }) } },
      });
    const quakeEvent = (signals: readonly Signal[], places = ['152921']): Event =>
      makeEvent({
        type: 'earthquake',
        places,
        magnitude: 6.5,
        signalIds: signals.map((s) => s.id),
        sourcesByKind: { sensor: 1 },
      });

    it('scores the catalogue magnitude with a depth discount, not a magnitude written in a post', () => {
      const post = makeTestSignal({
        id: 'p1',
        kind: 'social',
        at: '2025-04-11T09:01:00+08:00',
        text: '阿左旗8级地震！',
      });
      const signals = [quakeSignal('q1', 5, 40), post];
      const risk = scoreEvent(quakeEvent(signals), { signals, region: regionNmg, now: NOW });
      expect(factor(risk, 'quake')).toMatchObject({
        value: 0.4,
        evidence: ['q1'],
        facts: { magnitude: 5, depthKm: 40, source: 'catalogue' },
      });
    });

    it('treats a seismic network as fully authoritative on an earthquake', () => {
      const signals = [quakeSignal('q1', 5.2, 10)];
      expect(factor(scoreEvent(quakeEvent(signals), { signals, now: NOW }), 'source-authority').value).toBe(1);
    });

    it('floors a populated-area M6 at level Ⅱ, but not a quake outside the region', () => {
      const signals = [quakeSignal('q1', 6.1, 10)];
      expect(scoreEvent(quakeEvent(signals), { signals, region: regionNmg, now: NOW }).level).toBe('II');
      const abroad = scoreEvent(quakeEvent(signals, []), { signals, region: regionNmg, now: NOW });
      expect(abroad.factors.some((f) => f.id === 'level-floor')).toBe(false);
    });
  });

  describe('exposure and bursts', () => {
    it('counts the most specific places only', () => {
      const risk = scoreEvent(makeEvent({ places: ['150622', '150600'] }), { region: regionNmg, now: NOW });
      expect(factor(risk, 'exposure').facts).toMatchObject({ population: 359000, units: '150622' });
      expect(factor(risk, 'exposure').value).toBeCloseTo((Math.log10(359000) - 4) / 3, 4);
    });

    it('uses a burst of the same type in the event’s place or the league above it', () => {
      const burst: Burst = {
        unit: '150600',
        type: 'mining',
        hourStart: '2025-04-11T09:00:00+08:00',
        observed: 40,
        expected: 0.4,
        pValue: 1e-40,
        z: 60,
        ratio: 100,
      };
      const other: Burst = { ...burst, unit: '152500', ratio: 1000 };
      const risk = scoreEvent(makeEvent(), { region: regionNmg, bursts: [other, burst], now: NOW });
      expect(factor(risk, 'burst')).toMatchObject({ value: 1, facts: { unit: '150600', observed: 40 } });
      const none = scoreEvent(makeEvent(), { region: regionNmg, bursts: [other], now: NOW });
      expect(factor(none, 'burst').value).toBe(0);
      expect(factor(none, 'burst').weight).toBeGreaterThan(0);
    });
  });

  describe('sources', () => {
    it('counts independent accounts and outlets, not signals', () => {
      const signals = [
        makeTestSignal({
          id: 'a',
          kind: 'social',
          sourceId: 'weibo',
          author: '甲',
          at: '2025-04-11T09:00:00+08:00',
          text: '煤矿出事了',
        }),
        makeTestSignal({
          id: 'b',
          kind: 'social',
          sourceId: 'weibo',
          author: '甲',
          at: '2025-04-11T09:05:00+08:00',
          text: '煤矿出事了，救护车来了',
        }),
        makeTestSignal({
          id: 'c',
          kind: 'social',
          sourceId: 'weibo',
          author: '乙',
          at: '2025-04-11T09:10:00+08:00',
          text: '准旗煤矿出事了',
        }),
        makeTestSignal({
          id: 'd',
          kind: 'media',
          outlet: '内蒙古日报',
          at: '2025-04-11T09:20:00+08:00',
          text: '准格尔旗一煤矿发生事故',
        }),
      ];
      const risk = scoreEvent(makeEvent({ signalIds: ['a', 'b', 'c', 'd'], signalCount: 4 }), { signals, now: NOW });
      expect(factor(risk, 'corroboration')).toMatchObject({
        evidence: ['a', 'c', 'd'],
        facts: { sources: 3, kinds: 2 },
      });
      expect(factor(risk, 'source-authority')).toMatchObject({ value: 0.6, evidence: ['d'], facts: { kind: 'media' } });
    });
  });

  describe('stage', () => {
    it('keeps only a quarter of the other factors for a refuted rumour and applies no floor', () => {
      const event = makeEvent({
        stage: 'rumor',
        casualties: { deaths: 30, injured: null, missing: null, trapped: null },
      });
      const risk = scoreEvent(event, { now: NOW });
      const others = risk.factors.filter((f) => f.id !== 'stage').reduce((s, f) => s + f.contribution, 0);
      expect(factor(risk, 'stage').contribution).toBeCloseTo(-Math.round(7.5 * others) / 10, 9);
      expect(risk.level).toBe('IV');
      expect(risk.factors.some((f) => f.id === 'level-floor')).toBe(false);
    });

    it('scores the aftermath below the occurrence', () => {
      expect(scoreEvent(makeEvent({ stage: 'aftermath' }), { now: NOW }).score).toBeLessThan(
        scoreEvent(makeEvent(), { now: NOW }).score,
      );
    });
  });

  describe('presets', () => {
    it('uses a built-in preset by id and records it', () => {
      const risk = scoreEvent(makeEvent({ casualties: { deaths: 2, injured: null, missing: null, trapped: null } }), {
        preset: 'production-safety',
        now: NOW,
      });
      expect(risk.preset).toBe('production-safety');
      expect(factor(risk, 'casualties').weight).toBeGreaterThan(
        factor(scoreEvent(makeEvent(), { now: NOW }), 'casualties').weight,
      );
    });

    it('overrides weights for one call', () => {
      const risk = scoreEvent(makeEvent(), { weights: { 'type-severity': 0 }, now: NOW });
      expect(factor(risk, 'type-severity').contribution).toBe(0);
    });

    it('refuses an unknown preset, listing the built-in ones', () => {
      expect(() => scoreEvent(makeEvent(), { preset: 'winter' })).toThrow(
        /unknown preset "winter"; built-in presets: default, natural-hazard-season, production-safety/,
      );
    });

    it('refuses a weight outside 0–1, naming the factor', () => {
      expect(() => scoreEvent(makeEvent(), { weights: { casualties: 2 } })).toThrow(
        /weights\.casualties must be a number from 0 to 1/,
      );
    });

    it('raises seasonal hazards in the natural-hazard-season preset', () => {
      const event = makeEvent({ type: 'wildfire', places: ['152526'] });
      expect(factor(scoreEvent(event, { preset: 'natural-hazard-season', now: NOW }), 'type-severity').value).toBe(0.8);
      expect(factor(scoreEvent(event, { now: NOW }), 'type-severity').value).toBe(0.7);
      expect(RISK_PRESETS['natural-hazard-season']!.weights.warning).toBeGreaterThan(
        RISK_PRESETS.default!.weights.warning,
      );
    });
  });
});

// ----------------------------------------------------------------------------------------------
// Properties
// ----------------------------------------------------------------------------------------------

const TEXTS = [
  '准格尔旗一煤矿发生顶板事故，3人遇难',
  '东乌旗暴雪，白毛风很大，牧民被困',
  '伊金霍洛旗煤矿透水，12人被困井下',
  '锡林浩特市发布大风蓝色预警',
  '网传某地发生爆炸系谣言',
  '达拉特旗化工厂发生爆炸，造成2人死亡5人受伤',
  '今天天气不错',
];
const PLACES = ['150622', '150627', '152525', '152502', '150600', '152500'];

const signalArb = (index: number): fc.Arbitrary<Signal> =>
  fc
    .record({
      kind: fc.constantFrom<SourceKind>(...SOURCE_KINDS),
      minute: fc.integer({ min: 0, max: 600 }),
      text: fc.constantFrom(...TEXTS),
      author: fc.constantFrom('甲', '乙', '丙'),
      cap: fc.option(
        fc.record({
          color: fc.constantFrom<WarningColor>(...WARNING_COLORS),
          status: fc.constantFrom('Actual' as const, 'Actual' as const, 'Test' as const),
        }),
      ),
    })
    .map(({ kind, minute, text, author, cap }) =>
      makeTestSignal({
        id: `s${index}`,
        kind: cap ? 'official-warning' : kind,
        author,
        at: new Date(Date.parse('2025-04-11T06:00:00+08:00') + minute * 60_000).toISOString(),
        text,
        ...(cap
          ? {
              facts: {
                warning: capWarning({
                  identifier: `A${index}`,
                  sent: new Date(Date.parse('2025-04-11T06:00:00+08:00') + minute * 60_000).toISOString(),
                  color: cap.color,
                  status: cap.status,
                }),
              },
            }
          : {}),
      }),
    );

const signalsArb = fc
  .integer({ min: 0, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => signalArb(i))));

const countArb = fc.option(fc.nat({ max: 200 }), { nil: null });
const eventArb = fc
  .record({
    type: fc.constantFrom<TypeId>(...TYPE_IDS),
    stage: fc.option(fc.constantFrom(...STAGE_IDS), { nil: null }),
    deaths: countArb,
    injured: countArb,
    missing: countArb,
    trapped: countArb,
    places: fc.subarray(PLACES),
    magnitude: fc.option(fc.double({ min: 0, max: 9, noNaN: true }), { nil: null }),
    color: fc.option(fc.constantFrom<WarningColor>(...WARNING_COLORS), { nil: null }),
    reposts: fc.nat({ max: 5000 }),
  })
  .map((r) =>
    makeEvent({
      type: r.type,
      stage: r.stage,
      casualties: { deaths: r.deaths, injured: r.injured, missing: r.missing, trapped: r.trapped },
      places: r.places,
      magnitude: r.magnitude,
      warningColor: r.color,
      repostCount: r.reposts,
    }),
  );

const burstsArb = fc.option(
  fc.array(
    fc.record({
      unit: fc.constantFrom(...PLACES),
      type: fc.constantFrom<TypeId>('mining', 'snow-disaster', 'flood'),
      hourStart: fc.constant('2025-04-11T09:00:00+08:00'),
      observed: fc.integer({ min: 5, max: 500 }),
      expected: fc.double({ min: 0.01, max: 50, noNaN: true }),
      pValue: fc.constant(1e-6),
      z: fc.constant(5),
      ratio: fc.double({ min: 1, max: 10_000, noNaN: true }),
    }),
    { maxLength: 3 },
  ),
  { nil: undefined },
);

describe('scoreEvent properties', () => {
  it('keeps the score within 0–100, its level and colour consistent, and the contributions summing to it', () => {
    fc.assert(
      fc.property(eventArb, signalsArb, burstsArb, fc.boolean(), (event, signals, bursts, withSignals) => {
        const risk = scoreEvent(event, {
          ...(withSignals ? { signals } : {}),
          region: regionNmg,
          ...(bursts ? { bursts } : {}),
          now: NOW,
        });
        expect(risk.score).toBeGreaterThanOrEqual(0);
        expect(risk.score).toBeLessThanOrEqual(100);
        expect(risk.level).toBe(levelForScore(risk.score));
        expect(risk.color).toBe(levelToColor(risk.level));
        expect(Math.abs(sum(risk) - risk.score)).toBeLessThan(1e-9);
        for (const f of risk.factors) {
          expect(f.value).toBeGreaterThanOrEqual(0);
          expect(f.value).toBeLessThanOrEqual(1);
          expect(f.evidence.length).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers a score when more deaths are reported', () => {
    fc.assert(
      fc.property(
        eventArb,
        signalsArb,
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        (event, signals, more, withSignals) => {
          const context = { ...(withSignals ? { signals } : {}), region: regionNmg, now: NOW };
          const worse = {
            ...event,
            casualties: { ...event.casualties, deaths: (event.casualties.deaths ?? 0) + more },
          };
          expect(scoreEvent(worse, context).score).toBeGreaterThanOrEqual(scoreEvent(event, context).score);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same score whatever order the signals come in', () => {
    fc.assert(
      fc.property(
        eventArb,
        signalsArb.chain((s) =>
          fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length })),
        ),
        (event, [signals, shuffled]) => {
          const context = { region: regionNmg, now: NOW };
          expect(scoreEvent(event, { ...context, signals: shuffled })).toEqual(
            scoreEvent(event, { ...context, signals }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lowers the score when a Cancel withdraws a warning in force (never raises it)', () => {
    const warnedTypes = TYPE_IDS.filter((t) =>
      ['flood', 'snow-disaster', 'gale', 'wildfire', 'sandstorm', 'drought'].includes(t),
    );
    fc.assert(
      fc.property(
        eventArb,
        fc.constantFrom(...warnedTypes),
        fc.constantFrom<WarningColor>(...WARNING_COLORS),
        signalsArb,
        (base, type, color, others) => {
          const posts = others.filter((s) => !s.facts?.warning);
          const alert = capSignal(
            'cap-alert',
            capWarning({ identifier: 'A', sent: '2025-04-11T07:00:00+08:00', color }),
          );
          const cancel = capSignal(
            'cap-cancel',
            capWarning({
              identifier: 'C',
              sent: '2025-04-11T11:00:00+08:00',
              msgType: 'Cancel',
              color,
              references: ['15250041600000,A,2025-04-11T07:00:00+08:00'],
            }),
          );
          const event = {
            ...base,
            type,
            category: categoryOf(type),
            stage: base.stage === 'rumor' ? 'warning' : base.stage,
          };
          const before = [alert, ...posts];
          const after = [...before, cancel];
          const context = { region: regionNmg, now: NOW };
          const riskBefore = scoreEvent({ ...event, signalCount: before.length }, { ...context, signals: before });
          const riskAfter = scoreEvent({ ...event, signalCount: after.length }, { ...context, signals: after });
          expect(riskAfter.score).toBeLessThanOrEqual(riskBefore.score);
          const otherFloor = riskBefore.factors.find(
            (f) => f.id === 'level-floor' && f.facts?.reasons !== `warning:${riskBefore.level}`,
          );
          if (!otherFloor) expect(riskAfter.score).toBeLessThan(riskBefore.score);
        },
      ),
      { numRuns: 300 },
    );
  });
});
