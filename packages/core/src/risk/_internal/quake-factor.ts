import { clamp01, evidenceOf, type FactorInput, type FactorResult } from './factor-input.js';

/**
 * Damage falls with focal depth: shallow crustal quakes (≤ 10 km) are the most destructive,
 * intermediate ones (70–300 km) are felt widely but damage less. 1 down to 0.6 at 70 km, to 0.5
 * at 300 km and deeper; unknown depth counts as shallow (the cautious choice).
 */
export function depthFactor(depthKm: number | undefined): number {
  if (depthKm === undefined || !Number.isFinite(depthKm) || depthKm <= 10) return 1;
  if (depthKm <= 70) return 1 - (0.4 * (depthKm - 10)) / 60;
  if (depthKm <= 300) return 0.6 - (0.1 * (depthKm - 70)) / 230;
  return 0.5;
}

/** The quake factor and the magnitude that may floor the level. */
export interface QuakeOutcome {
  readonly result: FactorResult;
  readonly magnitude: number | null;
  readonly evidence: readonly string[];
}

/**
 * Earthquake magnitude and depth: clamp((M − 3) / 4) × depth factor, so M3 → 0, M5 → 0.5,
 * M7 → 1 for a shallow quake. Catalogue measurements (signals with quake facts: CENC, USGS)
 * win over magnitudes written in texts, which may be rumours or the wrong scale; without either,
 * the event's own magnitude.
 */
export function quakeFactor({ event, views }: FactorInput): QuakeOutcome {
  const applies = event.type === 'earthquake';
  const measured = (views ?? []).filter((view) => view.asserting && view.signal.facts?.quake !== undefined);
  let magnitude: number | null = null;
  let depthKm: number | undefined;
  let evidence: string[] = [];
  if (measured.length > 0) {
    magnitude = Math.max(...measured.map((view) => view.signal.facts!.quake!.magnitude));
    const strongest = measured.filter((view) => view.signal.facts!.quake!.magnitude === magnitude);
    // The shallowest stated depth of the strongest reports: agencies differ, be cautious.
    const depths = strongest
      .map((view) => view.signal.facts!.quake!.depthKm)
      .filter((d): d is number => d !== undefined);
    depthKm = depths.length > 0 ? Math.min(...depths) : undefined;
    evidence = evidenceOf(strongest);
  } else if (views && applies) {
    const stated = views.filter((view) => view.asserting && view.facts().magnitude !== null);
    if (stated.length > 0) {
      magnitude = Math.max(...stated.map((view) => view.facts().magnitude!));
      evidence = evidenceOf(stated.filter((view) => view.facts().magnitude === magnitude));
    }
  }
  if (magnitude === null) magnitude = event.magnitude;
  const value = magnitude === null ? 0 : clamp01((magnitude - 3) / 4) * depthFactor(depthKm);
  return {
    result: {
      applies,
      value,
      evidence,
      facts: { magnitude, depthKm: depthKm ?? null, source: measured.length > 0 ? 'catalogue' : 'text' },
    },
    magnitude,
    evidence,
  };
}
