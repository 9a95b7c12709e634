/**
 * 32-bit hashing for the near-duplicate and clustering internals: plain `Math.imul` arithmetic on
 * int32 values (never BigInt, which is over 20× slower in these loops), the same in every engine.
 */

/** MurmurHash3's finaliser: spreads every input bit over the whole int32 result. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** FNV-1a over the UTF-16 code units `text[start, end)`, finalised with {@link fmix32}; an int32. */
export function hashCodeUnits(text: string, start = 0, end = text.length): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/**
 * A 53-bit key for a whole string (two independent 32-bit hashes joined), exact enough to key a
 * `Map` of normalised texts without keeping the texts: about one false match in 10^15 pairs.
 */
export function hashKey53(text: string): number {
  const high = hashCodeUnits(text) >>> 11;
  let h = 0x2f1e3d4c | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995) ^ (h >>> 15);
  return high * 0x100000000 + (fmix32(h) >>> 0);
}
