import type { Event, StageChange } from '../src/model/event.js';
import type { RegionPack } from '../src/model/region-pack.js';
import type { Signal, SignalFacts, SourceKind } from '../src/model/signal.js';
import { categoryOf, WARNING_COLORS, type TypeId, type WarningColor } from '../src/model/taxonomy.js';
import type { Casualties, TextAnalysis } from '../src/model/text-analysis.js';
import { analyzeText } from '../src/text/analyze.js';

/** Fields of a test signal; the rest get plausible defaults. */
export interface SignalSpec {
  readonly id: string;
  readonly kind: SourceKind;
  readonly at: string;
  readonly text: string;
  readonly title?: string;
  readonly sourceId?: string;
  readonly author?: string;
  readonly outlet?: string;
  readonly facts?: SignalFacts;
}

/** A signal as a collector would make it. */
export function makeTestSignal(spec: SignalSpec): Signal {
  return {
    id: spec.id,
    sourceId: spec.sourceId ?? `${spec.kind}-source`,
    sourceKind: spec.kind,
    text: spec.text,
    ...(spec.title ? { title: spec.title } : {}),
    language: 'zh-Hans',
    publishedAt: spec.at,
    collectedAt: spec.at,
    rawItemId: `raw:${spec.id}`,
    ...(spec.author ? { author: spec.author } : {}),
    ...(spec.outlet ? { outlet: spec.outlet } : {}),
    ...(spec.facts ? { facts: spec.facts } : {}),
  };
}

/** Analyses of signals by id, as the pipeline's analysis stage makes them. */
export function analyzeSignals(signals: readonly Signal[], region: RegionPack): Map<string, TextAnalysis> {
  return new Map(
    signals.map((signal) => [
      signal.id,
      analyzeText(signal.title ? `${signal.title}\n${signal.text}` : signal.text, { region }),
    ]),
  );
}

const maxCount = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

/**
 * Folds signals into one event the way the event clusterer summarises a cluster (largest
 * casualties, places most specific first, stage timeline, sources by kind), for scoring tests
 * that must not depend on clustering decisions.
 */
export function eventFromSignals(
  id: string,
  type: TypeId,
  signals: readonly Signal[],
  analyses: ReadonlyMap<string, TextAnalysis>,
  region: RegionPack,
  extra: { readonly repostCount?: number; readonly title?: string } = {},
): Event {
  const time = (signal: Signal): number => Date.parse(signal.publishedAt ?? signal.collectedAt);
  const ordered = [...signals].sort((a, b) => time(a) - time(b) || a.id.localeCompare(b.id));
  let casualties: Casualties = { deaths: null, injured: null, missing: null, trapped: null };
  const approximate = new Set<'deaths' | 'injured' | 'missing' | 'trapped'>();
  let magnitude: number | null = null;
  let color = -1;
  const places: string[] = [];
  const timeline: StageChange[] = [];
  const sourcesByKind: Partial<Record<SourceKind, number>> = {};
  for (const signal of ordered) {
    const analysis = analyses.get(signal.id)!;
    casualties = {
      deaths: maxCount(casualties.deaths, analysis.casualties.deaths),
      injured: maxCount(casualties.injured, analysis.casualties.injured),
      missing: maxCount(casualties.missing, analysis.casualties.missing),
      trapped: maxCount(casualties.trapped, analysis.casualties.trapped),
    };
    for (const kind of analysis.casualties.approximate ?? []) approximate.add(kind);
    const stated = signal.facts?.quake?.magnitude ?? analysis.magnitude;
    if (stated !== null) magnitude = Math.max(magnitude ?? 0, stated);
    const warned: WarningColor | null = signal.facts?.warning?.color ?? analysis.warningColor;
    if (warned) color = Math.max(color, WARNING_COLORS.indexOf(warned));
    for (const code of [...(signal.facts?.regionCodes ?? []), ...analysis.places.map((p) => p.code)]) {
      if (!places.includes(code)) places.push(code);
    }
    if (analysis.stage && timeline.at(-1)?.stage !== analysis.stage) {
      timeline.push({ at: signal.publishedAt ?? signal.collectedAt, stage: analysis.stage, signalId: signal.id });
    }
    sourcesByKind[signal.sourceKind] = (sourcesByKind[signal.sourceKind] ?? 0) + 1;
  }
  const level = (code: string): number =>
    region.byCode(code)?.level === 'county' ? 0 : region.byCode(code)?.level === 'league' ? 1 : 2;
  places.sort((a, b) => level(a) - level(b));
  const first = ordered[0]!;
  return {
    id,
    title: extra.title ?? first.title ?? first.text.slice(0, 20),
    type,
    category: categoryOf(type),
    stage: timeline.at(-1)?.stage ?? null,
    firstSeen: first.publishedAt!,
    lastUpdate: ordered.at(-1)!.publishedAt!,
    signalIds: ordered.map((s) => s.id),
    signalCount: ordered.length,
    repostCount: extra.repostCount ?? 0,
    sourcesByKind,
    places,
    casualties: approximate.size > 0 ? { ...casualties, approximate: [...approximate] } : casualties,
    magnitude,
    warningColor: color < 0 ? null : WARNING_COLORS[color]!,
    timeline,
    history: [],
  };
}
