import { hashCodeUnits } from './hash32.js';

/** Longest stretch of a text that is shingled: bounds the work on a very long article. */
export const MAX_SHINGLED_CHARS = 4000;

/**
 * The set of character `size`-grams of `text` as int32 hashes, sorted ascending, without
 * duplicates (a text shorter than `size` is one shingle). Sorted sets intersect in one pass
 * ({@link intersectionSize}), and their length is the set's size.
 */
export function shingleSet(text: string, size: number): Int32Array {
  const length = Math.min(text.length, MAX_SHINGLED_CHARS);
  if (length === 0) return new Int32Array(0);
  const count = Math.max(1, length - size + 1);
  const hashes = new Int32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = hashCodeUnits(text, i, Math.min(i + size, length));
  hashes.sort();
  let unique = 0;
  for (let i = 0; i < count; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[unique++] = hashes[i];
  return unique === count ? hashes : hashes.slice(0, unique);
}

/** Number of values two sorted, duplicate-free int32 sets share. */
export function intersectionSize(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted sets; 0 when both are empty. */
export function jaccard(a: Int32Array, b: Int32Array): number {
  const shared = intersectionSize(a, b);
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}
