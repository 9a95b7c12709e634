import { sha256Hex } from '../_internal/sha256.js';
import { EmwatchError } from '../errors.js';
import type { RawItem } from '../model/raw-item.js';
import type { SourceKind } from '../model/signal.js';
import { readCapIndex, type CapIndex } from '../parse/_internal/cap-index.js';
import { capToSignals } from '../parse/cap-to-signals.js';
import { parseCap } from '../parse/parse-cap.js';
import { parseXml } from '../parse/xml.js';
import { checkPollingOptions, optionsError } from './_internal/check-polling-options.js';
import { fetchDocument } from './fetch-document.js';
import { makeIssue, quarantine } from './make-issue.js';
import type {
  Collector,
  CollectorContext,
  CollectorIssue,
  ParsedItems,
  ParseOptions,
  SourceCursor,
} from './collector.js';
import { COLLECTOR_ISSUE_CODES, type CollectorIssueCode } from './issue-codes.js';

/** Options of {@link cap}. */
export interface CapOptions {
  /** Id of the source, e.g. `'nmg-cap'`. */
  readonly id: string;
  /** Address of one CAP document, or of an Atom/RSS index of CAP documents (absolute http(s)). */
  readonly url: string;
  /** Kind of source stamped on the signals; `'official-warning'` by default. */
  readonly sourceKind?: SourceKind;
  /** Let this source reach loopback or private addresses: `true`, or the host names allowed. */
  readonly allowPrivate?: boolean | readonly string[];
  /** Most linked CAP documents fetched per run from an index (the rest wait for the next run); 50 by default. */
  readonly maxEntries?: number;
}

const ACCEPT =
  'application/cap+xml, application/atom+xml;q=0.9, application/rss+xml;q=0.9, application/xml;q=0.8, application/json;q=0.5, */*;q=0.1';
const DEFAULT_MAX_ENTRIES = 50;
const MAX_ENTRIES_LIMIT = 1000;
/** A linked document that fails this many runs in a row is given up (and said so), so one dead link cannot pin the index. */
const MAX_ATTEMPTS = 3;
/** Entry keys remembered; beyond the index's own size this only bounds a pathological index. */
const MAX_SEEN = 5000;

/** What the cursor's `position` remembers for an index: entries delivered, failures per entry. */
interface IndexState {
  readonly seen: Set<string>;
  readonly failures: Map<string, number>;
}

function readState(position: string | undefined): IndexState {
  const state: IndexState = { seen: new Set(), failures: new Map() };
  if (!position?.startsWith('{')) return state;
  try {
    const value = JSON.parse(position) as { seen?: unknown; failures?: unknown };
    if (Array.isArray(value.seen)) for (const key of value.seen) if (typeof key === 'string') state.seen.add(key);
    if (value.failures && typeof value.failures === 'object') {
      for (const [key, count] of Object.entries(value.failures))
        if (typeof count === 'number') state.failures.set(key, count);
    }
  } catch {
    // A cursor that is not ours (or damaged) only costs a re-fetch of the index's documents.
  }
  return state;
}

function writeState(state: IndexState, current: ReadonlySet<string>): string {
  // Only entries still listed are remembered: the cursor stays as small as the index.
  const seen = [...state.seen].filter((key) => current.has(key)).slice(-MAX_SEEN);
  const failures = Object.fromEntries([...state.failures].filter(([key]) => current.has(key)));
  return JSON.stringify({ seen, failures });
}

/** The key an entry is remembered by: its id, address and last change, hashed short. */
const entryKey = (id: string, url: string, updated: string | undefined): string =>
  sha256Hex(`${id}\u0000${url}\u0000${updated ?? ''}`).slice(0, 24);

const INDEX_ROOT =
  /^(?:\s+|<\?[^]*?\?>|<!--[^]*?-->|<!DOCTYPE[^>[]*(?:\[[^\]]*\])?\s*>)*<(?:[\w.-]+:)?(feed|rss|RDF)[\s>/]/;

/** Tells an Atom/RSS index from a CAP document without parsing the whole body. */
function looksLikeIndex(payload: string): boolean {
  return INDEX_ROOT.test(payload.replace(/^\uFEFF/, '').slice(0, 8192));
}

function readIndex(payload: string): CapIndex | undefined {
  if (!looksLikeIndex(payload)) return undefined;
  try {
    return readCapIndex(parseXml(payload));
  } catch {
    // A broken index is yielded as is; parse() reports why.
    return undefined;
  }
}

const isIssueCode = (code: string): code is CollectorIssueCode => code in COLLECTOR_ISSUE_CODES;

/**
 * Parses one raw item a CAP source delivered: a CAP document (XML, CAP-JSON or the Alertswiss JSON)
 * becomes its signals with {@link parseCap} and {@link capToSignals}; an Atom/RSS index of CAP
 * documents yields nothing (its documents arrive as raw items of their own). Problems become issues;
 * a rejected document is one fatal issue with the payload quarantined. Pure: no I/O.
 *
 * @example
 * ```ts
 * const { signals, issues } = parseCapItem(raw, 'official-warning', { region: regionNmg });
 * ```
 */
export function parseCapItem(raw: RawItem, sourceKind: SourceKind, parseOptions: ParseOptions = {}): ParsedItems {
  if (looksLikeIndex(raw.payload) && readIndex(raw.payload)) return { signals: [], issues: [] };
  const at = parseOptions.collectedAt ?? raw.fetchedAt;
  const where = raw.provenance.url ?? raw.sourceId;
  const id = raw.sourceId;
  try {
    const { alert, problems } = parseCap(raw.payload, parseOptions);
    return {
      signals: capToSignals(alert, raw, sourceKind, parseOptions),
      issues: problems.map((problem) =>
        makeIssue(problem.code, id, `${where}: CAP ${alert.identifier}: ${problem.reason}`, at, {
          url: where,
          fatal: false,
        }),
      ),
    };
  } catch (error) {
    if (!(error instanceof EmwatchError)) throw error;
    const code = isIssueCode(error.code) ? error.code : 'EMW_PARSE_FORMAT';
    return {
      signals: [],
      issues: [
        makeIssue(code, id, `${where}: ${error.message}`, at, {
          url: where,
          fatal: true,
          quarantine: quarantine(raw.payload, {
            ...(raw.contentType ? { contentType: raw.contentType } : {}),
            ...(raw.encoding ? { encoding: raw.encoding } : {}),
          }),
        }),
      ],
    };
  }
}

/**
 * A collector for official warnings in CAP 1.2: the address is a single CAP document or an
 * Atom/RSS index of CAP documents. An index is fetched politely (conditional GET, limits, SSRF
 * guard) and yielded as a raw item of its own (it yields no signals); each linked document not
 * delivered before is then fetched and yielded as one raw item, at most `maxEntries` per run. A
 * failing entry is an issue and the others go on; it is retried on the next runs and given up
 * after three failures. The cursor remembers delivered entries (in `position`) and keeps the
 * index's validators only once every entry is through, so a crash or a failure re-fetches
 * instead of skipping. `parse()` reads a CAP document with {@link parseCap} and
 * {@link capToSignals}. Throws `EMW_COLLECTOR_OPTIONS` for a bad option.
 *
 * @example
 * ```ts
 * const warnings = cap({ id: 'nmg-cap', url: 'https://example.gov.cn/cap/index.atom' });
 * for await (const out of warnings.collect(ctx)) {
 *   if (isCollectorIssue(out)) console.error(out.code, out.reason);
 *   else for (const signal of warnings.parse(out, { region: regionNmg }).signals) book.apply(signal);
 * }
 * ```
 */
export function cap(options: CapOptions): Collector {
  checkPollingOptions('cap', options);
  const { id, url, allowPrivate } = options;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1 || maxEntries > MAX_ENTRIES_LIMIT) {
    throw optionsError(
      'cap',
      id,
      'maxEntries',
      `must be an integer from 1 to ${MAX_ENTRIES_LIMIT}, got ${String(maxEntries)}`,
    );
  }
  const sourceKind = options.sourceKind ?? 'official-warning';
  const guard = allowPrivate === undefined ? {} : { allowPrivate };

  async function* collect(ctx: CollectorContext): AsyncIterable<RawItem | CollectorIssue> {
    const cursor = await ctx.cursor.get();
    const fetched = await fetchDocument(ctx, { sourceId: id, url, accept: ACCEPT, cursor, ...guard });
    if (fetched.kind === 'unchanged') return;
    if (fetched.kind === 'issue') {
      yield fetched.issue;
      return;
    }
    const index = readIndex(fetched.raw.payload);
    yield* fetched.warnings;
    yield fetched.raw;
    if (!index) {
      await ctx.cursor.set({ ...(cursor?.position ? { position: cursor.position } : {}), ...fetched.cursor });
      return;
    }
    const base = fetched.raw.provenance.url ?? url;
    const state = readState(cursor?.position);
    const current = new Set<string>();
    // Until every entry is through, the old validators stay, so the next run re-reads the index.
    const pending: Omit<SourceCursor, 'position'> = {
      ...(cursor?.etag ? { etag: cursor.etag } : {}),
      ...(cursor?.lastModified ? { lastModified: cursor.lastModified } : {}),
      ...(cursor?.contentHash ? { contentHash: cursor.contentHash } : {}),
      updatedAt: fetched.cursor.updatedAt,
    };
    let complete = true;
    let fetchedCount = 0;
    for (const position of index.unlinked) {
      yield makeIssue(
        'EMW_PARSE_ITEM',
        id,
        `${base}: index entry ${position} has no link to a CAP document`,
        ctx.now(),
        {
          url: base,
          itemIndex: position,
        },
      );
    }
    for (const entry of index.entries) {
      let link: string;
      try {
        link = new URL(entry.link, base).href;
      } catch {
        link = '';
      }
      const key = entryKey(entry.id, link || entry.link, entry.updated);
      current.add(key);
      if (state.seen.has(key)) continue;
      if (!/^https?:/i.test(link)) {
        state.seen.add(key);
        yield makeIssue(
          'EMW_PARSE_ITEM',
          id,
          `${base}: index entry ${entry.index} links to ${JSON.stringify(entry.link)}, not an http(s) address`,
          ctx.now(),
          {
            url: base,
            itemIndex: entry.index,
          },
        );
        continue;
      }
      if (ctx.signal.aborted || fetchedCount >= maxEntries) {
        complete = false;
        continue;
      }
      fetchedCount += 1;
      const document = await fetchDocument(ctx, { sourceId: id, url: link, accept: ACCEPT, ...guard });
      if (document.kind === 'issue') {
        const attempts = (state.failures.get(key) ?? 0) + 1;
        const givenUp = attempts >= MAX_ATTEMPTS;
        if (givenUp) {
          state.failures.delete(key);
          state.seen.add(key);
        } else {
          state.failures.set(key, attempts);
          complete = false;
        }
        yield {
          ...document.issue,
          reason: `index entry ${entry.index} (${entry.id}): ${document.issue.reason}${givenUp ? `; given up after ${attempts} attempts` : ''}`,
          itemIndex: entry.index,
        };
        continue;
      }
      if (document.kind === 'document') {
        yield* document.warnings;
        yield document.raw;
      }
      state.seen.add(key);
      state.failures.delete(key);
      // Saved after each document is taken, so a crash mid-index neither repeats nor skips it.
      await ctx.cursor.set({ ...pending, position: writeState(state, new Set([...current, ...state.seen])) });
    }
    await ctx.cursor.set({ ...(complete ? fetched.cursor : pending), position: writeState(state, current) });
  }

  const parse = (raw: RawItem, parseOptions?: ParseOptions): ParsedItems => parseCapItem(raw, sourceKind, parseOptions);

  return { id, kind: 'cap', sourceKind, url, collect, parse };
}
