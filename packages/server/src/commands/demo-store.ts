import { readFileSync } from 'node:fs';
import {
  analyzeText,
  categoryOf,
  createAlerter,
  createIncident,
  createMemoryStore,
  scoreEvent,
  transitionIncident,
  type Channel,
  type Event,
  type RegionPack,
  type Signal,
  type SourceKind,
  type Store,
  type TextAnalysis,
} from '@emwatch/core';
import { DEMO_POSTS } from '../demo-data.js';

/** A memory store filled from the bundled demo posts, and the moment just after the last of them. */
export interface DemoStore {
  readonly store: Store;
  readonly now: Date;
}

// The demo posts carry no times: they are spread over one duty day (08:00 to 08:00 Beijing time),
// so the daily briefing written just after the last one covers them all.
const FIRST_POST = Date.parse('2024-04-12T09:00:00+08:00');
const LAST_POST = Date.parse('2024-04-13T07:30:00+08:00');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Signals of one type in one league within this span belong to one event (the interim grouping below).
const EVENT_WINDOW = 72 * HOUR;
const MAX_POSTS = 10_000;

const iso = (ms: number): string => {
  const local = new Date(ms + 8 * HOUR).toISOString().slice(0, 19);
  return `${local}+08:00`;
};

/** Source kind of a demo post's source name. */
function kindOf(source: string): SourceKind {
  if (/微博|微信|抖音|快手|论坛|网友/.test(source)) return 'social';
  if (/气象台|预警中心/.test(source)) return 'official-warning';
  if (/地震台网|监测/.test(source)) return 'sensor';
  if (/新华社|日报|电视台|新闻|晚报|网$/.test(source)) return 'media';
  return 'official-news';
}

/**
 * Runs the bundled demo posts through the pipeline into a memory store: analyse, group into
 * events, score, alert (level Ⅲ and above, to a silent duty-room channel), open incidents for the
 * alerted events and start verifying them.
 *
 * Events are grouped here by type, league and a 72-hour window, in the order the posts came:
 * enough for the ten demo posts, and to be replaced by `createEventClusterer` (and the
 * deduper) once @emwatch/core exports them.
 */
export async function buildDemoStore(region: RegionPack, posts: URL = DEMO_POSTS): Promise<DemoStore> {
  const lines = readFileSync(posts, 'utf8').split('\n').filter(Boolean).slice(0, MAX_POSTS);
  const step = lines.length > 1 ? Math.floor((LAST_POST - FIRST_POST) / (lines.length - 1) / MINUTE) * MINUTE : 0;
  const store = createMemoryStore();

  const signals: Signal[] = [];
  const analyses = new Map<string, TextAnalysis>();
  lines.forEach((line, index) => {
    const post = JSON.parse(line) as { id?: unknown; source?: unknown; text?: unknown };
    if (typeof post.id !== 'string' || typeof post.text !== 'string') return;
    const source = typeof post.source === 'string' ? post.source : '';
    const at = FIRST_POST + index * step;
    const signal: Signal = {
      id: `sig:${post.id}`,
      sourceId: 'demo',
      sourceKind: kindOf(source),
      text: post.text,
      language: 'zh-Hans',
      publishedAt: iso(at),
      collectedAt: iso(at + MINUTE),
      ...(source ? { outlet: source } : {}),
      rawItemId: `demo:${post.id}`,
    };
    signals.push(signal);
    analyses.set(signal.id, analyzeText(signal.text, { region }));
  });
  await store.putSignals(signals);

  const leagueOf = (code: string): string | undefined => {
    let unit = region.byCode(code);
    while (unit && unit.level === 'county') unit = unit.parent ? region.byCode(unit.parent) : undefined;
    return unit?.level === 'league' ? unit.code : undefined;
  };
  const groups: { type: string; leagues: Set<string>; last: number; members: Signal[] }[] = [];
  for (const signal of signals) {
    const analysis = analyses.get(signal.id)!;
    if (analysis.type === 'none') continue;
    const at = Date.parse(signal.publishedAt!);
    const leagues = new Set(analysis.places.map((p) => leagueOf(p.code)).filter((c): c is string => c !== undefined));
    const group = groups.find(
      (g) =>
        g.type === analysis.type &&
        at - g.last <= EVENT_WINDOW &&
        (leagues.size === 0 ? g.leagues.size === 0 : [...leagues].some((l) => g.leagues.has(l))),
    );
    if (group) {
      group.members.push(signal);
      group.last = at;
      for (const l of leagues) group.leagues.add(l);
    } else {
      groups.push({ type: analysis.type, leagues, last: at, members: [signal] });
    }
  }

  let clock = new Date(FIRST_POST);
  const sent: Channel = { id: 'duty-room', kind: 'console', send: async () => {} };
  const alerter = createAlerter({
    rules: [{ id: 'level-iii-up', name: '较大及以上', when: { minLevel: 'III' }, route: { channels: ['duty-room'] } }],
    channels: { 'duty-room': sent },
    region,
    resendAfterMs: Infinity,
    now: () => clock,
    onChange: (alert) => store.putAlert(alert),
  });

  for (const group of groups) {
    const event = toEvent(group.members, analyses, region);
    await store.putEvent(event);
    const score = scoreEvent(event, { signals: group.members, analyses, region });
    await store.putScore(score);
    clock = new Date(Date.parse(event.lastUpdate) + MINUTE);
    const raised = await alerter.onScore(event, score);
    for (const alert of raised) {
      const opened = new Date(Date.parse(alert.createdAt) + 5 * MINUTE);
      let incident = createIncident(event, score, opened, { actor: 'duty-officer-1' });
      incident = transitionIncident(incident, 'verify', 'duty-officer-1', new Date(opened.getTime() + 10 * MINUTE));
      await store.putIncident(incident);
    }
  }
  alerter.close();
  const last = signals.length ? Date.parse(signals[signals.length - 1]!.publishedAt!) : FIRST_POST;
  // Just after the last post, and after the duty day's 08:00 close, so `day` covers every post.
  return { store, now: new Date(Math.max(last + 5 * MINUTE, LAST_POST + 35 * MINUTE)) };
}

const AUTHORITY: Readonly<Record<SourceKind, number>> = {
  'official-warning': 5,
  'official-news': 4,
  sensor: 3,
  media: 2,
  social: 1,
};

/** An event record from a group of signals (what the clusterer's aggregate does, in short). */
function toEvent(members: readonly Signal[], analyses: ReadonlyMap<string, TextAnalysis>, region: RegionPack): Event {
  const first = members[0]!;
  const type = analyses.get(first.id)!.type;
  const lead = [...members].sort((a, b) => AUTHORITY[b.sourceKind] - AUTHORITY[a.sourceKind])[0]!;
  const headline = headlineOf(lead.text, analyses.get(lead.id)!);
  const places: string[] = [];
  const sourcesByKind: Partial<Record<SourceKind, number>> = {};
  const max = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));
  let casualties = { deaths: null, injured: null, missing: null, trapped: null } as Event['casualties'];
  let magnitude: number | null = null;
  let warningColor: Event['warningColor'] = null;
  const colors = ['blue', 'yellow', 'orange', 'red'];
  const timeline: Event['timeline'][number][] = [];
  for (const signal of members) {
    const a = analyses.get(signal.id)!;
    for (const p of a.places) if (!places.includes(p.code)) places.push(p.code);
    sourcesByKind[signal.sourceKind] = (sourcesByKind[signal.sourceKind] ?? 0) + 1;
    casualties = {
      deaths: max(casualties.deaths, a.casualties.deaths),
      injured: max(casualties.injured, a.casualties.injured),
      missing: max(casualties.missing, a.casualties.missing),
      trapped: max(casualties.trapped, a.casualties.trapped),
    };
    magnitude = max(magnitude, a.magnitude);
    if (a.warningColor && colors.indexOf(a.warningColor) > colors.indexOf(warningColor ?? ''))
      warningColor = a.warningColor;
    if (a.stage && !timeline.some((t) => t.stage === a.stage)) {
      timeline.push({ at: signal.publishedAt!, stage: a.stage, signalId: signal.id });
    }
  }
  // Most specific first: counties before leagues before the province.
  const depth = (code: string): number =>
    ({ county: 0, league: 1, province: 2 })[region.byCode(code)?.level ?? 'county'];
  places.sort((a, b) => depth(a) - depth(b));
  return {
    id: `evt:demo:${first.id.replace(/^sig:/, '')}`,
    title: headline,
    type,
    category: categoryOf(type),
    stage: timeline.at(-1)?.stage ?? null,
    firstSeen: first.publishedAt!,
    lastUpdate: members.at(-1)!.publishedAt!,
    signalIds: members.map((s) => s.id),
    signalCount: members.length,
    repostCount: 0,
    sourcesByKind,
    places,
    casualties,
    magnitude,
    warningColor,
    timeline,
    history: [],
  };
}

/**
 * A headline from a post: the clause that names a place and the most of the words that decided
 * its type (so 「准格尔旗一煤矿井下发生冒顶事故」 rather than 「记者从…获悉」), at most 30 characters.
 */
function headlineOf(text: string, analysis: TextAnalysis): string {
  let best = '';
  let bestScore = -1;
  let start = 0;
  for (const clause of text.split(/(?<=[：，。！？；:,!?;])/)) {
    const end = start + clause.length;
    const place = analysis.places.some((p) => p.span[0] >= start && p.span[1] <= end) ? 2 : 0;
    const terms = analysis.explanation.filter((e) => e.term.length > 1 && clause.includes(e.term)).length;
    if (place + terms > bestScore) {
      best = clause;
      bestScore = place + terms;
    }
    start = end;
  }
  return best
    .replace(/[：，。！？；:,!?;\s]+$/, '')
    .trim()
    .slice(0, 30);
}
