import type { IsoDateTime } from './iso-date-time.js';
import type { ResponseLevel, WarningColor } from './taxonomy.js';

/** One explained part of a risk score. */
export interface RiskFactor {
  /** Stable factor id, e.g. `'casualties'`, `'source-authority'`, `'burst'`. */
  readonly id: string;
  /** Chinese display name, e.g. `'人员伤亡'`. */
  readonly label: string;
  /** The factor's measured value, normalised to 0..1. */
  readonly value: number;
  /** Weight the preset gives the factor, 0..1. */
  readonly weight: number;
  /** Points of the 0–100 score attributed to this factor; the contributions of all factors sum to the score. */
  readonly contribution: number;
  /** Ids of the signals that supplied the value. */
  readonly evidence: readonly string[];
  /**
   * The measured inputs behind `value`, language-neutral so explanations can be written in any
   * language, e.g. `{ deaths: 3, trapped: 4, grade: 'III' }` or `{ color: 'orange', active: 1 }`.
   */
  readonly facts?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * An explainable risk assessment of one event at one moment.
 *
 * @example
 * ```ts
 * const risk: RiskScore = {
 *   eventId: 'evt:2024-04-05:152526:wildfire',
 *   score: 58,
 *   level: 'III',
 *   color: 'yellow',
 *   factors: [
 *     { id: 'type-severity', label: '事件类型', value: 0.7, weight: 0.4, contribution: 28, evidence: ['sig:9b2e…'] },
 *     { id: 'source-authority', label: '信源权威性', value: 0.75, weight: 0.4, contribution: 30, evidence: ['sig:9b2e…'] },
 *   ],
 *   computedAt: '2024-04-05T18:03:00+08:00',
 *   preset: 'default',
 * };
 * ```
 */
export interface RiskScore {
  /** Id of the scored event. */
  readonly eventId: string;
  /** Overall risk, 0 (none) to 100 (highest). */
  readonly score: number;
  /** Response level the score falls into under the preset's thresholds. */
  readonly level: ResponseLevel;
  /** Warning colour of `level`. */
  readonly color: WarningColor;
  /** The factors that make up the score, largest contribution first. */
  readonly factors: readonly RiskFactor[];
  /** When the score was computed (ISO 8601 with offset). */
  readonly computedAt: IsoDateTime;
  /** Id of the scoring preset (weights and thresholds) used, e.g. `'default'`. */
  readonly preset: string;
}
