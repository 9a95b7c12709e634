import { EmwatchError } from '../errors.js';
import type { Alert } from '../model/alert.js';
import type { Event, StageChange } from '../model/event.js';
import { INCIDENT_STATES, incidentStateLabel, type Incident, type IncidentState } from '../model/incident.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RegionPack } from '../model/region-pack.js';
import type { RiskScore } from '../model/risk-score.js';
import { SOURCE_KINDS, type Signal, type SourceKind } from '../model/signal.js';
import {
  RESPONSE_LEVEL_INFO,
  RESPONSE_LEVELS,
  colorLabel,
  levelLabel,
  stageLabel,
  typeLabel,
  type LabelLanguage,
  type ResponseLevel,
  type TypeId,
} from '../model/taxonomy.js';
import { riskFactorLabel } from '../risk/presets.js';
import type { Store } from '../store/store.js';
import {
  briefingTrendSpec,
  briefingTypeSpec,
  type BriefingCountRow,
  type BriefingTrendPoint,
  type VegaLiteSpec,
} from './briefing-specs.js';
import type { BriefingDocument, DocBlock, DocCell, DocSection } from './_internal/briefing-document.js';
import { briefingLabels, type BriefingLabels } from './_internal/briefing-labels.js';
import { bucketIndex, dutyWindow, eventWindow, type BriefingWindow } from './_internal/briefing-window.js';
import { checkSvg } from './_internal/check-svg.js';
import { readPages } from './_internal/read-pages.js';
import { renderBriefingHtml } from './_internal/render-briefing-html.js';
import { renderBriefingMarkdown } from './_internal/render-briefing-markdown.js';
import { zonedTime, type ZonedTime } from './_internal/zoned-time.js';

/** `day` 舆情日报, `week` 舆情周报, `special` 舆情专报 (one event). */
export type BriefingPeriod = 'day' | 'week' | 'special';

/** Options of {@link createBriefing}. */
export interface CreateBriefingOptions {
  /** Where events, scores, alerts, incidents and signals are read from. */
  readonly store: Store;
  /** Which briefing. */
  readonly period: BriefingPeriod;
  /** Id of the event of a `special` briefing (required there, ignored otherwise). */
  readonly event?: string;
  /** The moment the briefing is written; the current time by default. */
  readonly now?: Date;
  /** IANA zone days are cut in and times are written in; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
  /** Language of the text; zh-CN by default. */
  readonly lang?: LabelLanguage;
  /** Region pack for place names and the per-league table; without it the table is left out. */
  readonly region?: RegionPack;
  /**
   * Renders a Vega-Lite spec to SVG markup (the server passes its Vega renderer). Without it the
   * HTML shows the data tables only. Its output is checked: SVG that could run code or fetch
   * anything is refused and noted.
   */
  readonly renderSvg?: (spec: VegaLiteSpec) => Promise<string>;
  /** Title; by default e.g. `'内蒙古自治区突发事件舆情日报'` or `'舆情专报：<event title>'`. */
  readonly title?: string;
  /** Issuing office written under the title, e.g. `'内蒙古自治区应急管理厅 值班室'`. */
  readonly issuer?: string;
  /**
   * Local hour at which a duty day starts: the daily briefing covers 前一日 8 时至当日 8 时, the
   * weekly one the seven duty days before. 8 by default; 0 gives calendar days.
   */
  readonly dayStartHour?: number;
  /** Events listed in the top-events table; 10 by default, at most 100. */
  readonly topEvents?: number;
  /** Most records of each kind (signals, events, alerts, incidents) read from the store; 50,000 by default. */
  readonly maxRecords?: number;
}

/** Headline figures of a briefing's period. */
export interface BriefingFigures {
  /** Messages published in the period (for `special`: the event's messages). */
  readonly signals: number;
  /** `signals` per source kind; kinds with none are absent. */
  readonly signalsBySourceKind: Readonly<Partial<Record<SourceKind, number>>>;
  /** Events active in the period (first seen before its end, updated after its start). */
  readonly events: number;
  /** Of `events`, those first seen in the period. */
  readonly newEvents: number;
  /** Of `events`, how many are at each response level by their latest score. */
  readonly eventsByLevel: Readonly<Record<ResponseLevel, number>>;
  /** Of `events`, those with no score stored. */
  readonly unscoredEvents: number;
  /** Of `events`, those whose latest stage is 辟谣 (a refuted rumour). */
  readonly rumors: number;
  /** Alerts raised in the period. */
  readonly alerts: number;
  /** `alerts` per level. */
  readonly alertsByLevel: Readonly<Record<ResponseLevel, number>>;
  /** Of `alerts`, those nobody had acknowledged (or resolved) by the end of the period. */
  readonly alertsUnacknowledged: number;
  /** Incidents opened in the period. */
  readonly incidentsOpened: number;
  /** Incidents closed or dismissed in the period. */
  readonly incidentsClosed: number;
  /** Incidents still being handled at the end of the period. */
  readonly incidentsOpen: number;
  /** Of `incidentsOpen`, those past their deadline at the end of the period. */
  readonly incidentsOverdue: number;
}

/** One reason behind a score: a factor with its display label. */
export interface BriefingReason {
  /** Factor id, e.g. `'casualties'`. */
  readonly id: string;
  /** Display name in the briefing's language, e.g. `'人员伤亡'`. */
  readonly label: string;
  /** Points of the score the factor contributes. */
  readonly contribution: number;
  /** The factor's normalised value, 0..1. */
  readonly value: number;
  /** The factor's weight. */
  readonly weight: number;
  /** The measured inputs behind the value, when the scorer gave them. */
  readonly facts?: Readonly<Record<string, string | number | boolean | null>>;
}

/** One row of the top-events table. */
export interface BriefingTopEvent {
  readonly event: Event;
  /** The event's latest score, `null` when none is stored. */
  readonly score: RiskScore | null;
  /** The factors that contributed most, largest first (at most three, only positive contributions). */
  readonly reasons: readonly BriefingReason[];
  /** Display names of the event's places, most specific first. */
  readonly placeNames: readonly string[];
  /** The event's distinct messages published in the period. */
  readonly signalsInPeriod: number;
}

/** One row of the per-league table. */
export interface BriefingLeagueRow {
  /** GB/T 2260 code of the league, `null` for events not located in any league of the region. */
  readonly code: string | null;
  /** Display name of the league. */
  readonly name: string;
  /** Events active in the period with a place in the league. */
  readonly events: number;
  /** Of `events`, those first seen in the period. */
  readonly newEvents: number;
  /** Highest response level among `events` by their latest scores, `null` when none is scored. */
  readonly highestLevel: ResponseLevel | null;
  /** Distinct messages of `events` published in the period. */
  readonly signals: number;
  /** Alerts raised in the period about `events`. */
  readonly alerts: number;
}

/** One row of the per-type table. */
export interface BriefingTypeRow {
  readonly type: TypeId;
  readonly label: string;
  readonly events: number;
  /** Distinct messages of those events published in the period. */
  readonly signals: number;
}

/** What a special briefing adds: the event's whole record. */
export interface BriefingSpecial {
  readonly event: Event;
  readonly score: RiskScore | null;
  readonly timeline: readonly StageChange[];
  /** The event's alerts, oldest first. */
  readonly alerts: readonly Alert[];
  /** The event's incidents with their audit logs, oldest first. */
  readonly incidents: readonly Incident[];
}

/** Something the reader should know about how the briefing was made (data cut short, a chart left out). */
export interface BriefingNote {
  /** Stable code, e.g. `'EMW_BRIEFING_TRUNCATED'`. */
  readonly code: string;
  /** The note in the briefing's language. */
  readonly message: string;
}

/**
 * A 舆情日报, 周报 or 专报: the figures, tables and chart specs, and the same content as Markdown
 * and as one self-contained print-friendly HTML page.
 */
export interface Briefing {
  readonly kind: BriefingPeriod;
  readonly lang: LabelLanguage;
  readonly timeZone: string;
  readonly title: string;
  readonly issuer?: string;
  /** When the briefing was written (ISO 8601 with offset). */
  readonly generatedAt: IsoDateTime;
  /** The span covered: `[start, end)`, ISO 8601 with offset. */
  readonly period: { readonly start: IsoDateTime; readonly end: IsoDateTime };
  readonly figures: BriefingFigures;
  /** Highest-scored events first (empty for `special`). */
  readonly topEvents: readonly BriefingTopEvent[];
  /** Every league of the region, in code order, then the unlocated row when it has events; empty without a region pack. */
  readonly byLeague: readonly BriefingLeagueRow[];
  /** Types with events, most events first. */
  readonly byType: readonly BriefingTypeRow[];
  /** Messages and new events per bucket (hours for a day, days for a week). */
  readonly trend: readonly BriefingTrendPoint[];
  /** Present for `special`. */
  readonly special?: BriefingSpecial;
  /** Vega-Lite specs of the charts: `types` for day and week, `sources` for special. */
  readonly charts: { readonly trend: VegaLiteSpec; readonly types?: VegaLiteSpec; readonly sources?: VegaLiteSpec };
  readonly notes: readonly BriefingNote[];
  /** The briefing as CommonMark with GFM tables. */
  readonly markdown: string;
  /** The briefing as a self-contained HTML page (inline CSS and SVG, no script, nothing fetched). */
  readonly html: string;
}

const PERIODS: readonly BriefingPeriod[] = ['day', 'week', 'special'];
const TERMINAL = new Set<IncidentState>(['closed', 'dismissed']);
const MAX_TEXT = 200;

/**
 * Writes a 舆情日报 (`day`: 前一日 8 时至当日 8 时 by default), 周报 (`week`: the seven duty days
 * before) or 专报 (`special`: one event with its timeline, score factors, alerts and incident
 * audit) from what the store holds, as data, Markdown and self-contained HTML.
 *
 * @example
 * ```ts
 * const briefing = await createBriefing({ store, period: 'day', region: nmg, issuer: '内蒙古自治区应急管理厅 值班室' });
 * briefing.period; // { start: '2024-04-12T08:00:00+08:00', end: '2024-04-13T08:00:00+08:00' }
 * await writeFile('daily.html', briefing.html);
 * ```
 */
export async function createBriefing(options: CreateBriefingOptions): Promise<Briefing> {
  const o = validate(options);
  const zone = zonedTime(options.timeZone ?? 'Asia/Shanghai');
  const lang = options.lang ?? 'zh-CN';
  const labels = briefingLabels(lang);
  const now = (options.now ?? new Date()).getTime();
  const notes: BriefingNote[] = [];
  const note = (code: string, message: string): void => void notes.push({ code, message });
  const { store, region } = options;

  let window: BriefingWindow;
  let events: Event[];
  let signals: Signal[];
  let alerts: Alert[];
  let incidents: Incident[];
  let specialEvent: Event | undefined;
  if (o.period === 'special') {
    specialEvent = await store.getEvent(o.event!);
    if (!specialEvent) {
      throw new EmwatchError(
        'EMW_BRIEFING_EVENT',
        `[emwatch] [briefing] event ${JSON.stringify(o.event!.slice(0, 100))} is not in the store`,
      );
    }
    const first = Date.parse(specialEvent.firstSeen);
    const last = Date.parse(specialEvent.lastUpdate);
    window = eventWindow(
      Number.isFinite(first) ? first : now,
      Math.max(now, Number.isFinite(last) ? last + 1 : now),
      zone,
    );
    events = [specialEvent];
    const ids = specialEvent.signalIds.slice(0, o.maxRecords);
    if (ids.length < specialEvent.signalIds.length)
      note('EMW_BRIEFING_TRUNCATED', labels.truncated(lang === 'en' ? 'messages' : '信息', o.maxRecords));
    signals = (await Promise.all(ids.map((id) => store.getSignal(id)))).filter((s): s is Signal => s !== undefined);
    const a = await readPages(
      (after) => store.listAlerts({ eventId: specialEvent!.id, limit: 1000, ...(after ? { after } : {}) }),
      o.maxRecords,
    );
    const i = await readPages(
      (after) => store.listIncidents({ eventId: specialEvent!.id, limit: 1000, ...(after ? { after } : {}) }),
      o.maxRecords,
    );
    alerts = a.items.filter((alert) => Date.parse(alert.createdAt) < window.end);
    incidents = i.items;
  } else {
    window = dutyWindow(o.period, now, zone, o.dayStartHour);
    const since = zone.iso(window.start);
    const until = zone.iso(window.end);
    const truncated = (what: string, result: { truncated: boolean }): void => {
      if (result.truncated) note('EMW_BRIEFING_TRUNCATED', labels.truncated(what, o.maxRecords));
    };
    const e = await readPages(
      (after) => store.listEvents({ since, until, limit: 1000, ...(after ? { after } : {}) }),
      o.maxRecords,
    );
    truncated(lang === 'en' ? 'events' : '事件', e);
    const s = await readPages(
      (after) => store.listSignals({ since, until, limit: 1000, ...(after ? { after } : {}) }),
      o.maxRecords,
    );
    truncated(lang === 'en' ? 'messages' : '信息', s);
    const a = await readPages(
      (after) => store.listAlerts({ since, limit: 1000, ...(after ? { after } : {}) }),
      o.maxRecords,
    );
    truncated(lang === 'en' ? 'alerts' : '预警', a);
    // Incidents have no time filter in the store: newest-updated first, so stop once they are older than the period.
    const inc = await readPages(
      (after) => store.listIncidents({ limit: 1000, ...(after ? { after } : {}) }),
      o.maxRecords,
    );
    truncated(lang === 'en' ? 'incidents' : '工单', inc);
    events = e.items;
    signals = s.items;
    alerts = a.items.filter((alert) => Date.parse(alert.createdAt) < window.end);
    incidents = inc.items.filter((incident) => Date.parse(incident.createdAt) < window.end);
  }

  const scores = new Map<string, RiskScore>();
  for (const event of events) {
    const score = await store.getScore(event.id);
    if (score) scores.set(event.id, score);
  }

  const ctx: Context = { o, lang, labels, zone, window, region, now };
  const facts = summarize(ctx, events, scores, signals, alerts, incidents);
  const trend = window.buckets.map((start, i) => ({
    start: zone.iso(start),
    label: labels.bucket(zone.wall(start), window.unit),
    signals: facts.trendSignals[i]!,
    newEvents: facts.trendEvents[i]!,
  }));

  const sources: BriefingCountRow[] = SOURCE_KINDS.filter((k) => facts.figures.signalsBySourceKind[k]).map((k) => ({
    key: k,
    label: labels.sourceKinds[k],
    count: facts.figures.signalsBySourceKind[k]!,
  }));
  const charts: Briefing['charts'] =
    o.period === 'special'
      ? {
          trend: briefingTrendSpec(trend, { lang }),
          sources: briefingTypeSpec(sources, {
            lang,
            axisTitle: labels.chartAxis.sourceKind,
            countTitle: labels.chartAxis.signals,
          }),
        }
      : {
          trend: briefingTrendSpec(trend, { lang }),
          types: briefingTypeSpec(
            facts.byType.map((row) => ({ key: row.type, label: row.label, count: row.events })),
            { lang },
          ),
        };

  const svg: { trend?: string; second?: string } = {};
  if (options.renderSvg) {
    const draw = async (spec: VegaLiteSpec, name: string): Promise<string | undefined> => {
      try {
        const checked = checkSvg(await options.renderSvg!(spec));
        if ('svg' in checked) return checked.svg;
        note('EMW_BRIEFING_CHART', labels.chartFailed(name, checked.reason));
      } catch (error) {
        note('EMW_BRIEFING_CHART', labels.chartFailed(name, String((error as Error)?.message ?? error).slice(0, 300)));
      }
      return undefined;
    };
    const trendSvg = await draw(charts.trend, labels.chartCaption.trend);
    if (trendSvg !== undefined) svg.trend = trendSvg;
    const second = await draw(
      charts.sources ?? charts.types!,
      charts.sources ? labels.chartCaption.sources : labels.chartCaption.types,
    );
    if (second !== undefined) svg.second = second;
  }

  const special: BriefingSpecial | undefined = specialEvent && {
    event: specialEvent,
    score: scores.get(specialEvent.id) ?? null,
    timeline: specialEvent.timeline,
    alerts: [...alerts].sort(byTime((a) => a.createdAt)),
    incidents: [...incidents].sort(byTime((i) => i.createdAt)),
  };
  const title =
    options.title ?? labels.defaultTitle(o.period, region?.[lang === 'en' ? 'nameEn' : 'name'], specialEvent?.title);
  const base = {
    kind: o.period,
    lang,
    timeZone: zone.timeZone,
    title: clip(title, MAX_TEXT),
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    generatedAt: zone.iso(now),
    period: { start: zone.iso(window.start), end: zone.iso(window.end) },
    figures: facts.figures,
    topEvents: o.period === 'special' ? [] : facts.top.slice(0, o.topEvents),
    byLeague: facts.byLeague,
    byType: facts.byType,
    trend,
    ...(special ? { special } : {}),
    charts,
    notes,
  };
  const doc = special ? specialDocument(ctx, base, special, sources, svg) : periodDocument(ctx, base, svg);
  return { ...base, markdown: renderBriefingMarkdown(doc), html: renderBriefingHtml(doc) };
}

interface Validated {
  readonly period: BriefingPeriod;
  readonly event?: string;
  readonly dayStartHour: number;
  readonly topEvents: number;
  readonly maxRecords: number;
}

function validate(options: CreateBriefingOptions): Validated {
  const fail = (what: string): never => {
    throw new EmwatchError('EMW_BRIEFING_OPTIONS', `[emwatch] [briefing] ${what}`);
  };
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  const store = options.store as Partial<Store> | undefined;
  if (!store || typeof store.listEvents !== 'function' || typeof store.getEvent !== 'function') {
    fail('store must be a Store (listEvents, getEvent, …)');
  }
  if (!PERIODS.includes(options.period)) {
    fail(`period must be one of ${PERIODS.join(', ')}, got ${JSON.stringify(String(options.period).slice(0, 40))}`);
  }
  if (options.period === 'special' && (typeof options.event !== 'string' || options.event === '')) {
    fail('a special briefing needs the id of its event (option event)');
  }
  if (options.now !== undefined && !(options.now instanceof Date && Number.isFinite(options.now.getTime()))) {
    fail('now must be a valid Date');
  }
  if (options.lang !== undefined && options.lang !== 'zh-CN' && options.lang !== 'en') {
    fail(`lang must be zh-CN or en, got ${JSON.stringify(String(options.lang).slice(0, 40))}`);
  }
  if (options.renderSvg !== undefined && typeof options.renderSvg !== 'function') fail('renderSvg must be a function');
  for (const key of ['title', 'issuer'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > MAX_TEXT)) {
      fail(`${key} must be a string of at most ${MAX_TEXT} characters`);
    }
  }
  const integer = (
    key: 'dayStartHour' | 'topEvents' | 'maxRecords',
    fallback: number,
    min: number,
    max: number,
  ): number => {
    const value = options[key] ?? fallback;
    if (!Number.isInteger(value) || value < min || value > max)
      fail(`${key} must be an integer from ${min} to ${max}, got ${String(value)}`);
    return value;
  };
  return {
    period: options.period,
    ...(options.period === 'special' ? { event: options.event! } : {}),
    dayStartHour: integer('dayStartHour', 8, 0, 23),
    topEvents: integer('topEvents', 10, 1, 100),
    maxRecords: integer('maxRecords', 50_000, 1, 1_000_000),
  };
}

interface Context {
  readonly o: Validated;
  readonly lang: LabelLanguage;
  readonly labels: BriefingLabels;
  readonly zone: ZonedTime;
  readonly window: BriefingWindow;
  readonly region: RegionPack | undefined;
  readonly now: number;
}

interface Summary {
  readonly figures: BriefingFigures;
  readonly top: BriefingTopEvent[];
  readonly byLeague: BriefingLeagueRow[];
  readonly byType: BriefingTypeRow[];
  readonly trendSignals: number[];
  readonly trendEvents: number[];
}

const zeroLevels = (): Record<ResponseLevel, number> => ({ IV: 0, III: 0, II: 0, I: 0 });
const rank = (level: ResponseLevel | null | undefined): number => (level ? RESPONSE_LEVEL_INFO[level].rank : 0);
const byTime =
  <T>(at: (value: T) => string) =>
  (a: T, b: T): number =>
    Date.parse(at(a)) - Date.parse(at(b));
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const inWindow = (w: BriefingWindow, iso: string | undefined): boolean => {
  const t = iso === undefined ? Number.NaN : Date.parse(iso);
  return t >= w.start && t < w.end;
};
const points = (n: number): string => String(Number(n.toFixed(1)));

function summarize(
  ctx: Context,
  events: readonly Event[],
  scores: ReadonlyMap<string, RiskScore>,
  signals: readonly Signal[],
  alerts: readonly Alert[],
  incidents: readonly Incident[],
): Summary {
  const { window, region, lang } = ctx;
  const trendSignals = window.buckets.map(() => 0);
  const trendEvents = window.buckets.map(() => 0);

  // Which event each distinct message belongs to, so messages can be counted per league and type.
  const eventOf = new Map<string, number>();
  events.forEach((event, index) => {
    for (const id of event.signalIds) eventOf.set(id, index);
  });
  const perEvent = events.map(() => 0);
  const bySourceKind: Partial<Record<SourceKind, number>> = {};
  for (const signal of signals) {
    bySourceKind[signal.sourceKind] = (bySourceKind[signal.sourceKind] ?? 0) + 1;
    const b = bucketIndex(window, Date.parse(signal.publishedAt ?? signal.collectedAt));
    if (b >= 0) trendSignals[b]!++;
    const e = eventOf.get(signal.id);
    if (e !== undefined) perEvent[e]!++;
  }

  const eventsByLevel = zeroLevels();
  let unscored = 0;
  let rumors = 0;
  let fresh = 0;
  const isNew = events.map((event) => inWindow(window, event.firstSeen));
  events.forEach((event, i) => {
    const score = scores.get(event.id);
    if (score) eventsByLevel[score.level]++;
    else unscored++;
    if (event.stage === 'rumor') rumors++;
    if (isNew[i]) {
      fresh++;
      trendEvents[bucketIndex(window, Date.parse(event.firstSeen))]!++;
    }
  });

  const alertsByLevel = zeroLevels();
  let unacknowledged = 0;
  const alertsPerEvent = new Map<string, number>();
  for (const alert of alerts) {
    alertsByLevel[alert.level]++;
    alertsPerEvent.set(alert.eventId, (alertsPerEvent.get(alert.eventId) ?? 0) + 1);
    const ack = alert.acknowledgedAt === undefined ? Number.NaN : Date.parse(alert.acknowledgedAt);
    if (!(ack < window.end) && alert.status !== 'resolved') unacknowledged++;
  }

  let opened = 0;
  let closed = 0;
  let open = 0;
  let overdue = 0;
  for (const incident of incidents) {
    if (inWindow(window, incident.createdAt)) opened++;
    const closings = incident.audit.filter(
      (entry) => entry.action === 'transition' && TERMINAL.has(entry.to as IncidentState),
    );
    if (closings.some((entry) => inWindow(window, entry.at))) closed++;
    else if (closings.length === 0 && TERMINAL.has(incident.state) && inWindow(window, incident.updatedAt)) closed++;
    if (!TERMINAL.has(stateAt(incident, window.end))) {
      open++;
      const deadline = incident.deadline === undefined ? Number.NaN : Date.parse(incident.deadline);
      if (deadline < window.end) overdue++;
    }
  }

  const top: BriefingTopEvent[] = events
    .map((event, i) => {
      const score = scores.get(event.id) ?? null;
      return {
        event,
        score,
        reasons: score ? reasonsOf(score, lang) : [],
        placeNames: event.places.map((code) => placeName(region, code, lang)),
        signalsInPeriod: perEvent[i]!,
      };
    })
    .sort(
      (a, b) =>
        (b.score?.score ?? -1) - (a.score?.score ?? -1) ||
        rank(b.score?.level) - rank(a.score?.level) ||
        b.signalsInPeriod - a.signalsInPeriod ||
        Date.parse(b.event.lastUpdate) - Date.parse(a.event.lastUpdate) ||
        (a.event.id < b.event.id ? -1 : 1),
    );

  const types = new Map<TypeId, { events: number; signals: number }>();
  events.forEach((event, i) => {
    const row = types.get(event.type) ?? { events: 0, signals: 0 };
    row.events++;
    row.signals += perEvent[i]!;
    types.set(event.type, row);
  });
  const byType = [...types]
    .map(([type, row]) => ({ type, label: typeLabel(type, lang), ...row }))
    .sort((a, b) => b.events - a.events || b.signals - a.signals || (a.type < b.type ? -1 : 1));

  const byLeague: BriefingLeagueRow[] = [];
  if (region) {
    const leagues = region.children(region.root);
    const rows = new Map<
      string | null,
      { events: number; newEvents: number; level: ResponseLevel | null; signals: number; alerts: number }
    >();
    for (const league of leagues)
      rows.set(league.code, { events: 0, newEvents: 0, level: null, signals: 0, alerts: 0 });
    events.forEach((event, i) => {
      const codes = new Set<string | null>();
      for (const place of event.places) {
        const league = leagueOf(region, place);
        if (league !== undefined) codes.add(league);
      }
      if (codes.size === 0) codes.add(null);
      const level = scores.get(event.id)?.level ?? null;
      for (const code of codes) {
        const row = rows.get(code) ?? { events: 0, newEvents: 0, level: null, signals: 0, alerts: 0 };
        row.events++;
        if (isNew[i]) row.newEvents++;
        if (rank(level) > rank(row.level)) row.level = level;
        row.signals += perEvent[i]!;
        row.alerts += alertsPerEvent.get(event.id) ?? 0;
        rows.set(code, row);
      }
    });
    for (const league of leagues) {
      const row = rows.get(league.code)!;
      byLeague.push({
        code: league.code,
        name: lang === 'en' ? (league.nameEn ?? league.name) : league.name,
        events: row.events,
        newEvents: row.newEvents,
        highestLevel: row.level,
        signals: row.signals,
        alerts: row.alerts,
      });
    }
    const unlocated = rows.get(null);
    if (unlocated) {
      byLeague.push({
        code: null,
        name: ctx.labels.unlocated,
        events: unlocated.events,
        newEvents: unlocated.newEvents,
        highestLevel: unlocated.level,
        signals: unlocated.signals,
        alerts: unlocated.alerts,
      });
    }
  }

  return {
    figures: {
      signals: signals.length,
      signalsBySourceKind: bySourceKind,
      events: events.length,
      newEvents: fresh,
      eventsByLevel,
      unscoredEvents: unscored,
      rumors,
      alerts: alerts.length,
      alertsByLevel,
      alertsUnacknowledged: unacknowledged,
      incidentsOpened: opened,
      incidentsClosed: closed,
      incidentsOpen: open,
      incidentsOverdue: overdue,
    },
    top,
    byLeague,
    byType,
    trendSignals,
    trendEvents,
  };
}

/** The state an incident was in at an instant, from its audit log (its current state when nothing changed since). */
function stateAt(incident: Incident, at: number): IncidentState {
  if (Date.parse(incident.updatedAt) < at) return incident.state;
  let state: IncidentState = 'reported';
  for (const entry of incident.audit) {
    if (!(Date.parse(entry.at) < at)) break;
    if (entry.action === 'transition' && entry.to !== undefined && entry.to in INCIDENT_STATES) {
      state = entry.to as IncidentState;
    }
  }
  return state;
}

function reasonsOf(score: RiskScore, lang: LabelLanguage): BriefingReason[] {
  return [...score.factors]
    .filter((factor) => factor.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 3)
    .map((factor) => ({
      id: factor.id,
      label: riskFactorLabel(factor.id, lang) === factor.id ? factor.label : riskFactorLabel(factor.id, lang),
      contribution: factor.contribution,
      value: factor.value,
      weight: factor.weight,
      ...(factor.facts ? { facts: factor.facts } : {}),
    }));
}

function placeName(region: RegionPack | undefined, code: string, lang: LabelLanguage): string {
  const unit = region?.byCode(code);
  if (!unit) return code;
  return lang === 'en' ? (unit.nameEn ?? unit.name) : unit.name;
}

/** The league a place lies in: itself for a league, its parent for a county; `undefined` for the province or a unit outside the pack. */
function leagueOf(region: RegionPack, code: string): string | undefined {
  let unit = region.byCode(code);
  for (let depth = 0; unit && depth < 4; depth++) {
    if (unit.level === 'league') return unit.code;
    if (unit.parent === null) return undefined;
    unit = region.byCode(unit.parent);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

type Base = Omit<Briefing, 'markdown' | 'html'>;

function metaLines(ctx: Context, base: Base): string[] {
  const { labels, zone, window } = ctx;
  const issued = labels.issued(base.issuer, labels.dateTime(zone.wall(ctx.now)));
  const period = labels.periodLine(
    labels.dateTime(zone.wall(window.start)),
    labels.dateTime(zone.wall(window.end)),
    zone.timeZone,
  );
  return [issued, period];
}

function levelsText(ctx: Context, counts: Readonly<Record<ResponseLevel, number>>): string {
  const { lang } = ctx;
  return [...RESPONSE_LEVELS]
    .reverse()
    .map((level) => `${shortLevel(level, lang)} ${ctx.labels.count(counts[level], 'event')}`)
    .join(ctx.labels.listSeparator);
}

/** `Ⅱ级` or `Level II`: the short form for running text. */
const shortLevel = (level: ResponseLevel, lang: LabelLanguage): string =>
  lang === 'en' ? `Level ${level}` : `${RESPONSE_LEVEL_INFO[level].glyph}级`;

function levelCell(ctx: Context, level: ResponseLevel | null | undefined): DocCell {
  if (!level) return ctx.labels.none;
  return { text: levelLabel(level, ctx.lang), color: RESPONSE_LEVEL_INFO[level].color };
}

function overviewBlock(ctx: Context, f: BriefingFigures): DocBlock {
  const { labels } = ctx;
  const kinds = SOURCE_KINDS.filter((k) => f.signalsBySourceKind[k])
    .map((k) => `${labels.sourceKinds[k]} ${labels.count(f.signalsBySourceKind[k]!, 'signal')}`)
    .join(labels.listSeparator);
  const alertLevels = [...RESPONSE_LEVELS]
    .reverse()
    .filter((level) => f.alertsByLevel[level])
    .map((level) => `${shortLevel(level, ctx.lang)} ${labels.count(f.alertsByLevel[level], 'alert')}`)
    .join(labels.listSeparator);
  return {
    kind: 'list',
    items: [
      labels.overview.signals(f.signals, kinds),
      labels.overview.events(f.events, f.newEvents, levelsText(ctx, f.eventsByLevel), f.unscoredEvents, f.rumors),
      labels.overview.alerts(f.alerts, alertLevels, f.alertsUnacknowledged),
      labels.overview.incidents(f.incidentsOpened, f.incidentsClosed, f.incidentsOpen, f.incidentsOverdue),
    ],
  };
}

function trendBlocks(ctx: Context, trend: readonly BriefingTrendPoint[], svg: string | undefined): DocBlock[] {
  const c = ctx.labels.columns;
  return [
    { kind: 'chart', caption: ctx.labels.chartCaption.trend, ...(svg === undefined ? {} : { svg }) },
    {
      kind: 'table',
      columns: [{ title: c.bucket! }, { title: c.signals!, align: 'right' }, { title: c.newEvents!, align: 'right' }],
      rows: trend.map((p) => [p.label, String(p.signals), String(p.newEvents)]),
      empty: ctx.labels.none,
    },
  ];
}

function notesSection(ctx: Context, notes: readonly BriefingNote[]): DocSection[] {
  return notes.length
    ? [{ title: ctx.labels.sections.notes, blocks: [{ kind: 'list', items: notes.map((n) => n.message) }] }]
    : [];
}

function periodDocument(ctx: Context, base: Base, svg: { trend?: string; second?: string }): BriefingDocument {
  const { labels, lang } = ctx;
  const c = labels.columns;
  const sections: DocSection[] = [{ title: labels.sections.overview, blocks: [overviewBlock(ctx, base.figures)] }];
  sections.push({
    title: labels.sections.topEvents,
    blocks: [
      {
        kind: 'table',
        columns: [
          { title: c.rank!, align: 'right' },
          { title: c.event! },
          { title: c.type! },
          { title: c.places! },
          { title: c.score!, align: 'right' },
          { title: c.level! },
          { title: c.stage! },
          { title: c.signals!, align: 'right' },
          { title: c.reasons! },
        ],
        rows: base.topEvents.map((row, i) => [
          String(i + 1),
          clip(row.event.title, 80),
          typeLabel(row.event.type, lang),
          row.placeNames.slice(0, 3).join(labels.listSeparator) || labels.unlocated,
          row.score ? String(Math.round(row.score.score)) : labels.unscored,
          levelCell(ctx, row.score?.level),
          row.event.stage ? stageLabel(row.event.stage, lang) : labels.noStage,
          String(row.signalsInPeriod),
          row.reasons.map((r) => `${r.label} +${points(r.contribution)}`).join(labels.listSeparator) || labels.none,
        ]),
        empty: labels.noEvents,
      },
    ],
  });
  sections.push({
    title: labels.sections.byLeague,
    blocks: ctx.region
      ? [
          {
            kind: 'table',
            columns: [
              { title: c.league! },
              { title: c.events!, align: 'right' },
              { title: c.newEvents!, align: 'right' },
              { title: c.highestLevel! },
              { title: c.signals!, align: 'right' },
              { title: c.alerts!, align: 'right' },
            ],
            rows: base.byLeague.map((row) => [
              row.name,
              String(row.events),
              String(row.newEvents),
              levelCell(ctx, row.highestLevel),
              String(row.signals),
              String(row.alerts),
            ]),
            empty: labels.noEvents,
          },
        ]
      : [{ kind: 'paragraph', text: labels.noRegion }],
  });
  sections.push({
    title: labels.sections.byType,
    blocks: [
      { kind: 'chart', caption: labels.chartCaption.types, ...(svg.second === undefined ? {} : { svg: svg.second }) },
      {
        kind: 'table',
        columns: [{ title: c.type! }, { title: c.events!, align: 'right' }, { title: c.signals!, align: 'right' }],
        rows: base.byType.map((row) => [row.label, String(row.events), String(row.signals)]),
        empty: labels.noEvents,
      },
    ],
  });
  sections.push({ title: labels.sections.trend, blocks: trendBlocks(ctx, base.trend, svg.trend) });
  sections.push(...notesSection(ctx, base.notes));
  return { lang, title: base.title, meta: metaLines(ctx, base), sections, footer: labels.footer };
}

function specialDocument(
  ctx: Context,
  base: Base,
  special: BriefingSpecial,
  sources: readonly BriefingCountRow[],
  svg: { trend?: string; second?: string },
): BriefingDocument {
  const { labels, lang, zone } = ctx;
  const c = labels.columns;
  const { event, score } = special;
  const time = (iso: string | undefined): string => {
    const t = iso === undefined ? Number.NaN : Date.parse(iso);
    return Number.isFinite(t) ? labels.dateTime(zone.wall(t)) : (iso ?? '');
  };
  const casualties = (['deaths', 'injured', 'missing', 'trapped'] as const)
    .filter((kind) => event.casualties[kind] !== null || event.casualties.approximate?.includes(kind))
    .map((kind) => labels.casualty(kind, event.casualties[kind]))
    .join(labels.listSeparator);
  const factsRows: DocCell[][] = [
    [c.event!, event.title],
    [c.type!, typeLabel(event.type, lang)],
    [
      c.places!,
      event.places.map((code) => placeName(ctx.region, code, lang)).join(labels.listSeparator) || labels.unlocated,
    ],
    [c.stage!, event.stage ? stageLabel(event.stage, lang) : labels.noStage],
    [c.firstSeen!, time(event.firstSeen)],
    [c.lastUpdate!, time(event.lastUpdate)],
    [c.casualties!, casualties || labels.none],
    ...(event.magnitude !== null ? [[c.magnitude!, labels.magnitude(event.magnitude)]] : []),
    ...(event.warningColor !== null
      ? [[c.warning!, { text: labels.warning(colorLabel(event.warningColor, lang)), color: event.warningColor }]]
      : []),
    [c.signals!, String(event.signalCount)],
    [c.reposts!, String(event.repostCount)],
    [
      c.sources!,
      SOURCE_KINDS.filter((k) => event.sourcesByKind[k])
        .map((k) => `${labels.sourceKinds[k]} ${event.sourcesByKind[k]}`)
        .join(labels.listSeparator) || labels.none,
    ],
  ];
  const sections: DocSection[] = [
    {
      title: labels.sections.eventFacts,
      blocks: [
        { kind: 'table', columns: [{ title: c.item! }, { title: c.value! }], rows: factsRows, empty: labels.none },
      ],
    },
    {
      title: labels.sections.risk,
      blocks: score
        ? [
            {
              kind: 'paragraph',
              text:
                lang === 'en'
                  ? `${c.score} ${Math.round(score.score)} (${levelLabel(score.level, lang)}, ${colorLabel(score.color, lang)})`
                  : `${c.score} ${Math.round(score.score)}（${levelLabel(score.level, lang)}，${colorLabel(score.color, lang)}）`,
            },
            {
              kind: 'table',
              columns: [
                { title: c.factor! },
                { title: c.factorValue!, align: 'right' },
                { title: c.weight!, align: 'right' },
                { title: c.contribution!, align: 'right' },
                { title: c.facts! },
                { title: c.evidence!, align: 'right' },
              ],
              rows: score.factors.map((f) => [
                riskFactorLabel(f.id, lang) === f.id ? f.label : riskFactorLabel(f.id, lang),
                f.value.toFixed(2),
                f.weight.toFixed(2),
                points(f.contribution),
                f.facts
                  ? Object.entries(f.facts)
                      .filter(([, v]) => v !== null)
                      .slice(0, 8)
                      .map(([k, v]) => `${k}=${clip(String(v), 40)}`)
                      .join(' ')
                  : '',
                String(f.evidence.length),
              ]),
              empty: labels.none,
            },
          ]
        : [{ kind: 'paragraph', text: labels.unscored }],
    },
    {
      title: labels.sections.timeline,
      blocks: [
        {
          kind: 'table',
          columns: [{ title: c.time! }, { title: c.stage! }, { title: c.signalId! }],
          rows: special.timeline.map((change) => [
            time(change.at),
            stageLabel(change.stage, lang),
            clip(change.signalId, 80),
          ]),
          empty: labels.none,
        },
      ],
    },
    {
      title: labels.sections.alerts,
      blocks: [
        {
          kind: 'table',
          columns: [
            { title: c.time! },
            { title: c.level! },
            { title: c.score!, align: 'right' },
            { title: c.status! },
            { title: c.title! },
          ],
          rows: special.alerts.map((alert) => [
            time(alert.createdAt),
            levelCell(ctx, alert.level),
            String(Math.round(alert.score)),
            labels.alertStatuses[alert.status] ?? alert.status,
            clip(alert.title, 80),
          ]),
          empty: labels.none,
        },
      ],
    },
    {
      title: labels.sections.incidents,
      blocks: special.incidents.length
        ? special.incidents.flatMap((incident): DocBlock[] => [
            {
              kind: 'paragraph',
              text: [
                `${c.incident} ${clip(incident.id, 80)}`,
                `${c.state} ${incidentStateLabel(incident.state, lang)}`,
                incident.assignee ? `${c.assignee} ${clip(incident.assignee, 60)}` : '',
                incident.deadline ? `${c.deadline} ${time(incident.deadline)}` : '',
              ]
                .filter(Boolean)
                .join(lang === 'en' ? ' · ' : '；'),
            },
            {
              kind: 'table',
              columns: [
                { title: c.time! },
                { title: c.actor! },
                { title: c.action! },
                { title: c.from! },
                { title: c.to! },
                { title: c.detail! },
              ],
              rows: incident.audit
                .slice(0, 500)
                .map((entry) => [
                  time(entry.at),
                  clip(entry.actor, 60),
                  labels.auditActions[entry.action] ?? entry.action,
                  stateOrText(entry.from, lang),
                  stateOrText(entry.to, lang),
                  clip(entry.detail ?? '', 200),
                ]),
              empty: labels.none,
            },
          ])
        : [{ kind: 'paragraph', text: labels.none }],
    },
    {
      title: lang === 'en' ? '6. Message volume and sources' : '六、信息量与信源',
      blocks: [
        ...trendBlocks(ctx, base.trend, svg.trend),
        {
          kind: 'chart',
          caption: labels.chartCaption.sources,
          ...(svg.second === undefined ? {} : { svg: svg.second }),
        },
        {
          kind: 'table',
          columns: [{ title: labels.chartAxis.sourceKind }, { title: c.signals!, align: 'right' }],
          rows: sources.map((row) => [row.label, String(row.count)]),
          empty: labels.none,
        },
      ],
    },
    ...notesSection(ctx, base.notes),
  ];
  return { lang, title: base.title, meta: metaLines(ctx, base), sections, footer: labels.footer };
}

function stateOrText(value: string | undefined, lang: LabelLanguage): string {
  if (value === undefined) return '';
  return value in INCIDENT_STATES ? incidentStateLabel(value as IncidentState, lang) : clip(value, 60);
}
