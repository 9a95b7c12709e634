import { EmwatchError } from '../errors.js';
import type { Event } from '../model/event.js';
import type { RegionPack } from '../model/region-pack.js';
import type { RiskScore } from '../model/risk-score.js';
import {
  isCategoryId,
  isResponseLevel,
  isStageId,
  isTypeId,
  type CategoryId,
  type ResponseLevel,
  type StageId,
  type TypeId,
} from '../model/taxonomy.js';
import { levelRank as rank } from './_internal/level-rank.js';
import { isValidTimeZone } from './_internal/local-time.js';

/** When a rule fires: every condition given must hold (conditions left out always hold). */
export interface AlertRuleConditions {
  /** The event's type is one of these. */
  readonly types?: readonly TypeId[];
  /** The event's category is one of these. */
  readonly categories?: readonly CategoryId[];
  /** One of the event's places is one of these GB/T 2260 units or lies below one (descendants included). */
  readonly regions?: readonly string[];
  /** The risk score is at least this (0–100). */
  readonly minScore?: number;
  /** The response level is at least this (`'II'` matches Ⅱ and Ⅰ). */
  readonly minLevel?: ResponseLevel;
  /** The event's latest stage is one of these (an event whose stage is unknown never matches). */
  readonly stages?: readonly StageId[];
  /** `true`: a volume burst of the event's type is under way in one of its places; `false`: none is. */
  readonly burst?: boolean;
  /**
   * Whether events from test or exercise messages (CAP `status` Test/Exercise) may match.
   * Defaults to `false`: drills never reach the duty room unless a rule asks for them, e.g. to
   * route them to a training channel.
   */
  readonly includeTests?: boolean;
}

/** Where a rule's alerts go. */
export interface AlertRoute {
  /** Ids of the channels that receive the alert (keys of the alerter's `channels`). */
  readonly channels: readonly string[];
  /** Ids of further channels that receive an alert nobody acknowledged in time (the escalation chain). */
  readonly escalateTo?: readonly string[];
}

/** Hours in which only important alerts are sent at once; the rest are held and sent as one digest afterwards. */
export interface QuietHours {
  /** Local start time `HH:mm`, e.g. `'22:00'`. */
  readonly start: string;
  /** Local end time `HH:mm`, e.g. `'07:00'`; may be earlier than `start` (the quiet period spans midnight). */
  readonly end: string;
  /** IANA time zone of `start` and `end`; defaults to `'Asia/Shanghai'`. */
  readonly timeZone?: string;
  /** Alerts at this level or above are sent even in quiet hours; defaults to `'II'`. */
  readonly minLevelDuring?: ResponseLevel;
}

/** Low levels collected into one message per period instead of one message each. */
export interface DigestPolicy {
  /** The levels that go to the digest, e.g. `['IV']`. */
  readonly levels: readonly ResponseLevel[];
  /** How long the first alert of a digest waits for others, in minutes (1–1440). */
  readonly everyMinutes: number;
}

/**
 * One alert rule: conditions on an event and its risk score, a route to channels, and optional
 * quiet hours and digest. Plain JSON, so rules can live in a configuration file.
 *
 * @example
 * ```ts
 * const rule: AlertRule = {
 *   id: 'xilingol-natural',
 *   name: '锡林郭勒盟自然灾害',
 *   when: { categories: ['natural'], regions: ['152500'], minLevel: 'III' },
 *   route: { channels: ['dingtalk-duty-room'], escalateTo: ['email-leaders'] },
 *   quietHours: { start: '22:00', end: '07:00', minLevelDuring: 'II' },
 *   digest: { levels: ['IV'], everyMinutes: 60 },
 * };
 * ```
 */
export interface AlertRule {
  /** Stable identifier, unique among the rules. */
  readonly id: string;
  /** Display name. */
  readonly name?: string;
  readonly when: AlertRuleConditions;
  readonly route: AlertRoute;
  readonly quietHours?: QuietHours;
  readonly digest?: DigestPolicy;
}

/**
 * A volume burst as rules need it: the unit and type it was seen in. The burst records of
 * `events/burst.ts` have this shape (and more).
 */
export interface RuleBurst {
  /** GB/T 2260 code of the region unit. */
  readonly unit: string;
  /** Type whose volume burst. */
  readonly type: TypeId;
}

/** What {@link matchRules} looks at. */
export interface RuleMatchContext {
  readonly event: Event;
  readonly score: RiskScore;
  /** Bursts under way now. */
  readonly bursts?: readonly RuleBurst[];
  /** Region pack, for "descendants included"; without it GB/T 2260 code prefixes decide. */
  readonly region?: RegionPack;
  /** True when the event comes from test or exercise messages only. */
  readonly test?: boolean;
}

/** Options of {@link validateRules}. */
export interface ValidateRulesOptions {
  /** Ids of the channels that exist; a route naming another channel is an error. */
  readonly channels?: readonly string[];
}

const MAX_RULES = 1000;
const MAX_LIST = 500;
const MAX_STRING = 200;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const REGION_CODE = /^\d{6}$/;
const RULE_KEYS = new Set(['id', 'name', 'when', 'route', 'quietHours', 'digest']);
const WHEN_KEYS = new Set([
  'types',
  'categories',
  'regions',
  'minScore',
  'minLevel',
  'stages',
  'burst',
  'includeTests',
]);
const ROUTE_KEYS = new Set(['channels', 'escalateTo']);
const QUIET_KEYS = new Set(['start', 'end', 'timeZone', 'minLevelDuring']);
const DIGEST_KEYS = new Set(['levels', 'everyMinutes']);

type Problems = string[];

/**
 * Checks alert rules read from JSON (a parsed value or the JSON text) and returns them typed.
 * Every problem is reported at once, each naming the rule's index and the key, e.g.
 * `rule 2 ("wildfire") when.minLevel: "V" is not a response level (IV, III, II, I)`; unknown
 * keys are errors too, so a misspelt condition cannot silently widen a rule.
 *
 * @throws EmwatchError `EMW_ALERT_RULES` listing the problems.
 * @example
 * ```ts
 * const rules = validateRules(JSON.parse(await readFile('rules.json', 'utf8')));
 * validateRules([{ id: 'x', when: { minLevel: 'V' }, route: { channels: [] } }]);
 * // throws: [emwatch] [rules] rule 0 ("x") when.minLevel: "V" is not a response level (IV, III, II, I); …
 * ```
 */
export function validateRules(json: unknown, options: ValidateRulesOptions = {}): AlertRule[] {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new EmwatchError('EMW_ALERT_RULES', `[emwatch] [rules] not JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const problems: Problems = [];
  if (!Array.isArray(value)) {
    throw new EmwatchError('EMW_ALERT_RULES', `[emwatch] [rules] expected an array of rules, got ${describe(value)}`);
  }
  if (value.length > MAX_RULES) {
    throw new EmwatchError('EMW_ALERT_RULES', `[emwatch] [rules] ${value.length} rules; at most ${MAX_RULES} allowed`);
  }
  const seen = new Map<string, number>();
  const rules = value.map((item, index) => checkRule(item, index, problems, options, seen));
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).join('; ');
    const more = problems.length > 20 ? `; and ${problems.length - 20} more` : '';
    throw new EmwatchError('EMW_ALERT_RULES', `[emwatch] [rules] ${shown}${more}`);
  }
  return rules;
}

/**
 * Returns the rules an event and its score satisfy, in the rules' order.
 *
 * @example
 * ```ts
 * const matched = matchRules(rules, { event, score, bursts: detector.bursts(now), region });
 * matched.map((rule) => rule.id); // ['xilingol-natural']
 * ```
 */
export function matchRules(rules: readonly AlertRule[], context: RuleMatchContext): AlertRule[] {
  return rules.filter((rule) => ruleMatches(rule, context));
}

function ruleMatches(rule: AlertRule, context: RuleMatchContext): boolean {
  const { when } = rule;
  const { event, score } = context;
  if (context.test === true && when.includeTests !== true) return false;
  if (when.types && !when.types.includes(event.type)) return false;
  if (when.categories && !when.categories.includes(event.category)) return false;
  if (when.minScore !== undefined && score.score < when.minScore) return false;
  if (when.minLevel !== undefined && rank(score.level) < rank(when.minLevel)) return false;
  if (when.stages && (event.stage === null || !when.stages.includes(event.stage))) return false;
  if (when.regions) {
    const inside = event.places.some((place) => when.regions!.some((area) => contains(context.region, area, place)));
    if (!inside) return false;
  }
  if (when.burst !== undefined) {
    const bursting = (context.bursts ?? []).some(
      (burst) =>
        burst.type === event.type &&
        event.places.some(
          (place) => contains(context.region, burst.unit, place) || contains(context.region, place, burst.unit),
        ),
    );
    if (bursting !== when.burst) return false;
  }
  return true;
}

// GB/T 2260 codes are hierarchical: 150000 (province) ⊃ 152500 (league) ⊃ 152525 (county).
function contains(region: RegionPack | undefined, ancestor: string, code: string): boolean {
  if (ancestor === code) return true;
  if (region && region.byCode(ancestor) && region.byCode(code)) return region.contains(ancestor, code);
  if (!REGION_CODE.test(ancestor) || !REGION_CODE.test(code)) return false;
  if (ancestor.endsWith('0000')) return code.startsWith(ancestor.slice(0, 2));
  if (ancestor.endsWith('00')) return code.startsWith(ancestor.slice(0, 4));
  return false;
}

function checkRule(
  item: unknown,
  index: number,
  problems: Problems,
  options: ValidateRulesOptions,
  seen: Map<string, number>,
): AlertRule {
  const rawId = isRecord(item) && typeof item.id === 'string' ? item.id : undefined;
  const at = rawId === undefined ? `rule ${index}` : `rule ${index} (${JSON.stringify(rawId.slice(0, 60))})`;
  const fail = (key: string, reason: string): void => void problems.push(`${at} ${key}: ${reason}`);
  if (!isRecord(item)) {
    problems.push(`${at}: expected an object, got ${describe(item)}`);
    return item as unknown as AlertRule;
  }
  unknownKeys(item, RULE_KEYS, '', fail);
  if (typeof item.id !== 'string' || item.id.trim() === '' || item.id.length > MAX_STRING) {
    fail('id', `expected a non-empty string of at most ${MAX_STRING} characters, got ${describe(item.id)}`);
  } else if (seen.has(item.id)) {
    fail('id', `duplicates the id of rule ${seen.get(item.id)}`);
  } else {
    seen.set(item.id, index);
  }
  if (item.name !== undefined && (typeof item.name !== 'string' || item.name.length > MAX_STRING)) {
    fail('name', `expected a string of at most ${MAX_STRING} characters, got ${describe(item.name)}`);
  }
  checkWhen(item.when, fail);
  checkRoute(item.route, fail, options);
  if (item.quietHours !== undefined) checkQuietHours(item.quietHours, fail);
  if (item.digest !== undefined) checkDigest(item.digest, fail);
  return item as unknown as AlertRule;
}

type Fail = (key: string, reason: string) => void;

function checkWhen(when: unknown, fail: Fail): void {
  if (!isRecord(when)) return fail('when', `expected an object of conditions, got ${describe(when)}`);
  unknownKeys(when, WHEN_KEYS, 'when.', fail);
  checkList(when.types, 'when.types', isTypeId, 'a type id', fail);
  checkList(when.categories, 'when.categories', isCategoryId, 'a category id', fail);
  checkList(
    when.regions,
    'when.regions',
    (code) => typeof code === 'string' && REGION_CODE.test(code),
    'a six-digit GB/T 2260 code',
    fail,
  );
  checkList(when.stages, 'when.stages', isStageId, 'a stage id', fail);
  if (
    when.minScore !== undefined &&
    !(typeof when.minScore === 'number' && when.minScore >= 0 && when.minScore <= 100)
  ) {
    fail('when.minScore', `expected a number from 0 to 100, got ${describe(when.minScore)}`);
  }
  if (when.minLevel !== undefined && !isResponseLevel(when.minLevel)) {
    fail('when.minLevel', `${describe(when.minLevel)} is not a response level (IV, III, II, I)`);
  }
  for (const key of ['burst', 'includeTests'] as const) {
    if (when[key] !== undefined && typeof when[key] !== 'boolean') {
      fail(`when.${key}`, `expected true or false, got ${describe(when[key])}`);
    }
  }
}

function checkRoute(route: unknown, fail: Fail, options: ValidateRulesOptions): void {
  if (!isRecord(route)) return fail('route', `expected an object with channels, got ${describe(route)}`);
  unknownKeys(route, ROUTE_KEYS, 'route.', fail);
  const known = options.channels;
  const isChannel = (id: unknown): boolean =>
    typeof id === 'string' && id !== '' && id.length <= MAX_STRING && (known === undefined || known.includes(id));
  const what =
    known === undefined ? 'a channel id' : `a configured channel id (${known.join(', ') || 'none configured'})`;
  if (route.channels === undefined) fail('route.channels', 'is required');
  checkList(route.channels, 'route.channels', isChannel, what, fail);
  checkList(route.escalateTo, 'route.escalateTo', isChannel, what, fail);
}

function checkQuietHours(quiet: unknown, fail: Fail): void {
  if (!isRecord(quiet)) return fail('quietHours', `expected an object, got ${describe(quiet)}`);
  unknownKeys(quiet, QUIET_KEYS, 'quietHours.', fail);
  for (const key of ['start', 'end'] as const) {
    if (typeof quiet[key] !== 'string' || !HH_MM.test(quiet[key] as string)) {
      fail(`quietHours.${key}`, `expected a time HH:mm (00:00–23:59), got ${describe(quiet[key])}`);
    }
  }
  if (typeof quiet.start === 'string' && quiet.start === quiet.end) {
    fail('quietHours.end', 'equals start, which leaves no quiet period');
  }
  if (quiet.timeZone !== undefined && !(typeof quiet.timeZone === 'string' && isValidTimeZone(quiet.timeZone))) {
    fail('quietHours.timeZone', `${describe(quiet.timeZone)} is not an IANA time zone`);
  }
  if (quiet.minLevelDuring !== undefined && !isResponseLevel(quiet.minLevelDuring)) {
    fail('quietHours.minLevelDuring', `${describe(quiet.minLevelDuring)} is not a response level (IV, III, II, I)`);
  }
}

function checkDigest(digest: unknown, fail: Fail): void {
  if (!isRecord(digest)) return fail('digest', `expected an object, got ${describe(digest)}`);
  unknownKeys(digest, DIGEST_KEYS, 'digest.', fail);
  if (digest.levels === undefined) fail('digest.levels', 'is required');
  checkList(digest.levels, 'digest.levels', isResponseLevel, 'a response level', fail);
  const every = digest.everyMinutes;
  if (!(typeof every === 'number' && Number.isInteger(every) && every >= 1 && every <= 1440)) {
    fail('digest.everyMinutes', `expected a whole number of minutes from 1 to 1440, got ${describe(every)}`);
  }
}

function checkList(value: unknown, key: string, valid: (item: unknown) => boolean, what: string, fail: Fail): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return fail(key, `expected an array, got ${describe(value)}`);
  if (value.length === 0) return fail(key, 'is empty, so nothing could match; leave it out instead');
  if (value.length > MAX_LIST) return fail(key, `has ${value.length} items; at most ${MAX_LIST} allowed`);
  value.forEach((item, i) => {
    if (!valid(item)) fail(`${key}[${i}]`, `${describe(item)} is not ${what}`);
  });
}

function unknownKeys(record: Record<string, unknown>, allowed: ReadonlySet<string>, prefix: string, fail: Fail): void {
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) fail(`${prefix}${key.slice(0, 60)}`, `unknown key (allowed: ${[...allowed].join(', ')})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'object') return value === null ? 'null' : 'an object';
  return String(value);
}
