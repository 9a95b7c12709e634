import type { Sentiment, SentimentLabel } from '../model/text-analysis.js';
import { SENTIMENT_ENTRIES, createSentimentLexicon, type SentimentLexicon } from './sentiment-lexicon.js';

/** Options of {@link scoreSentiment}. */
export interface ScoreSentimentOptions {
  /** The words to look for; defaults to the team lexicon ({@link SENTIMENT_ENTRIES}). */
  readonly lexicon?: SentimentLexicon;
}

/**
 * The polarity from which a text is labelled `'positive'` (at or above it) or `'negative'`
 * (at or below its negative); anything strictly between is `'neutral'`. A single mild word
 * (weight ±1, polarity ±0.45) already passes it; a lone negated mild word (±0.5, ±0.24) just does.
 *
 * @example
 * ```ts
 * Math.abs(scoreSentiment('暴雪导致道路封闭').polarity) < SENTIMENT_LABEL_THRESHOLD; // true: no feeling words
 * ```
 */
export const SENTIMENT_LABEL_THRESHOLD = 0.2;

// A negator reaches a sentiment word at most this many characters further on (没有|人员|伤亡).
const NEGATION_WINDOW = 4;
// A degree adverb reaches a little less far (非常|地|感谢).
const DEGREE_WINDOW = 2;
// "不害怕" is less positive than "勇敢" is: negation flips a word and halves it.
const NEGATION_DAMPING = 0.5;
// Squashes a sum of weights into -1..1; with 4, one word of weight 2 gives ±0.71.
const POLARITY_SOFTNESS = 4;
// Squashes the sum of absolute weights into 0..1; one word of weight 2 gives 0.33.
const INTENSITY_SOFTNESS = 4;

// Commas and full stops end the reach of a negator or degree adverb: "不是演习，真的很害怕".
const CLAUSE_BREAKS = new Set([...'，。！？；：、,.!?;:\n…']);

// prettier-ignore
const NEGATORS = [
  '不', '没', '没有', '未', '并非', '别', '无', '不是', '并不', '并没有', '并未', '从未', '从不',
  '毫不', '绝不', '决不', '无需', '不用', '不必', '不要', '勿', '莫', '尚未', '未曾',
];

// Multipliers ordered like the tiers of HowNet's 程度级别词语 list (极其 > 很 > 较 > 稍); the numbers are ours.
const DEGREE_ADVERBS: Readonly<Record<string, number>> = {
  极其: 2,
  极为: 2,
  极度: 2,
  极: 2,
  万分: 2,
  非常: 1.8,
  特别: 1.8,
  太: 1.8,
  超级: 1.8,
  巨: 1.8,
  十分: 1.7,
  多么: 1.6,
  格外: 1.6,
  巨大: 1.5,
  超: 1.5,
  很: 1.5,
  相当: 1.5,
  如此: 1.5,
  好: 1.4,
  更加: 1.4,
  挺: 1.3,
  真: 1.3,
  真的: 1.3,
  更: 1.3,
  越来越: 1.3,
  比较: 1.15,
  较: 1.1,
  有些: 0.7,
  有点: 0.6,
  有点儿: 0.6,
  稍: 0.6,
  略: 0.6,
  稍微: 0.5,
  略微: 0.5,
};

// Words that begin with a negator or degree character but are neither: matched whole so that
// 未来 does not negate, and 太阳 does not intensify, the next feeling word.
// prettier-ignore
const NON_MODIFIERS = [
  '未来', '未知', '未成年', '别人', '别的', '别墅', '不断', '不少', '不仅', '不但', '不过', '不管',
  '不久', '不得不', '不明', '不定', '不同', '不得', '无论', '无数', '无人机', '无线', '无关', '没收',
  '太阳', '太原', '太平', '好多', '好好', '好像', '好几', '真相', '真实', '超过', '超市', '超标',
  '更新', '战略', '策略', '积极', '哪怕', '恐怕', '特别是', '极端',
];

type TermKind = 'feeling' | 'negator' | 'degree' | 'other';

interface Term {
  readonly word: string;
  readonly kind: TermKind;
  /** The weight of a feeling word, the multiplier of a degree adverb, else 0. */
  readonly value: number;
}

/** Terms keyed by their first UTF-16 code unit, longest first. */
type Matcher = ReadonlyMap<string, readonly Term[]>;

const matchers = new WeakMap<SentimentLexicon, Matcher>();
let defaultLexicon: SentimentLexicon | undefined;

function getDefaultLexicon(): SentimentLexicon {
  defaultLexicon ??= createSentimentLexicon(SENTIMENT_ENTRIES);
  return defaultLexicon;
}

function getMatcher(lexicon: SentimentLexicon): Matcher {
  const cached = matchers.get(lexicon);
  if (cached) return cached;
  const terms = new Map<string, Term>();
  for (const word of NON_MODIFIERS) terms.set(word, { word, kind: 'other', value: 0 });
  for (const word of NEGATORS) terms.set(word, { word, kind: 'negator', value: 0 });
  for (const [word, value] of Object.entries(DEGREE_ADVERBS)) terms.set(word, { word, kind: 'degree', value });
  // Lexicon words come last so that they win over a modifier spelled the same.
  for (const entry of lexicon.entries)
    terms.set(entry.word, { word: entry.word, kind: 'feeling', value: entry.weight });
  const byFirst = new Map<string, Term[]>();
  for (const term of terms.values()) {
    const first = term.word.charAt(0);
    const list = byFirst.get(first);
    if (list) list.push(term);
    else byFirst.set(first, [term]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.word.length - a.word.length);
  matchers.set(lexicon, byFirst);
  return byFirst;
}

function matchAt(matcher: Matcher, text: string, index: number): Term | undefined {
  const candidates = matcher.get(text.charAt(index));
  if (!candidates) return undefined;
  for (const term of candidates) if (text.startsWith(term.word, index)) return term;
  return undefined;
}

function labelOf(polarity: number): SentimentLabel {
  if (polarity >= SENTIMENT_LABEL_THRESHOLD) return 'positive';
  if (polarity <= -SENTIMENT_LABEL_THRESHOLD) return 'negative';
  return 'neutral';
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Scores the tone of a Chinese text with a sentiment lexicon, handling negation and degree.
 *
 * Feeling words are found by longest match. A negator (不, 没有, 未, 并非, 别, 无 …) up to four
 * characters before a feeling word flips it and halves it ("不害怕" is mildly positive,
 * "没有人员伤亡" is not distress); two negators cancel. A degree adverb (非常, 特别, 太, 极其,
 * 超级, 巨 … up to 2×; 有点, 稍微 … down to 0.5×) up to two characters before scales it.
 * Punctuation ends their reach.
 *
 * `polarity` is the sum of the scaled weights squashed into -1..1 (`s / √(s² + 4)`),
 * labelled against {@link SENTIMENT_LABEL_THRESHOLD}; `intensity` is the sum of their
 * absolute values squashed into 0..1 (`a / (a + 4)`), so mixed feelings are intense but
 * neutral. `evidence` holds each matched word with the modifiers that changed it, in text order.
 *
 * @example
 * ```ts
 * scoreSentiment('非常感谢消防员，辛苦了！');
 * // { polarity: 0.962, label: 'positive', intensity: 0.636, evidence: ['非常感谢', '辛苦了'] }
 * scoreSentiment('大家不要恐慌，目前没有人员伤亡').label; // 'positive'
 * ```
 */
export function scoreSentiment(text: string, options: ScoreSentimentOptions = {}): Sentiment {
  const matcher = getMatcher(options.lexicon ?? getDefaultLexicon());
  const evidence: string[] = [];
  let sum = 0;
  let absoluteSum = 0;
  let negations = 0;
  let negationStart = -1;
  let negationEnd = -1;
  let degree = 1;
  let degreeStart = -1;
  let degreeEnd = -1;

  let index = 0;
  while (index < text.length) {
    if (CLAUSE_BREAKS.has(text.charAt(index))) {
      negations = 0;
      degreeEnd = -1;
      index++;
      continue;
    }
    const term = matchAt(matcher, text, index);
    if (!term) {
      index++;
      continue;
    }
    if (negations > 0 && index - negationEnd > NEGATION_WINDOW) negations = 0;
    if (degreeEnd >= 0 && index - degreeEnd > DEGREE_WINDOW) degreeEnd = -1;
    const end = index + term.word.length;

    if (term.kind === 'negator') {
      if (negations === 0) negationStart = index;
      negations++;
      negationEnd = end;
    } else if (term.kind === 'degree') {
      if (degreeEnd < 0) {
        degreeStart = index;
        degree = 1;
      }
      degree *= term.value;
      degreeEnd = end;
    } else if (term.kind === 'feeling') {
      let value = degreeEnd >= 0 ? term.value * degree : term.value;
      if (negations % 2 === 1) value *= -NEGATION_DAMPING;
      let start = index;
      if (negations > 0) start = Math.min(start, negationStart);
      if (degreeEnd >= 0) start = Math.min(start, degreeStart);
      evidence.push(text.slice(start, end));
      sum += value;
      absoluteSum += Math.abs(value);
      negations = 0;
      degreeEnd = -1;
    }
    index = end;
  }

  const polarity = round(sum / Math.sqrt(sum * sum + POLARITY_SOFTNESS));
  return {
    polarity,
    label: labelOf(polarity),
    intensity: round(absoluteSum / (absoluteSum + INTENSITY_SOFTNESS)),
    evidence,
  };
}
