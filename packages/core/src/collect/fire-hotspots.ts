import type { RegionPack } from '../model/region-pack.js';
import type { SourceKind } from '../model/signal.js';
import { parseFirmsCsv } from '../parse/parse-firms-csv.js';
import { checkPollingOptions, optionsError } from './_internal/check-polling-options.js';
import { createPollingCollector } from './_internal/polling-collector.js';
import type { Collector } from './collector.js';

/** Options of {@link fireHotspots}. */
export interface FireHotspotsOptions {
  /** Id of the source, e.g. `'firms-viirs-snpp'`. */
  readonly id: string;
  /**
   * Address of a FIRMS CSV, typically the area API over the region's box:
   * `https://firms.modaps.eosdis.nasa.gov/api/area/csv/<MAP_KEY>/VIIRS_SNPP_NRT/97,37,126.1,53.4/1`.
   */
  readonly url: string;
  /** The region detections are kept for (its boundaries decide). */
  readonly region: RegionPack;
  /** Detections outside the region within this many kilometres of its border are kept, marked `nearBorder`; 30 by default. */
  readonly borderBufferKm?: number;
  /** Kind of source stamped on the signals; `'sensor'` by default. */
  readonly sourceKind?: SourceKind;
  /** Codes of units whose fires are forest fires; `NMG_FOREST_UNITS` (the Greater Khingan forest units) by default. */
  readonly forestUnits?: readonly string[];
  /** Let this source reach loopback or private addresses: `true`, or the host names allowed. */
  readonly allowPrivate?: boolean | readonly string[];
}

const ACCEPT = 'text/csv, text/plain;q=0.9, */*;q=0.1';
const MAX_BUFFER_KM = 500;

/**
 * A collector for satellite active-fire detections (the NASA FIRMS CSV of MODIS or VIIRS): polls
 * the address politely and parses each changed file with `parseFirmsCsv`, keeping the detections
 * inside the region's boundaries and those within `borderBufferKm` of its border (fires coming
 * across from Mongolia, marked `nearBorder`), each a `wildfire` signal with its county and league.
 * The region always comes from these options, so the filter does not change with parse options.
 * Throws `EMW_COLLECTOR_OPTIONS` for a bad option.
 *
 * @example
 * ```ts
 * import regionNmg from '@emwatch/region-nmg';
 * const fires = fireHotspots({
 *   id: 'firms-viirs',
 *   url: `https://firms.modaps.eosdis.nasa.gov/api/area/csv/${MAP_KEY}/VIIRS_SNPP_NRT/97,37,126.1,53.4/1`,
 *   region: regionNmg,
 * });
 * ```
 */
export function fireHotspots(options: FireHotspotsOptions): Collector {
  checkPollingOptions('fire-hotspots', options);
  const { id, url, region, borderBufferKm, forestUnits, allowPrivate } = options;
  if (typeof region !== 'object' || region === null || typeof region.boundaries !== 'function')
    throw optionsError('fire-hotspots', id, 'region', 'must be a region pack (see createRegionPack)');
  // Fails now, not at the first poll, when the pack has no boundaries to filter with.
  const levels = (['county', 'league'] as const).filter((level) => {
    try {
      return region.boundaries(level).objects[level] !== undefined;
    } catch {
      return false;
    }
  });
  if (levels.length === 0)
    throw optionsError('fire-hotspots', id, 'region', `(${region.id}) has no county or league boundaries`);
  if (
    borderBufferKm !== undefined &&
    (typeof borderBufferKm !== 'number' || !(borderBufferKm >= 0) || borderBufferKm > MAX_BUFFER_KM)
  )
    throw optionsError(
      'fire-hotspots',
      id,
      'borderBufferKm',
      `must be a number from 0 to ${MAX_BUFFER_KM}, got ${String(borderBufferKm)}`,
    );
  if (forestUnits !== undefined && !(Array.isArray(forestUnits) && forestUnits.every((c) => typeof c === 'string')))
    throw optionsError('fire-hotspots', id, 'forestUnits', 'must be a list of unit codes');
  const sourceKind = options.sourceKind ?? 'sensor';
  return createPollingCollector({
    id,
    kind: 'fire-hotspots',
    sourceKind,
    url,
    accept: ACCEPT,
    ...(allowPrivate === undefined ? {} : { allowPrivate }),
    parse: (raw, parseOptions) =>
      parseFirmsCsv(raw, {
        ...parseOptions,
        region,
        sourceKind,
        ...(borderBufferKm === undefined ? {} : { borderBufferKm }),
        ...(forestUnits === undefined ? {} : { forestUnits }),
      }),
  });
}
