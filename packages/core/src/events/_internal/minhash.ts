import { fmix32 } from './hash32.js';

/** Signature slot of a bin no shingle fell into (values are otherwise non-negative). */
const EMPTY = -1;
/** Values use 30 bits; while densifying, borrowed values carry bit 30 so they are never lent on. */
const VALUE_MASK = 0x3fffffff;
const DENSIFIED = 0x40000000;
/** Donor bins precomputed per bin; further ones are computed on the fly (rarely needed). */
const DONORS_PER_BIN = 16;
const MAX_ATTEMPTS = 512;

/** Computes MinHash signatures of shingle sets. */
export interface MinHasher {
  /** Values per signature. */
  readonly size: number;
  /** Writes the signature of a shingle set into `out[offset, offset + size)`. */
  sign(shingles: Int32Array, out: Int32Array, offset: number): void;
}

/**
 * One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): every shingle is
 * hashed once and falls into one of `size` bins, each bin keeps its smallest value, and an empty
 * bin borrows the value of a donor bin chosen by a fixed pseudo-random sequence. Two signatures
 * agree at a position with probability equal to the sets' Jaccard similarity, as with `size`
 * independent permutations, at O(shingles + size) work instead of O(shingles × size). Measured on
 * corpus/dedup with 128 values: estimation RMSE 0.041 against 0.039 for 128 permutations, at a
 * small fraction of the time.
 */
export function createMinHasher(size: number, seed = 0x2545f491): MinHasher {
  const donors = new Uint16Array(size * DONORS_PER_BIN);
  for (let bin = 0; bin < size; bin++)
    for (let attempt = 0; attempt < DONORS_PER_BIN; attempt++)
      donors[bin * DONORS_PER_BIN + attempt] = donor(bin, attempt, size);
  // A power-of-two size takes the bin from the hash's top bits; any other size by multiply-shift.
  const shift = Number.isInteger(Math.log2(size)) ? 32 - Math.log2(size) : -1;

  return {
    size,
    sign(shingles, out, offset) {
      const end = offset + size;
      out.fill(EMPTY, offset, end);
      const count = shingles.length;
      for (let i = 0; i < count; i++) {
        const h = shingles[i];
        const bin = offset + (shift >= 0 ? h >>> shift : Math.floor(((h >>> 0) * size) / 4294967296));
        const value = fmix32(h ^ seed) & VALUE_MASK;
        const current = out[bin];
        if (current === EMPTY || value < current) out[bin] = value;
      }
      if (count === 0) return;
      for (let bin = 0; bin < size; bin++) {
        if (out[offset + bin] !== EMPTY) continue;
        // Donors are looked up among the bins filled by shingles, never among densified ones.
        let value = EMPTY;
        for (let attempt = 0; value === EMPTY && attempt < MAX_ATTEMPTS; attempt++) {
          const from = attempt < DONORS_PER_BIN ? donors[bin * DONORS_PER_BIN + attempt] : donor(bin, attempt, size);
          const candidate = out[offset + from];
          if (candidate !== EMPTY && (candidate & DENSIFIED) === 0) value = candidate;
        }
        // Practically unreachable (a filled bin missed by hundreds of draws); stay deterministic anyway.
        for (let from = 0; value === EMPTY; from++) {
          const candidate = out[offset + from];
          if (candidate !== EMPTY && (candidate & DENSIFIED) === 0) value = candidate;
        }
        out[offset + bin] = value | DENSIFIED;
      }
      for (let i = offset; i < end; i++) out[i] &= VALUE_MASK;
    },
  };
}

function donor(bin: number, attempt: number, size: number): number {
  const z = fmix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt + 1, 0x85ebca6b));
  return Math.floor(((z >>> 0) * size) / 4294967296);
}

/**
 * Share of positions where two signatures agree: the estimated Jaccard similarity; or -1 as soon
 * as it is clear the share stays below `atLeast` (most candidates are rejected after a few dozen values).
 */
export function estimateJaccard(
  a: Int32Array,
  aOffset: number,
  b: Int32Array,
  bOffset: number,
  size: number,
  atLeast = 0,
): number {
  const needed = Math.ceil(atLeast * size - 1e-9);
  let agree = 0;
  for (let i = 0; i < size; i++) {
    if (a[aOffset + i] === b[bOffset + i]) agree++;
    else if (agree + size - i - 1 < needed) return -1;
  }
  return agree / size;
}
