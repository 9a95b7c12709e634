import type { RegionPack } from '../../model/region-pack.js';
import { createPointLocator, type PointLocator } from '../../region/locate-point.js';

// Decoding a pack's boundaries takes ~100 ms: do it once per pack, not once per parsed document.
// A WeakMap lets a pack that is no longer used be collected with its locator.
const locators = new WeakMap<RegionPack, PointLocator>();

/** The point locator of a region pack, built on first use and kept while the pack lives. */
export function locatorFor(region: RegionPack): PointLocator {
  let locator = locators.get(region);
  if (!locator) {
    locator = createPointLocator(region);
    locators.set(region, locator);
  }
  return locator;
}
