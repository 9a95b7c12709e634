import { EmwatchError } from '../errors.js';
import { RESPONSE_LEVEL_INFO, RESPONSE_LEVELS, type ResponseLevel } from '../model/taxonomy.js';
import type { Casualties } from '../model/text-analysis.js';

/**
 * Lowest score of each response level above Ⅳ: a score at or above `I` is level Ⅰ, at or above
 * `II` level Ⅱ, at or above `III` level Ⅲ, anything lower level Ⅳ.
 *
 * @example
 * ```ts
 * const strict: LevelThresholds = { III: 30, II: 50, I: 70 };
 * ```
 */
export interface LevelThresholds {
  readonly III: number;
  readonly II: number;
  readonly I: number;
}

/**
 * The default level thresholds: Ⅲ from 40, Ⅱ from 60, Ⅰ from 80.
 *
 * Chosen so that a single, otherwise unremarkable report of an occurring hazard (its type,
 * stage and source add up to 25–38 points) stays at Ⅳ; a confirmed incident with a 较大
 * casualty count or an official yellow-to-orange warning reaches Ⅲ; 重大 figures, strong
 * warnings with bursts of posts, or large magnitudes reach Ⅱ; and Ⅰ needs most factors high at
 * once (or a floor, see {@link casualtyLevel}). The worked examples in docs/risk-and-alerts.md
 * show where real events land.
 *
 * @example
 * ```ts
 * DEFAULT_LEVEL_THRESHOLDS.II; // 60
 * ```
 */
export const DEFAULT_LEVEL_THRESHOLDS: LevelThresholds = { III: 40, II: 60, I: 80 };

/**
 * Checks that thresholds are finite, within 0–100 and strictly rising from Ⅲ to Ⅰ.
 * Throws `EMW_RISK_PRESET` naming the offending key.
 *
 * @example
 * ```ts
 * validateLevelThresholds({ III: 30, II: 55, I: 75 }); // returns it unchanged
 * validateLevelThresholds({ III: 60, II: 50, I: 80 }); // throws: II must be above III
 * ```
 */
export function validateLevelThresholds(value: unknown, path = 'thresholds'): LevelThresholds {
  if (typeof value !== 'object' || value === null) {
    throw new EmwatchError('EMW_RISK_PRESET', `[emwatch] [risk] ${path} must be an object with III, II and I`);
  }
  const record = value as Record<string, unknown>;
  let previous = 0;
  for (const level of ['III', 'II', 'I'] as const) {
    const threshold = record[level];
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= previous || threshold > 100) {
      throw new EmwatchError(
        'EMW_RISK_PRESET',
        `[emwatch] [risk] ${path}.${level} must be a number above ${previous} and at most 100, got ${JSON.stringify(threshold)}`,
      );
    }
    previous = threshold;
  }
  return { III: record.III as number, II: record.II as number, I: record.I as number };
}

/**
 * The response level a score falls into.
 *
 * @example
 * ```ts
 * levelForScore(59.9); // 'III'
 * levelForScore(60); // 'II'
 * ```
 */
export function levelForScore(score: number, thresholds: LevelThresholds = DEFAULT_LEVEL_THRESHOLDS): ResponseLevel {
  if (score >= thresholds.I) return 'I';
  if (score >= thresholds.II) return 'II';
  if (score >= thresholds.III) return 'III';
  return 'IV';
}

/**
 * The lowest score of a level under the thresholds (0 for Ⅳ).
 *
 * @example
 * ```ts
 * minScoreOfLevel('II'); // 60
 * ```
 */
export function minScoreOfLevel(level: ResponseLevel, thresholds: LevelThresholds = DEFAULT_LEVEL_THRESHOLDS): number {
  return level === 'IV' ? 0 : thresholds[level];
}

/**
 * The higher of two levels (Ⅰ is the highest).
 *
 * @example
 * ```ts
 * higherLevel('III', 'II'); // 'II'
 * ```
 */
export function higherLevel(a: ResponseLevel, b: ResponseLevel): ResponseLevel {
  return RESPONSE_LEVEL_INFO[a].rank >= RESPONSE_LEVEL_INFO[b].rank ? a : b;
}

/**
 * Which count decided a casualty grade.
 *
 * @example
 * ```ts
 * const basis: CasualtyBasis = 'deaths';
 * ```
 */
export type CasualtyBasis = 'deaths' | 'injured' | 'trapped';

/**
 * A casualty grade with the count that decided it.
 *
 * @example
 * ```ts
 * const grade: CasualtyGrade = { level: 'II', basis: 'injured' };
 * ```
 */
export interface CasualtyGrade {
  /** Ⅳ 一般, Ⅲ 较大, Ⅱ 重大 or Ⅰ 特别重大. */
  readonly level: ResponseLevel;
  /** The count that reached the grade: deaths (missing included), injured, or trapped; `null` for Ⅳ. */
  readonly basis: CasualtyBasis | null;
}

/**
 * Casualty thresholds per grade: the lowest count that reaches Ⅰ, Ⅱ and Ⅲ.
 *
 * Deaths and injuries follow the 生产安全事故报告和调查处理条例 (State Council Decree No. 493,
 * 2007, art. 3): 特别重大 ≥ 30 deaths or ≥ 100 seriously injured (acute industrial poisoning
 * included), 重大 10–29 deaths or 50–99, 较大 3–9 deaths or 10–49, 一般 below that ("以上"
 * includes the number, "以下" excludes it). Missing people are added to deaths, as the national
 * 安全生产事故灾难应急预案 grades by "死亡（含失踪）". That plan also grades by lives endangered
 * ("危及30人以上生命安全" for Ⅰ); trapped people are such lives, graded Ⅰ from 30 and Ⅲ from 10
 * (the plan's Ⅱ and Ⅲ wording overlap at 10–29, so the lower grade is taken).
 *
 * Injured counts from text include light injuries (the regulation counts serious ones), so the
 * injured grade is an upper bound; it is still used, since the duty office wants early notice.
 *
 * @example
 * ```ts
 * CASUALTY_THRESHOLDS.deaths.I; // 30
 * ```
 */
export const CASUALTY_THRESHOLDS: Readonly<Record<CasualtyBasis, Readonly<Partial<Record<ResponseLevel, number>>>>> = {
  deaths: { I: 30, II: 10, III: 3 },
  injured: { I: 100, II: 50, III: 10 },
  trapped: { I: 30, III: 10 },
};

/**
 * The grade of an accident by its casualty counts (see {@link CASUALTY_THRESHOLDS}): the highest
 * grade any count reaches. Unknown (`null`) and approximate counts reach no grade.
 *
 * @example
 * ```ts
 * casualtyLevel({ deaths: 3, injured: null, missing: null, trapped: 4 }); // { level: 'III', basis: 'deaths' }
 * casualtyLevel({ deaths: 28, injured: null, missing: 2, trapped: null }); // { level: 'I', basis: 'deaths' }
 * ```
 */
export function casualtyLevel(casualties: Casualties): CasualtyGrade {
  const counts: Record<CasualtyBasis, number> = {
    deaths: (casualties.deaths ?? 0) + (casualties.missing ?? 0),
    injured: casualties.injured ?? 0,
    trapped: casualties.trapped ?? 0,
  };
  for (const level of [...RESPONSE_LEVELS].reverse()) {
    if (level === 'IV') break;
    for (const basis of ['deaths', 'injured', 'trapped'] as const) {
      const threshold = CASUALTY_THRESHOLDS[basis][level];
      if (threshold !== undefined && counts[basis] >= threshold) return { level, basis };
    }
  }
  return { level: 'IV', basis: null };
}

/**
 * Earthquake magnitude thresholds of the 国家地震应急预案 (2012) for an earthquake in a populated
 * area (人口较密集地区): Ⅰ from M7.0, Ⅱ from M6.0, Ⅲ from M5.0 (Ⅳ from M4.0).
 *
 * @example
 * ```ts
 * QUAKE_MAGNITUDE_THRESHOLDS.II; // 6
 * ```
 */
export const QUAKE_MAGNITUDE_THRESHOLDS: Readonly<Record<Exclude<ResponseLevel, 'IV'>, number>> = {
  I: 7,
  II: 6,
  III: 5,
};

/**
 * The level of an earthquake in a populated area by its magnitude (see {@link QUAKE_MAGNITUDE_THRESHOLDS}).
 *
 * @example
 * ```ts
 * quakeLevel(6.2); // 'II'
 * ```
 */
export function quakeLevel(magnitude: number): ResponseLevel {
  if (magnitude >= QUAKE_MAGNITUDE_THRESHOLDS.I) return 'I';
  if (magnitude >= QUAKE_MAGNITUDE_THRESHOLDS.II) return 'II';
  if (magnitude >= QUAKE_MAGNITUDE_THRESHOLDS.III) return 'III';
  return 'IV';
}
