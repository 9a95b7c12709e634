import { createMatcher, type Matcher } from '../_internal/aho-corasick.js';
import type { LexiconEntry } from './lexicon.js';

/**
 * Features of one text, in reusable typed arrays: character 1–3-grams hashed to 32-bit keys
 * (value 1/√n each, so long texts do not outvote short ones) and domain-lexicon hits (value =
 * the entry's strength). Offsets are kept so explanations can quote the text.
 */
export interface FeatureBuffer {
  /** Number of features filled in. */
  count: number;
  /** Feature keys (never 0, which marks an empty hash-table slot). */
  keys: Int32Array;
  /** Feature values. */
  values: Float32Array;
  /** Start offset of each feature in the feature text. */
  starts: Int32Array;
  /** Length of each feature in the feature text. */
  lengths: Int32Array;
  /** Index into the lexicon for lexicon features, -1 for n-grams. */
  lexicon: Int32Array;
}

/** Creates an empty feature buffer that grows as needed. */
export function createFeatureBuffer(capacity = 512): FeatureBuffer {
  return {
    count: 0,
    keys: new Int32Array(capacity),
    values: new Float32Array(capacity),
    starts: new Int32Array(capacity),
    lengths: new Int32Array(capacity),
    lexicon: new Int32Array(capacity),
  };
}

function grow(buffer: FeatureBuffer, needed: number): void {
  if (needed <= buffer.keys.length) return;
  const size = Math.max(needed, buffer.keys.length * 2);
  const copy = <T extends Int32Array | Float32Array>(old: T, fresh: T): T => (fresh.set(old), fresh);
  buffer.keys = copy(buffer.keys, new Int32Array(size));
  buffer.values = copy(buffer.values, new Float32Array(size));
  buffer.starts = copy(buffer.starts, new Int32Array(size));
  buffer.lengths = copy(buffer.lengths, new Int32Array(size));
  buffer.lexicon = copy(buffer.lexicon, new Int32Array(size));
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const LEXICON_SEED = 0x5bd1e995;

/** FNV-1a over UTF-16 code units, from a seed; 0 is remapped because it marks empty slots. */
export function hashString(text: string, seed = FNV_OFFSET): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h === 0 ? 1 : h;
}

/** The hash key of a lexicon term (its own seed, so a term never collides with its n-gram). */
export function lexiconKey(term: string): number {
  return hashString(term, LEXICON_SEED);
}

/** Word characters: Han, letters and digits of any script. Everything else separates n-grams. */
function isWordChar(code: number): boolean {
  if (code < 0x80)
    return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code >= 0x2000 && code <= 0x206f) return false; // general punctuation
  if (code >= 0x3000 && code <= 0x303f) return false; // CJK punctuation
  if (code >= 0xff00 && code <= 0xffef) return false; // full-width forms (folded before, but be safe)
  if (code >= 0xd800 && code <= 0xdfff) return false; // surrogates: emoji and rare ideographs
  return code !== 0xa0;
}

/** Lower-cases ASCII and maps every digit to 0, so 5.1级 and 4.3级 share their n-grams. */
function featureCode(code: number): number {
  if (code >= 0x30 && code <= 0x39) return 0x30;
  if (code >= 0x41 && code <= 0x5a) return code + 32;
  return code;
}

type LexiconMatcher = Matcher<number>;
const matchers = new WeakMap<readonly LexiconEntry[], { matcher: LexiconMatcher; keys: Int32Array }>();

function lexiconIndex(lexicon: readonly LexiconEntry[]) {
  let cached = matchers.get(lexicon);
  if (!cached) {
    cached = {
      matcher: createMatcher(lexicon.map((entry, index) => ({ text: entry.term, value: index }))),
      keys: Int32Array.from(lexicon, (entry) => lexiconKey(entry.term)),
    };
    matchers.set(lexicon, cached);
  }
  return cached;
}

/**
 * Fills `buffer` with the features of an already normalised text.
 *
 * @example
 * const buffer = createFeatureBuffer();
 * extractFeatures('阿拉善盟出现沙尘暴', DOMAIN_LEXICON, buffer);
 * buffer.count; // 27: 24 n-grams and 3 lexicon hits (出现, 沙尘, 沙尘暴)
 */
export function extractFeatures(text: string, lexicon: readonly LexiconEntry[], buffer: FeatureBuffer): FeatureBuffer {
  buffer.count = 0;
  grow(buffer, text.length * 3 + 16);
  let n = 0;
  let run = 0; // length of the current run of word characters, capped at 3
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i < text.length; i++) {
    const raw = text.charCodeAt(i);
    if (!isWordChar(raw)) {
      run = 0;
      continue;
    }
    const c = featureCode(raw);
    run = run < 3 ? run + 1 : 3;
    // 1-gram, then 2- and 3-grams ending here; a different seed per length keeps them apart.
    let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
    push(buffer, n++, h === 0 ? 1 : h, i, 1);
    if (run >= 2) {
      h = Math.imul(Math.imul((FNV_OFFSET + 1) ^ c2, FNV_PRIME) ^ c, FNV_PRIME);
      push(buffer, n++, h === 0 ? 1 : h, i - 1, 2);
    }
    if (run >= 3) {
      h = Math.imul(Math.imul(Math.imul((FNV_OFFSET + 2) ^ c1, FNV_PRIME) ^ c2, FNV_PRIME) ^ c, FNV_PRIME);
      push(buffer, n++, h === 0 ? 1 : h, i - 2, 3);
    }
    c1 = c2;
    c2 = c;
  }
  const value = n > 0 ? 1 / Math.sqrt(n) : 0;
  buffer.values.fill(value, 0, n);
  buffer.lexicon.fill(-1, 0, n);

  const { matcher, keys } = lexiconIndex(lexicon);
  for (const match of matcher.findAll(text)) {
    grow(buffer, n + 1);
    buffer.keys[n] = keys[match.value]!;
    buffer.values[n] = lexicon[match.value]!.strength;
    buffer.starts[n] = match.start;
    buffer.lengths[n] = match.end - match.start;
    buffer.lexicon[n] = match.value;
    n++;
  }
  buffer.count = n;
  return buffer;
}

function push(buffer: FeatureBuffer, index: number, key: number, start: number, length: number): void {
  buffer.keys[index] = key;
  buffer.starts[index] = start;
  buffer.lengths[index] = length;
}
