import type { SourceKind } from '../../model/signal.js';
import { SOURCE_KINDS } from '../../model/signal.js';
import { clamp01, evidenceOf, type FactorInput, type FactorResult } from './factor-input.js';
import type { SignalView } from './signal-view.js';

function authorityOf(kind: SourceKind, input: FactorInput): number {
  const value = input.preset.sourceAuthority[kind];
  // Seismic networks are the authority on earthquakes, as an issuing office is on its warnings.
  return kind === 'sensor' && input.event.type === 'earthquake'
    ? Math.max(value, input.preset.sourceAuthority['official-warning'])
    : value;
}

/**
 * Source authority: the most authoritative kind among the signals that assert the event
 * (preset values: official warning 1, official news 0.9, sensor 0.85 — 1 for earthquakes —,
 * media 0.6, social 0.3). Without signals, the kinds the event counts.
 */
export function authorityFactor(input: FactorInput): FactorResult {
  const { views, event } = input;
  const kinds: SourceKind[] = views
    ? [...new Set(views.filter((v) => v.asserting).map((v) => v.kind))]
    : SOURCE_KINDS.filter((kind) => (event.sourcesByKind[kind] ?? 0) > 0);
  let best = 0;
  let bestKind: SourceKind | null = null;
  for (const kind of SOURCE_KINDS) {
    if (!kinds.includes(kind)) continue;
    const value = authorityOf(kind, input);
    if (value > best) {
      best = value;
      bestKind = kind;
    }
  }
  const evidence = views ? evidenceOf(views.filter((v) => v.asserting && v.kind === bestKind)) : [];
  return { applies: true, value: best, evidence, facts: { kind: bestKind } };
}

/**
 * Who stands behind a signal: for social posts the account (many accounts on one platform are
 * independent witnesses), for other kinds the outlet or issuing office, else the source.
 */
function sourceKey(view: SignalView): string {
  const { signal } = view;
  const who = view.kind === 'social' ? (signal.author ?? signal.sourceId) : (signal.outlet ?? signal.sourceId);
  return `${view.kind}:${who}`;
}

/**
 * Corroboration by independent sources: 0.6 · clamp(log2(sources) / 3) + 0.4 · clamp((kinds − 1) / 2),
 * so one source is 0, eight sources of one kind 0.6, and eight sources over three kinds 1.
 * Without signals, each distinct signal counts as a source.
 */
export function corroborationFactor({ views, event }: FactorInput): FactorResult {
  let sources: number;
  let kinds: number;
  let evidence: string[] = [];
  if (views) {
    const firstBySource = new Map<string, SignalView>();
    for (const view of views)
      if (view.asserting && !firstBySource.has(sourceKey(view))) firstBySource.set(sourceKey(view), view);
    sources = firstBySource.size;
    kinds = new Set([...firstBySource.values()].map((v) => v.kind)).size;
    evidence = evidenceOf([...firstBySource.values()]);
  } else {
    sources = event.signalCount;
    kinds = SOURCE_KINDS.filter((kind) => (event.sourcesByKind[kind] ?? 0) > 0).length;
  }
  const value = sources > 0 ? 0.6 * clamp01(Math.log2(sources) / 3) + 0.4 * clamp01((kinds - 1) / 2) : 0;
  return { applies: true, value, evidence, facts: { sources, kinds } };
}

/**
 * Volume: distinct signals plus reposts, clamp(log10(1 + n) / 3), so 1 message → 0.1,
 * 10 → 0.35, 100 → 0.67, 1000 or more → 1.
 */
export function volumeFactor({ event }: FactorInput): FactorResult {
  const total = Math.max(0, event.signalCount) + Math.max(0, event.repostCount);
  return {
    applies: true,
    value: clamp01(Math.log10(1 + total) / 3),
    evidence: [],
    facts: { signals: event.signalCount, reposts: event.repostCount },
  };
}
