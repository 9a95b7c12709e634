import { EmwatchError } from '../errors.js';
import { STAGE_IDS, TYPE_IDS, isStageId, isTypeId, type StageId, type TypeId } from '../model/taxonomy.js';
import { createFeatureBuffer, extractFeatures } from './features.js';
import { DOMAIN_LEXICON, type LexiconEntry } from './lexicon.js';
import { bucketOf, buildModel, type ClassifierModel } from './model.js';

const DEFAULT_BUCKETS = 32768;
import { normalizeText } from './normalize.js';

/** One labelled text. */
export interface TrainingExample {
  /** The text as written. */
  readonly text: string;
  /** Its type (`none` for non-emergencies). */
  readonly type: TypeId;
  /** Its stage; `null` for `none`. */
  readonly stage: StageId | null;
}

/** Options of {@link trainClassifier}. */
export interface TrainClassifierOptions {
  /** Domain lexicon whose hits become features (default: the built-in Inner Mongolia lexicon). */
  readonly lexicon?: readonly LexiconEntry[];
  /** Held-out examples for fitting the confidence temperature (never trained on). */
  readonly dev?: readonly TrainingExample[];
  /** Passes over the data (default 40). */
  readonly epochs?: number;
  /** AdaGrad base learning rate (default 0.4). */
  readonly learningRate?: number;
  /** L2 penalty per update (default 1e-4). */
  readonly l2?: number;
  /** Seed of the shuffling, so training is deterministic (default 1). */
  readonly seed?: number;
  /**
   * Number of n-gram buckets, a power of two (default 32768). More buckets mean fewer n-grams
   * sharing a row (better accuracy) and a bigger model that falls out of the CPU cache (slower).
   */
  readonly buckets?: number;
  /**
   * How far to even out class sizes (0 = not at all, 1 = fully balanced, the default): each
   * example's gradient is scaled by (average class size / its class size) to this power, so the
   * large `none` class does not pull borderline texts its way.
   */
  readonly balance?: number;
}

interface Encoded {
  readonly rows: Int32Array;
  readonly values: Float32Array;
  readonly type: number;
  readonly stage: number;
}

/** mulberry32: a tiny seeded PRNG, enough for deterministic shuffles. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmaxInPlace(scores: Float64Array, from: number, to: number, temperature = 1): void {
  let max = -Infinity;
  for (let c = from; c < to; c++) max = Math.max(max, scores[c]! / temperature);
  let sum = 0;
  for (let c = from; c < to; c++) sum += scores[c] = Math.exp(scores[c]! / temperature - max);
  for (let c = from; c < to; c++) scores[c] = scores[c]! / sum;
}

/**
 * Trains the type-and-stage classifier: multinomial logistic regression over hashed character
 * 1–3-grams and lexicon hits, fitted with AdaGrad; confidence is calibrated by temperature scaling on
 * `options.dev`. Deterministic: the same examples and options give the same model.
 *
 * @example
 * const model = trainClassifier(trainExamples, { dev: devExamples });
 * classifyText('锡盟东乌旗遭遇白灾', { model }).type; // 'snow-disaster'
 */
export function trainClassifier(
  examples: readonly TrainingExample[],
  options: TrainClassifierOptions = {},
): ClassifierModel {
  const lexicon = options.lexicon ?? DOMAIN_LEXICON;
  const epochs = options.epochs ?? 40;
  const learningRate = options.learningRate ?? 0.4;
  const l2 = options.l2 ?? 1e-4;
  const labels = TYPE_IDS;
  const stages = STAGE_IDS;
  const columns = labels.length + stages.length;
  examples.forEach((example, index) => {
    if (!isTypeId(example.type))
      throw new EmwatchError(
        'EMW_TRAIN_INVALID',
        `[emwatch] [train] example ${index} has unknown type ${String(example.type)}`,
      );
    if (example.stage !== null && !isStageId(example.stage))
      throw new EmwatchError(
        'EMW_TRAIN_INVALID',
        `[emwatch] [train] example ${index} has unknown stage ${String(example.stage)}`,
      );
  });
  if (examples.length === 0) throw new EmwatchError('EMW_TRAIN_INVALID', '[emwatch] [train] no examples');

  const buckets = options.buckets ?? DEFAULT_BUCKETS;
  if (!(Number.isInteger(buckets) && buckets > 0 && (buckets & (buckets - 1)) === 0))
    throw new EmwatchError('EMW_TRAIN_INVALID', `[emwatch] [train] buckets must be a power of two, not ${buckets}`);
  const rowCount = buckets + lexicon.length;
  const buffer = createFeatureBuffer();
  const encode = (example: TrainingExample): Encoded => {
    extractFeatures(normalizeText(example.text).text, lexicon, buffer);
    const merged = new Map<number, number>();
    for (let i = 0; i < buffer.count; i++) {
      const term = buffer.lexicon[i]!;
      const row = term >= 0 ? buckets + term : bucketOf(buffer.keys[i]!, buckets);
      merged.set(row, (merged.get(row) ?? 0) + buffer.values[i]!);
    }
    return {
      rows: Int32Array.from(merged.keys()),
      values: Float32Array.from(merged.values()),
      type: labels.indexOf(example.type),
      stage: example.stage === null || example.type === 'none' ? -1 : labels.length + stages.indexOf(example.stage),
    };
  };
  const train = examples.map(encode);
  const dev = (options.dev ?? []).map(encode);

  const weights = new Float32Array(rowCount * columns);
  const squared = new Float32Array(rowCount * columns).fill(1e-8);
  const bias = new Float32Array(columns);
  const biasSquared = new Float32Array(columns).fill(1e-8);
  const scores = new Float64Array(columns);
  const order = train.map((_, index) => index);
  const next = random(options.seed ?? 1);

  const score = (item: Encoded) => {
    scores.set(bias);
    for (let k = 0; k < item.rows.length; k++) {
      const base = item.rows[k]! * columns;
      const x = item.values[k]!;
      for (let c = 0; c < columns; c++) scores[c]! += weights[base + c]! * x;
    }
  };
  const balance = options.balance ?? 1;
  const classSize = new Float64Array(columns);
  for (const item of train) {
    classSize[item.type]!++;
    if (item.stage >= 0) classSize[item.stage]!++;
  }
  const classWeight = (column: number, from: number, to: number) => {
    let present = 0;
    let total = 0;
    for (let c = from; c < to; c++) if (classSize[c]! > 0) [present, total] = [present + 1, total + classSize[c]!];
    return Math.pow(total / present / Math.max(classSize[column]!, 1), balance);
  };
  const weightOf = Float64Array.from({ length: columns }, (_, c) =>
    c < labels.length ? classWeight(c, 0, labels.length) : classWeight(c, labels.length, columns),
  );
  const update = (item: Encoded, from: number, to: number, target: number) => {
    softmaxInPlace(scores, from, to);
    const scale = weightOf[target]!;
    for (let c = from; c < to; c++) {
      const gradient = (scores[c]! - (c === target ? 1 : 0)) * scale;
      biasSquared[c]! += gradient * gradient;
      bias[c]! -= (learningRate * gradient) / Math.sqrt(biasSquared[c]!);
      for (let k = 0; k < item.rows.length; k++) {
        const index = item.rows[k]! * columns + c;
        const g = gradient * item.values[k]! + l2 * weights[index]!;
        squared[index]! += g * g;
        weights[index]! -= (learningRate * g) / Math.sqrt(squared[index]!);
      }
    }
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const item = train[index]!;
      // One scoring serves both updates: the type update touches only type columns, so the stage
      // columns' sums are still current when the stage update reads them.
      score(item);
      update(item, 0, labels.length, item.type);
      if (item.stage >= 0) update(item, labels.length, columns, item.stage);
    }
  }

  // Temperature scaling: the one parameter that turns scores into honest probabilities.
  const fitTemperature = (from: number, to: number, target: (item: Encoded) => number): number => {
    const items = dev.filter((item) => target(item) >= 0);
    if (items.length === 0) return 1;
    let best = 1;
    let bestLoss = Infinity;
    for (let temperature = 0.25; temperature <= 6; temperature += 0.05) {
      let loss = 0;
      for (const item of items) {
        score(item);
        softmaxInPlace(scores, from, to, temperature);
        loss -= Math.log(Math.max(scores[target(item)]!, 1e-12));
      }
      if (loss < bestLoss) [best, bestLoss] = [temperature, loss];
    }
    return Math.round(best * 100) / 100;
  };
  const temperature = fitTemperature(0, labels.length, (item) => item.type);
  const stageTemperature = fitTemperature(labels.length, columns, (item) => item.stage);

  return buildModel({ labels, stages, lexicon, buckets, weights, bias, temperature, stageTemperature });
}
