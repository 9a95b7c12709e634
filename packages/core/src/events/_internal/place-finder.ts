import { createMatcher, type Matcher } from '../../_internal/aho-corasick.js';
import type { RegionPack } from '../../model/region-pack.js';

/** Finds region units named in a text, for telling apart copies of one template about two places. */
export interface PlaceFinder {
  /** Codes of the units named in `text`, longest names first where names overlap, without duplicates. */
  find(text: string): string[];
  /** True when one unit is the other or lies inside it. */
  related(a: string, b: string): boolean;
}

const cache = new WeakMap<RegionPack, PlaceFinder>();

/**
 * A place finder over a region pack's unambiguous names (full names, short forms and aliases; not
 * the root, which contains everything). Cheaper than `extractPlaces`, which weighs ambiguous names
 * by context: here a missed place only means one comparison fewer. Built once per pack.
 */
export function placeFinderFor(region: RegionPack): PlaceFinder {
  let finder = cache.get(region);
  if (!finder) {
    const matcher: Matcher<string> = createMatcher(
      region.names
        .filter((name) => !name.ambiguous && name.code !== region.root && name.text.length >= 2)
        .map((name) => ({ text: name.text, value: name.code })),
    );
    finder = {
      find(text) {
        const matches = matcher.findAll(text).sort((a, b) => a.start - b.start || b.end - a.end);
        const codes: string[] = [];
        let covered = 0;
        for (const match of matches) {
          // 鄂托克前旗 also contains 鄂托克: only the longest of overlapping names counts.
          if (match.start < covered) continue;
          covered = match.end;
          if (!codes.includes(match.value)) codes.push(match.value);
        }
        return codes;
      },
      related: (a, b) => a === b || region.contains(a, b) || region.contains(b, a),
    };
    cache.set(region, finder);
  }
  return finder;
}
