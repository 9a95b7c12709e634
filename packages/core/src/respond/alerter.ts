import { EmwatchError } from '../errors.js';
import type { Alert, AlertDelivery } from '../model/alert.js';
import type { Event } from '../model/event.js';
import type { RegionPack } from '../model/region-pack.js';
import type { RiskScore } from '../model/risk-score.js';
import type { LabelLanguage } from '../model/taxonomy.js';
import { sha256Hex } from '../_internal/sha256.js';
import {
  alertTitle,
  createAlertEntry,
  createAlertMessage,
  eventHeadline,
  type AlertMessage,
  type AlertMessageEntry,
  type AlertMessageKind,
} from './alert-message.js';
import type { Channel, ChannelAttempt } from './channels/channel.js';
import { matchRules, validateRules, type AlertRule, type QuietHours, type RuleBurst } from './rules.js';
import { levelRank } from './_internal/level-rank.js';
import { DEFAULT_TIME_ZONE, formatOffsetDateTime, inDailyPeriod } from './_internal/local-time.js';
import { createThrottle } from './_internal/throttle.js';

/** Options of {@link createAlerter}. */
export interface AlerterOptions {
  /** The alert rules (checked with `validateRules`; a route to an unknown channel is an error). */
  readonly rules: readonly AlertRule[];
  /** The channels, by the ids the rules route to. */
  readonly channels: Readonly<Record<string, Channel>>;
  /** Region pack: place names in messages, descendants in region conditions. */
  readonly region?: RegionPack;
  /** The clock; `() => new Date()` by default. */
  readonly now?: () => Date;
  /** An unacknowledged alert is sent again this long after its last message; default 15 minutes. `Infinity` turns reminders off. */
  readonly resendAfterMs?: number;
  /**
   * An alert still unacknowledged this long after it was raised is escalated (sent to the rule's
   * `escalateTo` channels as well), and again after each further such period; default 30 minutes.
   */
  readonly escalateAfterMs?: number;
  /** Escalations at most; after the last one the alerter stops reminding. Default 2. */
  readonly maxEscalations?: number;
  /**
   * A timer: when given, the alerter runs {@link Alerter.tick} by itself when the next reminder,
   * escalation or digest is due (call `close()` to stop). Without it, call `tick()` periodically.
   */
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  /** Message language; zh-CN by default. */
  readonly lang?: LabelLanguage;
  /** Zone for times in messages and alert records; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
  /** Link to an event page in the duty-room application, shown in messages. */
  readonly link?: (event: Event) => string | undefined;
  /** English labels of risk factors by id, for `lang: 'en'`. */
  readonly factorLabelsEn?: Readonly<Record<string, string>>;
  /**
   * Alerts from before a restart (e.g. from a store): they keep "one alert per event per level"
   * across restarts. Reminders resume once the event is scored again.
   */
  readonly initialAlerts?: readonly Alert[];
  /** Called with every new or changed alert, e.g. to persist it; awaited where the alerter is asynchronous. */
  readonly onChange?: (alert: Alert) => void | Promise<void>;
  /** Receives errors of work nobody awaits (automatic ticks, `onChange` after `acknowledge`); `console.error` by default. */
  readonly onError?: (error: unknown) => void;
  /** Alerts kept in memory; the oldest are forgotten beyond this. Default 10,000. */
  readonly maxAlerts?: number;
}

/** Extra evidence for {@link Alerter.onScore}. */
export interface AlerterScoreContext {
  /** Bursts under way (for rules with a `burst` condition). */
  readonly bursts?: readonly RuleBurst[];
  /** True when the event comes from test or exercise messages only. */
  readonly test?: boolean;
}

/** Why alerts were held back and sent together. */
export type DigestReason = 'digest' | 'quiet-hours' | 'throttle';

/** One digest (or held-back message) sent by {@link Alerter.flushDigests}. */
export interface DigestReport {
  readonly channelId: string;
  /** Rule whose digest or quiet hours held the alerts; absent for throttling. */
  readonly ruleId?: string;
  readonly reason: DigestReason;
  readonly alertIds: readonly string[];
  readonly status: 'sent' | 'failed';
  readonly error?: string;
}

/** What {@link Alerter.tick} did. */
export interface AlerterTickResult {
  /** Alerts sent again because nobody acknowledged them. */
  readonly reminded: readonly Alert[];
  /** Alerts escalated because nobody acknowledged them in time. */
  readonly escalated: readonly Alert[];
  /** Digests that fell due and were sent. */
  readonly digests: readonly DigestReport[];
}

/** Raises alerts from risk scores and sees them delivered and acknowledged. */
export interface Alerter {
  /**
   * Considers an event's new risk score: when rules match and the level is higher than any
   * alerted before for the event, raises an alert and delivers it. Returns the alerts raised.
   */
  onScore(event: Event, score: RiskScore, context?: AlerterScoreContext): Promise<Alert[]>;
  /** Records that a person took the alert; stops its reminders and escalation. The first acknowledgement is kept. */
  acknowledge(alertId: string, actor: string, note?: string): Alert;
  /** Sends reminders, escalates what nobody acknowledged in time, and sends digests that fell due. */
  tick(now?: Date): Promise<AlerterTickResult>;
  /** Sends the digests that fell due (all of them with `{ all: true }`, e.g. at shutdown). */
  flushDigests(now?: Date, options?: { readonly all?: boolean }): Promise<DigestReport[]>;
  /** Every alert in memory, oldest first. */
  alerts(): Alert[];
  /** Stops automatic ticks. */
  close(): void;
}

type Mode = 'now' | 'digest' | 'quiet';

interface Tracked {
  alert: Alert;
  /** Rules that matched when the alert was raised, in rule order. */
  readonly ruleIds: readonly string[];
  /** Channels that got (or tried to get) the alert at once: reminders go there. */
  readonly channels: readonly string[];
  /** Further channels for escalations. */
  readonly escalateTo: readonly string[];
  /** Whether it was delivered individually, so acknowledgement is expected; digest items are informational. */
  readonly individual: boolean;
  readonly kind: AlertMessageKind;
  lastNotifiedAt: number;
}

interface Queue {
  readonly channelId: string;
  readonly ruleId?: string;
  readonly reason: DigestReason;
  readonly quietHours?: QuietHours;
  readonly alertIds: string[];
  dueAt: number;
}

const MINUTE = 60_000;
const DEFAULTS = { resendAfterMs: 15 * MINUTE, escalateAfterMs: 30 * MINUTE, maxEscalations: 2, maxAlerts: 10_000 };
const MAX_NOTE = 2000;
const MAX_ACTOR = 200;
const ERROR_CODES: Readonly<Record<DigestReason, string>> = {
  digest: 'EMW_ALERT_DIGEST',
  'quiet-hours': 'EMW_ALERT_QUIET_HOURS',
  throttle: 'EMW_ALERT_THROTTLED',
};

/**
 * Creates the alerter: one alert per event per level; a rise in level raises a new alert linked
 * to the previous one (a fall raises nothing); unacknowledged alerts are reminded after
 * `resendAfterMs` and escalated after `escalateAfterMs`; quiet hours hold back alerts below a
 * level and low levels go to a digest, both recorded as `suppressed` deliveries and sent later as
 * one message; channels with a rate limit get the excess as one digest too. Every delivery
 * attempt is recorded on the alert (status, attempt, error).
 *
 * @example
 * ```ts
 * const alerter = createAlerter({
 *   rules: validateRules(rulesJson),
 *   channels: { 'dingtalk-duty-room': dingtalkChannel({ id: 'dingtalk-duty-room', url, secret }) },
 *   region: nmg,
 * });
 * const raised = await alerter.onScore(event, scoreEvent(event, { signals, region: nmg }));
 * alerter.acknowledge(raised[0].id, 'duty-officer-1', '已电话核实');
 * setInterval(() => void alerter.tick(), 60_000);
 * ```
 */
export function createAlerter(options: AlerterOptions): Alerter {
  const channelIds = Object.keys(options.channels);
  const rules = validateRules(options.rules, { channels: channelIds });
  for (const [key, channel] of Object.entries(options.channels)) {
    if (channel.id !== key) {
      throw new EmwatchError(
        'EMW_ALERT_CONFIG',
        `[emwatch] [alerter] channel registered as ${JSON.stringify(key)} has id ${JSON.stringify(channel.id)}; use its id as the key`,
      );
    }
  }
  const clock = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const lang = options.lang ?? 'zh-CN';
  const resendAfterMs = positive(options.resendAfterMs, DEFAULTS.resendAfterMs, 'resendAfterMs');
  const escalateAfterMs = positive(options.escalateAfterMs, DEFAULTS.escalateAfterMs, 'escalateAfterMs');
  const maxEscalations = positive(options.maxEscalations, DEFAULTS.maxEscalations, 'maxEscalations', 0);
  const maxAlerts = positive(options.maxAlerts, DEFAULTS.maxAlerts, 'maxAlerts', 1);
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));

  const tracked = new Map<string, Tracked>();
  /** Highest level alerted per event (rank), kept even when old alerts are forgotten. */
  const highest = new Map<string, { rank: number; alertId: string }>();
  const latest = new Map<string, { event: Event; score: RiskScore }>();
  /** Alerts in memory per event. */
  const alertCount = new Map<string, number>();
  const queues = new Map<string, Queue>();
  const throttle = createThrottle(MINUTE);
  let ticking: Promise<AlerterTickResult> | undefined;
  let closed = false;
  let armedAt = Infinity;
  let generation = 0;

  for (const alert of options.initialAlerts ?? []) {
    const rule = ruleById.get(alert.ruleId);
    tracked.set(alert.id, {
      alert,
      ruleIds: rule ? [rule.id] : [],
      channels: rule?.route.channels ?? [],
      escalateTo: rule?.route.escalateTo ?? [],
      individual: alert.deliveries.some((delivery) => delivery.status !== 'suppressed'),
      kind: alert.previousAlertId ? 'upgrade' : 'alert',
      lastNotifiedAt: lastDeliveryTime(alert) ?? Date.parse(alert.createdAt),
    });
    alertCount.set(alert.eventId, (alertCount.get(alert.eventId) ?? 0) + 1);
    const known = highest.get(alert.eventId);
    if (!known || levelRank(alert.level) > known.rank) {
      highest.set(alert.eventId, { rank: levelRank(alert.level), alertId: alert.id });
    }
  }

  const stamp = (date: Date): string => formatOffsetDateTime(date, timeZone);

  const entryOf = (item: Tracked): AlertMessageEntry | undefined => {
    const info = latest.get(item.alert.eventId);
    if (!info) return undefined;
    const previous = item.alert.previousAlertId ? tracked.get(item.alert.previousAlertId)?.alert.level : undefined;
    return createAlertEntry(item.alert, info.event, info.score, {
      lang,
      ...(options.region ? { region: options.region } : {}),
      ...(options.link ? { link: options.link } : {}),
      ...(options.factorLabelsEn ? { factorLabelsEn: options.factorLabelsEn } : {}),
      ...(previous ? { previousLevel: previous } : {}),
    });
  };

  const record = (alertId: string, delivery: AlertDelivery): void => {
    const item = tracked.get(alertId);
    if (item) item.alert = { ...item.alert, deliveries: [...item.alert.deliveries, delivery] };
  };

  const nextAttempt = (alertId: string, channelId: string): number => {
    const deliveries = tracked.get(alertId)?.alert.deliveries ?? [];
    return deliveries.reduce((max, d) => (d.channelId === channelId ? Math.max(max, d.attempt) : max), 0) + 1;
  };

  const persist = async (alertIds: Iterable<string>): Promise<void> => {
    if (!options.onChange) return;
    for (const id of new Set(alertIds)) {
      const item = tracked.get(id);
      if (item) await options.onChange(snapshot(item.alert));
    }
  };

  /** Delivers one message through one channel and records each attempt on every alert it carries. */
  const deliver = async (
    channel: Channel,
    message: AlertMessage,
    alertIds: readonly string[],
  ): Promise<string | undefined> => {
    const bases = new Map(alertIds.map((id) => [id, nextAttempt(id, channel.id) - 1]));
    const attempts: ChannelAttempt[] = [];
    let failure: string | undefined;
    try {
      await channel.send(message, { now: clock, onAttempt: (attempt) => void attempts.push(attempt) });
      if (attempts.length === 0) attempts.push({ attempt: 1, ok: true, at: clock() });
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      if (attempts.length === 0) attempts.push({ attempt: 1, ok: false, error: failure, at: clock() });
    }
    for (const id of alertIds) {
      for (const attempt of attempts) {
        record(id, {
          channelId: channel.id,
          at: stamp(attempt.at),
          status: attempt.ok ? 'sent' : 'failed',
          attempt: (bases.get(id) ?? 0) + attempt.attempt,
          ...(attempt.ok ? {} : { error: attempt.error ?? failure ?? 'failed' }),
        });
      }
    }
    return failure;
  };

  const hold = (alertId: string, queue: Omit<Queue, 'alertIds'>, key: string, now: Date, reason: string): void => {
    const existing = queues.get(key);
    if (existing) existing.alertIds.push(alertId);
    else queues.set(key, { ...queue, alertIds: [alertId] });
    record(alertId, {
      channelId: queue.channelId,
      at: stamp(now),
      status: 'suppressed',
      attempt: nextAttempt(alertId, queue.channelId),
      error: `${ERROR_CODES[queue.reason]}: ${reason}`,
    });
  };

  /** Sends a single-alert message to channels, holding back what a channel's rate limit does not allow. */
  const sendToChannels = async (
    item: Tracked,
    kind: AlertMessageKind,
    ids: readonly string[],
    now: Date,
  ): Promise<void> => {
    const entry = entryOf(item);
    if (!entry) return;
    const message = createAlertMessage(kind, [entry], {
      lang,
      now,
      timeZone,
      ...(kind === 'escalation' ? { escalations: item.alert.escalations } : {}),
    });
    const sends: Promise<unknown>[] = [];
    for (const channelId of ids) {
      const channel = options.channels[channelId]!;
      if (channel.maxPerMinute !== undefined && !throttle.take(channelId, channel.maxPerMinute, now.getTime())) {
        const dueAt = throttle.nextFree(channelId, channel.maxPerMinute, now.getTime());
        hold(
          item.alert.id,
          { channelId, reason: 'throttle', dueAt },
          `throttle|${channelId}`,
          now,
          `${channelId} takes at most ${channel.maxPerMinute} messages a minute; held for a digest at ${stamp(new Date(dueAt))}`,
        );
        continue;
      }
      sends.push(deliver(channel, message, [item.alert.id]));
    }
    await Promise.all(sends);
    item.lastNotifiedAt = now.getTime();
  };

  const quietNow = (rule: AlertRule, level: Alert['level'], now: Date): boolean => {
    const quiet = rule.quietHours;
    if (!quiet) return false;
    if (levelRank(level) >= levelRank(quiet.minLevelDuring ?? 'II')) return false;
    return inDailyPeriod(now, quiet.start, quiet.end, quiet.timeZone ?? DEFAULT_TIME_ZONE);
  };

  const modeFor = (rule: AlertRule, level: Alert['level'], now: Date): Mode => {
    if (rule.digest?.levels.includes(level)) return 'digest';
    if (quietNow(rule, level, now)) return 'quiet';
    return 'now';
  };

  const forget = (): void => {
    for (const [id, item] of tracked) {
      if (tracked.size <= maxAlerts) break;
      tracked.delete(id);
      for (const queue of queues.values()) {
        const index = queue.alertIds.indexOf(id);
        if (index >= 0) queue.alertIds.splice(index, 1);
      }
      const eventId = item.alert.eventId;
      const left = (alertCount.get(eventId) ?? 1) - 1;
      if (left > 0) alertCount.set(eventId, left);
      else {
        alertCount.delete(eventId);
        latest.delete(eventId);
      }
    }
    // One number per event: bounded generously, oldest events first out.
    while (highest.size > maxAlerts * 2) highest.delete(highest.keys().next().value as string);
  };

  const onScore = async (event: Event, score: RiskScore, context: AlerterScoreContext = {}): Promise<Alert[]> => {
    const now = clock();
    // Only events with alerts are remembered (reminders and digests describe them afresh);
    // everything else the monitor scores passes through without a trace.
    if (alertCount.has(event.id)) latest.set(event.id, { event, score });
    const matched = matchRules(rules, {
      event,
      score,
      ...(context.bursts ? { bursts: context.bursts } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(context.test !== undefined ? { test: context.test } : {}),
    });
    if (matched.length === 0) return [];
    const previous = highest.get(event.id);
    if (previous && levelRank(score.level) <= previous.rank) return [];

    const title = alertTitle(score.color, eventHeadline(event, lang, options.region), lang);
    const alert: Alert = {
      id: alertId(event.id, score.level),
      eventId: event.id,
      ruleId: matched[0]!.id,
      level: score.level,
      color: score.color,
      score: score.score,
      title,
      createdAt: stamp(now),
      status: 'open',
      escalations: 0,
      deliveries: [],
      ...(previous ? { previousAlertId: previous.alertId } : {}),
    };

    // One plan per channel: the most immediate mode any matching rule gives it wins.
    const order: Readonly<Record<Mode, number>> = { now: 0, digest: 1, quiet: 2 };
    const plan = new Map<string, { mode: Mode; rule: AlertRule }>();
    for (const rule of matched) {
      const mode = modeFor(rule, score.level, now);
      for (const channelId of rule.route.channels) {
        const current = plan.get(channelId);
        if (!current || order[mode] < order[current.mode]) plan.set(channelId, { mode, rule });
      }
    }
    const immediate = [...plan].filter(([, p]) => p.mode === 'now').map(([id]) => id);
    const escalateTo = [...new Set(matched.flatMap((rule) => rule.route.escalateTo ?? []))].filter(
      (id) => !immediate.includes(id),
    );
    const kind: AlertMessageKind = previous ? 'upgrade' : 'alert';
    const item: Tracked = {
      alert,
      ruleIds: matched.map((rule) => rule.id),
      channels: immediate,
      escalateTo,
      individual: immediate.length > 0,
      kind,
      lastNotifiedAt: now.getTime(),
    };
    tracked.set(alert.id, item);
    latest.set(event.id, { event, score });
    alertCount.set(event.id, (alertCount.get(event.id) ?? 0) + 1);
    highest.delete(event.id);
    highest.set(event.id, { rank: levelRank(score.level), alertId: alert.id });

    for (const [channelId, { mode, rule }] of plan) {
      if (mode === 'digest') {
        const key = `digest|${rule.id}|${channelId}`;
        const dueAt = queues.get(key)?.dueAt ?? now.getTime() + rule.digest!.everyMinutes * MINUTE;
        hold(
          alert.id,
          { channelId, ruleId: rule.id, reason: 'digest', dueAt },
          key,
          now,
          `level ${score.level} goes to rule ${rule.id}'s digest, due at ${stamp(new Date(dueAt))}`,
        );
      } else if (mode === 'quiet') {
        const quiet = rule.quietHours!;
        hold(
          alert.id,
          { channelId, ruleId: rule.id, reason: 'quiet-hours', quietHours: quiet, dueAt: now.getTime() },
          `quiet|${rule.id}|${channelId}`,
          now,
          `quiet hours ${quiet.start}–${quiet.end} of rule ${rule.id}; held until they end`,
        );
      }
    }
    await sendToChannels(item, kind, immediate, now);
    forget();
    await persist([alert.id]);
    arm(now);
    return tracked.has(alert.id) ? [snapshot(tracked.get(alert.id)!.alert)] : [snapshot(alert)];
  };

  const acknowledge = (id: string, actor: string, note?: string): Alert => {
    const item = tracked.get(id);
    if (!item)
      throw new EmwatchError(
        'EMW_ALERT_UNKNOWN',
        `[emwatch] [alerter] no alert with id ${JSON.stringify(id.slice(0, 200))}`,
      );
    if (typeof actor !== 'string' || actor.trim() === '' || actor.length > MAX_ACTOR) {
      throw new EmwatchError(
        'EMW_ALERT_ACTOR',
        `[emwatch] [alerter] acknowledging ${id}: actor must be a user id of 1–${MAX_ACTOR} characters`,
      );
    }
    if (item.alert.status === 'acknowledged' || item.alert.status === 'resolved') return snapshot(item.alert);
    const text = note?.trim();
    item.alert = {
      ...item.alert,
      status: 'acknowledged',
      acknowledgedAt: stamp(clock()),
      acknowledgedBy: actor,
      ...(text ? { acknowledgementNote: text.slice(0, MAX_NOTE) } : {}),
    };
    const result = snapshot(item.alert);
    if (options.onChange) {
      Promise.resolve()
        .then(() => options.onChange!(result))
        .catch(onError);
    }
    return result;
  };

  const flushDigests = async (at?: Date, flush: { readonly all?: boolean } = {}): Promise<DigestReport[]> => {
    const now = at ?? clock();
    const reports: DigestReport[] = [];
    const touched: string[] = [];
    for (const [key, queue] of [...queues]) {
      const due =
        flush.all === true ||
        (queue.reason === 'quiet-hours'
          ? !inDailyPeriod(
              now,
              queue.quietHours!.start,
              queue.quietHours!.end,
              queue.quietHours!.timeZone ?? DEFAULT_TIME_ZONE,
            )
          : now.getTime() >= queue.dueAt);
      if (!due) continue;
      const channel = options.channels[queue.channelId]!;
      if (channel.maxPerMinute !== undefined && !throttle.take(channel.id, channel.maxPerMinute, now.getTime())) {
        queue.dueAt = throttle.nextFree(channel.id, channel.maxPerMinute, now.getTime());
        continue;
      }
      queues.delete(key);
      const items = queue.alertIds.map((id) => tracked.get(id)).filter((item): item is Tracked => item !== undefined);
      const entries = items.map(entryOf).filter((entry): entry is AlertMessageEntry => entry !== undefined);
      if (entries.length === 0) continue;
      const kind = items.length === 1 ? items[0]!.kind : 'digest';
      const message = createAlertMessage(kind, entries, { lang, now, timeZone });
      const ids = items.map((item) => item.alert.id);
      const error = await deliver(channel, message, ids);
      touched.push(...ids);
      reports.push({
        channelId: channel.id,
        ...(queue.ruleId ? { ruleId: queue.ruleId } : {}),
        reason: queue.reason,
        alertIds: ids,
        status: error === undefined ? 'sent' : 'failed',
        ...(error === undefined ? {} : { error }),
      });
    }
    await persist(touched);
    return reports;
  };

  const runTick = async (at?: Date): Promise<AlerterTickResult> => {
    const now = at ?? clock();
    const digests = await flushDigests(now);
    const reminded: string[] = [];
    const escalated: string[] = [];
    for (const { alertId: id } of highest.values()) {
      const item = tracked.get(id);
      if (!item || !item.individual || !latest.has(item.alert.eventId)) continue;
      if (item.alert.status !== 'open' && item.alert.status !== 'escalated') continue;
      if (item.alert.escalations >= maxEscalations) continue;
      const rulesOf = item.ruleIds.map((ruleId) => ruleById.get(ruleId)).filter((rule): rule is AlertRule => !!rule);
      // Quiet hours hold reminders of alerts they would have held back, until morning.
      if (rulesOf.some((rule) => quietNow(rule, item.alert.level, now))) continue;
      const created = Date.parse(item.alert.createdAt);
      if (now.getTime() >= created + escalateAfterMs * (item.alert.escalations + 1)) {
        item.alert = { ...item.alert, status: 'escalated', escalations: item.alert.escalations + 1 };
        await sendToChannels(item, 'escalation', [...item.channels, ...item.escalateTo], now);
        escalated.push(id);
      } else if (now.getTime() - item.lastNotifiedAt >= resendAfterMs) {
        await sendToChannels(item, 'reminder', item.channels, now);
        reminded.push(id);
      }
    }
    await persist([...reminded, ...escalated]);
    const pick = (ids: string[]): Alert[] =>
      ids
        .map((id) => tracked.get(id))
        .filter((item): item is Tracked => !!item)
        .map((item) => snapshot(item.alert));
    return { reminded: pick(reminded), escalated: pick(escalated), digests };
  };

  const tick = (at?: Date): Promise<AlerterTickResult> => {
    // Ticks do not overlap: a second caller shares the running one.
    if (!ticking) {
      ticking = runTick(at).finally(() => {
        ticking = undefined;
        arm(at ?? clock());
      });
    }
    return ticking;
  };

  /** The next moment something falls due, for the automatic timer. */
  const nextDue = (now: number): number => {
    let next = Infinity;
    for (const queue of queues.values())
      next = Math.min(next, queue.reason === 'quiet-hours' ? now + MINUTE : queue.dueAt);
    for (const { alertId: id } of highest.values()) {
      const item = tracked.get(id);
      if (!item || !item.individual || item.alert.escalations >= maxEscalations) continue;
      if (item.alert.status !== 'open' && item.alert.status !== 'escalated') continue;
      const created = Date.parse(item.alert.createdAt);
      next = Math.min(
        next,
        created + escalateAfterMs * (item.alert.escalations + 1),
        item.lastNotifiedAt + resendAfterMs,
      );
    }
    return next;
  };

  const arm = (now: Date): void => {
    if (!options.setTimeout || closed) return;
    const next = nextDue(now.getTime());
    if (!Number.isFinite(next) || next >= armedAt) return;
    armedAt = next;
    const mine = ++generation;
    options.setTimeout(
      () => {
        if (mine !== generation || closed) return;
        armedAt = Infinity;
        tick().catch(onError);
      },
      Math.max(0, next - now.getTime()),
    );
  };

  return {
    onScore,
    acknowledge,
    tick,
    flushDigests,
    alerts: () => [...tracked.values()].map((item) => snapshot(item.alert)),
    close: () => {
      closed = true;
    },
  };
}

/** One alert per event per level, so the id is derived from both and survives restarts. */
function alertId(eventId: string, level: Alert['level']): string {
  const base = eventId.replace(/^evt:/, '');
  const safe = /^[\w:.-]{1,120}$/.test(base) ? base : sha256Hex(eventId).slice(0, 24);
  return `alr:${safe}:${level}`;
}

function snapshot(alert: Alert): Alert {
  return { ...alert, deliveries: [...alert.deliveries] };
}

function lastDeliveryTime(alert: Alert): number | undefined {
  const times = alert.deliveries.map((delivery) => Date.parse(delivery.at)).filter((time) => !Number.isNaN(time));
  return times.length > 0 ? Math.max(...times) : undefined;
}

function positive(value: number | undefined, fallback: number, name: string, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min) {
    throw new EmwatchError(
      'EMW_ALERT_CONFIG',
      `[emwatch] [alerter] ${name} must be a number ≥ ${min}, got ${String(value)}`,
    );
  }
  return value;
}
