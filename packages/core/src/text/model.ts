import { EmwatchError } from '../errors.js';
import { isStageId, isTypeId, type StageId, type TypeId } from '../model/taxonomy.js';
import type { LexiconEntry } from './lexicon.js';

/**
 * A trained text classifier: one linear layer scoring every type and every stage from character
 * n-grams hashed into a fixed number of buckets (the hashing trick: no vocabulary, no lookup
 * table, one memory access per feature) plus one row per lexicon entry.
 */
export interface ClassifierModel {
  /** Type labels, in column order. */
  readonly labels: readonly TypeId[];
  /** Stage labels, in column order after the type columns. */
  readonly stages: readonly StageId[];
  /** The domain lexicon the model was trained with (its hits are features). */
  readonly lexicon: readonly LexiconEntry[];
  /** Number of n-gram buckets, a power of two; lexicon rows follow them. */
  readonly buckets: number;
  /**
   * Weights quantised to int8 and packed two columns to a 32-bit word: column `2j` in the low 16
   * bits and `2j + 1` in the high 16 bits of word `j`, each stored as `int8 + 128`. Adding whole
   * words sums two columns at once (up to 256 rows before a lane could carry), which halves the
   * classifier's inner loop; weight = (lane − 128) × `scale`.
   */
  readonly packed: Int32Array;
  /** Words per row in `packed`: half the columns, rounded up. */
  readonly words: number;
  /** Quantisation step of the weights. */
  readonly scale: number;
  /** One bias per column. */
  readonly bias: Float32Array;
  /** Softmax temperature for type confidence, fitted on the dev split. */
  readonly temperature: number;
  /** Softmax temperature for stage confidence. */
  readonly stageTemperature: number;
}

/** The JSON form of a model, as `npm run train` writes it and {@link loadModel} reads it. */
export interface SerializedModel {
  readonly format: 'emwatch-text-classifier';
  readonly version: 1;
  readonly labels: readonly string[];
  readonly stages: readonly string[];
  readonly lexicon: readonly LexiconEntry[];
  readonly temperature: number;
  readonly stageTemperature: number;
  readonly bias: readonly number[];
  /** Quantisation step: weight = int8 × scale. */
  readonly scale: number;
  /** Number of n-gram buckets (a power of two). */
  readonly buckets: number;
  /** Base64 of `(buckets + lexicon.length) × columns` int8 weights, row-major. */
  readonly weights: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// Hand-written base64 because core must run in browsers and Node without Buffer or atob quirks.
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!;
    out += i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[c & 63]! : '=';
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) lookup[ALPHABET.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = lookup[clean.charCodeAt(i)] ?? -1;
    if (v < 0) throw new EmwatchError('EMW_MODEL_INVALID', `[emwatch] [model] invalid base64 at character ${i}`);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** The row of an n-gram key: its bucket. Mixing the high bits in spreads FNV's weak low bits. */
export function bucketOf(key: number, buckets: number): number {
  return (key ^ (key >>> 16)) & (buckets - 1);
}

/**
 * Builds the runtime model from a dense weight matrix (`buckets + lexicon.length` rows).
 *
 * @example
 * const model = buildModel({ labels, stages, lexicon, buckets: 32768, weights, bias, temperature: 1, stageTemperature: 1 });
 */
export function buildModel(parts: {
  labels: readonly TypeId[];
  stages: readonly StageId[];
  lexicon: readonly LexiconEntry[];
  buckets: number;
  /** Dense `rows × columns` weights, either float (quantised here) or int8 with `scale`. */
  weights: Float32Array | Int8Array;
  scale?: number;
  bias: Float32Array;
  temperature: number;
  stageTemperature: number;
}): ClassifierModel {
  const columns = parts.labels.length + parts.stages.length;
  const words = Math.ceil(columns / 2);
  const rowCount = parts.buckets + parts.lexicon.length;
  let scale = parts.scale ?? 1;
  if (parts.weights instanceof Float32Array) {
    let max = 0;
    for (const w of parts.weights) max = Math.max(max, Math.abs(w));
    scale = max > 0 ? max / 127 : 1;
  }
  const packed = new Int32Array(rowCount * words);
  for (let row = 0; row < rowCount; row++) {
    for (let c = 0; c < columns; c++) {
      const w = parts.weights[row * columns + c]!;
      const q = parts.weights instanceof Float32Array ? Math.round(w / scale) : w;
      packed[row * words + (c >> 1)]! |= (q + 128) << ((c & 1) * 16);
    }
    // A padding lane (odd column count) holds the neutral value so whole-word sums stay uniform.
    if (columns % 2 === 1) packed[row * words + words - 1]! |= 128 << 16;
  }
  const { labels, stages, lexicon, buckets, bias, temperature, stageTemperature } = parts;
  return { labels, stages, lexicon, buckets, bias, temperature, stageTemperature, packed, words, scale };
}

/** One weight of a model (row, column), unpacked and scaled. */
export function weightAt(model: ClassifierModel, row: number, column: number): number {
  const word = model.packed[row * model.words + (column >> 1)]!;
  return (((word >>> ((column & 1) * 16)) & 0xffff) - 128) * model.scale;
}

/**
 * Serialises a model to JSON-ready data: int8 weights as base64.
 *
 * @example
 * const json = JSON.stringify(serializeModel(model));
 */
export function serializeModel(model: ClassifierModel): SerializedModel {
  const columns = model.labels.length + model.stages.length;
  const count = model.packed.length / model.words;
  const quantised = new Int8Array(count * columns);
  for (let row = 0; row < count; row++) {
    for (let c = 0; c < columns; c++) quantised[row * columns + c] = Math.round(weightAt(model, row, c) / model.scale);
  }
  return {
    format: 'emwatch-text-classifier',
    version: 1,
    labels: model.labels,
    stages: model.stages,
    lexicon: model.lexicon,
    temperature: round(model.temperature),
    stageTemperature: round(model.stageTemperature),
    bias: Array.from(model.bias, round),
    scale: model.scale,
    buckets: model.buckets,
    weights: toBase64(new Uint8Array(quantised.buffer)),
  };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * Loads a model from its JSON text, parsed JSON, or UTF-8 bytes of the JSON, checking its shape.
 *
 * @example
 * const model = loadModel(await readFile('my-model.json'));
 * classifyText('锡盟发布暴雪预警', { model });
 */
export function loadModel(input: string | Uint8Array | SerializedModel): ClassifierModel {
  let data: SerializedModel;
  try {
    data =
      typeof input === 'string'
        ? JSON.parse(input)
        : input instanceof Uint8Array
          ? JSON.parse(new TextDecoder().decode(input))
          : input;
  } catch (error) {
    throw new EmwatchError('EMW_MODEL_INVALID', `[emwatch] [model] not JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const fail = (reason: string): never => {
    throw new EmwatchError('EMW_MODEL_INVALID', `[emwatch] [model] ${reason}`);
  };
  if (data?.format !== 'emwatch-text-classifier') fail('format is not emwatch-text-classifier');
  if (data.version !== 1) fail(`version ${String(data.version)} is not supported (expected 1)`);
  if (!Array.isArray(data.labels) || !data.labels.every(isTypeId)) fail('labels must be taxonomy type ids');
  if (!Array.isArray(data.stages) || !data.stages.every(isStageId)) fail('stages must be taxonomy stage ids');
  const columns = data.labels.length + data.stages.length;
  const buckets = data.buckets;
  if (!(Number.isInteger(buckets) && buckets > 0 && (buckets & (buckets - 1)) === 0))
    fail('buckets must be a power of two');
  if (!Array.isArray(data.lexicon)) fail('lexicon must be an array');
  const quantised = new Int8Array(fromBase64(data.weights).buffer);
  const rows = buckets + data.lexicon.length;
  if (quantised.length !== rows * columns) fail(`weights hold ${quantised.length} values, expected ${rows * columns}`);
  if (!Array.isArray(data.bias) || data.bias.length !== columns) fail(`bias must hold ${columns} numbers`);
  if (!(typeof data.scale === 'number' && data.scale > 0)) fail('scale must be a positive number');
  return buildModel({
    labels: data.labels as TypeId[],
    stages: data.stages as StageId[],
    lexicon: data.lexicon,
    buckets,
    weights: quantised,
    scale: data.scale,
    bias: Float32Array.from(data.bias),
    temperature: data.temperature,
    stageTemperature: data.stageTemperature,
  });
}
