import { makeIssue, quarantine } from '../collect/make-issue.js';
import { makeSignal } from '../collect/make-signal.js';
import type { CollectorIssue, ParsedItems, ParseOptions } from '../collect/collector.js';
import type { CollectorIssueCode } from '../collect/issue-codes.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal, SourceKind } from '../model/signal.js';
import { describeValue, isAbsent, readNumber } from './_internal/read-number.js';
import { locatorFor } from './_internal/region-locator.js';
import { unwrapJsonp } from './_internal/unwrap-jsonp.js';
import { htmlToText } from './html-to-text.js';
import { getPath, parseJsonPath, type JsonPathSegment } from './json-path.js';
import { parseDate } from './parse-date.js';

/** Where each signal field is found inside one item, as a path (see `getPath`). */
export interface JsonApiFields {
  /** The item's own id (string or number), its GUID. */
  readonly id?: string;
  readonly title?: string;
  /** Body text; HTML is turned into plain text. */
  readonly text?: string;
  /** Publication time: any form `parseDate` reads, or Unix seconds/milliseconds. */
  readonly time?: string;
  /** Link to the item; relative links are resolved against the API's address. */
  readonly url?: string;
  /** Latitude in WGS-84 degrees (number or numeric string); needs `lon`. */
  readonly lat?: string;
  /** Longitude in WGS-84 degrees (number or numeric string); needs `lat`. */
  readonly lon?: string;
}

/**
 * The field names {@link JsonApiFields} knows.
 *
 * @example
 * ```ts
 * JSON_API_FIELDS.includes('title'); // true
 * ```
 */
export const JSON_API_FIELDS = ['id', 'title', 'text', 'time', 'url', 'lat', 'lon'] as const;

/** Options of {@link parseJsonApi}. */
export interface ParseJsonApiOptions extends ParseOptions {
  /** Path to the array of items in the body, e.g. `'data.list'`; `''` when the body is the array. */
  readonly itemsPath: string;
  /** Paths of the fields inside each item. */
  readonly fields: JsonApiFields;
  /** Kind of source stamped on the signals; `'media'` by default. */
  readonly sourceKind?: SourceKind;
}

/** Items left out on purpose; not problems. */
export interface JsonApiSkips {
  /** Items with the same id (or link, or content) as an earlier item in the same body. */
  readonly duplicates: number;
}

/** What {@link parseJsonApi} gives: signals, problems and the items skipped on purpose. */
export interface ParsedJsonApi extends ParsedItems {
  readonly skipped: JsonApiSkips;
}

type FieldName = (typeof JSON_API_FIELDS)[number];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string as written, or a number as a string; `undefined` for anything else. */
const scalarText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/**
 * Maps a JSON (or JSONP) body onto signals by simple paths: `itemsPath` finds the array of items,
 * `fields` says where each item keeps its id, title, text (HTML becomes plain text), time, link
 * (relative links resolve against the body's address) and coordinates. Nothing in the paths or
 * the body is evaluated. An item of the wrong shape, a field of the wrong type, an unreadable time
 * or out-of-range coordinates become per-item issues (the item is kept without that field when it
 * still has a title or text) and the other items go on; an item with neither title nor text is
 * dropped with an issue. A configured `time` that an item lacks is reported, because later stages
 * order by time; other missing fields are simply absent. A body that is not JSON, or whose
 * `itemsPath` is not an array, is one fatal issue. Throws `EMW_JSON_PATH_INVALID` for a malformed
 * path (check paths once with `parseJsonPath`, as `jsonApi` does). Pure: no I/O.
 *
 * @example
 * ```ts
 * const { signals } = parseJsonApi(raw, { itemsPath: 'data.list', fields: { title: 'title', time: 'pubTime' } });
 * signals[0]?.title; // '锡林浩特市发生草原火灾'
 * ```
 */
export function parseJsonApi(raw: RawItem, options: ParseJsonApiOptions): ParsedJsonApi {
  const paths: Partial<Record<FieldName, readonly JsonPathSegment[]>> = {};
  for (const name of JSON_API_FIELDS) {
    const path = options.fields[name];
    if (path !== undefined) paths[name] = parseJsonPath(path);
  }
  const spec = {
    itemsPath: parseJsonPath(options.itemsPath),
    itemsPathText: options.itemsPath,
    paths,
    fields: options.fields,
    sourceKind: options.sourceKind ?? 'media',
  };
  const at = options.collectedAt ?? raw.fetchedAt;
  const where = raw.provenance.url ?? raw.sourceId;
  const urlField = raw.provenance.url ? { url: raw.provenance.url } : {};
  const issues: CollectorIssue[] = [];
  const skipped = { duplicates: 0 };
  const fatal = (code: CollectorIssueCode, reason: string): ParsedJsonApi => {
    issues.push(
      makeIssue(code, raw.sourceId, `${where}: ${reason}`, at, {
        ...urlField,
        fatal: true,
        quarantine: quarantine(raw.payload, {
          ...(raw.contentType ? { contentType: raw.contentType } : {}),
          ...(raw.encoding ? { encoding: raw.encoding } : {}),
        }),
      }),
    );
    return { signals: [], issues, skipped };
  };
  let body: unknown;
  try {
    body = JSON.parse(unwrapJsonp(raw.payload));
  } catch (error) {
    return fatal('EMW_PARSE_JSON', `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const items = getPath(body, spec.itemsPath);
  if (!Array.isArray(items)) {
    const found = items === undefined ? 'nothing' : describeValue(items);
    return fatal(
      'EMW_PARSE_FORMAT',
      `itemsPath ${JSON.stringify(spec.itemsPathText)} finds ${found}, not an array of items`,
    );
  }

  const timeZone = options.timeZone;
  const locator = options.region ? locatorFor(options.region) : undefined;
  const seen = new Set<string>();
  const signals: Signal[] = [];
  items.forEach((item, index) => {
    const itemIssue = (code: CollectorIssueCode, reason: string): void => {
      let json: string;
      try {
        json = JSON.stringify(item) ?? String(item);
      } catch {
        json = String(item);
      }
      issues.push(
        makeIssue(code, raw.sourceId, `${where}: item ${index}: ${reason}`, at, {
          ...urlField,
          itemIndex: index,
          fatal: false,
          quarantine: quarantine(json, { contentType: 'application/json' }),
        }),
      );
    };
    if (!isRecord(item)) return itemIssue('EMW_PARSE_ITEM', `${describeValue(item)} is not an object`);
    const read = (name: FieldName): unknown => (spec.paths[name] ? getPath(item, spec.paths[name]) : undefined);
    const wrongType = (name: FieldName, value: unknown, expected: string): void =>
      itemIssue(
        'EMW_PARSE_ITEM',
        `${name} at ${JSON.stringify(spec.fields[name])} is ${describeValue(value)}, not ${expected} (left out)`,
      );
    const textField = (name: 'id' | 'title' | 'text' | 'url'): string | undefined => {
      const value = read(name);
      if (isAbsent(value)) return undefined;
      const text = scalarText(value);
      if (text === undefined) wrongType(name, value, 'a string or number');
      return text;
    };

    const guid = textField('id')?.trim() || undefined;
    const titleHtml = textField('title');
    const bodyHtml = textField('text');
    const title = titleHtml === undefined ? undefined : htmlToText(titleHtml).replace(/\s+/gu, ' ').trim() || undefined;
    const text = bodyHtml === undefined ? '' : htmlToText(bodyHtml);
    if (!title && text.trim() === '') {
      const names = [
        spec.paths.title ? `title at ${JSON.stringify(spec.fields.title)}` : '',
        spec.paths.text ? `text at ${JSON.stringify(spec.fields.text)}` : '',
      ]
        .filter(Boolean)
        .join(' or ');
      return itemIssue('EMW_PARSE_ITEM', `has no ${names}`);
    }

    let url: string | undefined;
    const link = textField('url')?.trim();
    if (link) {
      try {
        const resolved = new URL(link, raw.provenance.url);
        if (resolved.protocol === 'http:' || resolved.protocol === 'https:') url = resolved.href;
      } catch {
        // Reported below like any other unusable link.
      }
      if (!url) itemIssue('EMW_PARSE_ITEM', `url ${describeValue(link)} is not an http(s) link (left out)`);
    }

    let publishedAt: string | null = null;
    if (spec.paths.time) {
      const value = read('time');
      if (isAbsent(value)) itemIssue('EMW_PARSE_DATE', `has no time at ${JSON.stringify(spec.fields.time)}`);
      else if (typeof value !== 'string' && typeof value !== 'number')
        wrongType('time', value, 'a date string or number');
      else {
        publishedAt = parseDate(value, timeZone === undefined ? {} : { timeZone });
        if (publishedAt === null) itemIssue('EMW_PARSE_DATE', `time ${describeValue(value)} is not a date`);
      }
    }

    let geometry: Signal['geometry'];
    if (spec.paths.lat && spec.paths.lon) {
      const latValue = read('lat');
      const lonValue = read('lon');
      if (!isAbsent(latValue) || !isAbsent(lonValue)) {
        const lat = readNumber(latValue);
        const lon = readNumber(lonValue);
        if (lat === undefined || lon === undefined) {
          const [name, value] = lat === undefined ? ['lat', latValue] : ['lon', lonValue];
          itemIssue('EMW_PARSE_ITEM', `${name} ${describeValue(value)} is not a number (no location kept)`);
        } else if (lat < -90 || lat > 90)
          itemIssue('EMW_PARSE_ITEM', `lat ${lat} is outside -90…90 (no location kept)`);
        else if (lon < -180 || lon > 180)
          itemIssue('EMW_PARSE_ITEM', `lon ${lon} is outside -180…180 (no location kept)`);
        else geometry = { type: 'Point', coordinates: [lon, lat] };
      }
    }
    const regionCodes = geometry && locator ? locator.locate(geometry.coordinates[0], geometry.coordinates[1]) : [];

    const signal = makeSignal(
      raw,
      spec.sourceKind,
      {
        ...(guid ? { guid } : {}),
        ...(url ? { url } : {}),
        ...(title ? { title } : {}),
        text,
        publishedAt,
        ...(geometry ? { geometry } : {}),
        ...(regionCodes.length > 0 ? { facts: { regionCodes } } : {}),
      },
      options.collectedAt,
    );
    if (seen.has(signal.id)) return void skipped.duplicates++;
    seen.add(signal.id);
    signals.push(signal);
  });
  return { signals, issues, skipped };
}
