import type { Signal } from '../../model/signal.js';
import type { TextAnalysis } from '../../model/text-analysis.js';
import type { ScoringAnalysis } from '../../risk/score.js';

/** Official warnings kept per event: updates and cancellations must meet the alerts they refer to. */
const MAX_WARNINGS = 16;
/** Independent sources kept: corroboration saturates at 8 sources, so 16 leaves room for tests and cancels. */
const MAX_SOURCES = 16;
/** Latest signals kept, for the stage and the burst hour. */
const MAX_RECENT = 8;
/** Latest signals stating casualties or a magnitude, so the evidence of the largest figures stays. */
const MAX_STATING = 8;

interface Entry {
  readonly signal: Signal;
  readonly analysis: ScoringAnalysis;
  readonly time: number;
}

/**
 * What the monitor keeps of an event's signals for scoring. An event can gather thousands of
 * posts; scoring all of them on every new one would make a viral event quadratic and hold every
 * post in memory. The scorer reads warnings (all of them, for references), independent sources
 * (corroboration, authority), stated figures (evidence) and recent signals (stage, burst hour):
 * the sample keeps a bounded number of each, and nothing else changes the score.
 */
export interface ScoringSample {
  readonly warnings: Entry[];
  readonly sources: Map<string, Entry>;
  readonly recent: Entry[];
  readonly stating: Entry[];
  /** Distinct signals that are not CAP tests, exercises, drafts or system messages. */
  real: number;
  /** True once the event was written to the store (events of type `none` are not, until they get a type). */
  written: boolean;
}

/** An empty sample. */
export function createSample(): ScoringSample {
  return { warnings: [], sources: new Map(), recent: [], stating: [], real: 0, written: false };
}

/** Only the fields the scorer reads, so the sample does not keep sentiment and explanations alive. */
export function scoringAnalysisOf(analysis: TextAnalysis): ScoringAnalysis {
  return {
    casualties: analysis.casualties,
    warningColor: analysis.warningColor,
    magnitude: analysis.magnitude,
    places: analysis.places,
  };
}

/** True for CAP messages that are not real (Test, Exercise, Draft, System). */
export function isTestSignal(signal: Signal): boolean {
  const status = signal.facts?.warning?.status;
  return status !== undefined && status !== 'Actual';
}

function sourceKey(signal: Signal): string {
  const who = signal.sourceKind === 'social' ? (signal.author ?? signal.sourceId) : (signal.outlet ?? signal.sourceId);
  return `${signal.sourceKind}:${who}`;
}

function pushBounded(list: Entry[], entry: Entry, max: number): void {
  list.push(entry);
  if (list.length > max) list.shift();
}

function states(analysis: ScoringAnalysis): boolean {
  const c = analysis.casualties;
  return (
    (analysis.magnitude ?? null) !== null ||
    (c !== undefined && (c.deaths !== null || c.injured !== null || c.missing !== null || c.trapped !== null))
  );
}

/** Adds a distinct signal of the event. */
export function addToSample(sample: ScoringSample, signal: Signal, analysis: ScoringAnalysis): void {
  const time = Date.parse(signal.publishedAt ?? signal.collectedAt);
  const entry: Entry = { signal, analysis, time };
  if (!isTestSignal(signal)) sample.real++;
  if (signal.facts?.warning) pushBounded(sample.warnings, entry, MAX_WARNINGS);
  const key = sourceKey(signal);
  if (!sample.sources.has(key) && sample.sources.size < MAX_SOURCES) sample.sources.set(key, entry);
  pushBounded(sample.recent, entry, MAX_RECENT);
  if (states(analysis)) pushBounded(sample.stating, entry, MAX_STATING);
}

/** Folds another event's sample into this one (a merge), oldest first, as if its signals had come here. */
export function mergeSample(into: ScoringSample, from: ScoringSample): void {
  const entries = [...new Set([...from.warnings, ...from.sources.values(), ...from.recent, ...from.stating])];
  entries.sort((a, b) => a.time - b.time || (a.signal.id < b.signal.id ? -1 : 1));
  const real = into.real + from.real;
  for (const entry of entries) addToSample(into, entry.signal, entry.analysis);
  into.real = real;
  into.written ||= from.written;
}

/** The sampled signals and their analyses, as `scoreEvent` takes them. */
export function sampleContext(sample: ScoringSample): {
  signals: Signal[];
  analyses: Map<string, ScoringAnalysis>;
} {
  const analyses = new Map<string, ScoringAnalysis>();
  const signals: Signal[] = [];
  const add = (entry: Entry): void => {
    if (analyses.has(entry.signal.id)) return;
    analyses.set(entry.signal.id, entry.analysis);
    signals.push(entry.signal);
  };
  for (const entry of sample.warnings) add(entry);
  for (const entry of sample.sources.values()) add(entry);
  for (const entry of sample.stating) add(entry);
  for (const entry of sample.recent) add(entry);
  return { signals, analyses };
}
