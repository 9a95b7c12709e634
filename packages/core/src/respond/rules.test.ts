import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { blizzard, mineAccident, scoreOf, wildfire } from '../../test/fixtures/respond/samples.js';
import { EmwatchError } from '../errors.js';
import { matchRules, validateRules, type AlertRule } from './rules.js';

const rule = (id: string, when: AlertRule['when'], extra: Partial<AlertRule> = {}): AlertRule => ({
  id,
  when,
  route: { channels: ['duty'] },
  ...extra,
});

const problemsOf = (json: unknown, options?: Parameters<typeof validateRules>[1]): string => {
  try {
    validateRules(json, options);
  } catch (error) {
    expect(error).toBeInstanceOf(EmwatchError);
    expect((error as EmwatchError).code).toBe('EMW_ALERT_RULES');
    return (error as Error).message;
  }
  throw new Error('expected validateRules to throw');
};

describe('validateRules', () => {
  it('accepts a complete rule set and returns it unchanged', () => {
    const json = [
      {
        id: 'xilingol-natural',
        name: '锡林郭勒盟自然灾害',
        when: { categories: ['natural'], regions: ['152500'], minLevel: 'III', stages: ['warning', 'occurring'] },
        route: { channels: ['dingtalk'], escalateTo: ['email'] },
        quietHours: { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai', minLevelDuring: 'II' },
        digest: { levels: ['IV'], everyMinutes: 60 },
      },
    ];
    expect(validateRules(json, { channels: ['dingtalk', 'email'] })).toEqual(json);
  });

  it('reads rules from JSON text', () => {
    expect(validateRules('[{"id":"a","when":{},"route":{"channels":["x"]}}]')[0]?.id).toBe('a');
  });

  it('names the rule index, its id and the key of a bad level', () => {
    expect(problemsOf([rule('ok', {}), rule('wildfire', { minLevel: 'V' as never })])).toContain(
      'rule 1 ("wildfire") when.minLevel: "V" is not a response level (IV, III, II, I)',
    );
  });

  it('reports every problem at once', () => {
    const message = problemsOf([{ id: 'x', when: { minScore: 140, types: ['typhoon'] }, route: {} }]);
    expect(message).toContain('rule 0 ("x") when.minScore: expected a number from 0 to 100, got 140');
    expect(message).toContain('rule 0 ("x") when.types[0]: "typhoon" is not a type id');
    expect(message).toContain('rule 0 ("x") route.channels: is required');
  });

  it('refuses a misspelt condition instead of ignoring it', () => {
    expect(problemsOf([{ id: 'x', when: { minscore: 50 }, route: { channels: ['d'] } }])).toContain(
      'rule 0 ("x") when.minscore: unknown key',
    );
  });

  it('refuses duplicate ids', () => {
    expect(problemsOf([rule('same', {}), rule('same', {})])).toContain(
      'rule 1 ("same") id: duplicates the id of rule 0',
    );
  });

  it('refuses a route to a channel that is not configured', () => {
    expect(problemsOf([rule('x', {})], { channels: ['dingtalk'] })).toContain(
      'rule 0 ("x") route.channels[0]: "duty" is not a configured channel id (dingtalk)',
    );
  });

  it('refuses region codes that are not GB/T 2260 codes', () => {
    expect(problemsOf([rule('x', { regions: ['锡盟'] })])).toContain(
      'rule 0 ("x") when.regions[0]: "锡盟" is not a six-digit GB/T 2260 code',
    );
  });

  it('refuses malformed quiet hours and an unknown time zone', () => {
    const message = problemsOf([
      rule('x', {}, { quietHours: { start: '7:00', end: '24:00', timeZone: 'Mars/Olympus' } }),
    ]);
    expect(message).toContain('quietHours.start: expected a time HH:mm (00:00–23:59), got "7:00"');
    expect(message).toContain('quietHours.end: expected a time HH:mm (00:00–23:59), got "24:00"');
    expect(message).toContain('quietHours.timeZone: "Mars/Olympus" is not an IANA time zone');
  });

  it('refuses a digest period outside 1–1440 minutes', () => {
    expect(problemsOf([rule('x', {}, { digest: { levels: ['IV'], everyMinutes: 0 } })])).toContain(
      'digest.everyMinutes: expected a whole number of minutes from 1 to 1440, got 0',
    );
  });

  it('refuses an empty list, which could never match', () => {
    expect(problemsOf([rule('x', { types: [] })])).toContain('when.types: is empty');
  });

  it('refuses something that is not an array, and bad JSON text', () => {
    expect(problemsOf({ rules: [] })).toContain('expected an array of rules, got an object');
    expect(problemsOf('[{')).toContain('[emwatch] [rules] not JSON');
  });
});

describe('matchRules', () => {
  const context = (event = blizzard, level: 'IV' | 'III' | 'II' | 'I' = 'II') => ({
    event,
    score: scoreOf(event, level),
    region: regionNmg,
  });

  it('matches a league rule for an event in one of its banners (descendants included)', () => {
    const rules = [rule('xilingol', { regions: ['152500'] }), rule('ordos', { regions: ['150600'] })];
    expect(matchRules(rules, context(wildfire)).map((r) => r.id)).toEqual(['xilingol']);
  });

  it('matches a province rule for every event in the province', () => {
    expect(matchRules([rule('nmg', { regions: ['150000'] })], context(mineAccident))).toHaveLength(1);
  });

  it('uses GB/T 2260 prefixes when no region pack is given', () => {
    const rules = [rule('xilingol', { regions: ['152500'] })];
    expect(matchRules(rules, { event: wildfire, score: scoreOf(wildfire, 'III') })).toHaveLength(1);
    expect(matchRules(rules, { event: mineAccident, score: scoreOf(mineAccident, 'III') })).toHaveLength(0);
  });

  it('compares levels by rank: minLevel II matches II and I only', () => {
    const rules = [rule('serious', { minLevel: 'II' })];
    expect(matchRules(rules, context(blizzard, 'I'))).toHaveLength(1);
    expect(matchRules(rules, context(blizzard, 'II'))).toHaveLength(1);
    expect(matchRules(rules, context(blizzard, 'III'))).toHaveLength(0);
  });

  it('checks the score, type, category and stage', () => {
    expect(matchRules([rule('s', { minScore: 70 })], context(blizzard, 'II'))).toHaveLength(0);
    expect(matchRules([rule('s', { minScore: 69 })], context(blizzard, 'II'))).toHaveLength(1);
    expect(matchRules([rule('t', { types: ['mining', 'hazchem'] })], context(mineAccident))).toHaveLength(1);
    expect(matchRules([rule('c', { categories: ['accident'] })], context(blizzard))).toHaveLength(0);
    expect(matchRules([rule('st', { stages: ['warning'] })], context(blizzard))).toHaveLength(0);
    expect(matchRules([rule('st', { stages: ['occurring'] })], context(blizzard))).toHaveLength(1);
  });

  it('never matches a stage condition when the event has no stage', () => {
    expect(matchRules([rule('st', { stages: ['occurring'] })], context({ ...blizzard, stage: null }))).toHaveLength(0);
  });

  it('requires a burst of the same type in one of the places, or its absence', () => {
    const bursting = [rule('b', { burst: true })];
    const quiet = [rule('nb', { burst: false })];
    const here = { ...context(blizzard), bursts: [{ unit: '152525', type: 'snow-disaster' as const }] };
    const elsewhere = { ...context(blizzard), bursts: [{ unit: '150602', type: 'snow-disaster' as const }] };
    const otherType = { ...context(blizzard), bursts: [{ unit: '152525', type: 'gale' as const }] };
    expect(matchRules(bursting, here)).toHaveLength(1);
    expect(matchRules(bursting, elsewhere)).toHaveLength(0);
    expect(matchRules(bursting, otherType)).toHaveLength(0);
    expect(matchRules(quiet, elsewhere)).toHaveLength(1);
    expect(matchRules(quiet, here)).toHaveLength(0);
  });

  it('counts a burst in a league for an event in one of its banners', () => {
    const event = { ...blizzard, places: ['152525'] };
    const bursts = [{ unit: '152500', type: 'snow-disaster' as const }];
    expect(matchRules([rule('b', { burst: true })], { ...context(event), bursts })).toHaveLength(1);
  });

  it('keeps test and exercise events away unless a rule includes them', () => {
    const rules = [rule('real', {}), rule('drills', { includeTests: true })];
    expect(matchRules(rules, { ...context(), test: true }).map((r) => r.id)).toEqual(['drills']);
    expect(matchRules(rules, context()).map((r) => r.id)).toEqual(['real', 'drills']);
  });

  it('returns matches in the order of the rules', () => {
    const rules = [rule('b', {}), rule('a', { types: ['snow-disaster'] }), rule('c', { types: ['flood'] })];
    expect(matchRules(rules, context()).map((r) => r.id)).toEqual(['b', 'a']);
  });
});
