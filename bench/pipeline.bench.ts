// The monitor's pipeline on one core. Targets (issue 5): dedup + cluster + score ≥ 50,000
// signals/s with the analysis precomputed, and 1,000,000 signals through the whole pipeline in
// ≤ 1.5 GB heap. Signals are made by recombining the corpus's real texts with other counties,
// times, repost chains and comments; every figure is printed against analyzeText alone on the
// same signals in the same run.
//
// A normal `npm run bench` streams 50,000 signals for the memory figure; the full million:
//   EMWATCH_BENCH_SIGNALS=1000000 npm run bench      (about 2 minutes for this file alone)
import regionNmg from '@emwatch/region-nmg';
import { analyzeText, createMemoryStore, scoreEvent } from '@emwatch/core';
import type { Alert, Event, Incident, RiskScore, Signal, Store, TextAnalysis } from '@emwatch/core';
import { readCorpus } from '../scripts/_internal/corpus.js';
// Not yet exported from the package index when this was written: imported from the modules.
import { createEventClusterer } from '../packages/core/src/events/cluster.js';
import { createDeduper } from '../packages/core/src/events/dedup.js';
import { createMonitor } from '../packages/core/src/monitor.js';
import {
  addToSample,
  createSample,
  sampleContext,
  scoringAnalysisOf,
  type ScoringSample,
} from '../packages/core/src/monitor/_internal/scoring-sample.js';

const STAGE_SIGNALS = 40_000;
const STREAM_SIGNALS = Number(process.env.EMWATCH_BENCH_SIGNALS ?? 50_000);
const BATCH = 500;

// ---------------------------------------------------------------------------------------------
// Signals: corpus texts moved to other counties, reported by several outlets and reposted.

/** mulberry32: a small seeded generator, so every run sees the same signals. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const counties = regionNmg.units.filter((unit) => unit.level === 'county');
const unitNames = [...regionNmg.names].filter((name) => !name.ambiguous && name.text.length >= 2);
unitNames.sort((a, b) => b.text.length - a.text.length);
const examples = readCorpus()
  .filter((example) => example.type !== 'none' && example.text.length >= 20 && example.text.length <= 220)
  .map((example) => ({ ...example, named: unitNames.find((name) => example.text.includes(name.text))?.text }))
  .filter((example) => example.named !== undefined);
const byType = new Map<string, typeof examples>();
for (const example of examples) byType.set(example.type, [...(byType.get(example.type) ?? []), example]);
/** Another corpus text of the type, moved to the county. */
function reword(type: string, county: string, pick: <T>(list: readonly T[]) => T): string {
  const other = pick(byType.get(type)!);
  return other.text.split(other.named!).join(county);
}
const COMMENTS = [
  '转发微博',
  '注意安全',
  '祈祷平安🙏',
  '关注',
  '太吓人了',
  '希望没事',
  '扩散',
  '',
  '求证',
  '现场视频在哪',
];
const USERS = ['草原牧歌', '青城小道消息', '鄂尔多斯那些事', '锡林郭勒生活圈', '包头生活', '赤峰身边事', '通辽热点'];
const KINDS = ['media', 'social', 'social', 'official-news', 'social', 'media'] as const;

const iso = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

/**
 * Yields signals in blocks of roughly time-ordered happenings: each happening is one corpus text
 * moved to a random county, reported 1–20 times (the original, outlets rewording it, reposts with
 * `//@` chains and comments), over up to 12 hours.
 */
function* generateSignals(total: number, seed: number): Generator<Signal[]> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  let made = 0;
  let clock = Date.parse('2025-01-01T00:00:00Z');
  let happening = 0;
  while (made < total) {
    const block: Signal[] = [];
    for (let h = 0; h < 200 && made + block.length < total; h++, happening++) {
      const example = pick(examples);
      const county = pick(counties);
      const base = example.text.split(example.named!).join(county.name);
      const start = clock + next() * 3_600_000;
      const count = Math.min(20, 1 + Math.floor(-Math.log(1 - next()) * 5));
      for (let k = 0; k < count && made + block.length < total; k++) {
        const at = start + next() * 12 * 3_600_000 * (k / count);
        const kind = k === 0 ? pick(KINDS) : k % 3 === 0 ? 'media' : 'social';
        // Outlets report in their own words (another text of the type, about the same county);
        // posts repost the first report with comments and chains, or quote it cut short.
        const roll = next();
        const text =
          k === 0
            ? base
            : kind === 'media'
              ? reword(example.type, county.name, pick)
              : roll < 0.6
                ? `${pick(COMMENTS)}//@${pick(USERS)}:${base}`
                : roll < 0.8
                  ? `#${county.shortNames[0] ?? county.name}# ${base.slice(0, Math.max(20, Math.floor(base.length * 0.8)))}`
                  : reword(example.type, county.name, pick);
        const id = `gen:${happening}:${k}`;
        block.push({
          id,
          sourceId: `bench-${kind}`,
          sourceKind: kind,
          text,
          language: 'zh-Hans',
          publishedAt: iso(at),
          collectedAt: iso(at + 60_000),
          rawItemId: `raw:${id}`,
          ...(kind === 'social' ? { author: `${pick(USERS)}${Math.floor(next() * 50)}` } : { outlet: `outlet-${k}` }),
        });
      }
    }
    block.sort((a, b) => a.publishedAt!.localeCompare(b.publishedAt!));
    made += block.length;
    clock += 2 * 3_600_000; // 200 happenings every 2 hours: about 1,000 signals an hour
    yield block;
  }
}

const textOf = (signal: Signal): string => (signal.title ? `${signal.title}\n${signal.text}` : signal.text);

/** A store that keeps nothing but the latest records of a bounded window: the pipeline alone is measured. */
function windowStore(limit = 20_000): Store & { counts: Record<string, number> } {
  const base = createMemoryStore();
  const counts: Record<string, number> = { events: 0, scores: 0, alerts: 0, incidents: 0 };
  const bounded = <T>() => {
    const map = new Map<string, T>();
    return {
      put(id: string, value: T) {
        map.delete(id);
        map.set(id, value);
        if (map.size > limit) map.delete(map.keys().next().value as string);
      },
      get: (id: string) => map.get(id),
    };
  };
  const events = bounded<Event>();
  const scores = bounded<RiskScore>();
  const alerts = bounded<Alert>();
  const incidents = bounded<Incident>();
  return {
    ...base,
    counts,
    putSignals: async (signals) => signals.map((signal) => signal.id),
    putEvent: async (event) => (counts.events++, events.put(event.id, event)),
    getEvent: async (id) => events.get(id),
    deleteEvent: async () => true,
    putScore: async (score) => (counts.scores++, scores.put(score.eventId, score)),
    getScore: async (id) => scores.get(id),
    putAlert: async (alert) => (counts.alerts++, alerts.put(alert.id, alert)),
    getAlert: async (id) => alerts.get(id),
    putIncident: async (incident) => (counts.incidents++, incidents.put(incident.id, incident)),
    getIncident: async (id) => incidents.get(id),
    setState: async () => undefined,
    getState: async () => undefined,
  };
}

const rate = (count: number, ms: number): number => (count / ms) * 1000;
const fmt = (n: number): string => Math.round(n).toLocaleString('en');
const mb = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

// ---------------------------------------------------------------------------------------------
// 1. Stages on precomputed analyses, against analyzeText alone (the baseline).

const stageSignals = [...generateSignals(STAGE_SIGNALS, 1)].flat();
console.log(
  `${fmt(stageSignals.length)} generated signals from ${examples.length} corpus texts × ${counties.length} counties`,
);
const started = performance.now();
const analyses: TextAnalysis[] = stageSignals.map((signal) => analyzeText(textOf(signal), { region: regionNmg }));
const analyzeMs = performance.now() - started;
const analyzeRate = rate(stageSignals.length, analyzeMs);
console.log(`analyzeText alone (baseline): ${fmt(analyzeRate)} signals/s`);

interface StageRun {
  readonly ms: number;
  readonly events: number;
  readonly reposts: number;
  readonly dedupMs: number;
  readonly clusterMs: number;
  readonly scoreMs: number;
  readonly scores: number;
}

function runStages(): StageRun {
  const deduper = createDeduper({ region: regionNmg });
  const clusterer = createEventClusterer({ region: regionNmg, now: () => new Date('2025-03-01T00:00:00Z') });
  const samples = new Map<string, ScoringSample>();
  let reposts = 0;
  let dedupMs = 0;
  let clusterMs = 0;
  let scoreMs = 0;
  let scores = 0;
  const touched = new Map<string, Event>();
  const begin = performance.now();
  for (let i = 0; i < stageSignals.length; i++) {
    const signal = stageSignals[i]!;
    const analysis = analyses[i]!;
    const t0 = performance.now();
    const { duplicateOf } = deduper.add({ id: signal.id, text: textOf(signal), publishedAt: signal.publishedAt });
    const t1 = performance.now();
    const repost = duplicateOf !== null && clusterer.eventOf(duplicateOf) !== undefined;
    const { event } = clusterer.add(signal, analysis, duplicateOf);
    dedupMs += t1 - t0;
    clusterMs += performance.now() - t1;
    let sample = samples.get(event.id);
    if (!sample) samples.set(event.id, (sample = createSample()));
    if (repost) reposts++;
    else addToSample(sample, signal, scoringAnalysisOf(analysis));
    // Scored as the monitor scores: each event a batch touched, once, after the batch.
    if (event.type !== 'none') touched.set(event.id, event);
    if (touched.size > 0 && (i % BATCH === BATCH - 1 || i === stageSignals.length - 1)) {
      const t = performance.now();
      for (const [id, latest] of touched) scoreEvent(latest, { ...sampleContext(samples.get(id)!), region: regionNmg });
      scores += touched.size;
      touched.clear();
      scoreMs += performance.now() - t;
    }
  }
  return {
    ms: performance.now() - begin,
    events: clusterer.events().length,
    reposts,
    dedupMs,
    clusterMs,
    scoreMs,
    scores,
  };
}

runStages(); // warm-up
const stages = runStages();
const stagesRate = rate(stageSignals.length, stages.ms);
console.log(
  `dedup + cluster + score (analysis precomputed): ${fmt(stagesRate)} signals/s ` +
    `(target ≥ 50,000), ${(stagesRate / analyzeRate).toFixed(1)}× analyzeText; ` +
    `${fmt(stages.events)} events, ${fmt(stages.reposts)} reposts`,
);
const share = (part: number): string => `${Math.round((part / stages.ms) * 100)} %`;
console.log(
  `  time: dedup ${share(stages.dedupMs)} (${fmt(rate(stageSignals.length, stages.dedupMs))}/s), ` +
    `cluster ${share(stages.clusterMs)} (${fmt(rate(stageSignals.length, stages.clusterMs))}/s), ` +
    `score ${share(stages.scoreMs)} (${fmt(stages.scores)} scores in batches of ${BATCH}, ${fmt(rate(stages.scores, stages.scoreMs))} scores/s)`,
);

// ---------------------------------------------------------------------------------------------
// 2. The whole pipeline (monitor.ingest: analysis, dedup, clustering, bursts, scores, alerts,
//    incidents) over a stream, with peak memory.

async function stream(total: number): Promise<void> {
  gc?.();
  const store = windowStore();
  let now = Date.parse('2025-01-01T00:00:00Z');
  let sent = 0;
  let errors = 0;
  const monitor = createMonitor({
    collectors: [],
    region: regionNmg,
    rules: [{ id: 'duty-room', when: { minLevel: 'III' }, route: { channels: ['count'] } }],
    channels: { count: { id: 'count', kind: 'custom', send: async () => void sent++ } },
    store,
    now: () => new Date(now),
    onError: () => void errors++,
  });
  let peakHeap = 0;
  let peakRss = 0;
  let count = 0;
  let lastCount = 0;
  let lastMs = 0;
  const begin = performance.now();
  for (const block of generateSignals(total, 7)) {
    now = Date.parse(block[block.length - 1]!.publishedAt!);
    for (let i = 0; i < block.length; i += BATCH) await monitor.ingest(block.slice(i, i + BATCH));
    const before = count;
    count += block.length;
    const memory = process.memoryUsage();
    peakHeap = Math.max(peakHeap, memory.heapUsed);
    peakRss = Math.max(peakRss, memory.rss);
    // A line per 100,000 signals shows how the rate and the heap change as events grow.
    if (Math.floor(count / 100_000) > Math.floor(before / 100_000)) {
      const elapsed = performance.now() - begin;
      console.log(
        `  ${fmt(count)} signals: ${fmt(rate(count - lastCount, elapsed - lastMs))} signals/s over the last stretch, ` +
          `heapUsed ${mb(memory.heapUsed)}, RSS ${mb(memory.rss)}`,
      );
      lastCount = count;
      lastMs = elapsed;
    }
  }
  const ms = performance.now() - begin;
  await monitor.stop();
  const fullRate = rate(count, ms);
  console.log(
    `whole pipeline over ${fmt(count)} signals: ${fmt(fullRate)} signals/s, ${(fullRate / analyzeRate).toFixed(2)}× analyzeText alone; ` +
      `peak heapUsed ${mb(peakHeap)} (target ≤ 1,536 MB), peak RSS ${mb(peakRss)}; ` +
      `${fmt(store.counts.events!)} event writes, ${fmt(store.counts.alerts!)} alert writes, ${fmt(sent)} messages, ` +
      `${fmt(store.counts.incidents!)} incident writes, ${errors} errors`,
  );
}

await stream(STREAM_SIGNALS);
