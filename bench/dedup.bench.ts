// Near-duplicates and events. (1) The deduper against brute-force all-pairs Jaccard (the same
// normalisation, shingles and decision rule, every earlier document compared exactly) on 10,000
// documents recombined from corpus/dedup: docs/s for both, the ratio, and the deduper's recall and
// precision against brute force. (2) Dedup + cluster on 100,000 signals with the text analysis
// precomputed: signals/s on one core. The target for dedup + cluster + score together is
// ≥ 50,000 signals/s. Rates are CPU time of this process (the machine is shared), not wall time.
import { readFileSync } from 'node:fs';
import { analyzeText, type Signal, type SourceKind, type TextAnalysis } from '@emwatch/core';
import regionNmg from '@emwatch/region-nmg';
import { createEventClusterer } from '../packages/core/src/events/cluster.js';
import { createDeduper } from '../packages/core/src/events/dedup.js';
import { prepareDedupText } from '../packages/core/src/events/_internal/dedup-text.js';
import { placeFinderFor } from '../packages/core/src/events/_internal/place-finder.js';
import { intersectionSize, shingleSet } from '../packages/core/src/events/_internal/shingles.js';

interface Row {
  readonly text: string;
  readonly sourceKind?: SourceKind;
}

const rows: Row[] = ['reposts', 'events', 'reposts-holdout', 'events-holdout'].flatMap((name) =>
  readFileSync(new URL(`../corpus/dedup/${name}.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row),
);
const clauses = rows.flatMap((row) => row.text.split(/(?<=[，。；！？])/).filter((clause) => clause.length >= 4));
const placeNames = regionNmg.units.filter((unit) => unit.level !== 'province').map((unit) => unit.name);

let seed = 20240405;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** A new message: clauses of several texts, or a text of the sets with another place and number (a template near-miss). */
function original(): string {
  if (random() < 0.3) {
    const text = pick(rows).text;
    return text
      .replace(new RegExp(placeNames.filter((name) => text.includes(name)).join('|') || '$^', 'g'), pick(placeNames))
      .replace(/\d+/, String(1 + Math.floor(random() * 90)));
  }
  const parts = Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(clauses));
  return parts.join('').replace(/[，；]$/, '。');
}

/** A copy as people make them: repost chain, 转发, hashtags, emoji, truncation, a comment, a word changed. */
function copy(text: string, n: number): string {
  switch (Math.floor(random() * 7)) {
    case 0:
      return `${pick(['转发微博', '扩散', '注意安全', '太吓人了'])}//@用户${n % 500}:${text}`;
    case 1:
      return `#${pick(placeNames)}# ${text}${pick(['🙏', '😭', '❄️', ''])}`;
    case 2:
      return `${text.slice(0, Math.max(12, Math.floor(text.length * 0.7)))}…展开全文`;
    case 3:
      return `${text} ${pick(['大家出门注意安全！', '希望没事', '转给家里人看看'])}`;
    case 4:
      return `【转】${text}`;
    case 5: {
      const at = Math.floor(random() * Math.max(1, text.length - 2));
      return `${text.slice(0, at)}${pick(['又', '都', '了'])}${text.slice(at + 1)}`;
    }
    default:
      return `${text} http://t.cn/A6${n.toString(36)}`;
  }
}

/** Documents where about a third copy an earlier one (mostly a recent one). */
function documents(count: number): string[] {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    if (docs.length > 0 && random() < 0.35) {
      const back = Math.min(docs.length, 1 + Math.floor(random() * random() * 2000));
      docs.push(copy(docs[docs.length - back], i));
    } else docs.push(original());
  }
  return docs;
}

// ---- (1) deduper against brute force on 10,000 documents ------------------------------------
const THRESHOLD = 0.6;
const docs = documents(10_000);
let start = cpuMs();
const deduper = createDeduper({ region: regionNmg, maxItems: docs.length });
const found = docs.map((text, i) => deduper.add({ id: String(i), text }).duplicateOf !== null);
const dedupMs = cpuMs() - start;

const finder = placeFinderFor(regionNmg);
const covers = (some: readonly string[], all: readonly string[], related: (a: string, b: string) => boolean) =>
  some.every((value) => all.some((other) => related(value, other)));
const conflict = (a: readonly string[], b: readonly string[], related: (a: string, b: string) => boolean) =>
  !covers(a, b, related) && !covers(b, a, related);
const same = (a: string, b: string) => a === b;
start = cpuMs();
const prepared = docs.map(prepareDedupText);
const sets = prepared.map((p) => (p.compact.length >= 8 ? shingleSet(p.compact, 3) : new Int32Array(0)));
const places = prepared.map((p) => finder.find(p.compact));
const brute = docs.map((_, i) => {
  if (prepared[i].compact === '') return false;
  for (let j = 0; j < i; j++) {
    if (prepared[j].compact === prepared[i].compact) return true;
    const a = sets[i];
    const b = sets[j];
    if (a.length === 0 || b.length === 0) continue;
    const shared = intersectionSize(a, b);
    const jaccard = shared / (a.length + b.length - shared);
    const smaller = Math.min(a.length, b.length);
    if (jaccard < THRESHOLD && !(smaller >= 16 && shared / smaller >= 0.9)) continue;
    if (conflict(prepared[i].numbers, prepared[j].numbers, same)) continue;
    if (conflict(places[i], places[j], finder.related)) continue;
    return true;
  }
  return false;
});
const bruteMs = cpuMs() - start;
const both = found.filter((dup, i) => dup && brute[i]).length;
const bruteCount = brute.filter(Boolean).length;
const foundCount = found.filter(Boolean).length;
console.log(`${docs.length.toLocaleString('en')} documents, ${bruteCount} copies by brute force`);
console.log(
  `deduper (MinHash + LSH): ${Math.round((docs.length / dedupMs) * 1000).toLocaleString('en')} docs/s; ` +
    `brute-force all-pairs Jaccard: ${Math.round((docs.length / bruteMs) * 1000).toLocaleString('en')} docs/s; ` +
    `ratio ${(bruteMs / dedupMs).toFixed(0)}×`,
);
console.log(
  `deduper against brute force: recall ${((both / bruteCount) * 100).toFixed(1)}%, ` +
    `precision ${((both / foundCount) * 100).toFixed(1)}%`,
);

// ---- (2) dedup + cluster on 100,000 signals, analysis precomputed ---------------------------
const SIGNALS = 100_000;
// A busy province: the sets' reports (each with its own time of year) repeated in cycles five days
// apart, so about 70 copies of the year overlap at any moment; a third of the signals copy a recent one.
const datedRows = rows as (Row & { readonly publishedAt: string })[];
const CYCLE_MS = 5 * 24 * 3_600_000;
const originals = Array.from({ length: Math.ceil(SIGNALS * 0.65) }, (_, i) => {
  const row = datedRows[i % datedRows.length];
  const cycle = Math.floor(i / datedRows.length);
  return { row, time: Date.parse(row.publishedAt) + cycle * CYCLE_MS };
}).sort((a, b) => a.time - b.time);
/** The report with the dates it writes (M月D日) moved to its cycle's date. */
const shiftDates = (text: string, time: number) => {
  const date = new Date(time + 8 * 3_600_000);
  return text.replace(/\d{1,2}月\d{1,2}日/g, `${date.getUTCMonth() + 1}月${date.getUTCDate()}日`);
};
const analyses = new Map<string, TextAnalysis>();
const signals: { signal: Signal; analysis: TextAnalysis }[] = [];
for (let next = 0; signals.length < SIGNALS;) {
  const isCopy = signals.length > 0 && (random() < 0.35 || next >= originals.length);
  const source = isCopy
    ? signals[signals.length - 1 - Math.floor(random() * Math.min(200, signals.length))]
    : undefined;
  const base = isCopy ? undefined : originals[next++];
  const text = source ? copy(source.signal.text, signals.length) : shiftDates(base!.row.text, base!.time);
  // A copy is analysed like its original (analysis is precomputed, outside the timing).
  let analysis = source?.analysis ?? analyses.get(text);
  if (!analysis) analyses.set(text, (analysis = analyzeText(text, { region: regionNmg })));
  const at = new Date(source ? Date.parse(source.signal.publishedAt!) + 60_000 : base!.time).toISOString();
  const i = signals.length;
  signals.push({
    analysis,
    signal: {
      id: `sig:${i}`,
      sourceId: 'bench',
      sourceKind: source ? 'social' : (base!.row.sourceKind ?? 'social'),
      text,
      language: 'zh-Hans',
      publishedAt: at,
      collectedAt: at,
      rawItemId: `raw:${i}`,
    },
  });
}
start = cpuMs();
const dedupOnly = createDeduper({ region: regionNmg });
for (const { signal } of signals) dedupOnly.add({ id: signal.id, text: signal.text });
const dedupPart = cpuMs() - start;
start = cpuMs();
const streamDeduper = createDeduper({ region: regionNmg });
const clusterer = createEventClusterer({ region: regionNmg });
for (const { signal, analysis } of signals) {
  const { duplicateOf } = streamDeduper.add({ id: signal.id, text: signal.text });
  clusterer.add(signal, analysis, duplicateOf);
}
const totalMs = cpuMs() - start;
console.log(
  `dedup + cluster, ${SIGNALS.toLocaleString('en')} signals (analysis precomputed): ` +
    `${Math.round((SIGNALS / totalMs) * 1000).toLocaleString('en')} signals/s ` +
    `(dedup alone: ${Math.round((SIGNALS / dedupPart) * 1000).toLocaleString('en')} signals/s), ${clusterer.events().length.toLocaleString('en')} events in memory`,
);
