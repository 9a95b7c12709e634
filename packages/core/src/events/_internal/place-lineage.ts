import type { RegionPack } from '../../model/region-pack.js';

const cache = new WeakMap<RegionPack, Map<string, readonly string[]>>();

/**
 * A unit's code followed by its ancestors' (county, league, province), cached per region pack, so
 * that "lies in or contains" tests over many places cost a few lookups instead of a walk per pair.
 * Without a pack, or for an unknown code, the code alone.
 */
export function lineageOf(code: string, region: RegionPack | undefined): readonly string[] {
  if (!region) return [code];
  let lineages = cache.get(region);
  if (!lineages) cache.set(region, (lineages = new Map()));
  let lineage = lineages.get(code);
  if (!lineage) {
    const chain: string[] = [code];
    for (let unit = region.parent(code); unit; unit = region.parent(unit.code)) chain.push(unit.code);
    lineages.set(code, (lineage = chain));
  }
  return lineage;
}

/** Codes of the list that contain no other code of it (the most specific places), without the pack's root. */
export function mostSpecific(codes: readonly string[], region: RegionPack | undefined): string[] {
  if (!region) return [...codes];
  const containing = new Set<string>();
  for (const code of codes) {
    const lineage = lineageOf(code, region);
    for (let i = 1; i < lineage.length; i++) containing.add(lineage[i]);
  }
  return codes.filter((code) => code !== region.root && !containing.has(code));
}

/** The league-level unit a code lies in (itself for a league, the province or an unknown code). */
export function leagueOf(code: string, region: RegionPack | undefined): string {
  if (!region) return code;
  const lineage = lineageOf(code, region);
  // county → league → province: the league is one below the root.
  return lineage.length >= 3 ? lineage[lineage.length - 2] : code;
}
