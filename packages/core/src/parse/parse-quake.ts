import { makeIssue, quarantine } from '../collect/make-issue.js';
import { makeSignal } from '../collect/make-signal.js';
import type { CollectorIssue, ParsedItems, ParseOptions } from '../collect/collector.js';
import type { CollectorIssueCode } from '../collect/issue-codes.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RawItem } from '../model/raw-item.js';
import type { QuakeFacts, Signal, SignalFacts, SourceKind } from '../model/signal.js';
import { describeValue, isAbsent, readNumber } from './_internal/read-number.js';
import { locatorFor } from './_internal/region-locator.js';
import { unwrapJsonp } from './_internal/unwrap-jsonp.js';
import { formatInstant } from './_internal/format-instant.js';
import { parseDate } from './parse-date.js';

/**
 * The quake feed formats emwatch reads: USGS GeoJSON (summary feeds and FDSN `format=geojson`)
 * and the China Earthquake Networks Center (中国地震台网中心, CENC) JSON lists.
 *
 * @example
 * ```ts
 * QUAKE_FORMATS.includes('cenc-json'); // true
 * ```
 */
export const QUAKE_FORMATS = ['usgs-geojson', 'cenc-json'] as const;

/** A quake feed format: `'usgs-geojson'` or `'cenc-json'`. */
export type QuakeFormat = (typeof QUAKE_FORMATS)[number];

/** Options of {@link parseQuake}. */
export interface ParseQuakeOptions extends ParseOptions {
  readonly format: QuakeFormat;
  /** Kind of source stamped on the signals; `'sensor'` by default. */
  readonly sourceKind?: SourceKind;
  /** Reports below this magnitude are skipped (counted in `skipped.belowMinimum`, not an issue). */
  readonly minMagnitude?: number;
}

/** Reports left out on purpose, by reason; none of them is a problem. */
export interface QuakeSkips {
  /** Magnitude below `minMagnitude`. */
  readonly belowMinimum: number;
  /** Same catalogue id as an earlier report in the same document. */
  readonly duplicates: number;
  /** USGS events whose status is `deleted` (retracted by the network). */
  readonly deleted: number;
}

/** What {@link parseQuake} gave: signals, problems and the count of reports skipped on purpose. */
export interface ParsedQuakes extends ParsedItems {
  readonly skipped: QuakeSkips;
}

// CENC writes origin times in Beijing time without an offset, whatever zone the caller reads
// other sources in, so its zone is fixed rather than taken from the options.
const CENC_TIME_ZONE = 'Asia/Shanghai';
const CENC_OUTLET = '中国地震台网中心';
// NEW_DID / CATA_ID such as `CC20250413061230`: the id CENC's own event pages are named after.
const CENC_EVENT_ID = /^[A-Z]{2}\d{14}$/u;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
};

const httpUrl = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || !/^https?:\/\//iu.test(value)) return undefined;
  try {
    return new URL(value).href;
  } catch {
    return undefined;
  }
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One report read from either format, before it becomes a signal (absent fields are undefined). */
interface QuakeReport {
  readonly guid: string | undefined;
  readonly magnitude: number;
  readonly magnitudeType: string | undefined;
  readonly depthKm: number | undefined;
  readonly lon: number;
  readonly lat: number;
  readonly publishedAt: IsoDateTime | null;
  readonly title: string;
  readonly text: string;
  readonly url: string | undefined;
  readonly outlet?: string;
  readonly language: Signal['language'];
  readonly earthquake: boolean;
  readonly deleted?: boolean;
}

/** Collects per-item problems with the context every issue needs. */
class Problems {
  readonly issues: CollectorIssue[] = [];
  constructor(
    private readonly raw: RawItem,
    private readonly at: IsoDateTime,
  ) {}

  get where(): string {
    return this.raw.provenance.url ?? this.raw.id;
  }

  add(code: CollectorIssueCode, itemIndex: number, label: string, reason: string, record: unknown): void {
    let json: string;
    try {
      json = JSON.stringify(record) ?? String(record);
    } catch {
      json = String(record);
    }
    this.issues.push(
      makeIssue(code, this.raw.sourceId, `${this.where}: ${label}: ${reason}`, this.at, {
        ...(this.raw.provenance.url ? { url: this.raw.provenance.url } : {}),
        itemIndex,
        fatal: false,
        quarantine: quarantine(json, { contentType: 'application/json' }),
      }),
    );
  }

  fatal(code: CollectorIssueCode, reason: string): void {
    this.issues.push(
      makeIssue(code, this.raw.sourceId, `${this.where}: ${reason}`, this.at, {
        ...(this.raw.provenance.url ? { url: this.raw.provenance.url } : {}),
        fatal: true,
        quarantine: quarantine(this.raw.payload, {
          ...(this.raw.contentType ? { contentType: this.raw.contentType } : {}),
          ...(this.raw.encoding ? { encoding: this.raw.encoding } : {}),
        }),
      }),
    );
  }
}

/** Reads the epicentre; adds an issue and returns undefined when it is missing or out of range. */
function readEpicentre(
  lonValue: unknown,
  latValue: unknown,
  names: readonly [string, string],
  report: (reason: string) => void,
): { lon: number; lat: number } | undefined {
  const lon = readNumber(lonValue);
  if (lon === undefined)
    return void report(
      isAbsent(lonValue) ? `${names[0]} is missing` : `${names[0]} ${describeValue(lonValue)} is not a number`,
    );
  const lat = readNumber(latValue);
  if (lat === undefined)
    return void report(
      isAbsent(latValue) ? `${names[1]} is missing` : `${names[1]} ${describeValue(latValue)} is not a number`,
    );
  if (lon < -180 || lon > 180) return void report(`${names[0]} ${lon} is outside -180…180`);
  if (lat < -90 || lat > 90) return void report(`${names[1]} ${lat} is outside -90…90`);
  return { lon, lat };
}

const formatMagnitude = (magnitude: number): string => magnitude.toFixed(1);

function readUsgsFeature(
  feature: unknown,
  index: number,
  problems: Problems,
  options: ParseQuakeOptions,
): QuakeReport | undefined {
  if (!isRecord(feature) || !isRecord(feature.properties)) {
    problems.add('EMW_PARSE_ITEM', index, `feature ${index}`, 'is not a GeoJSON Feature with properties', feature);
    return undefined;
  }
  const p = feature.properties;
  const id =
    text(feature.id) ??
    text(p.ids)?.split(',').find(Boolean) ??
    (text(p.net) && text(p.code) ? `${text(p.net)}${text(p.code)}` : undefined);
  const label = `feature ${index}${id ? ` (${id})` : ''}`;
  const fail = (reason: string): undefined => void problems.add('EMW_PARSE_ITEM', index, label, reason, feature);
  const magnitude = readNumber(p.mag);
  if (magnitude === undefined)
    return fail(isAbsent(p.mag) ? 'has no magnitude (mag)' : `mag ${describeValue(p.mag)} is not a number`);
  const geometry = feature.geometry;
  const coordinates = isRecord(geometry) && geometry.type === 'Point' ? geometry.coordinates : undefined;
  if (!Array.isArray(coordinates) || coordinates.length < 2)
    return fail(`geometry ${describeValue(geometry)} is not a Point with [longitude, latitude, depth]`);
  const epicentre = readEpicentre(coordinates[0], coordinates[1], ['longitude', 'latitude'], fail);
  if (!epicentre) return undefined;
  const depthKm = readNumber(coordinates[2]);
  const timeValue = readNumber(p.time);
  const publishedAt = timeValue === undefined ? null : formatInstant(timeValue, options.timeZone);
  if (publishedAt === null)
    problems.add(
      'EMW_PARSE_DATE',
      index,
      label,
      `time ${describeValue(p.time)} is not a time in milliseconds`,
      feature,
    );
  const place = text(p.place);
  const title = text(p.title) ?? `M ${magnitude} - ${place ?? `${epicentre.lat}, ${epicentre.lon}`}`;
  const magType = text(p.magType);
  const details = [
    `magnitude ${magnitude}${magType ? ` ${magType}` : ''}`,
    depthKm === undefined ? undefined : `depth ${depthKm} km`,
    publishedAt ? `origin time ${new Date(publishedAt).toISOString().replace('.000Z', 'Z')}` : undefined,
    text(p.status) ? `status ${text(p.status)}` : undefined,
  ].filter(Boolean);
  const type = text(p.type);
  return {
    guid: id,
    magnitude,
    magnitudeType: magType,
    depthKm,
    lon: epicentre.lon,
    lat: epicentre.lat,
    publishedAt,
    title,
    text: `${title}: ${details.join(', ')}.`,
    url: httpUrl(p.url),
    language: 'en',
    // Quarry blasts, explosions and ice quakes are in the same feeds; they are not earthquakes.
    earthquake: type === undefined || type === 'earthquake',
    deleted: text(p.status) === 'deleted',
  };
}

function cencTimeText(publishedAt: IsoDateTime): string {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/u.exec(publishedAt) ?? [];
  return `${year}年${Number(month)}月${Number(day)}日${hour}时${minute}分`;
}

function readCencRecord(record: unknown, index: number, problems: Problems): QuakeReport | undefined {
  if (!isRecord(record)) {
    problems.add('EMW_PARSE_ITEM', index, `record ${index}`, `${describeValue(record)} is not an object`, record);
    return undefined;
  }
  const id = text(record.CATA_ID) ?? text(record.NEW_DID) ?? text(record.id);
  const label = `record ${index}${id ? ` (${id})` : ''}`;
  const fail = (reason: string): undefined => void problems.add('EMW_PARSE_ITEM', index, label, reason, record);
  const magnitude = readNumber(record.M);
  if (magnitude === undefined)
    return fail(isAbsent(record.M) ? 'has no magnitude (M)' : `M ${describeValue(record.M)} is not a number`);
  const epicentre = readEpicentre(record.EPI_LON, record.EPI_LAT, ['EPI_LON', 'EPI_LAT'], fail);
  if (!epicentre) return undefined;
  const depthKm = readNumber(record.EPI_DEPTH);
  if (depthKm === undefined && !isAbsent(record.EPI_DEPTH))
    return fail(`EPI_DEPTH ${describeValue(record.EPI_DEPTH)} is not a number`);
  const timeText = text(record.O_TIME);
  const publishedAt = timeText === undefined ? null : parseDate(timeText, { timeZone: CENC_TIME_ZONE });
  if (publishedAt === null)
    problems.add(
      'EMW_PARSE_DATE',
      index,
      label,
      timeText === undefined ? 'has no origin time (O_TIME)' : `O_TIME ${describeValue(record.O_TIME)} is not a date`,
      record,
    );
  const { lon, lat } = epicentre;
  const place = text(record.LOCATION_C);
  const coordinates = `${lat < 0 ? '南纬' : '北纬'}${Math.abs(lat)}度，${lon < 0 ? '西经' : '东经'}${Math.abs(lon)}度`;
  const title = `${place ?? coordinates}发生${formatMagnitude(magnitude)}级地震`;
  // CENC's wording: 中国地震台网正式测定：…在…（北纬…，东经…）发生…级地震，震源深度…千米。
  // AUTO_FLAG 'A' marks an automatic solution, reported as such; other values are left unqualified.
  const measured = text(record.AUTO_FLAG) === 'A' ? '中国地震台网自动测定' : '中国地震台网测定';
  const body =
    `${measured}：${publishedAt ? cencTimeText(publishedAt) : ''}在${place ?? ''}（${coordinates}）` +
    `发生${formatMagnitude(magnitude)}级地震${depthKm === undefined ? '' : `，震源深度${depthKm}千米`}。`;
  const pageId = [text(record.NEW_DID), text(record.CATA_ID)].find((v) => v !== undefined && CENC_EVENT_ID.test(v));
  return {
    guid: id,
    magnitude,
    magnitudeType: 'M',
    depthKm,
    lon,
    lat,
    publishedAt,
    title,
    text: body,
    url: pageId ? `https://news.ceic.ac.cn/${pageId}.html` : undefined,
    outlet: CENC_OUTLET,
    language: 'zh-Hans',
    earthquake: true,
  };
}

/** The list of records in a CENC body: a bare array, or the array under `shuju` (or any one array of records with O_TIME). */
function cencList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value.shuju)) return value.shuju;
  const arrays = Object.values(value).filter(Array.isArray);
  return (
    arrays.find((list) => isRecord(list[0]) && 'O_TIME' in list[0]) ??
    (arrays.length === 1 && arrays[0]!.length === 0 ? arrays[0] : undefined)
  );
}

/**
 * Parses a quake feed document into one signal per report: USGS GeoJSON (a FeatureCollection or
 * a single Feature; JSONP `eqfeed_callback(…)` too) or CENC JSON (a bare list or `{"num", "shuju"}`,
 * JSONP unwrapped by its text shape, never evaluated; numbers may be strings). Each signal carries
 * the epicentre as its geometry, the catalogue id as its GUID, `facts.quake` and
 * `facts.hintedType: 'earthquake'`, and `facts.regionCodes` when `options.region` contains the
 * epicentre. USGS keeps its English title; CENC reports get a Chinese one
 * (`内蒙古包头市土默特右旗发生3.1级地震`) and CENC's own wording as text. A bad report becomes
 * an issue and the others go on; a body that is not JSON or not the format is one fatal issue.
 * Pure: no I/O.
 *
 * @example
 * ```ts
 * const { signals, issues, skipped } = parseQuake(raw, { format: 'cenc-json', region: regionNmg, minMagnitude: 3 });
 * signals[0]?.title; // '内蒙古包头市土默特右旗发生3.1级地震'
 * signals[0]?.facts?.regionCodes; // ['150221', '150200']
 * ```
 */
export function parseQuake(raw: RawItem, options: ParseQuakeOptions): ParsedQuakes {
  const at = options.collectedAt ?? raw.fetchedAt;
  const problems = new Problems(raw, at);
  const skipped = { belowMinimum: 0, duplicates: 0, deleted: 0 };
  const done = (signals: Signal[] = []): ParsedQuakes => ({ signals, issues: problems.issues, skipped });
  let value: unknown;
  try {
    value = JSON.parse(unwrapJsonp(raw.payload));
  } catch (error) {
    problems.fatal('EMW_PARSE_JSON', `is not JSON (${error instanceof Error ? error.message : String(error)})`);
    return done();
  }
  let records: readonly unknown[];
  if (options.format === 'usgs-geojson') {
    if (isRecord(value) && value.type === 'FeatureCollection' && Array.isArray(value.features))
      records = value.features;
    else if (isRecord(value) && value.type === 'Feature') records = [value];
    else {
      problems.fatal('EMW_PARSE_FORMAT', 'is not a USGS GeoJSON FeatureCollection or Feature');
      return done();
    }
  } else {
    const list = cencList(value);
    if (!list) {
      problems.fatal('EMW_PARSE_FORMAT', 'is not a CENC list (an array of records, or {"shuju": [...]})');
      return done();
    }
    records = list;
  }

  const locator = options.region ? locatorFor(options.region) : undefined;
  const sourceKind = options.sourceKind ?? 'sensor';
  const seen = new Set<string>();
  const signals: Signal[] = [];
  records.forEach((record, index) => {
    const report =
      options.format === 'usgs-geojson'
        ? readUsgsFeature(record, index, problems, options)
        : readCencRecord(record, index, problems);
    if (!report) return;
    if (report.deleted) return void skipped.deleted++;
    if (options.minMagnitude !== undefined && report.magnitude < options.minMagnitude)
      return void skipped.belowMinimum++;
    if (report.guid !== undefined) {
      if (seen.has(report.guid)) return void skipped.duplicates++;
      seen.add(report.guid);
    }
    // Built by assignment rather than conditional spreads: tens of thousands of reports per
    // document, and spreads cost several times more (measured).
    const quake: Mutable<QuakeFacts> = { magnitude: report.magnitude };
    if (report.magnitudeType) quake.magnitudeType = report.magnitudeType;
    if (report.depthKm !== undefined) quake.depthKm = report.depthKm;
    if (report.guid) quake.catalogId = report.guid;
    const regionCodes = locator?.locate(report.lon, report.lat) ?? [];
    const facts: Mutable<SignalFacts> = {};
    if (report.earthquake) facts.hintedType = 'earthquake';
    if (regionCodes.length > 0) facts.regionCodes = regionCodes;
    facts.quake = quake;
    signals.push(
      makeSignal(
        raw,
        sourceKind,
        {
          guid: report.guid,
          url: report.url,
          title: report.title,
          text: report.text,
          publishedAt: report.publishedAt,
          outlet: report.outlet,
          geometry: { type: 'Point', coordinates: [report.lon, report.lat] },
          facts,
          language: report.language,
        },
        options.collectedAt,
      ),
    );
  });
  return done(signals);
}
