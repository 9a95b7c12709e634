import { parseCsv, type CsvRow } from '../_internal/csv.js';
import { makeIssue, quarantine } from '../collect/make-issue.js';
import { makeSignal } from '../collect/make-signal.js';
import type { CollectorIssue, ParsedItems, ParseOptions } from '../collect/collector.js';
import type { CollectorIssueCode } from '../collect/issue-codes.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RawItem } from '../model/raw-item.js';
import type { RegionPack } from '../model/region-pack.js';
import type { HotspotFacts, Signal, SourceKind } from '../model/signal.js';
import { isAbsent, readNumber } from './_internal/read-number.js';
import { locatorFor } from './_internal/region-locator.js';
import { formatInstant } from './_internal/format-instant.js';

/**
 * Units of Inner Mongolia where a satellite fire is most likely a forest fire rather than a
 * grassland fire: the county-level units of the Greater Khingan (大兴安岭) key state-owned forest
 * region whose land is mostly forest. Everywhere else in Inner Mongolia (and across the border in
 * Mongolia's steppe) fires default to grassland: steppe, meadow and desert steppe cover most of
 * the region, and the mixed farm-and-forest banners of the eastern foothills (扎兰屯, 阿荣旗,
 * 莫旗) burn mostly as field and grass fires. Pass `forestUnits` to use another table.
 *
 * @example
 * ```ts
 * NMG_FOREST_UNITS['150785']; // '根河市'
 * ```
 */
export const NMG_FOREST_UNITS: Readonly<Record<string, string>> = {
  '150723': '鄂伦春自治旗',
  '150782': '牙克石市',
  '150784': '额尔古纳市',
  '150785': '根河市',
  '152202': '阿尔山市',
};

/** Options of {@link parseFirmsCsv}. */
export interface ParseFirmsCsvOptions extends ParseOptions {
  /** The region detections are kept for; required (overrides nothing else). */
  readonly region: RegionPack;
  /** Detections outside the region but within this many kilometres of its border are kept as `nearBorder`; 30 by default. */
  readonly borderBufferKm?: number;
  /** Kind of source stamped on the signals; `'sensor'` by default. */
  readonly sourceKind?: SourceKind;
  /** Codes of units whose fires are forest fires; {@link NMG_FOREST_UNITS} by default. */
  readonly forestUnits?: readonly string[];
}

/** Detections left out on purpose, by reason; none of them is a problem. */
export interface HotspotSkips {
  /** Farther from the region than the border buffer. */
  readonly outsideRegion: number;
  /** Same satellite, time and position as an earlier row. */
  readonly duplicates: number;
  /** Rows whose `type` column (archive data) marks a volcano, a static industrial source or an offshore flare. */
  readonly notVegetation: number;
}

/** What {@link parseFirmsCsv} gave: signals, problems and the count of detections skipped on purpose. */
export interface ParsedHotspots extends ParsedItems {
  readonly skipped: HotspotSkips;
}

const DEFAULT_BUFFER_KM = 30;
const REQUIRED_COLUMNS = ['latitude', 'longitude', 'acq_date', 'acq_time'] as const;

// FIRMS satellite codes, as the NRT files write them, for the text.
const SATELLITE_NAMES: Readonly<Record<string, string>> = {
  T: 'Terra',
  Terra: 'Terra',
  A: 'Aqua',
  Aqua: 'Aqua',
  N: 'Suomi NPP',
  '1': 'NOAA-20',
  N20: 'NOAA-20',
  '2': 'NOAA-21',
  N21: 'NOAA-21',
};
const VIIRS_CONFIDENCE: Readonly<Record<string, string>> = {
  l: '低',
  low: '低',
  n: '标称',
  nominal: '标称',
  h: '高',
  high: '高',
};

/** Reads `acq_date` (YYYY-MM-DD) and `acq_time` (HHMM in UTC, leading zeros often dropped) into an instant. */
function acquisitionTime(date: string, time: string): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date.trim());
  const t = /^\d{1,4}$/u.exec(time.trim());
  if (!d || !t) return undefined;
  const hhmm = t[0].padStart(4, '0');
  const [year, month, day, hour, minute] = [+d[1]!, +d[2]!, +d[3]!, +hhmm.slice(0, 2), +hhmm.slice(2)];
  if (hour > 23 || minute > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(ms);
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? ms : undefined;
}

/** `2025年4月5日13时24分（北京时间）` from an ISO time with offset. */
function chineseTime(iso: IsoDateTime): string {
  const [, year, month, day, hour, minute, offset] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):\d\d(.*)$/u.exec(iso) ?? [];
  const zone = offset === '+08:00' ? '北京时间' : `UTC${offset === 'Z' ? '' : offset}`;
  return `${year}年${Number(month)}月${Number(day)}日${hour}时${minute}分（${zone}）`;
}

const coordinateText = (lon: number, lat: number): string =>
  `${lat < 0 ? '南纬' : '北纬'}${Math.abs(lat)}度，${lon < 0 ? '西经' : '东经'}${Math.abs(lon)}度`;

/**
 * Parses a NASA FIRMS active-fire CSV (MODIS: `brightness`, numeric confidence; VIIRS:
 * `bright_ti4`, confidence `l`/`n`/`h`) into one signal per detection inside the region, plus those
 * outside it but within `borderBufferKm` of its border, marked `facts.hotspot.nearBorder` (fires
 * coming across from Mongolia) and given the region codes of the unit they approach. Farther
 * detections are skipped and counted. `acq_date` + `acq_time` (HHMM, UTC) give `publishedAt`;
 * `facts.hintedType` is `'wildfire'`, and the title and text say forest or grassland fire after
 * the unit (see {@link NMG_FOREST_UNITS}). A bad row becomes an issue and the rest go on; a body
 * without the FIRMS columns (an error message such as `Invalid MAP_KEY.`) is one fatal issue.
 * Pure: no I/O.
 *
 * @example
 * ```ts
 * const { signals, skipped } = parseFirmsCsv(raw, { region: regionNmg });
 * signals[0]?.title; // '卫星监测热点：锡林郭勒盟东乌珠穆沁旗（疑似草原火）'
 * signals[0]?.facts?.regionCodes; // ['152525', '152500']
 * skipped.outsideRegion; // detections farther than 30 km from the border
 * ```
 */
export function parseFirmsCsv(raw: RawItem, options: ParseFirmsCsvOptions): ParsedHotspots {
  const at = options.collectedAt ?? raw.fetchedAt;
  const where = raw.provenance.url ?? raw.sourceId;
  const urlField = raw.provenance.url ? { url: raw.provenance.url } : {};
  const issues: CollectorIssue[] = [];
  const skipped = { outsideRegion: 0, duplicates: 0, notVegetation: 0 };
  const bufferKm = options.borderBufferKm ?? DEFAULT_BUFFER_KM;
  const forest = new Set(options.forestUnits ?? Object.keys(NMG_FOREST_UNITS));
  const region = options.region;
  // The row's text is rebuilt only for rows that have a problem (for quarantine).
  const issue = (code: CollectorIssueCode, row: CsvRow, reason: string, index: number): void => {
    issues.push(
      makeIssue(code, raw.sourceId, `${where}: line ${row.line}: ${reason}`, at, {
        ...urlField,
        itemIndex: index,
        fatal: false,
        quarantine: quarantine(row.values.join(','), { contentType: 'text/csv' }),
      }),
    );
  };

  const { header, rows, problems } = parseCsv(raw.payload);
  const columns = header.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    const head = raw.payload.trim().slice(0, 80);
    issues.push(
      makeIssue(
        'EMW_PARSE_FORMAT',
        raw.sourceId,
        `${where}: is not a FIRMS CSV (no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}); it begins ${JSON.stringify(head)}`,
        at,
        {
          ...urlField,
          fatal: true,
          quarantine: quarantine(raw.payload, {
            ...(raw.contentType ? { contentType: raw.contentType } : {}),
            ...(raw.encoding ? { encoding: raw.encoding } : {}),
          }),
        },
      ),
    );
    return { signals: [], issues, skipped };
  }
  for (const problem of problems) {
    issues.push(
      makeIssue('EMW_PARSE_CSV', raw.sourceId, `${where}: ${problem.reason}`, at, {
        ...urlField,
        itemIndex: problem.line - 2,
        fatal: false,
        quarantine: quarantine(problem.text, { contentType: 'text/csv' }),
      }),
    );
  }

  const column = (name: string): number => columns.indexOf(name);
  const col = {
    lat: column('latitude'),
    lon: column('longitude'),
    date: column('acq_date'),
    time: column('acq_time'),
    brightness: column('brightness') >= 0 ? column('brightness') : column('bright_ti4'),
    frp: column('frp'),
    confidence: column('confidence'),
    satellite: column('satellite'),
    instrument: column('instrument'),
    type: column('type'),
  };
  const locator = locatorFor(region);
  const [minLon, minLat, maxLon, maxLat] = locator.bbox;
  // Degrees that certainly exceed the buffer, for a prefilter before measuring: a degree of
  // longitude is shortest at the box's pole-most latitude.
  const bufferLat = bufferKm / 111;
  const bufferLon =
    bufferKm / (111 * Math.max(0.1, Math.cos((Math.max(Math.abs(minLat), Math.abs(maxLat)) * Math.PI) / 180)));
  const sourceKind = options.sourceKind ?? 'sensor';
  const seen = new Set<string>();
  const signals: Signal[] = [];

  rows.forEach((row, index) => {
    const value = (i: number): string => (i >= 0 ? (row.values[i] ?? '').trim() : '');
    const lat = readNumber(value(col.lat));
    const lon = readNumber(value(col.lon));
    if (lat === undefined || lon === undefined) {
      const [name, text] = lat === undefined ? ['latitude', value(col.lat)] : ['longitude', value(col.lon)];
      return issue(
        'EMW_PARSE_ITEM',
        row,
        isAbsent(text) ? `${name} is missing` : `${name} ${JSON.stringify(text)} is not a number`,
        index,
      );
    }
    if (lat < -90 || lat > 90) return issue('EMW_PARSE_ITEM', row, `latitude ${lat} is outside -90…90`, index);
    if (lon < -180 || lon > 180) return issue('EMW_PARSE_ITEM', row, `longitude ${lon} is outside -180…180`, index);
    // Archive files classify each detection: 0 vegetation fire, 1 volcano, 2 static land source
    // (steel works, gas flares, coal fires), 3 offshore. Only vegetation fires concern us.
    const type = value(col.type);
    if (type !== '' && type !== '0') return void skipped.notVegetation++;

    if (lon < minLon - bufferLon || lon > maxLon + bufferLon || lat < minLat - bufferLat || lat > maxLat + bufferLat)
      return void skipped.outsideRegion++;
    // Inside gives the point's own units at distance 0; outside, the unit whose border is nearest.
    const nearest = locator.nearestUnit(lon, lat);
    if (!nearest || nearest.distanceKm > bufferKm) return void skipped.outsideRegion++;
    const { codes: regionCodes, distanceKm } = nearest;
    const nearBorder = distanceKm > 0;

    const date = value(col.date);
    const time = value(col.time);
    const satellite = value(col.satellite);
    const instrument = value(col.instrument);
    const guid = `firms:${instrument || '?'}:${satellite || '?'}:${date}T${time}:${value(col.lat)},${value(col.lon)}`;
    if (seen.has(guid)) return void skipped.duplicates++;
    seen.add(guid);

    const acquired = acquisitionTime(date, time);
    const publishedAt = acquired === undefined ? null : formatInstant(acquired, options.timeZone);
    if (publishedAt === null)
      issue(
        'EMW_PARSE_DATE',
        row,
        `acq_date ${JSON.stringify(date)} acq_time ${JSON.stringify(time)} is not a time`,
        index,
      );
    const numeric = (name: string, i: number): number | undefined => {
      const text = value(i);
      const number = readNumber(text);
      if (number === undefined && text !== '')
        issue('EMW_PARSE_ITEM', row, `${name} ${JSON.stringify(text)} is not a number (left out)`, index);
      return number;
    };
    const brightnessK = numeric(columns[col.brightness] ?? 'brightness', col.brightness);
    const frpMw = numeric('frp', col.frp);
    const confidence = value(col.confidence);

    // Assignment rather than conditional spreads: a FIRMS file holds tens of thousands of rows.
    const hotspot: { -readonly [K in keyof HotspotFacts]: HotspotFacts[K] } = {};
    if (brightnessK !== undefined) hotspot.brightnessK = brightnessK;
    if (frpMw !== undefined) hotspot.frpMw = frpMw;
    if (confidence) hotspot.confidence = confidence;
    if (satellite) hotspot.satellite = satellite;
    if (nearBorder) hotspot.nearBorder = true;

    const isForest = forest.has(regionCodes[0]!);
    const land = isForest ? '森林' : '草原';
    const units = [...regionCodes]
      .reverse()
      .map((code) => region.byCode(code)?.name ?? code)
      .join('');
    const title = nearBorder
      ? `区外卫星监测热点：距${units}边界${Math.round(distanceKm)}公里（疑似${land}火）`
      : `卫星监测热点：${units}（疑似${land}火）`;
    const sensor = [SATELLITE_NAMES[satellite] ?? satellite, instrument].filter(Boolean).join(' ') || '卫星';
    const measures = [
      brightnessK === undefined ? undefined : `亮温${brightnessK}K`,
      frpMw === undefined ? undefined : `火辐射功率${frpMw}兆瓦`,
      confidence ? `置信度${VIIRS_CONFIDENCE[confidence.toLowerCase()] ?? `${confidence}%`}` : undefined,
    ].filter(Boolean);
    // Outside the region may be abroad (Mongolia, Russia) or a neighbouring province: the
    // boundaries cannot tell, so the wording says "outside the region", not "abroad".
    const place = nearBorder ? `${region.name}边界外、距${units}约${Math.round(distanceKm)}公里处` : units;
    const text =
      `${sensor}${publishedAt ? `于${chineseTime(publishedAt)}` : ''}在${place}（${coordinateText(lon, lat)}）` +
      `监测到热异常点${measures.length > 0 ? `，${measures.join('，')}` : ''}，疑似${land}火灾` +
      `${nearBorder ? `，有蔓延至${units}的风险` : ''}，待核实。`;

    signals.push(
      makeSignal(
        raw,
        sourceKind,
        {
          guid,
          title,
          text,
          publishedAt,
          geometry: { type: 'Point', coordinates: [lon, lat] },
          facts: { hintedType: 'wildfire', regionCodes, hotspot },
          language: 'zh-Hans',
        },
        options.collectedAt,
      ),
    );
  });
  return { signals, issues, skipped };
}
