import type { Burst } from '../../events/burst.js';
import type { Event } from '../../model/event.js';
import type { RegionPack } from '../../model/region-pack.js';
import type { RiskPreset } from '../presets.js';
import type { SignalView } from './signal-view.js';

/** Everything a factor may read. */
export interface FactorInput {
  readonly event: Event;
  /** The event's signals in canonical order; `undefined` when the caller gave none. */
  readonly views: readonly SignalView[] | undefined;
  readonly region: RegionPack | undefined;
  readonly bursts: readonly Burst[] | undefined;
  readonly nowMs: number;
  readonly preset: RiskPreset;
}

/** What a factor measured. */
export interface FactorResult {
  /** Whether the factor can apply to this event at all (decided by type and context, never by the event's data). */
  readonly applies: boolean;
  /** Measured value, 0..1. */
  readonly value: number;
  /** Ids of the signals that supplied the value. */
  readonly evidence: readonly string[];
  /** The measured inputs, for explanations. */
  readonly facts: Readonly<Record<string, string | number | boolean | null>>;
}

/** At most this many signal ids are listed as evidence of one factor. */
export const MAX_EVIDENCE = 10;

export const clamp01 = (value: number): number => (value <= 0 || Number.isNaN(value) ? 0 : value >= 1 ? 1 : value);

/** Ids of the views, in canonical order, at most {@link MAX_EVIDENCE}. */
export const evidenceOf = (views: readonly SignalView[]): string[] =>
  views.slice(0, MAX_EVIDENCE).map((view) => view.signal.id);
