import type { Evidence } from '../model/text-analysis.js';
import { categoryOf, type CategoryId, type StageId, type TypeId } from '../model/taxonomy.js';
import { defaultModel } from './default-model.js';
import { createFeatureBuffer, extractFeatures, type FeatureBuffer } from './features.js';
import type { ClassifierModel } from './model.js';
import { normalizeText } from './normalize.js';

/** What {@link classifyText} decides about a text. */
export interface Classification {
  /** The most probable type; `'none'` when the text is not about an emergency. */
  readonly type: TypeId;
  /** The category of `type`. */
  readonly category: CategoryId;
  /** The most probable stage; `null` for `none`. */
  readonly stage: StageId | null;
  /** Calibrated probability, 0..1, that `type` is right. */
  readonly confidence: number;
  /** Calibrated probability, 0..1, that `stage` is right (0 when `stage` is null). */
  readonly stageConfidence: number;
  /** The terms and n-grams that pushed the decision, strongest first, with their log-odds weights. */
  readonly explanation: readonly Evidence[];
}

/** Options of {@link classifyText}. */
export interface ClassifyTextOptions {
  /** A model from {@link loadModel} or `trainClassifier`; default: the model shipped in the package. */
  readonly model?: ClassifierModel;
  /** Evidence items to return (default 6: up to 4 for the type, 2 for the stage). */
  readonly explain?: number;
  /** Skip normalisation because the caller already did it (analyzeText does). */
  readonly normalized?: boolean;
}

// One buffer and score array per process: classification is synchronous, so they are never shared
// mid-use, and reusing them keeps the hot path free of allocation.
let shared: FeatureBuffer | undefined;
let scores = new Float64Array(32);
let rowsOf = new Int32Array(512);
const ngramSums = new Float64Array(64);
const lexiconSums = new Float64Array(64);
const laneSums = new Float64Array(32);

/** Adds one word's two lane sums (over `added` rows) to their columns, removing the +128 offset. */
function addLanes(sums: Float64Array, word: number, total: number, added: number): void {
  const low = total % 65536;
  sums[2 * word] += low - 128 * added;
  sums[2 * word + 1] += (total - low) / 65536 - 128 * added;
}

/** Sums the packed rows of the n-gram features, any row width. */
function sumWords(
  packed: Int32Array,
  words: number,
  rows: Int32Array,
  lexicon: Int32Array,
  count: number,
  sums: Float64Array,
): void {
  const lanes = laneSums.fill(0);
  let added = 0;
  for (let i = 0; i < count; i++) {
    if (lexicon[i]! >= 0) continue;
    const base = rows[i]! * words;
    for (let j = 0; j < words; j++) lanes[j] += packed[base + j]!;
    // A lane holds at most 256 rows of values up to 255 before it would carry into its neighbour.
    if (++added === 256) {
      for (let j = 0; j < words; j++) addLanes(sums, j, lanes[j]!, added);
      lanes.fill(0);
      added = 0;
    }
  }
  for (let j = 0; j < words; j++) addLanes(sums, j, lanes[j]!, added);
}

/**
 * {@link sumWords} for the shipped model's shape (31 columns in 16 words), with the lane sums in
 * local variables: V8 keeps them in registers, which makes the classifier's hot loop markedly faster.
 */
function sumSixteenWords(
  packed: Int32Array,
  rows: Int32Array,
  lexicon: Int32Array,
  count: number,
  sums: Float64Array,
): void {
  let i = 0;
  while (i < count) {
    // At most 256 rows per round, so no lane carries; no closure, so the sums stay in registers.
    let w0 = 0,
      w1 = 0,
      w2 = 0,
      w3 = 0,
      w4 = 0,
      w5 = 0,
      w6 = 0,
      w7 = 0;
    let w8 = 0,
      w9 = 0,
      w10 = 0,
      w11 = 0,
      w12 = 0,
      w13 = 0,
      w14 = 0,
      w15 = 0;
    let added = 0;
    for (; i < count && added < 256; i++) {
      if (lexicon[i]! >= 0) continue;
      const b = rows[i]! * 16;
      w0 += packed[b]!;
      w1 += packed[b + 1]!;
      w2 += packed[b + 2]!;
      w3 += packed[b + 3]!;
      w4 += packed[b + 4]!;
      w5 += packed[b + 5]!;
      w6 += packed[b + 6]!;
      w7 += packed[b + 7]!;
      w8 += packed[b + 8]!;
      w9 += packed[b + 9]!;
      w10 += packed[b + 10]!;
      w11 += packed[b + 11]!;
      w12 += packed[b + 12]!;
      w13 += packed[b + 13]!;
      w14 += packed[b + 14]!;
      w15 += packed[b + 15]!;
      added++;
    }
    addLanes(sums, 0, w0, added);
    addLanes(sums, 1, w1, added);
    addLanes(sums, 2, w2, added);
    addLanes(sums, 3, w3, added);
    addLanes(sums, 4, w4, added);
    addLanes(sums, 5, w5, added);
    addLanes(sums, 6, w6, added);
    addLanes(sums, 7, w7, added);
    addLanes(sums, 8, w8, added);
    addLanes(sums, 9, w9, added);
    addLanes(sums, 10, w10, added);
    addLanes(sums, 11, w11, added);
    addLanes(sums, 12, w12, added);
    addLanes(sums, 13, w13, added);
    addLanes(sums, 14, w14, added);
    addLanes(sums, 15, w15, added);
  }
}

const NOTHING_TO_READ: Classification = {
  type: 'none',
  category: 'none',
  stage: null,
  confidence: 1,
  stageConfidence: 0,
  explanation: [{ term: '', source: 'rule', weight: 0 }],
};

/**
 * Classifies a Chinese text into the taxonomy's 25 types + `none`, with its stage, a calibrated
 * confidence and the evidence behind the decision.
 *
 * @example
 * classifyText('锡林郭勒盟气象台发布暴雪橙色预警');
 * // { type: 'snow-disaster', category: 'natural', stage: 'warning', confidence: 0.97, explanation: [{ term: '暴雪', source: 'lexicon', weight: 2.4 }, …] }
 */
export function classifyText(text: string, options: ClassifyTextOptions = {}): Classification {
  const model = options.model ?? defaultModel();
  const features = options.normalized ? text : normalizeText(text).text;
  const buffer = extractFeatures(features, model.lexicon, (shared ??= createFeatureBuffer()));
  // Nothing to read (empty, punctuation or emoji only): not an emergency, and sure of it.
  if (buffer.count === 0) return { ...NOTHING_TO_READ };
  const types = model.labels.length;
  const columns = types + model.stages.length;
  if (scores.length < columns) scores = new Float64Array(columns);
  if (rowsOf.length < buffer.count) rowsOf = new Int32Array(buffer.keys.length);
  if (columns > ngramSums.length)
    throw new RangeError(`[emwatch] [classify] a model with ${columns} columns is not supported`);
  const sums = scores;
  const rows = rowsOf;
  const { packed, words, bias, scale, buckets } = model;
  const mask = buckets - 1;
  const { keys, values, lexicon, count } = buffer;
  const ngrams = ngramSums.fill(0);
  const terms = lexiconSums.fill(0);
  let ngramValue = 0;
  for (let i = 0; i < count; i++) {
    // The row is the n-gram's bucket (bucketOf, inlined) or, for a lexicon hit, the entry's own
    // row after the buckets.
    const key = keys[i]!;
    const term = lexicon[i]!;
    rows[i] = term < 0 ? (key ^ (key >>> 16)) & mask : buckets + term;
    if (term < 0) {
      ngramValue = values[i]!;
      continue;
    }
    const base = rows[i]! * words;
    const x = values[i]!;
    for (let j = 0; j < words; j++) {
      const word = packed[base + j]!;
      terms[2 * j] += ((word & 0xffff) - 128) * x;
      terms[2 * j + 1] += ((word >>> 16) - 128) * x;
    }
  }
  // Every n-gram has the same value: sum packed rows now, multiply once at the end.
  if (words === 16) sumSixteenWords(packed, rows, lexicon, count, ngrams);
  else sumWords(packed, words, rows, lexicon, count, ngrams);
  for (let c = 0; c < columns; c++) sums[c] = bias[c]! + scale * (ngramValue * ngrams[c]! + terms[c]!);
  const best = argmax(sums, 0, types);
  const type = model.labels[best]!;
  const confidence = probability(sums, 0, types, best, model.temperature);
  let stage: StageId | null = null;
  let stageConfidence = 0;
  let bestStage = -1;
  if (type !== 'none') {
    bestStage = argmax(sums, types, columns);
    stage = model.stages[bestStage - types]!;
    stageConfidence = probability(sums, types, columns, bestStage, model.stageTemperature);
  }
  const limit = options.explain ?? 6;
  const stageLimit = stage ? Math.min(2, limit) : 0;
  const explanation: Evidence[] = [];
  explain(model, buffer, rows, features, best, limit - stageLimit, bestStage, stageLimit, stage, explanation);
  return { type, category: categoryOf(type), stage, confidence, stageConfidence, explanation };
}

function argmax(values: Float64Array, from: number, to: number): number {
  let best = from;
  for (let c = from + 1; c < to; c++) if (values[c]! > values[best]!) best = c;
  return best;
}

function probability(values: Float64Array, from: number, to: number, index: number, temperature: number): number {
  const top = values[index]! / temperature;
  let sum = 0;
  for (let c = from; c < to; c++) sum += Math.exp(values[c]! / temperature - top);
  return Math.round((1 / sum) * 1000) / 1000;
}

// The best contributions found so far: slots 0–7 for the type, 8–15 for the stage. Each slot holds
// a feature key, its summed weight and one occurrence's index.
const topKeys = new Int32Array(16);
const topWeights = new Float64Array(16);
const topIndex = new Int32Array(16);
const STAGE_SLOTS = 8;

/**
 * Explains the decision: the features that pushed the type column and the stage column up the
 * most, repeated n-grams merged, in one pass over the features that keeps two tiny sorted lists
 * (most features fall below a list's floor and cost one comparison). Text is sliced only for the
 * winners.
 */
function explain(
  model: ClassifierModel,
  buffer: FeatureBuffer,
  rows: Int32Array,
  text: string,
  typeColumn: number,
  typeLimit: number,
  stageColumn: number,
  stageLimit: number,
  stage: StageId | null,
  evidence: Evidence[],
): void {
  const typeSize = Math.max(0, Math.min(typeLimit, STAGE_SLOTS));
  const stageSize = stageColumn < 0 ? 0 : Math.max(0, Math.min(stageLimit, STAGE_SLOTS));
  if (typeSize + stageSize === 0) return;
  const { packed, words, scale } = model;
  const { keys, values, count } = buffer;
  const typeWord = typeColumn >> 1;
  const typeShift = (typeColumn & 1) * 16;
  const stageWord = stageColumn >> 1;
  const stageShift = (stageColumn & 1) * 16;
  let typeFilled = 0;
  let stageFilled = 0;
  for (let i = 0; i < count; i++) {
    const base = rows[i]! * words;
    const x = values[i]! * scale;
    if (typeSize > 0) {
      const weight = (((packed[base + typeWord]! >>> typeShift) & 0xffff) - 128) * x;
      // The floor test inline: most features are below it and never pay for a call.
      if (weight > 0 && (typeFilled < typeSize || weight >= topWeights[typeSize - 1]!))
        typeFilled = offer(0, typeSize, typeFilled, keys[i]!, weight, i);
    }
    if (stageSize > 0) {
      const weight = (((packed[base + stageWord]! >>> stageShift) & 0xffff) - 128) * x;
      if (weight > 0 && (stageFilled < stageSize || weight >= topWeights[STAGE_SLOTS + stageSize - 1]!))
        stageFilled = offer(STAGE_SLOTS, stageSize, stageFilled, keys[i]!, weight, i);
    }
  }
  collect(model, buffer, text, 0, typeFilled, undefined, evidence);
  collect(model, buffer, text, STAGE_SLOTS, stageFilled, stage ?? undefined, evidence);
}

/** Offers one contribution to the sorted list at `base`; returns how many slots are now filled. */
function offer(base: number, size: number, filled: number, key: number, weight: number, index: number): number {
  let at = -1;
  for (let k = base; k < base + filled; k++) {
    if (topKeys[k] === key) {
      at = k;
      break;
    }
  }
  if (at >= 0) {
    topWeights[at]! += weight;
  } else {
    if (filled === size && weight <= topWeights[base + size - 1]!) return filled;
    at = filled < size ? base + filled++ : base + size - 1;
    topKeys[at] = key;
    topWeights[at] = weight;
    topIndex[at] = index;
  }
  // Bubble the changed entry up to keep the list sorted, strongest first.
  while (at > base && topWeights[at]! > topWeights[at - 1]!) {
    swap(at, at - 1);
    at--;
  }
  return filled;
}

function collect(
  model: ClassifierModel,
  buffer: FeatureBuffer,
  text: string,
  base: number,
  filled: number,
  label: StageId | undefined,
  evidence: Evidence[],
): void {
  for (let k = base; k < base + filled; k++) {
    const i = topIndex[k]!;
    const lexiconIndex = buffer.lexicon[i]!;
    // One object shape for every evidence item (label undefined for the type) keeps them monomorphic.
    evidence.push({
      term:
        lexiconIndex >= 0
          ? model.lexicon[lexiconIndex]!.term
          : text.slice(buffer.starts[i]!, buffer.starts[i]! + buffer.lengths[i]!),
      source: lexiconIndex >= 0 ? 'lexicon' : 'ngram',
      weight: Math.round(topWeights[k]! * 1000) / 1000,
      label,
    });
  }
}

function swap(a: number, b: number): void {
  const key = topKeys[a]!;
  const weight = topWeights[a]!;
  const index = topIndex[a]!;
  topKeys[a] = topKeys[b]!;
  topWeights[a] = topWeights[b]!;
  topIndex[a] = topIndex[b]!;
  topKeys[b] = key;
  topWeights[b] = weight;
  topIndex[b] = index;
}
