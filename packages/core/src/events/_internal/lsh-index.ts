import { fmix32 } from './hash32.js';

/** Options of {@link createLshIndex}. */
export interface LshIndexOptions {
  /** Slots the index can hold (the owner's ring size). */
  readonly capacity: number;
  /** Bands a signature is cut into. */
  readonly bands: number;
  /** Signature values per band. */
  readonly rows: number;
  /** Most recent items looked at per band bucket; older ones in a crowded bucket are skipped. */
  readonly bucketCap: number;
}

/**
 * Locality-sensitive hashing over MinHash signatures: items whose signatures agree on all rows of
 * at least one band become candidates of each other.
 */
export interface LshIndex {
  /** Indexes the signature at `signature[offset…]` as `slot`, holding the item numbered `seq`. */
  insert(slot: number, seq: number, signature: Int32Array, offset: number): void;
  /** Forgets whatever `slot` held (called when the owner recycles it, signature or not). */
  release(slot: number): void;
  /**
   * Calls `visit` with the slot of every candidate (a slot may come up once per band it shares),
   * most recent first within a band; stops when `visit` returns false.
   */
  query(signature: Int32Array, offset: number, visit: (slot: number) => boolean): void;
}

/**
 * An LSH index in typed arrays, sized once: per band a table of chain heads, and per slot and band
 * the band's key and a link to the previous item of the same chain, newest first. The owner
 * recycles slots oldest first (a ring), so a link to a slot that now holds a newer item (its
 * sequence number differs) means everything further down the chain is gone too: eviction needs no
 * unlinking. A bucket shared by many items (a template everyone copies) is cut at `bucketCap`
 * most recent items, which bounds the work per query at `bands × bucketCap` candidates.
 */
export function createLshIndex(options: LshIndexOptions): LshIndex {
  const { capacity, bands, rows, bucketCap } = options;
  let tableSize = 1024;
  while (tableSize < capacity / 2) tableSize *= 2;
  const mask = tableSize - 1;
  const heads = new Int32Array(bands * tableSize).fill(-1);
  const headSeqs = new Int32Array(bands * tableSize);
  const keys = new Int32Array(capacity * bands);
  const links = new Int32Array(capacity * bands);
  const linkSeqs = new Int32Array(capacity * bands);
  // Sequence numbers are compared for equality only, so wrapping at 2^32 is harmless.
  const slotSeqs = new Int32Array(capacity).fill(-1);
  const maxSteps = bucketCap * 4;

  const bandKey = (signature: Int32Array, offset: number, band: number): number => {
    let h = Math.imul(band + 1, 0x9e3779b1);
    const start = offset + band * rows;
    for (let i = start; i < start + rows; i++) h = Math.imul(h ^ signature[i], 0x01000193);
    return fmix32(h);
  };

  return {
    insert(slot, seq, signature, offset) {
      slotSeqs[slot] = seq | 0;
      for (let band = 0; band < bands; band++) {
        const key = bandKey(signature, offset, band);
        const head = band * tableSize + (key & mask);
        const at = slot * bands + band;
        keys[at] = key;
        links[at] = heads[head];
        linkSeqs[at] = headSeqs[head];
        heads[head] = slot;
        headSeqs[head] = seq | 0;
      }
    },
    release(slot) {
      slotSeqs[slot] = -1;
    },
    query(signature, offset, visit) {
      for (let band = 0; band < bands; band++) {
        const key = bandKey(signature, offset, band);
        const head = band * tableSize + (key & mask);
        let slot = heads[head];
        let seq = headSeqs[head];
        let found = 0;
        for (let steps = 0; slot >= 0 && slotSeqs[slot] === seq && found < bucketCap && steps < maxSteps; steps++) {
          const at = slot * bands + band;
          if (keys[at] === key) {
            if (!visit(slot)) return;
            found++;
          }
          slot = links[at];
          seq = linkSeqs[at];
        }
      }
    },
  };
}
