import type { RegionLevel } from './region-pack.js';
import type { LanguageTag } from './signal.js';
import type { CategoryId, StageId, TypeId, WarningColor } from './taxonomy.js';

/** A place named in a text and resolved to a region unit. */
export interface PlaceMention {
  /** GB/T 2260 six-digit code of the unit, e.g. `'152526'`. */
  readonly code: string;
  /** The unit's full official name, e.g. `'西乌珠穆沁旗'` (not the form written in the text). */
  readonly name: string;
  /** Administrative level of the unit. */
  readonly level: RegionLevel;
  /** Where the written form occurs: `[start, end)` UTF-16 code-unit offsets into the analysed text. */
  readonly span: readonly [number, number];
}

/**
 * People affected as a text states them. Each count is the largest number the text gives for
 * that kind, `null` when the text does not say (which is not the same as `0`).
 */
export interface Casualties {
  /** Dead (死亡/遇难), or `null` if not stated. */
  readonly deaths: number | null;
  /** Injured (受伤), or `null` if not stated. */
  readonly injured: number | null;
  /** Missing or out of contact (失踪/失联), or `null` if not stated. */
  readonly missing: number | null;
  /** Trapped (被困), or `null` if not stated. */
  readonly trapped: number | null;
  /**
   * Kinds whose number the text gave only approximately (十余人死亡, 数十人受伤): their count is
   * `null`, and this says a number was nonetheless stated.
   */
  readonly approximate?: readonly ('deaths' | 'injured' | 'missing' | 'trapped')[];
}

/** Overall tone of a text. */
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** Tone of a text, with the words that decided it. */
export interface Sentiment {
  /** Direction from -1 (most negative) through 0 (neutral) to 1 (most positive). */
  readonly polarity: number;
  /** `polarity` as a label. */
  readonly label: SentimentLabel;
  /** Strength of feeling from 0 (flat, factual) to 1 (highly emotional), independent of direction. */
  readonly intensity: number;
  /** The words or phrases that carried the sentiment, in text order. */
  readonly evidence: readonly string[];
}

/** Where a piece of classification evidence came from. */
export type EvidenceSource = 'ngram' | 'lexicon' | 'rule';

/** One reason behind a classification, for explaining the decision to a person. */
export interface Evidence {
  /** The text that triggered it: a character n-gram, a lexicon term or the span a rule matched. */
  readonly term: string;
  /** Which part of the classifier produced it: the n-gram model, the domain lexicon or a hand rule. */
  readonly source: EvidenceSource;
  /** Signed contribution to the decision, in the classifier's log-odds units (positive supports `label`). */
  readonly weight: number;
  /** The type or stage the evidence speaks for; absent when it speaks for the decided type. */
  readonly label?: TypeId | StageId;
}

/**
 * What the text-understanding stage found in one signal.
 *
 * @example
 * ```ts
 * const analysis: TextAnalysis = {
 *   type: 'wildfire',
 *   category: 'natural',
 *   stage: 'response',
 *   confidence: 0.93,
 *   places: [{ code: '152526', name: '西乌珠穆沁旗', level: 'county', span: [5, 8] }],
 *   casualties: { deaths: null, injured: null, missing: null, trapped: null },
 *   magnitude: null,
 *   warningColor: null,
 *   sentiment: { polarity: -0.4, label: 'negative', intensity: 0.3, evidence: ['火灾'] },
 *   language: 'zh-Hans',
 *   explanation: [{ term: '草原火灾', source: 'lexicon', weight: 2.1 }],
 * };
 * ```
 */
export interface TextAnalysis {
  /** The most probable type; `'none'` when the text is not about an emergency. */
  readonly type: TypeId;
  /** The category of `type`. */
  readonly category: CategoryId;
  /** The stage the text describes, or `null` when it does not tell. */
  readonly stage: StageId | null;
  /** Calibrated probability, 0..1, that `type` is right. */
  readonly confidence: number;
  /** Places named in the text, in text order. */
  readonly places: readonly PlaceMention[];
  /** Casualty counts stated in the text. */
  readonly casualties: Casualties;
  /** Earthquake magnitude stated in the text (e.g. `5.1` for 5.1级), or `null`. */
  readonly magnitude: number | null;
  /** Warning colour stated in the text (e.g. 橙色预警), or `null`. */
  readonly warningColor: WarningColor | null;
  /** Tone of the text. */
  readonly sentiment: Sentiment;
  /** Language of the analysed text. */
  readonly language: LanguageTag;
  /** Strongest reasons for `type` and `stage`, strongest first. */
  readonly explanation: readonly Evidence[];
}
