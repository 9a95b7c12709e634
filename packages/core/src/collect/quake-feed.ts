import type { SourceKind } from '../model/signal.js';
import { parseQuake, QUAKE_FORMATS, type QuakeFormat } from '../parse/parse-quake.js';
import { checkPollingOptions, optionsError } from './_internal/check-polling-options.js';
import { createPollingCollector } from './_internal/polling-collector.js';
import type { Collector } from './collector.js';

/** Options of {@link quakeFeed}. */
export interface QuakeFeedOptions {
  /** Id of the source, e.g. `'usgs-4.5-day'`. */
  readonly id: string;
  /** Address of the feed (absolute http(s)). */
  readonly url: string;
  /** `'usgs-geojson'` (USGS summary feeds, FDSN `format=geojson`) or `'cenc-json'` (中国地震台网中心). */
  readonly format: QuakeFormat;
  /** Kind of source stamped on the signals; `'sensor'` by default. */
  readonly sourceKind?: SourceKind;
  /** Reports below this magnitude are skipped (counted, not reported as problems). */
  readonly minMagnitude?: number;
  /** Let this source reach loopback or private addresses: `true`, or the host names allowed. */
  readonly allowPrivate?: boolean | readonly string[];
}

const ACCEPT: Readonly<Record<QuakeFormat, string>> = {
  'usgs-geojson': 'application/geo+json, application/json;q=0.9, */*;q=0.1',
  // CENC answers JSONP as text/javascript or text/html as often as JSON.
  'cenc-json': 'application/json, text/javascript;q=0.9, */*;q=0.1',
};

/**
 * A collector for an earthquake catalogue feed: polls the address politely (conditional GET, the
 * fetch limits, the SSRF guard) and parses each changed document with {@link parseQuake} into one
 * signal per quake, with the epicentre, magnitude, depth, catalogue id, `hintedType: 'earthquake'`
 * and, when parsed with a region pack, the county and league of the epicentre. Throws
 * `EMW_COLLECTOR_OPTIONS` for a bad option.
 *
 * @example
 * ```ts
 * const usgs = quakeFeed({
 *   id: 'usgs-2.5-day',
 *   url: 'https://earthquake.usgs.gov/earthquakes/feed/v1.0/summary/2.5_day.geojson',
 *   format: 'usgs-geojson',
 * });
 * const cenc = quakeFeed({ id: 'cenc', url: 'https://www.ceic.ac.cn/ajax/speedsearch?num=1', format: 'cenc-json', minMagnitude: 3 });
 * for await (const out of cenc.collect(ctx)) if (!isCollectorIssue(out)) cenc.parse(out, { region: regionNmg });
 * ```
 */
export function quakeFeed(options: QuakeFeedOptions): Collector {
  checkPollingOptions('quake-feed', options);
  const { id, url, format, minMagnitude, allowPrivate } = options;
  if (!(QUAKE_FORMATS as readonly unknown[]).includes(format))
    throw optionsError(
      'quake-feed',
      id,
      'format',
      `must be one of ${QUAKE_FORMATS.join(', ')}, got ${JSON.stringify(format)}`,
    );
  if (
    minMagnitude !== undefined &&
    (typeof minMagnitude !== 'number' || !Number.isFinite(minMagnitude) || minMagnitude > 10)
  )
    throw optionsError('quake-feed', id, 'minMagnitude', `must be a number up to 10, got ${String(minMagnitude)}`);
  const sourceKind = options.sourceKind ?? 'sensor';
  return createPollingCollector({
    id,
    kind: 'quake-feed',
    sourceKind,
    url,
    accept: ACCEPT[format],
    ...(allowPrivate === undefined ? {} : { allowPrivate }),
    parse: (raw, parseOptions) =>
      parseQuake(raw, {
        ...parseOptions,
        format,
        sourceKind,
        ...(minMagnitude === undefined ? {} : { minMagnitude }),
      }),
  });
}
