import type { RegionPack } from '../model/region-pack.js';
import { categoryOf } from '../model/taxonomy.js';
import type { Evidence, TextAnalysis } from '../model/text-analysis.js';
import { classifyText, type Classification } from './classify.js';
import { detectLanguage } from './detect-language.js';
import { extractCasualties } from './extract/casualties.js';
import { extractMagnitude } from './extract/magnitude.js';
import { extractPlaces } from './extract/places.js';
import { extractWarningColor } from './extract/warning.js';
import type { ClassifierModel } from './model.js';
import { classifyMongolian } from './mongolian.js';
import { normalizeText, toSimplifiedChinese } from './normalize.js';
import { scoreSentiment, type ScoreSentimentOptions } from './sentiment.js';

/** Classifies an English text (e.g. `classifyEnglish` from `@emwatch/core/node`). */
export type EnglishClassifier = (text: string) => Pick<Classification, 'type' | 'stage' | 'confidence' | 'explanation'>;

/** Options of {@link analyzeText}. */
export interface AnalyzeTextOptions {
  /** Region pack for place extraction; without one, `places` is empty. */
  readonly region?: RegionPack;
  /** Classifier model (default: the one shipped in the package). */
  readonly model?: ClassifierModel;
  /** Sentiment lexicon options passed to `scoreSentiment`. */
  readonly sentiment?: ScoreSentimentOptions;
  /**
   * Classifier for English texts. The Chinese model must never label English by accident, so
   * without one English texts get type `none` with a rule explaining why.
   */
  readonly english?: EnglishClassifier;
}

const NOT_CLASSIFIED = (language: string): Evidence[] => [{ term: `language:${language}`, source: 'rule', weight: 0 }];

/**
 * Everything the text-understanding stage knows about one text: type, category, stage and
 * confidence with their evidence, places, casualties, magnitude, warning colour, sentiment and
 * language. Repost chains are split so the original message is classified; sentiment reads all.
 *
 * @example
 * analyzeText('锡盟西乌旗发生草原火灾，过火面积约200公顷，无人员伤亡', { region: regionNmg });
 * // { type: 'wildfire', stage: 'occurring', places: [{ code: '152526', … }], casualties: { deaths: 0, … }, … }
 */
export function analyzeText(text: string, options: AnalyzeTextOptions = {}): TextAnalysis {
  const language = detectLanguage(text);
  let classification: Pick<Classification, 'type' | 'stage' | 'confidence' | 'explanation'>;
  let original = text;
  if (language === 'en') {
    classification = options.english?.(text) ?? {
      type: 'none',
      stage: null,
      confidence: 0,
      explanation: NOT_CLASSIFIED(language),
    };
  } else if (language === 'mn-Mong' || language === 'mn-Cyrl') {
    const found = classifyMongolian(text);
    classification = found
      ? { type: found.type, stage: null, confidence: 0.6, explanation: found.evidence }
      : { type: 'none', stage: null, confidence: 0, explanation: NOT_CLASSIFIED(language) };
  } else {
    const normalized = normalizeText(text);
    original = normalized.original;
    classification = classifyText(normalized.text, { model: options.model, normalized: true });
  }
  // The fact extractors read Simplified text (extractPlaces converts on its own, keeping offsets).
  const factText = language === 'zh-Hant' ? toSimplifiedChinese(original) : original;
  return {
    type: classification.type,
    category: categoryOf(classification.type),
    stage: classification.stage,
    confidence: classification.confidence,
    places: options.region ? extractPlaces(text, { region: options.region }) : [],
    casualties: extractCasualties(factText),
    magnitude: extractMagnitude(factText),
    warningColor: extractWarningColor(factText),
    sentiment: scoreSentiment(text, options.sentiment),
    language,
    explanation: classification.explanation,
  };
}
