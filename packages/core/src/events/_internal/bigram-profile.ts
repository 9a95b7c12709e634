/**
 * An open-addressing hash set of int32 shingle hashes: the union of several shingle sets, built
 * once and probed many times (an event's profile is read by every signal that might join it).
 */
export interface ShingleProfile {
  /** Share of `set`'s values that are in the profile (0 for an empty set). */
  containment(set: Int32Array): number;
}

/** Builds a profile holding every value of the given sets. */
export function createShingleProfile(sets: readonly Int32Array[]): ShingleProfile {
  let total = 0;
  for (const set of sets) total += set.length;
  let size = 16;
  while (size < total * 2) size *= 2;
  const mask = size - 1;
  // 0 marks an empty cell, so the value 0 is stored as 1 (a rare, harmless merge of two values).
  const table = new Int32Array(size);
  for (const set of sets)
    for (let i = 0; i < set.length; i++) {
      const value = set[i] || 1;
      let cell = value & mask;
      while (table[cell] !== 0 && table[cell] !== value) cell = (cell + 1) & mask;
      table[cell] = value;
    }
  return {
    containment(set) {
      if (set.length === 0) return 0;
      let found = 0;
      for (let i = 0; i < set.length; i++) {
        const value = set[i] || 1;
        let cell = value & mask;
        while (table[cell] !== 0) {
          if (table[cell] === value) {
            found++;
            break;
          }
          cell = (cell + 1) & mask;
        }
      }
      return found / set.length;
    },
  };
}
