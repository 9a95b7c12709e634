import { EmwatchError } from '../errors.js';
import type { SourceKind } from '../model/signal.js';
import { describeValue } from '../parse/_internal/read-number.js';
import { parseJsonPath } from '../parse/json-path.js';
import { JSON_API_FIELDS, parseJsonApi, type JsonApiFields } from '../parse/parse-json-api.js';
import { parseDate } from '../parse/parse-date.js';
import { checkPollingOptions, optionsError } from './_internal/check-polling-options.js';
import { createPollingCollector } from './_internal/polling-collector.js';
import type { Collector } from './collector.js';

/** Options of {@link jsonApi}. */
export interface JsonApiOptions {
  /** Id of the source. */
  readonly id: string;
  /** Address of the API (absolute http(s)); JSON or JSONP. */
  readonly url: string;
  /** Path to the array of items in the body, e.g. `'data.list'`; `''` when the body is the array. */
  readonly itemsPath: string;
  /** Paths of the fields inside each item; `title` or `text` (or both) is required. */
  readonly fields: JsonApiFields;
  /** Kind of source stamped on the signals; `'media'` by default. */
  readonly sourceKind?: SourceKind;
  /** IANA zone for times written without an offset; the parse options' zone, else `'Asia/Shanghai'`. */
  readonly timeZone?: string;
  /** Let this source reach loopback or private addresses: `true`, or the host names allowed. */
  readonly allowPrivate?: boolean | readonly string[];
}

const ACCEPT = 'application/json, text/javascript;q=0.9, */*;q=0.1';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A collector for any JSON API, mapped by simple paths: `itemsPath` finds the array of items, and
 * `fields` says where each item keeps its id, title, text, time, link and coordinates. Polls the
 * address politely (conditional GET, fetch limits, SSRF guard); each changed body is parsed with
 * `parseJsonApi` (JSONP unwrapped by shape, HTML turned into text, bad items reported one by one).
 * Paths are checked once, here, and are plain data: nothing in the options or the body is ever
 * evaluated. Throws `EMW_COLLECTOR_OPTIONS` naming the key for a bad option (a malformed or
 * refused path, an unknown field, neither title nor text, one coordinate without the other).
 *
 * @example
 * ```ts
 * const api = jsonApi({
 *   id: 'xlgl-news',
 *   url: 'https://example.gov.cn/api/news?page=1',
 *   itemsPath: 'data.list',
 *   fields: { id: 'articleId', title: 'title', text: 'content', time: 'publishTime', url: 'link' },
 * });
 * ```
 */
export function jsonApi(options: JsonApiOptions): Collector {
  checkPollingOptions('json-api', options);
  const { id, url, itemsPath, fields, timeZone, allowPrivate } = options;
  const fail = (key: string, reason: string): never => {
    throw optionsError('json-api', id, key, reason);
  };
  const check = (key: string, path: unknown): void => {
    if (typeof path !== 'string') return fail(key, `must be a path string, got ${describeValue(path)}`);
    try {
      parseJsonPath(path);
    } catch (error) {
      fail(
        key,
        error instanceof EmwatchError ? error.message.replace(/^\[emwatch\] /u, 'is invalid: ') : String(error),
      );
    }
  };
  check('itemsPath', itemsPath);
  if (!isRecord(fields)) return fail('fields', 'must be an object mapping field names to paths');
  for (const key of Object.keys(fields))
    if (!(JSON_API_FIELDS as readonly string[]).includes(key))
      fail(`fields.${key}`, `is not a known field (known: ${JSON_API_FIELDS.join(', ')})`);
  for (const name of JSON_API_FIELDS) if (fields[name] !== undefined) check(`fields.${name}`, fields[name]);
  if (fields.title === undefined && fields.text === undefined)
    fail('fields', 'must give a path for title or text (or both)');
  if ((fields.lat === undefined) !== (fields.lon === undefined))
    fail(fields.lat === undefined ? 'fields.lat' : 'fields.lon', 'is needed with the other coordinate');
  if (timeZone !== undefined) {
    try {
      parseDate('2025-01-01 00:00', { timeZone });
    } catch {
      fail('timeZone', `is not a known IANA time zone: ${describeValue(timeZone)}`);
    }
  }
  const sourceKind = options.sourceKind ?? 'media';
  return createPollingCollector({
    id,
    kind: 'json-api',
    sourceKind,
    url,
    accept: ACCEPT,
    ...(allowPrivate === undefined ? {} : { allowPrivate }),
    parse: (raw, parseOptions) =>
      parseJsonApi(raw, {
        ...parseOptions,
        ...(timeZone === undefined ? {} : { timeZone }),
        itemsPath,
        fields,
        sourceKind,
      }),
  });
}
