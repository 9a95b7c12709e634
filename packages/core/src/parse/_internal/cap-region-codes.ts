import type { RegionPack, RegionUnit } from '../../model/region-pack.js';
import type { WarningArea } from '../../model/signal.js';

/** Geocode names that denote a Chinese administrative division code, or none at all (the national system's bare `<geocode>`). */
const DIVISION_NAME = /^$|GB|2260|行政区|区划|ad_?code|area_?code|region_?code|county|division/i;
const DIVISION_CODE = /^\d{6}(?:\d{3}|\d{6})?$/;

const LEVEL_RANK: Readonly<Record<RegionUnit['level'], number>> = { county: 0, league: 1, province: 2 };

/**
 * The unit a GB/T 2260 code (6 digits, or the 9/12-digit township/village forms whose first six
 * digits are the county) denotes in the region pack: the county, else its league, else its
 * province (a county code the pack does not know still places the alert in its league).
 */
function unitOf(code: string, region: RegionPack): RegionUnit | undefined {
  const county = code.slice(0, 6);
  return (
    region.byCode(county) ?? region.byCode(`${county.slice(0, 4)}00`) ?? region.byCode(`${county.slice(0, 2)}0000`)
  );
}

/**
 * Region units an info block's geocodes designate, most specific first, without repeats. Only
 * geocodes that can be Chinese division codes are read (named GB/T 2260 or similar, unnamed, or
 * any name in a Chinese-language block), and only units of the region pack are returned.
 */
export function capRegionCodes(areas: readonly WarningArea[], region: RegionPack, chinese: boolean): string[] {
  const units = new Map<string, RegionUnit>();
  for (const area of areas) {
    for (const { name, value } of area.geocodes) {
      const code = value.trim();
      if (!DIVISION_CODE.test(code) || !(chinese || DIVISION_NAME.test(name))) continue;
      const unit = unitOf(code, region);
      if (unit) units.set(unit.code, unit);
    }
  }
  return [...units.values()]
    .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.code.localeCompare(b.code))
    .map((unit) => unit.code);
}
