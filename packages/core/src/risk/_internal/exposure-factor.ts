import { clamp01, evidenceOf, type FactorInput, type FactorResult } from './factor-input.js';

/** The units an event affects, most specific only: a league is dropped when one of its counties is named. */
export function affectedUnits({ event, region }: Pick<FactorInput, 'event' | 'region'>): string[] {
  if (!region) return [];
  const known = [...new Set(event.places)].filter((code) => region.byCode(code) !== undefined).sort();
  return known.filter((code) => !known.some((other) => other !== code && region.contains(code, other)));
}

/**
 * Population exposed: the 2020 census population of the affected units, summed, on a log scale:
 * clamp((log10(population) − 4) / 3), so 10 000 → 0, 100 000 → 0.33, 1 million → 0.67,
 * 10 million → 1. Applies when a region pack is given; an event without known places scores 0.
 */
export function exposureFactor(input: FactorInput): FactorResult {
  const { region, views } = input;
  if (!region) return { applies: false, value: 0, evidence: [], facts: {} };
  const units = affectedUnits(input);
  const population = units.reduce((sum, code) => sum + (region.byCode(code)?.population ?? 0), 0);
  const value = population > 0 ? clamp01((Math.log10(population) - 4) / 3) : 0;
  const naming = (views ?? []).filter(
    (view) =>
      (view.signal.facts?.regionCodes ?? []).some((code) => units.includes(code)) ||
      view.facts().places.some((code) => units.includes(code)),
  );
  return { applies: true, value, evidence: evidenceOf(naming), facts: { population, units: units.join(',') || null } };
}
