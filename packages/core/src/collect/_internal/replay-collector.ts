import { sha256Hex } from '../../_internal/sha256.js';
import { EmwatchError } from '../../errors.js';
import type { IsoDateTime } from '../../model/iso-date-time.js';
import type { PostRecord } from '../../model/post-record.js';
import type { RawItem } from '../../model/raw-item.js';
import { isSourceKind, type SourceKind } from '../../model/signal.js';
import type { Collector, CollectorContext, CollectorIssue, ParsedItems, ParseOptions } from '../collector.js';
import type { CollectorIssueCode } from '../issue-codes.js';
import { makeIssue, quarantine } from '../make-issue.js';
import {
  parsePostPayload,
  POST_RECORD_MEDIA_TYPE,
  readPostRecord,
  type NormalizedPost,
  type PostProblem,
} from './post-record.js';

/** One recorded entry, checked once: a post, a raw item, or something unusable reported at its turn. */
export type ReplayEntry =
  | {
      readonly kind: 'post';
      readonly post: NormalizedPost;
      /** Problems with optional fields, reported when the post is replayed. */
      readonly problems: readonly PostProblem[];
      readonly time: number | null;
      readonly where: string;
    }
  | { readonly kind: 'raw'; readonly raw: RawItem; readonly time: number | null; readonly where: string }
  | {
      readonly kind: 'bad';
      readonly code: CollectorIssueCode;
      readonly reason: string;
      readonly payload: string;
      readonly time: null;
      readonly where: string;
    };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A recorded raw item: a payload string and a provenance object, as a store keeps them. */
export function isRawItemShape(value: unknown): value is RawItem {
  return isObject(value) && typeof value.payload === 'string' && isObject(value.provenance);
}

/**
 * Checks one recorded item: a raw item is kept as it is (timed by `fetchedAt`), a post record is
 * normalised (timed by `publishedAt`), anything else becomes an entry reported at its turn.
 */
export function replayEntry(value: unknown, where: string, timeZone: string | undefined): ReplayEntry {
  if (isRawItemShape(value)) {
    const time = Date.parse(value.fetchedAt);
    return { kind: 'raw', raw: value, time: Number.isNaN(time) ? null : time, where };
  }
  const read = readPostRecord(value, timeZone === undefined ? {} : { timeZone });
  if (!read.post) {
    return {
      kind: 'bad',
      code: 'EMW_PARSE_ITEM',
      reason: read.problems.map((problem) => problem.reason).join('; '),
      payload: JSON.stringify(value) ?? String(value),
      time: null,
      where,
    };
  }
  const time = read.post.publishedAt === null ? null : Date.parse(read.post.publishedAt);
  return { kind: 'post', post: read.post, problems: read.problems, time, where };
}

/** Options shared by `replay()` and `replayFile()`. */
export interface ReplayScheduleOptions {
  /** Id of the source; every raw item, signal and issue carries it. */
  readonly id: string;
  /** How much faster than recorded time to replay: 1 is real time, 600 makes ten minutes pass in one second. */
  readonly speed?: number;
  /** Kind of source for records that do not name their own; `'social'` by default. */
  readonly sourceKind?: SourceKind;
  /** Shift each post's publication time to the moment it is replayed, so a recording looks current. */
  readonly rebase?: boolean;
  /** Start again from the first record after the last, without end. */
  readonly loop?: boolean;
  /**
   * How long one `collect()` call may wait for the next record, in milliseconds; 0 (the default)
   * returns as soon as nothing more is due, and the scheduler's next call picks up the rest.
   */
  readonly maxWaitMs?: number;
  /** IANA zone for recorded dates written without an offset; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
  /** Parser for recorded raw items that are not post records (e.g. `rss({ … }).parse` for recorded feeds). */
  readonly parse?: (raw: RawItem, options?: ParseOptions) => ParsedItems;
  /** The clock; the context's clock by default. */
  readonly now?: () => Date;
  readonly setTimeout?: typeof setTimeout;
  readonly clearTimeout?: typeof clearTimeout;
}

/** What the engine needs besides the options: the entries, loaded when collecting first starts. */
export interface ReplayCollectorOptions extends ReplayScheduleOptions {
  readonly kind: 'replay';
  readonly load: () => Promise<readonly ReplayEntry[]>;
  /** Names the recording in reasons and provenance, e.g. a file URL. */
  readonly url?: string;
}

function optionsError(id: string, message: string): EmwatchError {
  return new EmwatchError('EMW_COLLECTOR_OPTIONS', `[emwatch] [replay] source "${id}": ${message}`);
}

/** Checks the options every replay takes; throws `EMW_COLLECTOR_OPTIONS` naming the source and key. */
export function validateReplayOptions(options: ReplayScheduleOptions): void {
  const { id } = options;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new EmwatchError('EMW_COLLECTOR_OPTIONS', '[emwatch] [replay] id must be a non-empty string');
  }
  const speed = options.speed ?? 1;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw optionsError(id, `speed must be a positive number, got ${String(speed)}`);
  }
  const maxWait = options.maxWaitMs ?? 0;
  if (typeof maxWait !== 'number' || !Number.isFinite(maxWait) || maxWait < 0) {
    throw optionsError(id, `maxWaitMs must be a number of milliseconds ≥ 0, got ${String(maxWait)}`);
  }
  if (options.sourceKind !== undefined && !isSourceKind(options.sourceKind)) {
    throw optionsError(id, `sourceKind "${String(options.sourceKind)}" is not a source kind`);
  }
}

/** The offset part of an ISO date (`+08:00`, `Z`), so a shifted time keeps the record's zone. */
function offsetOf(iso: IsoDateTime): { text: string; ms: number } {
  const match = /([+-])(\d\d):(\d\d)$/u.exec(iso);
  if (!match) return { text: 'Z', ms: 0 };
  const ms = (Number(match[2]) * 60 + Number(match[3])) * 60_000 * (match[1] === '-' ? -1 : 1);
  return { text: `${match[1]}${match[2]}:${match[3]}`, ms };
}

/** A time as `YYYY-MM-DDTHH:mm:ss±HH:MM` in the given offset. */
function formatAt(ms: number, offset: { text: string; ms: number }): IsoDateTime {
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset.ms).toISOString().slice(0, 19);
  return `${wall}${offset.text === 'Z' ? '+00:00' : offset.text}`;
}

function toRecord(post: NormalizedPost, publishedAt: IsoDateTime | null, id: string | undefined): PostRecord {
  return {
    ...(id ? { id } : {}),
    ...(post.title ? { title: post.title } : {}),
    text: post.text,
    ...(post.url ? { url: post.url } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(post.author ? { author: post.author } : {}),
    ...(post.outlet ? { outlet: post.outlet } : {}),
    ...(post.point ? { lat: post.point[1], lon: post.point[0] } : {}),
    ...(post.sourceKind ? { sourceKind: post.sourceKind } : {}),
  };
}

/**
 * The replay engine behind `replay()` and `replayFile()`. Entry `i` is due at the start of
 * collecting plus the recorded time since the entry collecting started from, divided by `speed`
 * (a gap that runs backwards, or an entry without a time, counts as no gap). The cursor's
 * `position` is the index of the next entry (counting on across loops), so a restart resumes there
 * with the clock started afresh.
 */
export function createReplayCollector(options: ReplayCollectorOptions): Collector {
  validateReplayOptions(options);
  const { id, load, loop = false } = options;
  const speed = options.speed ?? 1;
  const maxWait = options.maxWaitMs ?? 0;
  const sourceKind = options.sourceKind ?? 'social';
  /** Ends of the waits in progress, so dispose() can end them. */
  const waits = new Set<() => void>();
  const schedule = options.setTimeout ?? globalThis.setTimeout;
  const unschedule = options.clearTimeout ?? globalThis.clearTimeout;

  let entries: readonly ReplayEntry[] | undefined;
  /** Recorded milliseconds from the first entry to each entry, gaps clamped at zero. */
  let elapsed: number[] = [];
  /** Gap between the last entry and the first of the next loop: the mean gap. */
  let wrapGap = 0;
  let started: { readonly at: number; readonly from: number } | undefined;
  let next = 0;
  let disposed = false;

  const prepare = (list: readonly ReplayEntry[]): void => {
    entries = list;
    elapsed = [];
    let total = 0;
    let previous: number | null = null;
    for (const entry of list) {
      if (entry.time !== null) {
        if (previous !== null) total += Math.max(0, entry.time - previous);
        previous = entry.time;
      }
      elapsed.push(total);
    }
    wrapGap = list.length > 1 ? total / (list.length - 1) : 0;
  };

  /** Recorded milliseconds from the very first entry to entry `v` (counting on across loops). */
  const recordedAt = (v: number): number => {
    const n = elapsed.length;
    const cycle = Math.floor(v / n);
    return cycle * ((elapsed[n - 1] ?? 0) + wrapGap) + (elapsed[v % n] ?? 0);
  };

  const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        unschedule(timer);
        waits.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = schedule(done, ms);
      waits.add(done);
      signal.addEventListener('abort', done, { once: true });
    });

  const emit = (v: number, dueMs: number, now: Date): (RawItem | CollectorIssue)[] => {
    const n = entries!.length;
    const entry = entries![v % n]!;
    const cycle = Math.floor(v / n);
    const at = now.toISOString();
    const where = `${entry.where}${cycle > 0 ? ` (loop ${cycle})` : ''}`;
    const url = options.url;
    if (entry.kind === 'bad') {
      return [
        makeIssue(entry.code, id, `${where}: ${entry.reason}`, now, {
          itemIndex: v % n,
          ...(url ? { url } : {}),
          quarantine: quarantine(entry.payload, { contentType: 'application/json' }),
        }),
      ];
    }
    if (entry.kind === 'raw') {
      const contentHash = sha256Hex(entry.raw.payload);
      return [
        {
          ...entry.raw,
          id: `${id}:${contentHash}`,
          sourceId: id,
          fetchedAt: at,
          provenance: { ...entry.raw.provenance, contentHash },
        },
      ];
    }
    const { post } = entry;
    const publishedAt =
      options.rebase && post.publishedAt !== null ? formatAt(dueMs, offsetOf(post.publishedAt)) : post.publishedAt;
    // A later loop must look like new posts, not repeats the store would drop.
    const recordId = cycle > 0 ? `${post.id ?? `replay-${v % n}`}#${cycle}` : post.id;
    const payload = JSON.stringify(toRecord(post, publishedAt, recordId));
    const contentHash = sha256Hex(payload);
    const issues = entry.problems.map((problem) =>
      makeIssue(problem.code, id, `${where}: ${problem.reason}`, now, { itemIndex: v % n, ...(url ? { url } : {}) }),
    );
    return [
      ...issues,
      {
        id: `${id}:${contentHash}`,
        sourceId: id,
        fetchedAt: at,
        payload,
        contentType: POST_RECORD_MEDIA_TYPE,
        encoding: 'utf-8',
        provenance: { ...(url ? { url: `${url}#item=${v % n}` } : {}), contentHash },
      },
    ];
  };

  return {
    id,
    kind: options.kind,
    sourceKind,
    ...(options.url ? { url: options.url } : {}),
    async *collect(ctx: CollectorContext): AsyncIterable<RawItem | CollectorIssue> {
      const clock = options.now ?? ctx.now;
      if (entries === undefined) {
        try {
          prepare(await load());
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          yield makeIssue('EMW_SOURCE_FAILED', id, `cannot load the recording: ${reason}`, clock(), {
            fatal: true,
            ...(options.url ? { url: options.url } : {}),
          });
          return;
        }
      }
      const n = entries!.length;
      if (n === 0) return;
      if (started === undefined) {
        const position = Number((await ctx.cursor.get())?.position ?? 0);
        next = Number.isSafeInteger(position) && position >= 0 ? position : 0;
        started = { at: clock().getTime(), from: next };
      }
      while (!ctx.signal.aborted && !disposed) {
        if (!loop && next >= n) return;
        const due = started.at + (recordedAt(next) - recordedAt(started.from)) / speed;
        const wait = due - clock().getTime();
        if (wait > 0) {
          if (wait > maxWait) return;
          await sleep(wait, ctx.signal);
          continue;
        }
        for (const out of emit(next, due, clock())) yield out;
        // Advanced only once the consumer has taken the entry: a crash before repeats it, never skips it.
        next++;
        await ctx.cursor.set({ position: String(next), updatedAt: clock().toISOString() });
      }
    },
    parse(raw: RawItem, parseOptions: ParseOptions = {}): ParsedItems {
      if (raw.contentType === POST_RECORD_MEDIA_TYPE) {
        const zone = options.timeZone ?? parseOptions.timeZone;
        return parsePostPayload(raw, {
          sourceKind,
          where: raw.provenance.url ?? 'replayed record',
          ...(zone === undefined ? {} : { timeZone: zone }),
          ...(parseOptions.collectedAt === undefined ? {} : { collectedAt: parseOptions.collectedAt }),
        });
      }
      if (options.parse) return options.parse(raw, parseOptions);
      return {
        signals: [],
        issues: [
          makeIssue(
            'EMW_PARSE_FORMAT',
            id,
            `replayed raw item ${raw.id} (${raw.contentType ?? 'no content type'}) needs a parser: pass the original collector's parse as the replay's parse option`,
            raw.fetchedAt,
            {
              fatal: true,
              quarantine: quarantine(raw.payload, { ...(raw.contentType ? { contentType: raw.contentType } : {}) }),
            },
          ),
        ],
      };
    },
    dispose(): void {
      disposed = true;
      for (const done of [...waits]) done();
    },
  };
}
