import { EmwatchError } from '../errors.js';
import { SOURCE_KINDS, type SourceKind } from '../model/signal.js';
import { isTypeId, STAGE_IDS, type LabelLanguage, type StageId, type TypeId } from '../model/taxonomy.js';
import { DEFAULT_LEVEL_THRESHOLDS, validateLevelThresholds, type LevelThresholds } from './levels.js';

/**
 * The weighted factors of a risk score, in display order (ties in contribution keep this order).
 *
 * @example
 * ```ts
 * RISK_FACTOR_IDS[0]; // 'type-severity'
 * ```
 */
export const RISK_FACTOR_IDS = [
  'type-severity',
  'casualties',
  'warning',
  'quake',
  'exposure',
  'burst',
  'volume',
  'source-authority',
  'corroboration',
  'stage',
] as const;

/**
 * Id of a weighted risk factor.
 *
 * @example
 * ```ts
 * const id: RiskFactorId = 'corroboration';
 * ```
 */
export type RiskFactorId = (typeof RISK_FACTOR_IDS)[number];

/**
 * Id of the adjustment that lifts a score to the lowest score of a floor level (not weighted).
 *
 * @example
 * ```ts
 * risk.factors.find((factor) => factor.id === LEVEL_FLOOR_FACTOR_ID)?.facts?.reasons; // 'casualties:I'
 * ```
 */
export const LEVEL_FLOOR_FACTOR_ID = 'level-floor';

/**
 * Weight per factor; only their ratios matter (they are normalised over the factors that apply).
 *
 * @example
 * ```ts
 * const weights: RiskWeights = { ...RISK_PRESETS.default!.weights, burst: 0.12 };
 * ```
 */
export type RiskWeights = Readonly<Record<RiskFactorId, number>>;

/**
 * Display names of the factors, zh-CN and en.
 *
 * @example
 * ```ts
 * RISK_FACTOR_LABELS.casualties['zh-CN']; // '人员伤亡'
 * ```
 */
export const RISK_FACTOR_LABELS: Readonly<
  Record<RiskFactorId | typeof LEVEL_FLOOR_FACTOR_ID, Readonly<Record<LabelLanguage, string>>>
> = {
  'type-severity': { 'zh-CN': '事件类型', en: 'Hazard type' },
  casualties: { 'zh-CN': '人员伤亡', en: 'Casualties' },
  warning: { 'zh-CN': '官方预警', en: 'Official warning' },
  quake: { 'zh-CN': '震级与震源深度', en: 'Magnitude and depth' },
  exposure: { 'zh-CN': '影响人口', en: 'Population exposed' },
  burst: { 'zh-CN': '信息突增', en: 'Burst of messages' },
  volume: { 'zh-CN': '信息量', en: 'Message volume' },
  'source-authority': { 'zh-CN': '信源权威性', en: 'Source authority' },
  corroboration: { 'zh-CN': '多源印证', en: 'Corroboration' },
  stage: { 'zh-CN': '事件阶段', en: 'Stage' },
  'level-floor': { 'zh-CN': '定级下限', en: 'Level floor' },
};

/**
 * The display name of a factor id (the id itself when unknown).
 *
 * @example
 * ```ts
 * riskFactorLabel('corroboration', 'en'); // 'Corroboration'
 * ```
 */
export function riskFactorLabel(id: string, lang: LabelLanguage = 'zh-CN'): string {
  return (RISK_FACTOR_LABELS as Record<string, Readonly<Record<LabelLanguage, string>>>)[id]?.[lang] ?? id;
}

/**
 * Which floors apply: a score is lifted to the lowest score of the floor's level.
 *
 * @example
 * ```ts
 * const floors: RiskFloors = { casualties: true, warning: false, earthquake: true };
 * ```
 */
export interface RiskFloors {
  /** The production-safety casualty grade (see `casualtyLevel`). */
  readonly casualties: boolean;
  /** The colour of an active official warning (blue Ⅳ … red Ⅰ). */
  readonly warning: boolean;
  /** The magnitude grade of an earthquake in a populated unit of the region (see `quakeLevel`). */
  readonly earthquake: boolean;
}

/**
 * A scoring configuration: factor weights, level thresholds and the tables the factors read.
 * Plain JSON, so presets can live in configuration files (see {@link validateRiskPreset}).
 *
 * @example
 * ```ts
 * const winter: RiskPreset = { ...RISK_PRESETS['natural-hazard-season']!, id: 'winter', typeSeverity: { 'snow-disaster': 0.8 } };
 * ```
 */
export interface RiskPreset {
  /** Stable id, e.g. `'default'`; recorded in every score. */
  readonly id: string;
  /** Chinese name. */
  readonly name: string;
  /** English name. */
  readonly nameEn: string;
  /** What the preset is for. */
  readonly description: string;
  readonly weights: RiskWeights;
  readonly thresholds: LevelThresholds;
  /** Value of the `stage` factor per stage, and for an event whose stage is unknown. */
  readonly stageValues: Readonly<Record<StageId | 'unknown', number>>;
  /** Value of the `source-authority` factor per source kind. */
  readonly sourceAuthority: Readonly<Record<SourceKind, number>>;
  /** Base severities that replace the built-in ones for some types (0..1). */
  readonly typeSeverity: Readonly<Partial<Record<TypeId, number>>>;
  /**
   * Share of the other factors a refuted rumour keeps (0..1): its `stage` contribution is
   * −(1 − rumorDamping) × their sum, so a refutation of "30 dead" scores low.
   */
  readonly rumorDamping: number;
  readonly floors: RiskFloors;
}

const DEFAULT_STAGE_VALUES: RiskPreset['stageValues'] = {
  occurring: 1,
  response: 0.85,
  warning: 0.6,
  aftermath: 0.3,
  rumor: 0,
  unknown: 0.5,
};

const DEFAULT_SOURCE_AUTHORITY: RiskPreset['sourceAuthority'] = {
  'official-warning': 1,
  'official-news': 0.9,
  sensor: 0.85,
  media: 0.6,
  social: 0.3,
};

/**
 * The built-in presets:
 * - `default`: balanced, for a general duty office (应急值班);
 * - `natural-hazard-season`: Inner Mongolia's hazard seasons (spring fires and dust, summer
 *   floods, winter snow): official warnings, bursts and exposure weigh more, and the seasonal
 *   hazards' base severities are raised;
 * - `production-safety`: a safety-production office: casualties and source authority weigh
 *   more, warnings less.
 *
 * @example
 * ```ts
 * RISK_PRESETS.default.thresholds; // { III: 40, II: 60, I: 80 }
 * ```
 */
export const RISK_PRESETS: Readonly<Record<string, RiskPreset>> = {
  default: {
    id: 'default',
    name: '默认',
    nameEn: 'Default',
    description: 'Balanced weights for a general emergency duty office.',
    weights: {
      'type-severity': 0.14,
      casualties: 0.24,
      warning: 0.16,
      quake: 0.16,
      exposure: 0.08,
      burst: 0.08,
      volume: 0.05,
      'source-authority': 0.08,
      corroboration: 0.07,
      stage: 0.1,
    },
    thresholds: DEFAULT_LEVEL_THRESHOLDS,
    stageValues: DEFAULT_STAGE_VALUES,
    sourceAuthority: DEFAULT_SOURCE_AUTHORITY,
    typeSeverity: {},
    rumorDamping: 0.25,
    floors: { casualties: true, warning: true, earthquake: true },
  },
  'natural-hazard-season': {
    id: 'natural-hazard-season',
    name: '自然灾害高发期',
    nameEn: 'Natural-hazard season',
    description:
      'For the fire-and-dust spring, flood summer and snow winter: warnings, bursts and exposure weigh more; seasonal hazards start higher.',
    weights: {
      'type-severity': 0.12,
      casualties: 0.2,
      warning: 0.22,
      quake: 0.16,
      exposure: 0.1,
      burst: 0.1,
      volume: 0.05,
      'source-authority': 0.07,
      corroboration: 0.06,
      stage: 0.08,
    },
    thresholds: DEFAULT_LEVEL_THRESHOLDS,
    stageValues: DEFAULT_STAGE_VALUES,
    sourceAuthority: DEFAULT_SOURCE_AUTHORITY,
    typeSeverity: { wildfire: 0.8, sandstorm: 0.6, flood: 0.8, 'snow-disaster': 0.75, 'cold-wave': 0.55, drought: 0.6 },
    rumorDamping: 0.25,
    floors: { casualties: true, warning: true, earthquake: true },
  },
  'production-safety': {
    id: 'production-safety',
    name: '安全生产',
    nameEn: 'Production safety',
    description: 'For a safety-production office: casualties and source authority weigh more, warnings less.',
    weights: {
      'type-severity': 0.14,
      casualties: 0.32,
      warning: 0.08,
      quake: 0.12,
      exposure: 0.05,
      burst: 0.06,
      volume: 0.04,
      'source-authority': 0.1,
      corroboration: 0.09,
      stage: 0.1,
    },
    thresholds: DEFAULT_LEVEL_THRESHOLDS,
    stageValues: DEFAULT_STAGE_VALUES,
    sourceAuthority: DEFAULT_SOURCE_AUTHORITY,
    typeSeverity: {},
    rumorDamping: 0.25,
    floors: { casualties: true, warning: true, earthquake: true },
  },
};

const fail = (path: string, reason: string): EmwatchError =>
  new EmwatchError('EMW_RISK_PRESET', `[emwatch] [risk] preset ${path} ${reason}`);

function unitInterval(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw fail(path, `must be a number from 0 to 1, got ${JSON.stringify(value)}`);
  }
  return value;
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(path, 'must be an object');
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string, max = 500): string {
  if (typeof value !== 'string' || value.length > max) throw fail(path, `must be a string up to ${max} characters`);
  return value;
}

/**
 * Validates a preset read from JSON, naming the first bad key (`EMW_RISK_PRESET`). Every factor
 * needs a weight from 0 to 1 and at least one weight must be positive; unknown keys are refused
 * so a misspelt factor does not silently weigh nothing.
 *
 * @example
 * ```ts
 * const preset = validateRiskPreset(JSON.parse(readFileSync('winter.json', 'utf8')));
 * scoreEvent(event, { preset });
 * ```
 */
export function validateRiskPreset(value: unknown): RiskPreset {
  const root = record(value, '');
  const known = new Set([
    'id',
    'name',
    'nameEn',
    'description',
    'weights',
    'thresholds',
    'stageValues',
    'sourceAuthority',
    'typeSeverity',
    'rumorDamping',
    'floors',
  ]);
  for (const key of Object.keys(root)) if (!known.has(key)) throw fail(key, 'is not a preset key');
  const id = text(root.id, 'id', 64);
  if (!/^[A-Za-z0-9][\w.-]*$/.test(id))
    throw fail('id', `must be letters, digits, '-', '_' or '.', got ${JSON.stringify(id)}`);
  const weights = record(root.weights, 'weights');
  for (const key of Object.keys(weights)) {
    if (!(RISK_FACTOR_IDS as readonly string[]).includes(key))
      throw fail(`weights.${key}`, `is not a factor; factors: ${RISK_FACTOR_IDS.join(', ')}`);
  }
  let total = 0;
  for (const factor of RISK_FACTOR_IDS) total += unitInterval(weights[factor], `weights.${factor}`);
  if (total <= 0) throw fail('weights', 'must give at least one factor a positive weight');
  const stageValues = record(root.stageValues, 'stageValues');
  for (const stage of [...STAGE_IDS, 'unknown']) unitInterval(stageValues[stage], `stageValues.${stage}`);
  const authority = record(root.sourceAuthority, 'sourceAuthority');
  for (const kind of SOURCE_KINDS) unitInterval(authority[kind], `sourceAuthority.${kind}`);
  const typeSeverity = record(root.typeSeverity ?? {}, 'typeSeverity');
  for (const [type, severity] of Object.entries(typeSeverity)) {
    if (!isTypeId(type)) throw fail(`typeSeverity.${type}`, 'is not a taxonomy type id');
    unitInterval(severity, `typeSeverity.${type}`);
  }
  const floors = record(root.floors, 'floors');
  for (const floor of ['casualties', 'warning', 'earthquake']) {
    if (typeof floors[floor] !== 'boolean') throw fail(`floors.${floor}`, 'must be true or false');
  }
  return {
    id,
    name: text(root.name, 'name', 100),
    nameEn: text(root.nameEn, 'nameEn', 100),
    description: text(root.description, 'description'),
    weights: Object.fromEntries(RISK_FACTOR_IDS.map((factor) => [factor, weights[factor] as number])) as RiskWeights,
    thresholds: validateLevelThresholds(root.thresholds, 'preset thresholds'),
    stageValues: Object.fromEntries(
      [...STAGE_IDS, 'unknown'].map((s) => [s, stageValues[s] as number]),
    ) as RiskPreset['stageValues'],
    sourceAuthority: Object.fromEntries(
      SOURCE_KINDS.map((k) => [k, authority[k] as number]),
    ) as RiskPreset['sourceAuthority'],
    typeSeverity: { ...(typeSeverity as Partial<Record<TypeId, number>>) },
    rumorDamping: unitInterval(root.rumorDamping, 'rumorDamping'),
    floors: {
      casualties: floors.casualties as boolean,
      warning: floors.warning as boolean,
      earthquake: floors.earthquake as boolean,
    },
  };
}

/**
 * The preset to score with: a built-in one by id (default `'default'`) or a given preset, with
 * some weights overridden. Throws `EMW_RISK_PRESET` for an unknown id or bad weights.
 *
 * @example
 * ```ts
 * resolveRiskPreset('production-safety', { burst: 0 }).weights.burst; // 0
 * ```
 */
export function resolveRiskPreset(preset: RiskPreset | string = 'default', weights?: Partial<RiskWeights>): RiskPreset {
  let base: RiskPreset;
  if (typeof preset === 'string') {
    const found = Object.hasOwn(RISK_PRESETS, preset) ? RISK_PRESETS[preset] : undefined;
    if (!found) {
      throw new EmwatchError(
        'EMW_RISK_PRESET',
        `[emwatch] [risk] unknown preset ${JSON.stringify(preset)}; built-in presets: ${Object.keys(RISK_PRESETS).join(', ')}`,
      );
    }
    base = found;
  } else {
    base = preset;
  }
  if (!weights || Object.keys(weights).length === 0) return base;
  return validateRiskPreset({ ...base, weights: { ...base.weights, ...weights } });
}
