// An example of a new collector, written only against @emwatch/core's public API: river stations
// publish their water levels as CSV, and a reading at or above the station's warning level
// (超警戒水位) becomes a flood signal. Copy it as the start of your own adapter.
import {
  EmwatchError,
  fetchDocument,
  makeIssue,
  makeSignal,
  quarantine,
  parseDate,
  type Collector,
  type CollectorIssue,
  type ParsedItems,
  type RawItem,
  type Signal,
} from '@emwatch/core';

export interface StationCsvOptions {
  readonly id: string;
  /** CSV with the header `station,name,lat,lon,time,level_m,warning_m`. */
  readonly url: string;
  readonly allowPrivate?: boolean | readonly string[];
}

const HEADER = ['station', 'name', 'lat', 'lon', 'time', 'level_m', 'warning_m'];

/** Parses one CSV document; pure, so it is tested without the network. */
export function parseStationCsv(raw: RawItem): ParsedItems {
  const lines = raw.payload.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const issue = (reason: string, line: string, itemIndex?: number): CollectorIssue =>
    makeIssue('EMW_PARSE_CSV', raw.sourceId, reason, raw.fetchedAt, {
      ...(raw.provenance.url ? { url: raw.provenance.url } : {}),
      ...(itemIndex === undefined ? { fatal: true } : { itemIndex, fatal: false }),
      quarantine: quarantine(line),
    });
  if (lines[0]?.trim() !== HEADER.join(',')) {
    return { signals: [], issues: [issue(`header is not ${HEADER.join(',')}`, raw.payload)] };
  }
  const signals: Signal[] = [];
  const issues: CollectorIssue[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    // This station network never quotes fields; a real CSV source would use a full CSV reader.
    const [station, name, lat, lon, time, level, warning] = line.split(',');
    const numbers = [lat, lon, level, warning].map(Number);
    const publishedAt = time ? parseDate(time) : null;
    if (!station || !name || numbers.some((n) => !Number.isFinite(n)) || publishedAt === null) {
      issues.push(issue(`row ${index + 1}: needs a station, a name, numeric lat/lon/levels and a time`, line, index));
      return;
    }
    const [latitude, longitude, levelM, warningM] = numbers as [number, number, number, number];
    if (levelM < warningM) return;
    signals.push(
      makeSignal(raw, 'sensor', {
        guid: `${station}@${publishedAt}`,
        title: `${name}水位${levelM.toFixed(2)}米，超警戒${(levelM - warningM).toFixed(2)}米`,
        text: `${name}水文站${time}实测水位${levelM.toFixed(2)}米，警戒水位${warningM.toFixed(2)}米。`,
        publishedAt,
        geometry: { type: 'Point', coordinates: [longitude, latitude] },
        facts: { hintedType: 'flood' },
      }),
    );
  });
  return { signals, issues };
}

/** A collector for station water levels: validate once, fetch politely, parse purely. */
export function stationCsv(options: StationCsvOptions): Collector {
  if (!/^https?:\/\//u.test(options.url)) {
    throw new EmwatchError(
      'EMW_COLLECTOR_OPTIONS',
      `[emwatch] [station-csv] [${options.id}] option url must be http(s), got ${JSON.stringify(options.url)}`,
    );
  }
  const { id, url } = options;
  return {
    id,
    // Not one of emwatch's own kinds; a polled JSON-ish source is closest for health pages.
    kind: 'json-api',
    sourceKind: 'sensor',
    url,
    parse: parseStationCsv,
    async *collect(ctx) {
      const cursor = await ctx.cursor.get();
      const fetched = await fetchDocument(ctx, {
        sourceId: id,
        url,
        accept: 'text/csv, */*;q=0.1',
        ...(cursor ? { cursor } : {}),
        ...(options.allowPrivate === undefined ? {} : { allowPrivate: options.allowPrivate }),
      });
      if (fetched.kind === 'unchanged') return;
      if (fetched.kind === 'issue') return yield fetched.issue;
      yield* fetched.warnings;
      yield fetched.raw;
      // Written after the consumer took the item: a crash in between re-fetches instead of skipping.
      await ctx.cursor.set(fetched.cursor);
    },
  };
}
