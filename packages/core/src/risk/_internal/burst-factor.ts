import type { Burst } from '../../events/burst.js';
import { clamp01, evidenceOf, type FactorInput, type FactorResult } from './factor-input.js';

const HOUR_MS = 3_600_000;

/** Bursts about the event: same type, a unit equal to, above or below one of its places, in its time span. */
export function relevantBursts({ event, region, bursts, nowMs }: FactorInput): Burst[] {
  if (!bursts) return [];
  const from = Date.parse(event.firstSeen) - HOUR_MS;
  return bursts.filter((burst) => {
    if (burst.type !== event.type) return false;
    const start = Date.parse(burst.hourStart);
    if (!(start >= from && start <= nowMs)) return false;
    return event.places.some(
      (place) =>
        place === burst.unit ||
        (region !== undefined && (region.contains(burst.unit, place) || region.contains(place, burst.unit))),
    );
  });
}

/**
 * Velocity: the strongest relevant burst, 0.5 + 0.5 · clamp(log10(observed / expected) / 2), so
 * any burst counts half and a hundredfold one fully; 0 without a burst. Applies when the caller
 * passes bursts (even none); without them velocity is unknown and takes no weight.
 */
export function burstFactor(input: FactorInput): FactorResult {
  if (!input.bursts) return { applies: false, value: 0, evidence: [], facts: {} };
  const relevant = relevantBursts(input);
  if (relevant.length === 0) return { applies: true, value: 0, evidence: [], facts: { bursts: 0 } };
  const strongest = [...relevant].sort(
    (a, b) =>
      b.ratio - a.ratio || a.pValue - b.pValue || (a.hourStart < b.hourStart ? -1 : 1) || (a.unit < b.unit ? -1 : 1),
  )[0]!;
  const value = 0.5 + 0.5 * clamp01(Math.log10(Math.max(1, strongest.ratio)) / 2);
  const start = Date.parse(strongest.hourStart);
  const inHour = (input.views ?? []).filter((view) => view.ms >= start && view.ms < start + HOUR_MS);
  return {
    applies: true,
    value,
    evidence: evidenceOf(inHour),
    facts: {
      bursts: relevant.length,
      unit: strongest.unit,
      hourStart: strongest.hourStart,
      observed: strongest.observed,
      expected: strongest.expected,
      ratio: strongest.ratio,
      pValue: strongest.pValue,
    },
  };
}
