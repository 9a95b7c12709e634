import { EmwatchError } from '../errors.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { Signal } from '../model/signal.js';
import type { SourceHealth, Store } from '../store/store.js';
import { makeIssue, quarantine } from './make-issue.js';
import {
  isCollectorIssue,
  type Collector,
  type CollectorContext,
  type CollectorIssue,
  type FetchLimits,
  type ParsedItems,
  type ParseOptions,
} from './collector.js';
import type { CollectorIssueCode } from './issue-codes.js';

/** One source the scheduler runs, and how often. */
export interface ScheduledSource {
  readonly collector: Collector;
  /** Milliseconds between runs while the source is healthy. */
  readonly intervalMs: number;
  /**
   * Fraction of each wait varied at random, 0..1 (0.1 by default: ±10 %), so sources configured
   * together drift apart instead of hitting their servers in step. Also spreads the first runs
   * after {@link Scheduler.start} over that fraction of the interval.
   */
  readonly jitter?: number;
}

/** Options of {@link createScheduler}. Platform hooks (`fetch`, clock, timers, `random`) default to the globals. */
export interface SchedulerOptions {
  readonly sources: readonly ScheduledSource[];
  /** Where raw items, signals, cursors, quarantine and health go. */
  readonly store: Store;
  /** Passed to every `collector.parse`; its `timeZone` also dates `itemsPerDay` (Asia/Shanghai by default). */
  readonly parseOptions?: ParseOptions;
  /** Runs at once against one host (the configured URL's host name); 2 by default. */
  readonly perHostConcurrency?: number;
  /** Runs at once in all; 8 by default. */
  readonly concurrency?: number;
  /**
   * Wait after the n-th failed run in a row: `min(maxMs, baseMs × 2^(n−1))`, jittered; 30 s and
   * 1 h by default. A rate-limited source also waits at least its interval and its `Retry-After`.
   */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  /** Network limits for every source's fetches. */
  readonly limits?: Partial<FetchLimits>;
  /** Resolver for the SSRF guard (`resolveHost` of `@emwatch/core/node` on servers). */
  readonly resolveHost?: (hostname: string) => Promise<readonly string[]>;
  /** Longest a run may take before it is aborted and counted as failed; 10 min by default. */
  readonly runTimeoutMs?: number;
  /** Called with the signals a run stored for the first time (awaited, so a slow consumer slows collection). */
  readonly onSignals?: (signals: readonly Signal[], source: Collector) => void | Promise<void>;
  /** Called with every issue, after it was quarantined. */
  readonly onIssue?: (issue: CollectorIssue) => void;
  /** Called when a run ends, with what it did. */
  readonly onRun?: (report: SourceRunReport) => void;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
  /** Uniform random numbers in [0, 1), for jitter. */
  readonly random?: () => number;
}

/** What one run of one source did. */
export interface SourceRunReport {
  readonly sourceId: string;
  /**
   * `ok`: the run ended without a fatal issue (possibly with nothing new); `failed`: a fatal issue
   * or a thrown error; `aborted`: stopped by {@link Scheduler.stop}; `deferred`: not run because the
   * source asked us to wait (`Retry-After`) until `nextRunAt`.
   */
  readonly outcome: 'ok' | 'failed' | 'aborted' | 'deferred';
  readonly startedAt: IsoDateTime;
  readonly finishedAt: IsoDateTime;
  /** Raw items (changed documents, messages) received; 0 when the source was unchanged. */
  readonly rawItems: number;
  /** Signals stored for the first time. */
  readonly newSignals: number;
  /** Issues met (each quarantined). */
  readonly issues: number;
  /** The fatal issue that failed the run. */
  readonly error?: { readonly code: CollectorIssueCode; readonly reason: string };
  /** When the source runs next (absent after `stop()`). */
  readonly nextRunAt?: IsoDateTime;
}

/** Runs collectors on their intervals, politely, and keeps what they find. */
export interface Scheduler {
  /** Starts running every source on its interval (a stored `nextRunAt` in the future is kept, so restarts do not poll early). */
  start(): void;
  /** Stops the timers, aborts the runs in flight and resolves once they have ended. */
  stop(): Promise<void>;
  /**
   * Runs one source, or all, now (within the concurrency limits) and resolves with their reports.
   * A source already running is joined, not run twice; one that sent `Retry-After` is `deferred`.
   */
  runOnce(sourceId?: string): Promise<readonly SourceRunReport[]>;
  /** Each configured source's health, in configuration order. */
  health(): Promise<readonly SourceHealth[]>;
}

interface SourceState {
  readonly source: ScheduledSource;
  readonly id: string;
  /** Host name the per-host limit counts against; none for pushed sources. */
  readonly host: string | undefined;
  readonly jitter: number;
  health: SourceHealth | undefined;
  healthLoaded: boolean;
  /** Epoch ms before which the source asked not to be fetched again (`Retry-After`). */
  notBefore: number;
  /** Epoch ms the timer is set for, so health can show the first run before there is any. */
  plannedAt: number | undefined;
  timer: unknown;
  running: Promise<SourceRunReport> | undefined;
  waiting:
    { readonly promise: Promise<SourceRunReport>; readonly resolve: (report: SourceRunReport) => void } | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS_KEPT = 30;
/** setTimeout's largest delay; longer waits are re-armed when they fire. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function optionError(name: string, detail: string): EmwatchError {
  return new EmwatchError('EMW_SCHEDULER_OPTIONS', `[emwatch] [scheduler] ${name} ${detail}`);
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw optionError(name, `must be a positive integer, got ${String(value)}`);
  return v;
}

function positiveNumber(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw optionError(name, `must be a positive number of milliseconds, got ${String(value)}`);
  }
  return v;
}

function hostOf(collector: Collector): string | undefined {
  if (!collector.url) return undefined;
  try {
    return new URL(collector.url).hostname.toLowerCase();
  } catch {
    return undefined; // the collector reports its bad URL itself when it runs
  }
}

/** Formats instants as `YYYY-MM-DD` in a zone, for `itemsPerDay`. */
function dayFormatter(timeZone: string): (ms: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch (cause) {
    throw new EmwatchError(
      'EMW_SCHEDULER_OPTIONS',
      `[emwatch] [scheduler] parseOptions.timeZone "${timeZone}" is not an IANA zone`,
      { cause },
    );
  }
  // formatToParts costs tens of microseconds; every zone offset is a multiple of 15 minutes, so
  // the day cannot change within a quarter hour and the last answer is reused inside it.
  let lastQuarter = NaN;
  let lastDay = '';
  return (ms) => {
    const quarter = Math.floor(ms / 900_000);
    if (quarter !== lastQuarter) {
      const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
      lastDay = `${parts.year}-${parts.month}-${parts.day}`;
      lastQuarter = quarter;
    }
    return lastDay;
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Creates a scheduler that runs collectors on their intervals, one process: each run reads and
 * advances the source's cursor in the store, keeps every raw item, parses it, stores the signals
 * and hands the new ones to `onSignals`; every issue is quarantined with its input and passed to
 * `onIssue`. A collector that throws is caught and reported (`EMW_SOURCE_FAILED`) — one bad source
 * never stops the others. Runs are jittered, back off exponentially after failures, honour
 * `Retry-After`, and respect per-host and global concurrency limits; a source never runs twice at
 * once. Health (last success and error, failures in a row, new items per day, next run) is kept
 * in the store after every run.
 *
 * @example
 * ```ts
 * import { createMemoryStore, createScheduler, rss } from '@emwatch/core';
 * import { resolveHost } from '@emwatch/core/node';
 *
 * const scheduler = createScheduler({
 *   sources: [{ collector: rss({ id: 'nmc-alarm', url: 'https://www.nmc.cn/rss/alarm.xml' }), intervalMs: 5 * 60_000 }],
 *   store: createMemoryStore(),
 *   resolveHost,
 *   onSignals: (signals) => console.log(`${signals.length} new`),
 *   onIssue: (issue) => console.error(issue.code, issue.reason),
 * });
 * scheduler.start();
 * // later: await scheduler.stop();
 * ```
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, parseOptions, onSignals, onIssue, onRun, limits, resolveHost } = options;
  if (!store) throw optionError('store', 'is required');
  const concurrency = positiveInteger('concurrency', options.concurrency, 8);
  const perHost = positiveInteger('perHostConcurrency', options.perHostConcurrency, 2);
  const baseMs = positiveNumber('backoff.baseMs', options.backoff?.baseMs, 30_000);
  const maxMs = positiveNumber('backoff.maxMs', options.backoff?.maxMs, 60 * 60_000);
  if (maxMs < baseMs) throw optionError('backoff.maxMs', `(${maxMs}) must not be less than backoff.baseMs (${baseMs})`);
  const runTimeoutMs = positiveNumber('runTimeoutMs', options.runTimeoutMs, 10 * 60_000);
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
  const clearTimer =
    options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>));
  const random = options.random ?? Math.random;
  const dayOf = dayFormatter(parseOptions?.timeZone ?? 'Asia/Shanghai');

  const states: SourceState[] = [];
  const byId = new Map<string, SourceState>();
  for (const [index, source] of (options.sources ?? []).entries()) {
    const id = source?.collector?.id;
    if (typeof id !== 'string' || id === '')
      throw optionError(`sources[${index}].collector`, 'must be a collector with an id');
    if (byId.has(id)) throw optionError(`sources[${index}]`, `repeats the source id "${id}"; ids must be unique`);
    positiveNumber(`sources[${index}].intervalMs`, source.intervalMs, NaN);
    const jitter = source.jitter ?? 0.1;
    if (typeof jitter !== 'number' || !(jitter >= 0 && jitter <= 1)) {
      throw optionError(`sources[${index}].jitter`, `must be a number from 0 to 1, got ${String(source.jitter)}`);
    }
    const state: SourceState = {
      source,
      id,
      host: hostOf(source.collector),
      jitter,
      health: undefined,
      healthLoaded: false,
      notBefore: 0,
      plannedAt: undefined,
      timer: undefined,
      running: undefined,
      waiting: undefined,
    };
    states.push(state);
    byId.set(id, state);
  }

  // Aborted by stop(); replaced so that runOnce() and start() work again afterwards.
  let lifecycle = new AbortController();
  let started = false;
  let generation = 0;
  const queue: SourceState[] = [];
  let active = 0;
  const activePerHost = new Map<string, number>();

  const iso = (ms: number): IsoDateTime => new Date(ms).toISOString();
  /** Hands an issue to the observer; an observer that throws must not break the run that reported it. */
  const tellIssue = (issue: CollectorIssue): void => {
    try {
      onIssue?.(issue);
    } catch {
      // Nothing sensible to do with an observer's own failure but carry on.
    }
  };
  const jittered = (ms: number, jitter: number): number => ms * (1 + jitter * (2 * random() - 1));

  async function loadHealth(state: SourceState): Promise<SourceHealth | undefined> {
    if (!state.healthLoaded) {
      state.health = await store.getHealth(state.id);
      state.healthLoaded = true;
    }
    return state.health;
  }

  function report(
    state: SourceState,
    outcome: SourceRunReport['outcome'],
    startedMs: number,
    nextMs?: number,
  ): SourceRunReport {
    return {
      sourceId: state.id,
      outcome,
      startedAt: iso(startedMs),
      finishedAt: iso(now().getTime()),
      rawItems: 0,
      newSignals: 0,
      issues: 0,
      ...(nextMs === undefined ? {} : { nextRunAt: iso(nextMs) }),
    };
  }

  /** One run of one source; never rejects. */
  async function execute(state: SourceState): Promise<SourceRunReport> {
    const { collector } = state.source;
    const startedMs = now().getTime();
    const stopSignal = lifecycle.signal;
    if (stopSignal.aborted) return report(state, 'aborted', startedMs);
    const controller = new AbortController();
    const onStop = (): void => controller.abort();
    stopSignal.addEventListener('abort', onStop, { once: true });
    let timedOut = false;
    const deadline = setTimer(() => {
      timedOut = true;
      controller.abort();
    }, runTimeoutMs);

    let rawItems = 0;
    let newSignals = 0;
    let issues = 0;
    let fatal: CollectorIssue | undefined;
    let retryAfterMs: number | undefined;
    const perDay = new Map<string, number>();

    const handleIssue = async (issue: CollectorIssue): Promise<void> => {
      issues++;
      if (issue.fatal && !fatal) fatal = issue;
      if (issue.retryAfterMs !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, issue.retryAfterMs);
      try {
        await store.putQuarantine(issue);
      } catch (error) {
        // The issue still reaches onIssue; the store's trouble is reported alongside it.
        tellIssue(
          makeIssue('EMW_SOURCE_FAILED', state.id, `could not quarantine an issue: ${messageOf(error)}`, now(), {
            ...(collector.url ? { url: collector.url } : {}),
          }),
        );
      }
      tellIssue(issue);
    };
    const failWith = (reason: string, extra: Partial<CollectorIssue> = {}): Promise<void> =>
      handleIssue(
        makeIssue('EMW_SOURCE_FAILED', state.id, reason, now(), {
          ...(collector.url ? { url: collector.url } : {}),
          fatal: true,
          ...extra,
        }),
      );

    try {
      await loadHealth(state);
      const ctx: CollectorContext = {
        fetch: doFetch,
        now,
        signal: controller.signal,
        cursor: { get: () => store.getCursor(state.id), set: (cursor) => store.setCursor(state.id, cursor) },
        ...(limits ? { limits } : {}),
        ...(resolveHost ? { resolveHost } : {}),
      };
      // Each item is stored before the collector is asked for the next one: collectors advance
      // their cursor only when resumed, so a crash in between fetches again instead of skipping.
      for await (const out of collector.collect(ctx)) {
        if (isCollectorIssue(out)) {
          // Issues caused by our own shutdown say nothing about the source.
          if (!stopSignal.aborted) await handleIssue(out);
          continue;
        }
        rawItems++;
        await store.putRawItem(out);
        // Parsed even when the raw item was already kept: a crash may have come between keeping
        // it and keeping its signals, and storing signals again changes nothing.
        let parsed: ParsedItems;
        try {
          parsed = collector.parse(out, parseOptions);
        } catch (error) {
          await failWith(`${collector.kind} parser threw on raw item ${out.id}: ${messageOf(error)}`, {
            ...(out.provenance.url ? { url: out.provenance.url } : {}),
            quarantine: quarantine(out.payload, {
              ...(out.contentType ? { contentType: out.contentType } : {}),
              ...(out.encoding ? { encoding: out.encoding } : {}),
            }),
          });
          continue;
        }
        for (const issue of parsed.issues) await handleIssue(issue);
        if (parsed.signals.length === 0) continue;
        const added = new Set(await store.putSignals(parsed.signals));
        const fresh: Signal[] = [];
        for (const signal of parsed.signals) {
          if (!added.delete(signal.id)) continue; // not new, or a repeat within this batch
          fresh.push(signal);
        }
        if (fresh.length === 0) continue;
        newSignals += fresh.length;
        const day = dayOf(now().getTime());
        perDay.set(day, (perDay.get(day) ?? 0) + fresh.length);
        try {
          await onSignals?.(fresh, collector);
        } catch (error) {
          await handleIssue(
            makeIssue(
              'EMW_SOURCE_FAILED',
              state.id,
              `onSignals threw for ${fresh.length} new signals: ${messageOf(error)}`,
              now(),
              {
                ...(collector.url ? { url: collector.url } : {}),
                fatal: false,
              },
            ),
          );
        }
      }
      if (timedOut && !fatal) await failWith(`run exceeded ${runTimeoutMs} ms and was aborted`);
    } catch (error) {
      if (timedOut) await failWith(`run exceeded ${runTimeoutMs} ms and was aborted: ${messageOf(error)}`);
      else if (!stopSignal.aborted) await failWith(`${collector.kind} source ${state.id} failed: ${messageOf(error)}`);
    } finally {
      clearTimer(deadline);
      stopSignal.removeEventListener('abort', onStop);
    }

    const finishedMs = now().getTime();
    const counts = { rawItems, newSignals, issues };
    if (stopSignal.aborted && !timedOut) {
      return { ...report(state, 'aborted', startedMs), ...counts };
    }

    // When to run next: the interval when healthy; exponential backoff after failures; never
    // before the source's Retry-After, and a rate-limited source no sooner than its interval.
    const previous = state.health;
    const failures = fatal ? (previous?.consecutiveFailures ?? 0) + 1 : 0;
    let delay = fatal
      ? jittered(Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 52)), state.jitter)
      : jittered(state.source.intervalMs, state.jitter);
    if (fatal?.code === 'EMW_FETCH_RATE_LIMITED') delay = Math.max(delay, state.source.intervalMs);
    if (retryAfterMs !== undefined) {
      state.notBefore = finishedMs + retryAfterMs;
      delay = Math.max(delay, retryAfterMs);
    }
    const nextMs = finishedMs + delay;

    const itemsPerDay: Record<string, number> = {};
    const oldest = dayOf(finishedMs - (DAYS_KEPT - 1) * DAY_MS);
    for (const [day, count] of Object.entries(previous?.itemsPerDay ?? {})) if (day >= oldest) itemsPerDay[day] = count;
    for (const [day, count] of perDay) if (day >= oldest) itemsPerDay[day] = (itemsPerDay[day] ?? 0) + count;
    const finishedAt = iso(finishedMs);
    const error = fatal ? { code: fatal.code, reason: fatal.reason } : undefined;
    const health: SourceHealth = {
      sourceId: state.id,
      ...(collector.url ? { url: collector.url } : {}),
      ...(fatal
        ? previous?.lastSuccessAt
          ? { lastSuccessAt: previous.lastSuccessAt }
          : {}
        : { lastSuccessAt: finishedAt }),
      ...(fatal
        ? { lastErrorAt: finishedAt, lastError: error }
        : previous?.lastErrorAt
          ? { lastErrorAt: previous.lastErrorAt, ...(previous.lastError ? { lastError: previous.lastError } : {}) }
          : {}),
      consecutiveFailures: failures,
      itemsPerDay,
      nextRunAt: iso(nextMs),
    };
    state.health = health;
    try {
      await store.setHealth(health);
    } catch (storeError) {
      tellIssue(
        makeIssue('EMW_SOURCE_FAILED', state.id, `could not save source health: ${messageOf(storeError)}`, now(), {
          ...(collector.url ? { url: collector.url } : {}),
        }),
      );
    }
    return {
      sourceId: state.id,
      outcome: fatal ? 'failed' : 'ok',
      startedAt: iso(startedMs),
      finishedAt,
      ...counts,
      ...(error ? { error } : {}),
      nextRunAt: iso(nextMs),
    };
  }

  function enqueue(state: SourceState): Promise<SourceRunReport> {
    if (state.running) return state.running;
    if (state.waiting) return state.waiting.promise;
    let resolve!: (report: SourceRunReport) => void;
    const promise = new Promise<SourceRunReport>((r) => (resolve = r));
    state.waiting = { promise, resolve };
    queue.push(state);
    pump();
    return promise;
  }

  /** Starts queued runs, oldest first, skipping those whose host is at its limit. */
  function pump(): void {
    for (let i = 0; i < queue.length && active < concurrency;) {
      const state = queue[i]!;
      if (state.host !== undefined && (activePerHost.get(state.host) ?? 0) >= perHost) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      begin(state);
    }
  }

  function begin(state: SourceState): void {
    const waiting = state.waiting!;
    state.waiting = undefined;
    if (state.timer !== undefined) {
      clearTimer(state.timer);
      state.timer = undefined;
    }
    active++;
    if (state.host !== undefined) activePerHost.set(state.host, (activePerHost.get(state.host) ?? 0) + 1);
    const run = execute(state).catch((error: unknown): SourceRunReport => ({
      ...report(state, 'failed', now().getTime()),
      error: { code: 'EMW_SOURCE_FAILED', reason: `scheduler error: ${messageOf(error)}` },
    }));
    state.running = run;
    void run.then((result) => {
      active--;
      if (state.host !== undefined) activePerHost.set(state.host, activePerHost.get(state.host)! - 1);
      state.running = undefined;
      waiting.resolve(result);
      try {
        onRun?.(result);
      } catch (error) {
        // An observer's bug must not stop the schedule; it is reported like any other problem.
        tellIssue(makeIssue('EMW_SOURCE_FAILED', state.id, `onRun threw: ${messageOf(error)}`, now()));
      }
      if (started && result.nextRunAt) arm(state, Date.parse(result.nextRunAt), generation);
      pump();
    });
  }

  function arm(state: SourceState, atMs: number, gen: number): void {
    if (!started || gen !== generation) return;
    if (state.timer !== undefined) clearTimer(state.timer);
    state.plannedAt = atMs;
    const delay = Math.min(Math.max(0, atMs - now().getTime()), MAX_TIMER_MS);
    state.timer = setTimer(() => {
      state.timer = undefined;
      if (now().getTime() < atMs) return arm(state, atMs, gen);
      if (started && gen === generation) void enqueue(state);
    }, delay);
  }

  return {
    start() {
      if (started) return;
      started = true;
      const gen = ++generation;
      for (const state of states) {
        void loadHealth(state)
          .catch(() => undefined)
          .then((health) => {
            const nowMs = now().getTime();
            const stored = health?.nextRunAt ? Date.parse(health.nextRunAt) : NaN;
            const first = stored > nowMs ? stored : nowMs + random() * state.jitter * state.source.intervalMs;
            if (!state.running && !state.waiting) arm(state, first, gen);
          });
      }
    },

    async stop() {
      started = false;
      generation++;
      for (const state of states) {
        if (state.timer !== undefined) clearTimer(state.timer);
        state.timer = undefined;
      }
      lifecycle.abort();
      const nowMs = now().getTime();
      for (const state of queue.splice(0)) {
        const waiting = state.waiting!;
        state.waiting = undefined;
        waiting.resolve(report(state, 'aborted', nowMs));
      }
      await Promise.all(states.map((s) => s.running));
      lifecycle = new AbortController();
    },

    async runOnce(sourceId) {
      let targets = states;
      if (sourceId !== undefined) {
        const state = byId.get(sourceId);
        if (!state)
          throw new EmwatchError('EMW_SCHEDULER_SOURCE', `[emwatch] [scheduler] no source with id "${sourceId}"`);
        targets = [state];
      }
      return Promise.all(
        targets.map((state) => {
          const nowMs = now().getTime();
          if (!state.running && nowMs < state.notBefore) return report(state, 'deferred', nowMs, state.notBefore);
          return enqueue(state);
        }),
      );
    },

    async health() {
      return Promise.all(
        states.map(async (state) => {
          const health = await loadHealth(state);
          return (
            health ?? {
              sourceId: state.id,
              ...(state.source.collector.url ? { url: state.source.collector.url } : {}),
              consecutiveFailures: 0,
              itemsPerDay: {},
              ...(started && state.plannedAt !== undefined ? { nextRunAt: iso(state.plannedAt) } : {}),
            }
          );
        }),
      );
    },
  };
}
