import { EmwatchError } from '../errors.js';
import type { Burst } from '../events/burst.js';
import { createLocalClock, type LocalClock } from '../events/_internal/local-clock.js';
import type { Event } from '../model/event.js';
import type { RegionPack } from '../model/region-pack.js';
import type { RiskFactor, RiskScore } from '../model/risk-score.js';
import type { Signal } from '../model/signal.js';
import type { TextAnalysis } from '../model/text-analysis.js';
import { colorToLevel, levelToColor, type ResponseLevel } from '../model/taxonomy.js';
import { burstFactor } from './_internal/burst-factor.js';
import { casualtyFactor } from './_internal/casualty-factor.js';
import { exposureFactor } from './_internal/exposure-factor.js';
import type { FactorInput, FactorResult } from './_internal/factor-input.js';
import { quakeFactor } from './_internal/quake-factor.js';
import { viewSignals } from './_internal/signal-view.js';
import { authorityFactor, corroborationFactor, volumeFactor } from './_internal/source-factors.js';
import { stageFactor } from './_internal/stage-factor.js';
import { typeSeverityFactor } from './_internal/type-severity.js';
import { warningFactor } from './_internal/warning-factor.js';
import { higherLevel, levelForScore, minScoreOfLevel, quakeLevel } from './levels.js';
import {
  LEVEL_FLOOR_FACTOR_ID,
  resolveRiskPreset,
  RISK_FACTOR_IDS,
  RISK_FACTOR_LABELS,
  type RiskFactorId,
  type RiskPreset,
  type RiskWeights,
} from './presets.js';

/**
 * The parts of a text analysis the scorer reads; a whole `TextAnalysis` will do.
 *
 * @example
 * ```ts
 * const analyses = new Map<string, ScoringAnalysis>([[signal.id, analyzeText(signal.text, { region })]]);
 * ```
 */
export type ScoringAnalysis = Partial<Pick<TextAnalysis, 'casualties' | 'warningColor' | 'magnitude' | 'places'>>;

/**
 * What {@link scoreEvent} may read besides the event. Everything is optional; more context, better evidence.
 *
 * @example
 * ```ts
 * const context: ScoreContext = { signals, analyses, region: regionNmg, bursts: detector.bursts(now), now, preset: 'default' };
 * ```
 */
export interface ScoreContext {
  /** The event's signals (its distinct signals; reposts need not be included). */
  readonly signals?: readonly Signal[];
  /**
   * Text analyses of those signals by signal id. Without one, a signal's casualties, warning
   * colour, magnitude and places are extracted from its text when a factor needs them, which
   * costs time on large events: pass the analyses the pipeline already made.
   */
  readonly analyses?: ReadonlyMap<string, ScoringAnalysis>;
  /** Region pack: population for exposure, unit hierarchy for matching bursts, and the earthquake floor. */
  readonly region?: RegionPack;
  /** Current bursts (from a burst detector); without them the burst factor takes no weight. */
  readonly bursts?: readonly Burst[];
  /**
   * The moment to score at (default: the event's `lastUpdate`, which keeps scoring a pure
   * function of its inputs). Warnings expired by then, or sent after it, are not in force.
   */
  readonly now?: Date;
  /** Time zone of `computedAt` (default `'Asia/Shanghai'`). */
  readonly timeZone?: string;
  /** A preset or the id of a built-in one (default `'default'`). */
  readonly preset?: RiskPreset | string;
  /** Weights overriding the preset's. */
  readonly weights?: Partial<RiskWeights>;
}

const clocks = new Map<string, LocalClock>();
function clockFor(timeZone: string): LocalClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = createLocalClock(timeZone);
    if (clocks.size > 16) clocks.clear();
    clocks.set(timeZone, clock);
  }
  return clock;
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

const STAGE_INDEX = RISK_FACTOR_IDS.indexOf('stage');

// Scoring many events at one moment formats the same time over and over.
let lastFormatted: { clock: LocalClock; ms: number; text: string } | undefined;
function formatTime(clock: LocalClock, ms: number): string {
  if (lastFormatted?.clock !== clock || lastFormatted.ms !== ms) lastFormatted = { clock, ms, text: clock.format(ms) };
  return lastFormatted.text;
}

/**
 * Scores an event's risk, 0–100, with every factor explained: an additive model whose weighted
 * factors (type severity, casualties, official warning, magnitude and depth, exposed population,
 * bursts, volume, source authority, corroboration, stage) each contribute
 * 100 · weight · value / (sum of the weights of the factors that apply). A refuted rumour keeps
 * only `rumorDamping` of the other factors (the stage factor's contribution is negative), and a
 * floor lifts the score to the lowest score of the level the production-safety casualty grade,
 * an official warning in force, or an earthquake's magnitude demands (the `level-floor` factor).
 *
 * Contributions are rounded to 0.1 and the score is their exact sum, so the listed reasons
 * always add up; the weights are normalised, so the score cannot leave 0–100 (it is clamped
 * all the same). Deterministic: the same inputs, in any order, give the same score.
 *
 * @example
 * ```ts
 * const risk = scoreEvent(event, { signals, analyses, region: regionNmg, bursts: detector.bursts(now), now });
 * risk.level; // 'III'
 * risk.factors[0]; // { id: 'casualties', label: '人员伤亡', value: 0.4, weight: 0.2857, contribution: 11.4, evidence: ['sig:…'], facts: { deaths: 3, … } }
 * ```
 */
export function scoreEvent(event: Event, context: ScoreContext = {}): RiskScore {
  const preset = resolveRiskPreset(context.preset, context.weights);
  const nowMs = context.now ? context.now.getTime() : Date.parse(event.lastUpdate);
  if (!Number.isFinite(nowMs)) {
    throw new EmwatchError(
      'EMW_RISK_INPUT',
      `[emwatch] [risk] event ${event.id}: cannot tell the scoring time (now ${String(context.now)}, lastUpdate ${JSON.stringify(event.lastUpdate)})`,
    );
  }
  const clock = clockFor(context.timeZone ?? 'Asia/Shanghai');
  const input: FactorInput = {
    event,
    views: context.signals ? viewSignals(context.signals, context.analyses, context.region) : undefined,
    region: context.region,
    bursts: context.bursts,
    nowMs,
    preset,
  };

  const warning = warningFactor(input);
  const quake = quakeFactor(input);
  const casualties = casualtyFactor(input);
  const results: Record<RiskFactorId, FactorResult> = {
    'type-severity': typeSeverityFactor(input),
    casualties: casualties.result,
    warning: warning.result,
    quake: quake.result,
    exposure: exposureFactor(input),
    burst: burstFactor(input),
    volume: volumeFactor(input),
    'source-authority': authorityFactor(input),
    corroboration: corroborationFactor(input),
    stage: stageFactor(input),
  };

  // Weights are normalised over the factors that can apply to the event (magnitude means
  // nothing for a mine accident), so every type can reach 100. Whether a factor applies depends
  // only on the type and on what context was given, never on the event's data, so that adding
  // a fact can never shift weight onto weaker factors.
  let weightSum = 0;
  for (const id of RISK_FACTOR_IDS) if (results[id].applies) weightSum += preset.weights[id];
  // Contributions are counted in integer tenths of a point, so sums are exact.
  const tenths = RISK_FACTOR_IDS.map((id) => {
    const result = results[id];
    const share = result.applies && weightSum > 0 ? preset.weights[id] / weightSum : 0;
    return Math.round(1000 * share * result.value);
  });
  const rumor = event.stage === 'rumor';
  if (rumor) {
    let others = 0;
    for (let i = 0; i < tenths.length; i += 1) if (i !== STAGE_INDEX) others += tenths[i]!;
    tenths[STAGE_INDEX] = tenths[STAGE_INDEX]! - Math.round((1 - preset.rumorDamping) * others);
  }
  let total = 0;
  for (const value of tenths) total += value;

  const factors: RiskFactor[] = RISK_FACTOR_IDS.map((id, index) => {
    const result = results[id];
    return {
      id,
      label: RISK_FACTOR_LABELS[id]['zh-CN'],
      value: round4(result.value),
      weight: result.applies && weightSum > 0 ? round4(preset.weights[id] / weightSum) : 0,
      contribution: tenths[index]! / 10,
      evidence: result.evidence,
      facts: result.facts,
    };
  });

  // Floors: a refuted rumour gets none (its figures and colours are what was refuted).
  if (!rumor) {
    let floor: ResponseLevel = 'IV';
    const reasons: string[] = [];
    const evidence = new Set<string>();
    if (preset.floors.casualties && casualties.floor.level !== 'IV') {
      floor = higherLevel(floor, casualties.floor.level);
      reasons.push(`casualties:${casualties.floor.level}`);
      casualties.floorEvidence.forEach((id) => evidence.add(id));
    }
    if (preset.floors.warning && warning.floorColor) {
      const level = colorToLevel(warning.floorColor);
      floor = higherLevel(floor, level);
      reasons.push(`warning:${level}`);
      warning.floorEvidence.forEach((id) => evidence.add(id));
    }
    const populated =
      context.region !== undefined && event.places.some((code) => context.region!.byCode(code) !== undefined);
    if (preset.floors.earthquake && event.type === 'earthquake' && quake.magnitude !== null && populated) {
      const level = quakeLevel(quake.magnitude);
      if (level !== 'IV') {
        floor = higherLevel(floor, level);
        reasons.push(`earthquake:${level}`);
        quake.evidence.forEach((id) => evidence.add(id));
      }
    }
    const minimum = minScoreOfLevel(floor, preset.thresholds) * 10;
    if (total < minimum) {
      factors.push({
        id: LEVEL_FLOOR_FACTOR_ID,
        label: RISK_FACTOR_LABELS[LEVEL_FLOOR_FACTOR_ID]['zh-CN'],
        value: 1,
        weight: 0,
        contribution: (minimum - total) / 10,
        evidence: [...evidence].slice(0, 10),
        facts: { level: floor, reasons: reasons.join(',') },
      });
      total = minimum;
    }
  }

  const score = Math.min(100, Math.max(0, total / 10));
  const level = levelForScore(score, preset.thresholds);
  // Largest contribution first; ties keep the factor order (Array.prototype.sort is stable).
  factors.sort((a, b) => b.contribution - a.contribution);
  return {
    eventId: event.id,
    score,
    level,
    color: levelToColor(level),
    factors,
    computedAt: formatTime(clock, nowMs),
    preset: preset.id,
  };
}
