import { EmwatchError } from '../errors.js';
import type { RegionPack } from '../model/region-pack.js';
import { prepareDedupText } from './_internal/dedup-text.js';
import { hashKey53 } from './_internal/hash32.js';
import { createLshIndex, type LshIndex } from './_internal/lsh-index.js';
import { createMinHasher, estimateJaccard } from './_internal/minhash.js';
import { placeFinderFor, type PlaceFinder } from './_internal/place-finder.js';
import { shingleSet } from './_internal/shingles.js';

/** A text to check for copies: a post, an article, a notice. */
export interface DedupItem {
  /** Stable identifier (a signal id); adding an id again returns its first result. */
  readonly id: string;
  /** The text as collected: repost chains, hashtags and emoji are dealt with here. */
  readonly text: string;
  /** When it was published (ISO 8601); `findDuplicates` takes items oldest first, so the earliest copy is the original. */
  readonly publishedAt?: string | null;
}

/** Whether an item copies an earlier one. */
export interface DuplicateMatch {
  /** The item's id. */
  readonly id: string;
  /** Id of the original it copies (a copy of a copy points at the first original), or `null` for an original. */
  readonly duplicateOf: string | null;
  /** Estimated Jaccard similarity (character shingles) to the closest earlier copy found, 0..1; 0 for an original, 1 for an exact copy. */
  readonly similarity: number;
}

/** What {@link Deduper.add} says about one item. */
export interface DedupResult extends DuplicateMatch {
  /** True when the normalised text is identical to an earlier item's. */
  readonly exact: boolean;
}

/** Options of {@link createDeduper} and {@link findDuplicates}. */
export interface CreateDeduperOptions {
  /**
   * Estimated Jaccard similarity of character shingles at or above which a text copies an earlier
   * one (default 0.6, tuned on corpus/dedup: edited reposts of short posts score 0.6–0.9, the same
   * template about another place 0.3–0.7 and is told apart by the places and numbers check).
   */
  readonly threshold?: number;
  /**
   * Share of the shorter text's shingles found in the longer one at or above which a truncated or
   * commented copy counts as a copy even below `threshold` (default 0.9). Applies when the shorter
   * text has at least 16 shingles.
   */
  readonly containment?: number;
  /** Characters per shingle (default 3; 2 finds more edited copies and more false ones). */
  readonly shingle?: number;
  /** MinHash values per signature (default 128; 16–1024). */
  readonly hashes?: number;
  /** LSH bands (default 32, so 4 values per band: texts with Jaccard 0.5 meet with probability 0.87, 0.6 with 0.99). */
  readonly bands?: number;
  /**
   * Most recent items looked at per LSH bucket (default 8): bounds the work when a template is
   * everywhere. Any remembered copy of an original leads to it, so a few recent ones suffice.
   */
  readonly bucketCap?: number;
  /** Items remembered (default 50,000; `findDuplicates`: all of them); the oldest are forgotten first. */
  readonly maxItems?: number;
  /** Normalised texts shorter than this many characters are matched exactly only (default 8). */
  readonly minChars?: number;
  /**
   * Region pack: when given, a text naming a unit the other neither names nor lies in or around
   * (阿拉善 against 锡林郭勒) is never its copy, however similar the template.
   */
  readonly region?: RegionPack;
}

/** Options of {@link findDuplicates}. */
export type FindDuplicatesOptions = CreateDeduperOptions;

/** A streaming near-duplicate detector. */
export interface Deduper {
  /** Checks one item against those seen before and remembers it. */
  add(item: DedupItem): DedupResult;
  /** Copies attached to an original so far (exact and near), 0 for an unknown id or a copy. */
  repostCount(id: string): number;
  /** Items currently remembered. */
  readonly size: number;
}

const DEFAULTS = {
  threshold: 0.6,
  containment: 0.9,
  shingle: 3,
  hashes: 128,
  bands: 32,
  bucketCap: 8,
  maxItems: 50_000,
  minChars: 8,
} as const;

/** Containment is only trusted on texts long enough that one shared phrase is not all of them. */
const MIN_CONTAINED_SHINGLES = 16;
const INITIAL_CAPACITY = 1024;
/** Distinct candidates verified per item, most recent per band first. */
const MAX_CANDIDATES = 48;
/** A verified candidate this similar ends the search: any copy of an original leads to it. */
const CONCLUSIVE = 0.9;

/**
 * Creates a streaming near-duplicate detector. Each text is normalised (the original of a repost
 * chain, without 转发 prefixes, hashtags, @mentions, URLs, emoji, truncation marks, punctuation and
 * width or script differences); identical normalised texts are exact copies, found by hash.
 * Otherwise a MinHash signature of its character shingles is looked up in an LSH index (bucket
 * cap), and each candidate is verified by estimated Jaccard similarity (or containment, for
 * truncated and commented copies) and by a facts check: a copy never states a number, or names a
 * place, that the other does not, when the other does the same the other way round (the same
 * warning template for 阿拉善 and for 锡林郭勒, a 3.2 and a 2.6 quake report). A copy points at the
 * original of the closest earlier item, so chains resolve to the first original, and is counted
 * there: copies are volume, never dropped. Memory is bounded by `maxItems` (oldest forgotten first).
 *
 * @example
 * ```ts
 * const deduper = createDeduper({ region: regionNmg });
 * deduper.add({ id: 'a', text: '西乌旗发生草原火灾，当地已组织300余人扑救，目前无人员伤亡。' });
 * deduper.add({ id: 'b', text: '祈祷平安🙏//@锡林郭勒发布:西乌旗发生草原火灾，当地已组织300余人扑救，目前无人员伤亡。' });
 * // { id: 'b', duplicateOf: 'a', similarity: 1, exact: true }
 * deduper.repostCount('a'); // 1
 * ```
 */
export function createDeduper(options: CreateDeduperOptions = {}): Deduper {
  const { threshold, containment, shingle, hashes, bands, bucketCap, maxItems, minChars } = resolveOptions(options);
  const rows = Math.floor(hashes / bands);
  const hasher = createMinHasher(hashes);
  const places: PlaceFinder | undefined = options.region ? placeFinderFor(options.region) : undefined;

  // A ring of slots, grown up to `maxItems` and then recycled oldest first.
  let capacity = Math.min(maxItems, INITIAL_CAPACITY);
  let signatures = new Int32Array(capacity * hashes);
  let shingleCounts = new Int32Array(capacity); // 0: no signature (exact copy, empty or short text)
  let seqs = new Float64Array(capacity);
  let stamps = new Int32Array(capacity);
  let lsh: LshIndex = createLshIndex({ capacity, bands, rows, bucketCap });
  const ids: string[] = [];
  const roots: string[] = [];
  const numbers: (readonly string[])[] = [];
  const compacts: string[] = [];
  const placeCodes: (readonly string[] | undefined)[] = []; // found when first needed
  const exactKeys: (number | null)[] = [];

  const results = new Map<string, DedupResult>();
  const exact = new Map<number, number>(); // normalised-text key → newest slot with that text
  const repostCounts = new Map<string, number>();
  const rootRefs = new Map<string, number>(); // original → remembered items that point at it
  let seq = 0;
  let stamp = 0;
  const candidates: number[] = [];

  function grow(): void {
    const next = Math.min(capacity * 2, maxItems);
    const grownSignatures = new Int32Array(next * hashes);
    grownSignatures.set(signatures);
    signatures = grownSignatures;
    const grownCounts = new Int32Array(next);
    grownCounts.set(shingleCounts);
    shingleCounts = grownCounts;
    const grownSeqs = new Float64Array(next);
    grownSeqs.set(seqs);
    seqs = grownSeqs;
    stamps = new Int32Array(next);
    stamp = 0;
    // Until the ring first fills, slot = sequence number, so the index is rebuilt in order.
    lsh = createLshIndex({ capacity: next, bands, rows, bucketCap });
    for (let slot = 0; slot < capacity; slot++)
      if (shingleCounts[slot] > 0) lsh.insert(slot, slot, signatures, slot * hashes);
    capacity = next;
  }

  function forget(slot: number): void {
    results.delete(ids[slot]);
    const key = exactKeys[slot];
    if (key !== null && exact.get(key) === slot) exact.delete(key);
    lsh.release(slot);
    shingleCounts[slot] = 0;
    const root = roots[slot];
    const refs = (rootRefs.get(root) ?? 1) - 1;
    if (refs > 0) rootRefs.set(root, refs);
    else {
      rootRefs.delete(root);
      repostCounts.delete(root);
    }
  }

  function placesOf(slot: number): readonly string[] {
    let found = placeCodes[slot];
    if (found === undefined) placeCodes[slot] = found = places ? places.find(compacts[slot]) : [];
    return found;
  }

  /** True when neither text's numbers (or places) are all found in the other's. */
  function factsConflict(slot: number, current: number): boolean {
    const some = numbers[current];
    const other = numbers[slot];
    if (!covers(some, other, equal) && !covers(other, some, equal)) return true;
    if (!places) return false;
    const mine = placesOf(current);
    const theirs = placesOf(slot);
    return !covers(mine, theirs, places.related) && !covers(theirs, mine, places.related);
  }

  function add(item: DedupItem): DedupResult {
    checkItem(item);
    const known = results.get(item.id);
    if (known) return known;

    if (seq === capacity && capacity < maxItems) grow();
    const slot = seq % capacity;
    if (seq >= capacity) forget(slot);

    const prepared = prepareDedupText(item.text);
    const key = prepared.compact ? hashKey53(prepared.compact) : null;
    // The slot is filled first so the facts check can read this item like any other.
    compacts[slot] = prepared.compact;
    numbers[slot] = prepared.numbers;
    placeCodes[slot] = undefined;
    let result: DedupResult;
    let root = item.id;
    let shingles = 0;
    const exactSlot = key === null ? undefined : exact.get(key);
    if (key === null) {
      result = { id: item.id, duplicateOf: null, similarity: 0, exact: false };
    } else if (exactSlot !== undefined) {
      root = roots[exactSlot];
      result = { id: item.id, duplicateOf: root, similarity: 1, exact: true };
    } else {
      let best = -1;
      let bestSimilarity = 0;
      if (prepared.compact.length >= minChars) {
        const set = shingleSet(prepared.compact, shingle);
        shingles = set.length;
        const offset = slot * hashes;
        hasher.sign(set, signatures, offset);
        stamp++;
        candidates.length = 0;
        lsh.query(signatures, offset, (candidate) => {
          if (stamps[candidate] !== stamp) {
            stamps[candidate] = stamp;
            candidates.push(candidate);
          }
          return candidates.length < MAX_CANDIDATES;
        });
        for (const candidate of candidates) {
          // The least similarity that could still make it a copy: the threshold, or what the
          // containment rule needs given both sizes; and never less than the best so far.
          const needed = Math.max(
            bestSimilarity,
            Math.min(threshold, containmentFloor(shingles, shingleCounts[candidate], containment)),
          );
          const similarity = estimateJaccard(signatures, candidate * hashes, signatures, offset, hashes, needed);
          if (similarity < 0 || similarity < bestSimilarity) continue;
          if (similarity === bestSimilarity && best >= 0 && seqs[candidate] > seqs[best]) continue;
          if (similarity < threshold && !contained(similarity, shingles, shingleCounts[candidate], containment))
            continue;
          if (factsConflict(candidate, slot)) continue;
          best = candidate;
          bestSimilarity = similarity;
          if (similarity >= CONCLUSIVE) break;
        }
      }
      if (best >= 0) {
        root = roots[best];
        result = { id: item.id, duplicateOf: root, similarity: bestSimilarity, exact: false };
      } else {
        result = { id: item.id, duplicateOf: null, similarity: 0, exact: false };
      }
      if (shingles > 0) lsh.insert(slot, seq, signatures, slot * hashes);
    }
    if (key !== null) exact.set(key, slot);

    ids[slot] = item.id;
    roots[slot] = root;
    exactKeys[slot] = key;
    shingleCounts[slot] = shingles;
    seqs[slot] = seq;
    rootRefs.set(root, (rootRefs.get(root) ?? 0) + 1);
    if (result.duplicateOf !== null) repostCounts.set(root, (repostCounts.get(root) ?? 0) + 1);
    results.set(item.id, result);
    seq++;
    return result;
  }

  return {
    add,
    repostCount: (id) => repostCounts.get(id) ?? 0,
    get size() {
      return Math.min(seq, capacity);
    },
  };
}

/**
 * Finds the copies in a batch of texts: each item, oldest first by `publishedAt` (items without a
 * time after the dated ones, in input order), is compared with those before it as in
 * {@link createDeduper}. Results come back in input order.
 *
 * @example
 * ```ts
 * findDuplicates([
 *   { id: '1', text: '阿拉善盟气象台发布沙尘暴黄色预警，预计26日白天阿拉善左旗将出现沙尘暴天气', publishedAt: '2024-03-26T07:30:00+08:00' },
 *   { id: '2', text: '#阿拉善沙尘暴# 阿拉善盟气象台发布沙尘暴黄色预警，预计26日白天阿拉善左旗将出现沙尘暴天气😷', publishedAt: '2024-03-26T07:45:00+08:00' },
 * ]);
 * // [{ id: '1', duplicateOf: null, similarity: 0 }, { id: '2', duplicateOf: '1', similarity: 1 }]
 * ```
 */
export function findDuplicates(items: readonly DedupItem[], options: FindDuplicatesOptions = {}): DuplicateMatch[] {
  if (!Array.isArray(items))
    throw new EmwatchError(
      'EMW_DEDUP_INPUT',
      '[emwatch] [dedup] findDuplicates expects an array of { id, text } items',
    );
  const deduper = createDeduper({ ...options, maxItems: options.maxItems ?? Math.max(1, items.length) });
  const times = items.map((item) => {
    const time = typeof item?.publishedAt === 'string' ? Date.parse(item.publishedAt) : NaN;
    return Number.isNaN(time) ? Infinity : time;
  });
  const order = items.map((_, index) => index).sort((a, b) => times[a] - times[b] || a - b);
  const found: DuplicateMatch[] = new Array(items.length);
  for (const index of order) {
    const { id, duplicateOf, similarity } = deduper.add(items[index]);
    found[index] = { id, duplicateOf, similarity };
  }
  return found;
}

function equal(a: string, b: string): boolean {
  return a === b;
}

/** True when every value of `some` relates to a value of `all` (vacuously true when `some` is empty). */
function covers(some: readonly string[], all: readonly string[], related: (a: string, b: string) => boolean): boolean {
  outer: for (const value of some) {
    for (const other of all) if (related(value, other)) continue outer;
    return false;
  }
  return true;
}

/** The Jaccard similarity at which containment reaches `minimum` (1 when the containment rule does not apply). */
function containmentFloor(a: number, b: number, minimum: number): number {
  const smaller = Math.min(a, b);
  if (smaller < MIN_CONTAINED_SHINGLES) return 1;
  // From C = J(a + b) / ((1 + J) · smaller) ≥ minimum.
  return (minimum * smaller) / (a + b - minimum * smaller);
}

/** Containment of the smaller shingle set in the larger, derived from the Jaccard estimate and the set sizes. */
function contained(similarity: number, a: number, b: number, minimum: number): boolean {
  const smaller = Math.min(a, b);
  if (smaller < MIN_CONTAINED_SHINGLES || similarity === 0) return false;
  return (similarity * (a + b)) / ((1 + similarity) * smaller) >= minimum;
}

function checkItem(item: DedupItem): void {
  if (typeof item !== 'object' || item === null)
    throw new EmwatchError(
      'EMW_DEDUP_ITEM',
      `[emwatch] [dedup] an item must be an object with id and text, got ${String(item)}`,
    );
  if (typeof item.id !== 'string' || item.id.length === 0)
    throw new EmwatchError(
      'EMW_DEDUP_ITEM',
      `[emwatch] [dedup] item id must be a non-empty string, got ${JSON.stringify(item.id)}`,
    );
  if (typeof item.text !== 'string')
    throw new EmwatchError('EMW_DEDUP_ITEM', `[emwatch] [dedup] item ${item.id} has no string text`);
}

function resolveOptions(options: CreateDeduperOptions): Required<Omit<CreateDeduperOptions, 'region'>> {
  const resolved = { ...DEFAULTS, ...stripUndefined(options) };
  const fail = (name: string, rule: string) =>
    new EmwatchError(
      'EMW_DEDUP_OPTIONS',
      `[emwatch] [dedup] option ${name} must be ${rule}, got ${JSON.stringify((resolved as Record<string, unknown>)[name])}`,
    );
  const between = (name: keyof typeof DEFAULTS, low: number, high: number, integer: boolean) => {
    const value = resolved[name];
    if (typeof value !== 'number' || !(value >= low && value <= high) || (integer && !Number.isInteger(value)))
      throw fail(name, `${integer ? 'an integer' : 'a number'} from ${low} to ${high}`);
  };
  between('threshold', 0.01, 1, false);
  between('containment', 0.01, 1, false);
  between('shingle', 1, 16, true);
  between('hashes', 16, 1024, true);
  between('bands', 1, resolved.hashes, true);
  between('bucketCap', 1, 4096, true);
  between('maxItems', 1, 10_000_000, true);
  between('minChars', 1, 1000, true);
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
