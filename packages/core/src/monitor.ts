import type { Collector } from './collect/collector.js';
import { makeIssue, quarantine } from './collect/make-issue.js';
import { createScheduler, type ScheduledSource } from './collect/schedule.js';
import { EmwatchError } from './errors.js';
import { createBurstDetector, type Burst } from './events/burst.js';
import { createEventClusterer } from './events/cluster.js';
import { createDeduper } from './events/dedup.js';
import type { Alert } from './model/alert.js';
import type { Event } from './model/event.js';
import type { Incident } from './model/incident.js';
import type { IsoDateTime } from './model/iso-date-time.js';
import type { RegionPack } from './model/region-pack.js';
import type { RiskScore } from './model/risk-score.js';
import type { Signal } from './model/signal.js';
import { INCIDENT_STATES } from './model/incident.js';
import { isResponseLevel, type ResponseLevel } from './model/taxonomy.js';
import type { TextAnalysis } from './model/text-analysis.js';
import { createAlerter, type Alerter, type AlerterOptions } from './respond/alerter.js';
import type { Channel } from './respond/channels/channel.js';
import { createIncident, transition, type IncidentAction, type TransitionDetails } from './respond/incident.js';
import { validateRules, type AlertRule } from './respond/rules.js';
import { levelRank } from './respond/_internal/level-rank.js';
import { DEFAULT_TIME_ZONE, formatOffsetDateTime } from './respond/_internal/local-time.js';
import type { RiskPreset } from './risk/presets.js';
import { resolveRiskPreset } from './risk/presets.js';
import { scoreEvent } from './risk/score.js';
import type { Store } from './store/store.js';
import { analyzeText, type EnglishClassifier } from './text/analyze.js';
import { createPublicEvents } from './monitor/_internal/public-events.js';
import { restoreEvents } from './monitor/_internal/restore-events.js';
import {
  addToSample,
  createSample,
  mergeSample,
  sampleContext,
  scoringAnalysisOf,
  type ScoringSample,
} from './monitor/_internal/scoring-sample.js';

/**
 * Options of {@link createMonitor}. Platform hooks (clock, timers, `fetch`) default to the globals.
 *
 * @example
 * ```ts
 * const options: MonitorOptions = {
 *   collectors: [{ collector: cap({ id: 'nmg-cap', url: 'https://example.gov.cn/cap/index.atom' }), intervalMs: 60_000 }],
 *   region: regionNmg,
 *   rules: JSON.parse(rulesJson),
 *   channels: { console: consoleChannel() },
 *   store: createMemoryStore(),
 *   incidentMinLevel: 'II',
 * };
 * ```
 */
export interface MonitorOptions {
  /** The sources: collectors (run every `intervalMs`) or scheduled sources with their own interval. */
  readonly collectors: readonly (Collector | ScheduledSource)[];
  /** Region pack: places in texts, exposure, region conditions of rules, place names in messages. */
  readonly region: RegionPack;
  /** Alert rules, typed or as parsed JSON (checked with `validateRules`; a route to an unknown channel is an error). */
  readonly rules: readonly AlertRule[] | unknown;
  /** Channels by the ids the rules route to. */
  readonly channels: Readonly<Record<string, Channel>>;
  /** Where everything is kept; the monitor's state across restarts lives there too. */
  readonly store: Store;
  /** Risk preset or the id of a built-in one (`'default'`). */
  readonly preset?: string | RiskPreset;
  /** An incident is opened when an alert at or above this level is raised (one per event); `'III'` by default. */
  readonly incidentMinLevel?: ResponseLevel;
  /** The clock. */
  readonly now?: () => Date;
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
  /** Zone for dates without an offset, record times and messages; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
  /** Classifier for English texts (`classifyEnglish` of `@emwatch/core/node`); without it English texts are not typed. */
  readonly english?: EnglishClassifier;
  /** Receives every problem met along the way (each is also quarantined); `console.error` by default. */
  readonly onError?: (error: unknown) => void;
  /** Interval for collectors given without one; 5 minutes by default. */
  readonly intervalMs?: number;
  /** WHATWG fetch for the collectors. */
  readonly fetch?: typeof fetch;
  /** Resolver for the collectors' SSRF guard (`resolveHost` of `@emwatch/core/node` on servers). */
  readonly resolveHost?: (hostname: string) => Promise<readonly string[]>;
  /** Reminders, escalation and message options of the alerter. */
  readonly alerts?: Pick<
    AlerterOptions,
    'resendAfterMs' | 'escalateAfterMs' | 'maxEscalations' | 'lang' | 'link' | 'factorLabelsEn' | 'maxAlerts'
  >;
  /** How often a started monitor runs the alerter's reminders, escalations and digests; 1 minute by default. */
  readonly tickIntervalMs?: number;
  /** How far back (by signal time) a restart rebuilds events from the store's signals; 14 days by default. */
  readonly rebuildWindowMs?: number;
  /** Most stored signals a restart reads back; 100,000 by default. */
  readonly rebuildLimit?: number;
  /** Least time between two saves of the burst baselines (and always on `stop()`); 1 minute by default. */
  readonly stateSaveIntervalMs?: number;
  /** Events the clusterer keeps open in memory; 20,000 by default. */
  readonly maxEvents?: number;
}

/**
 * One change the monitor made, as the server's live stream relays it.
 *
 * @example
 * ```ts
 * monitor.subscribe((change: MonitorChange) => {
 *   if (change.kind === 'alert') console.log(change.at, change.record.title);
 * });
 * ```
 */
export type MonitorChange =
  | { readonly kind: 'signal'; readonly id: string; readonly at: IsoDateTime; readonly record: Signal }
  /** `record` is `null` when the event was merged into another and removed. */
  | { readonly kind: 'event'; readonly id: string; readonly at: IsoDateTime; readonly record: Event | null }
  | { readonly kind: 'score'; readonly id: string; readonly at: IsoDateTime; readonly record: RiskScore }
  | { readonly kind: 'alert'; readonly id: string; readonly at: IsoDateTime; readonly record: Alert }
  | { readonly kind: 'incident'; readonly id: string; readonly at: IsoDateTime; readonly record: Incident };

/**
 * The running pipeline, with the analyst's and duty officer's actions on what it found.
 *
 * @example
 * ```ts
 * const monitor: Monitor = createMonitor(options);
 * await monitor.runOnce();
 * await monitor.acknowledge('alr:2f8b10bdd089902fd3b2fe5f:III', 'duty-officer-1', '已电话核实');
 * await monitor.transitionIncident('inc:2f8b10bdd089902fd3b2fe5f', 'verify', 'duty-officer-1');
 * ```
 */
export interface Monitor {
  /** Runs every source on its interval and the alerter's reminders every `tickIntervalMs`. */
  start(): void;
  /** Stops the timers, waits for the work in flight and saves the burst baselines. */
  stop(): Promise<void>;
  /** One pass over every collector, now (for tests and one-off fetches). */
  runOnce(): Promise<void>;
  /** Stores signals from elsewhere (a webhook, an import) and runs the new ones down the pipeline. */
  ingest(signals: readonly Signal[]): Promise<void>;
  /** Records that a person took an alert; persisted before it resolves. */
  acknowledge(alertId: string, actor: string, note?: string): Promise<Alert>;
  /** Applies a workflow action to an incident (see `transition`); persisted with its audit entry. */
  transitionIncident(id: string, action: IncidentAction, actor: string, details?: TransitionDetails): Promise<Incident>;
  /** Merges events into the one seen first; the others are removed from the store. */
  mergeEvents(ids: readonly string[], actor: string): Promise<Event>;
  /** Moves distinct signals of an event into a new event. */
  splitEvent(id: string, signalIds: readonly string[], actor: string): Promise<[Event, Event]>;
  /** Sends reminders, escalations and digests that fell due (a started monitor does this by itself). */
  tick(): Promise<void>;
  /** Calls `listener` with every change; returns the function that stops it. */
  subscribe(listener: (change: MonitorChange) => void): () => void;
}

/** Key of the burst baselines in `Store.getState`. */
const BURST_STATE_KEY = 'monitor:bursts';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Alerts read back on start so "one alert per event per level" holds across restarts. */
const MAX_INITIAL_ALERTS = 10_000;
/** Signals read back to rebuild the sample of a split event. */
const MAX_SPLIT_SIGNALS = 5_000;
/** Places of an event checked for bursts. */
const MAX_BURST_PLACES = 16;

function optionError(name: string, detail: string): EmwatchError {
  return new EmwatchError('EMW_MONITOR_OPTIONS', `[emwatch] [monitor] ${name} ${detail}`);
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !(v > 0)) throw optionError(name, `must be a positive number, got ${String(value)}`);
  return v;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The text a signal is analysed and compared by: its headline and its body. */
function signalText(signal: Signal): string {
  return signal.title ? `${signal.title}\n${signal.text}` : signal.text;
}

/**
 * Wires the stages into a running monitor: the scheduler collects; each signal new to the store
 * is analysed (`analyzeText`), checked for copies (`createDeduper`: a copy is counted as a repost
 * of its original's event, never a new event), clustered into an event (`createEventClusterer`),
 * and counted for bursts per (place, type). Each event a batch touched is then written, scored
 * (`scoreEvent` with a bounded sample of its signals, their analyses and the bursts under way in
 * its places), and handed to the alerter (`createAlerter`), whose alerts are written as they
 * change; an alert at or above `incidentMinLevel` opens the event's incident (one per event,
 * regraded when a higher alert follows). Events of type `none` (noise) are kept for clustering
 * but not written until they get a type; CAP tests and exercises never raise alerts. A failure
 * in one stage for one signal or event is passed to `onError` and quarantined as
 * `EMW_SOURCE_FAILED`; the rest goes on. Work is serialised, so the same signals and clock give
 * the same records.
 *
 * Restarts: the burst baselines are saved in the store (`monitor:bursts`); the deduper and the
 * clusterer, which have no snapshot, are rebuilt from the store's signals of the last
 * `rebuildWindowMs`, and each rebuilt event keeps its stored id and history; the alerter starts
 * from the stored alerts, so nothing is alerted twice.
 *
 * @example
 * ```ts
 * import { consoleChannel, createMemoryStore, createMonitor, replay } from '@emwatch/core';
 * import regionNmg from '@emwatch/region-nmg';
 *
 * const monitor = createMonitor({
 *   collectors: [replay({ id: 'demo', items: posts, speed: 600 })],
 *   region: regionNmg,
 *   rules: [{ id: 'all', when: { minLevel: 'IV' }, route: { channels: ['console'] } }],
 *   channels: { console: consoleChannel() },
 *   store: createMemoryStore(),
 * });
 * monitor.subscribe((change) => console.log(change.kind, change.id));
 * monitor.start();
 * // later: await monitor.stop();
 * ```
 */
export function createMonitor(options: MonitorOptions): Monitor {
  if (!options || typeof options !== 'object') throw optionError('options', 'must be an object');
  const { store, region, english } = options;
  if (!store || typeof store.putSignals !== 'function') throw optionError('store', 'must be a Store');
  if (!region || typeof region.byCode !== 'function') throw optionError('region', 'must be a region pack');
  if (!Array.isArray(options.collectors)) throw optionError('collectors', 'must be an array');
  const channels = options.channels ?? {};
  const rules = validateRules(options.rules, { channels: Object.keys(channels) });
  const minLevel = options.incidentMinLevel ?? 'III';
  if (!isResponseLevel(minLevel))
    throw optionError('incidentMinLevel', `must be IV, III, II or I, got ${String(minLevel)}`);
  const preset = resolveRiskPreset(options.preset ?? 'default');
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
  const clearTimer =
    options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>));
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const intervalMs = positive('intervalMs', options.intervalMs, 5 * MINUTE);
  const tickIntervalMs = positive('tickIntervalMs', options.tickIntervalMs, MINUTE);
  const rebuildWindowMs = positive('rebuildWindowMs', options.rebuildWindowMs, 14 * DAY);
  const rebuildLimit = positive('rebuildLimit', options.rebuildLimit, 100_000);
  const stateSaveIntervalMs = positive('stateSaveIntervalMs', options.stateSaveIntervalMs, MINUTE);
  const maxEvents = positive('maxEvents', options.maxEvents, 20_000);
  // Every change is stamped; formatting a zoned time costs microseconds, and batches share one instant.
  let stamped = { ms: NaN, text: '' };
  const stamp = (): IsoDateTime => {
    const at = now();
    if (at.getTime() !== stamped.ms) stamped = { ms: at.getTime(), text: formatOffsetDateTime(at, timeZone) };
    return stamped.text;
  };

  const sources: ScheduledSource[] = options.collectors.map((item, index) => {
    if (!item || typeof item !== 'object') throw optionError(`collectors[${index}]`, 'must be a collector');
    return 'collector' in item ? item : { collector: item, intervalMs };
  });

  const deduper = createDeduper({ region });
  const clusterer = createEventClusterer({ region, now, maxEvents });
  const bursts = createBurstDetector({ timeZone, now });
  const ids = createPublicEvents();
  /** Scoring samples by the clusterer's event id, least recently touched first (bounded like the clusterer). */
  const samples = new Map<string, ScoringSample>();
  const listeners = new Set<(change: MonitorChange) => void>();
  // Set once `ready` has read the stored alerts; every use awaits `ready` first.
  let alerter: Alerter | undefined;
  let lastStateSave = -Infinity;
  let started = false;
  let tickTimer: unknown;

  const emit = (change: MonitorChange): void => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        onError(error);
      }
    }
  };

  /** Reports a failure of one stage and quarantines its input; never throws. */
  const report = async (stage: string, error: unknown, sourceId: string, subject: string, payload?: unknown) => {
    const reason = `${stage} failed for ${subject}: ${messageOf(error)}`;
    onError(new EmwatchError('EMW_MONITOR_STAGE', `[emwatch] [monitor] ${reason}`, { cause: error }));
    try {
      await store.putQuarantine(
        makeIssue('EMW_SOURCE_FAILED', sourceId, reason, now(), {
          ...(payload === undefined
            ? {}
            : {
                quarantine: quarantine(JSON.stringify(payload) ?? String(payload), { contentType: 'application/json' }),
              }),
        }),
      );
    } catch (storeError) {
      onError(storeError);
    }
  };

  // Every change of state goes through this queue: batches, merges, acknowledgements and
  // transitions never interleave, which keeps the records deterministic.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  const sampleOf = (eventId: string): ScoringSample => {
    let sample = samples.get(eventId);
    if (sample) samples.delete(eventId);
    else sample = createSample();
    samples.set(eventId, sample);
    while (samples.size > maxEvents) samples.delete(samples.keys().next().value as string);
    return sample;
  };

  const persistAlert = async (alert: Alert): Promise<void> => {
    await store.putAlert(alert);
    emit({ kind: 'alert', id: alert.id, at: stamp(), record: alert });
  };
  /** Alerts already written by `acknowledge` itself, so the alerter's echo is not written twice. */
  const written = new WeakSet<Alert>();

  const burstsFor = (event: Event): Burst[] => {
    const found: Burst[] = [];
    const at = now();
    for (const unit of event.places.slice(0, MAX_BURST_PLACES)) {
      const burst = bursts.check({ unit, type: event.type }, at);
      if (burst) found.push(burst);
    }
    return found;
  };

  const openIncident = async (event: Event, score: RiskScore, alert: Alert): Promise<void> => {
    if (levelRank(alert.level) < levelRank(minLevel)) return;
    const id = `inc:${event.id.replace(/^evt:/, '')}`;
    const existing = await store.getIncident(id);
    let incident: Incident | undefined;
    if (!existing) {
      incident = createIncident(event, score, now(), { id, timeZone });
    } else if (
      !INCIDENT_STATES[existing.state].terminal &&
      (!existing.level || levelRank(alert.level) > levelRank(existing.level))
    ) {
      incident = transition(
        existing,
        'regrade',
        'system',
        now(),
        {
          level: alert.level,
          reason: `预警升级：${alert.title}（${alert.id}）`,
        },
        { timeZone },
      );
    }
    if (!incident) return;
    await store.putIncident(incident);
    emit({ kind: 'incident', id: incident.id, at: stamp(), record: incident });
  };

  /** Writes, scores and alerts one event the batch touched. */
  const settle = async (internalId: string): Promise<void> => {
    const current = clusterer.get(internalId);
    const sample = samples.get(internalId);
    if (!current || !sample) return; // forgotten by the clusterer (bounded memory)
    if (current.type === 'none' && !sample.written) return;
    const event = ids.present(current);
    await store.putEvent(event);
    sample.written = true;
    emit({ kind: 'event', id: event.id, at: stamp(), record: event });
    const found = burstsFor(event);
    const score = scoreEvent(event, { ...sampleContext(sample), region, bursts: found, preset, timeZone });
    await store.putScore(score);
    emit({ kind: 'score', id: event.id, at: stamp(), record: score });
    const raised = await alerter!.onScore(event, score, { bursts: found, test: sample.real === 0 });
    for (const alert of raised) await openIncident(event, score, alert);
  };

  const settleAll = async (touched: ReadonlyMap<string, Signal>): Promise<void> => {
    for (const [internalId, signal] of touched) {
      try {
        await settle(internalId);
      } catch (error) {
        await report('scoring and alerting', error, signal.sourceId, `event ${ids.publicId(internalId)}`);
      }
    }
  };

  /** Runs new signals down the pipeline, then settles every event they touched. */
  const processBatch = async (signals: readonly Signal[]): Promise<void> => {
    const touched = new Map<string, Signal>();
    for (const signal of signals) {
      emit({ kind: 'signal', id: signal.id, at: stamp(), record: signal });
      let analysis: TextAnalysis;
      try {
        analysis = analyzeText(signalText(signal), { region, ...(english ? { english } : {}) });
      } catch (error) {
        await report('analysis', error, signal.sourceId, `signal ${signal.id}`, signal);
        continue;
      }
      let duplicateOf: string | null = null;
      try {
        duplicateOf = deduper.add({
          id: signal.id,
          text: signalText(signal),
          publishedAt: signal.publishedAt,
        }).duplicateOf;
      } catch (error) {
        await report('dedup', error, signal.sourceId, `signal ${signal.id}`, signal);
      }
      let eventId: string;
      try {
        const repost = duplicateOf !== null && clusterer.eventOf(duplicateOf) !== undefined;
        eventId = clusterer.add(signal, analysis, duplicateOf).event.id;
        const sample = sampleOf(eventId);
        if (!repost) addToSample(sample, signal, scoringAnalysisOf(analysis));
      } catch (error) {
        await report('clustering', error, signal.sourceId, `signal ${signal.id}`, signal);
        continue;
      }
      touched.delete(eventId); // settled in the order last touched: the freshest state last
      touched.set(eventId, signal);
      try {
        const type = signal.facts?.hintedType ?? analysis.type;
        if (type !== 'none') {
          const at = signal.publishedAt ?? signal.collectedAt;
          const units = new Set([...(signal.facts?.regionCodes ?? []), ...analysis.places.map((place) => place.code)]);
          for (const unit of units) bursts.observe({ unit, type }, at);
        }
      } catch (error) {
        await report('burst counting', error, signal.sourceId, `signal ${signal.id}`, signal);
      }
    }
    await settleAll(touched);
    await saveState(false);
  };

  const saveState = async (force: boolean): Promise<void> => {
    const at = now().getTime();
    if (!force && at - lastStateSave < stateSaveIntervalMs) return;
    lastStateSave = at;
    try {
      await store.setState(BURST_STATE_KEY, bursts.snapshot());
    } catch (error) {
      await report('saving the burst baselines', error, 'monitor', `state ${BURST_STATE_KEY}`);
    }
  };

  const scheduler = createScheduler({
    sources,
    store,
    parseOptions: { region, timeZone },
    now,
    setTimeout: setTimer,
    clearTimeout: clearTimer,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
    onSignals: async (signals) => {
      await ready;
      await exclusive(() => processBatch(signals));
    },
  });

  const tick = async (): Promise<void> => {
    await ready;
    await exclusive(async () => {
      await alerter!.tick(now());
    });
  };

  const armTick = (): void => {
    if (!started) return;
    tickTimer = setTimer(() => {
      tick().catch(onError).finally(armTick);
    }, tickIntervalMs);
  };

  const liveEvent = (id: string, operation: string): string => {
    const internalId = ids.internalId(id);
    if (!clusterer.get(internalId))
      throw new EmwatchError(
        'EMW_EVENT_UNKNOWN',
        `[emwatch] [monitor] ${operation}: no open event ${JSON.stringify(id)}`,
      );
    return internalId;
  };

  const resample = async (event: Event): Promise<void> => {
    const sample = createSample();
    sample.written = true;
    for (const signalId of event.signalIds.slice(-MAX_SPLIT_SIGNALS)) {
      const signal = await store.getSignal(signalId);
      if (!signal) continue;
      addToSample(
        sample,
        signal,
        scoringAnalysisOf(analyzeText(signalText(signal), { region, ...(english ? { english } : {}) })),
      );
    }
    samples.delete(event.id);
    samples.set(event.id, sample);
  };

  const ready = (async () => {
    const stored = await store.getState(BURST_STATE_KEY);
    if (stored !== undefined && stored !== null) {
      try {
        bursts.restore(stored);
      } catch (error) {
        await report('restoring the burst baselines', error, 'monitor', `state ${BURST_STATE_KEY}`);
      }
    }
    const initialAlerts: Alert[] = [];
    for (let after: string | undefined, more = true; more && initialAlerts.length < MAX_INITIAL_ALERTS;) {
      const page = await store.listAlerts({ limit: 1000, ...(after ? { after } : {}) });
      initialAlerts.push(...page.items);
      after = page.next;
      more = after !== undefined;
    }
    alerter = createAlerter({
      rules,
      channels,
      region,
      now,
      timeZone,
      ...options.alerts,
      initialAlerts: initialAlerts.reverse(),
      onChange: async (alert) => {
        if (!written.has(alert)) await persistAlert(alert);
      },
      onError,
    });
    await restoreEvents({
      store,
      since: new Date(now().getTime() - rebuildWindowMs),
      limit: rebuildLimit,
      replay: (signal) => {
        const analysis = analyzeText(signalText(signal), { region, ...(english ? { english } : {}) });
        const { duplicateOf } = deduper.add({
          id: signal.id,
          text: signalText(signal),
          publishedAt: signal.publishedAt,
        });
        const repost = duplicateOf !== null && clusterer.eventOf(duplicateOf) !== undefined;
        const { event } = clusterer.add(signal, analysis, duplicateOf);
        if (!repost) addToSample(sampleOf(event.id), signal, scoringAnalysisOf(analysis));
      },
      clusterer,
      ids,
      onMerged: (survivor, others) => {
        const into = sampleOf(survivor);
        for (const other of others) {
          const sample = samples.get(other);
          if (sample) mergeSample(into, sample);
          samples.delete(other);
        }
      },
      onSplit: async (kept, moved) => {
        await resample(kept);
        await resample(moved);
      },
      onBound: (internalId) => {
        sampleOf(internalId).written = true;
      },
      onError: (error, subject) => report('rebuilding events', error, 'monitor', subject),
    });
  })();
  // A failed start is reported once; every call then rejects with it.
  ready.catch(onError);

  return {
    start() {
      if (started) return;
      started = true;
      ready.then(
        () => {
          if (!started) return;
          scheduler.start();
          armTick();
        },
        () => undefined,
      );
    },
    async stop() {
      started = false;
      if (tickTimer !== undefined) clearTimer(tickTimer);
      tickTimer = undefined;
      await scheduler.stop();
      await ready;
      await exclusive(() => saveState(true));
      alerter?.close();
    },
    async runOnce() {
      await ready;
      await scheduler.runOnce();
    },
    async ingest(signals) {
      if (!Array.isArray(signals)) throw optionError('ingest', 'expects an array of signals');
      await ready;
      await exclusive(async () => {
        const fresh = new Set(await store.putSignals(signals));
        await processBatch(signals.filter((signal) => fresh.delete(signal.id)));
      });
    },
    async acknowledge(alertId, actor, note) {
      await ready;
      return exclusive(async () => {
        const alert = alerter!.acknowledge(alertId, actor, note);
        written.add(alert);
        await persistAlert(alert);
        return alert;
      });
    },
    async transitionIncident(id, action, actor, details) {
      await ready;
      return exclusive(async () => {
        const incident = await store.getIncident(id);
        if (!incident)
          throw new EmwatchError(
            'EMW_INCIDENT_UNKNOWN',
            `[emwatch] [monitor] no incident ${JSON.stringify(id.slice(0, 200))}`,
          );
        const next = transition(incident, action, actor, now(), details ?? {}, { timeZone });
        await store.putIncident(next);
        emit({ kind: 'incident', id: next.id, at: stamp(), record: next });
        return next;
      });
    },
    async mergeEvents(eventIds, actor) {
      await ready;
      return exclusive(async () => {
        const internal = eventIds.map((id) => liveEvent(id, 'merge'));
        const survivor = clusterer.merge(internal, actor, now());
        const into = sampleOf(survivor.id);
        for (const other of new Set(internal)) {
          if (other === survivor.id) continue;
          const sample = samples.get(other);
          if (sample) mergeSample(into, sample);
          samples.delete(other);
          const publicId = ids.publicId(other);
          ids.unbind(other);
          if (await store.deleteEvent(publicId)) emit({ kind: 'event', id: publicId, at: stamp(), record: null });
        }
        into.written = true;
        await settle(survivor.id);
        return ids.present(clusterer.get(survivor.id) ?? survivor);
      });
    },
    async splitEvent(eventId, signalIds, actor) {
      await ready;
      return exclusive(async () => {
        const [kept, moved] = clusterer.split(liveEvent(eventId, 'split'), signalIds, actor, now());
        await resample(kept);
        await resample(moved);
        await settle(kept.id);
        await settle(moved.id);
        return [ids.present(clusterer.get(kept.id) ?? kept), ids.present(clusterer.get(moved.id) ?? moved)];
      });
    },
    tick,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
