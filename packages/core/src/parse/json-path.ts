import { EmwatchError } from '../errors.js';

/** One step of a parsed path: a property name or an array index. */
export type JsonPathSegment = string | number;

// Keys that reach an object's prototype machinery rather than its data. Refused outright, so a
// path from configuration can never walk into (or later be used to write into) a prototype.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// Paths come from configuration and are short; a bound keeps a pathological one from costing
// anything, and an error message from echoing megabytes.
const MAX_PATH_LENGTH = 1000;

const fail = (path: string, reason: string): never => {
  throw new EmwatchError('EMW_JSON_PATH_INVALID', `[emwatch] JSON path ${JSON.stringify(path)} ${reason}`);
};

function checkKey(path: string, key: string): string {
  if (FORBIDDEN_KEYS.has(key)) fail(path, `uses the key ${JSON.stringify(key)}, which is refused`);
  return key;
}

/**
 * Parses a path such as `data.list[0]["title"]` into its steps, so it can be checked once and
 * applied to many items. Plain names are separated by dots; `[n]` is an array index; `["…"]` or
 * `['…']` is a quoted key (backslash escapes the quote and the backslash), for names with dots,
 * brackets or spaces. A leading `$` (as in JSONPath) is accepted; `''` and `'$'` mean the value
 * itself. Throws an `EmwatchError` (`EMW_JSON_PATH_INVALID`) naming the path and the problem.
 *
 * @example
 * ```ts
 * parseJsonPath('data.list[0]["title"]'); // ['data', 'list', 0, 'title']
 * parseJsonPath('$'); // []
 * ```
 */
export function parseJsonPath(path: string): readonly JsonPathSegment[] {
  if (typeof path !== 'string') return fail(String(path), 'is not a string');
  if (path.length > MAX_PATH_LENGTH) fail(path.slice(0, 40) + '…', `is longer than ${MAX_PATH_LENGTH} characters`);
  const segments: JsonPathSegment[] = [];
  if (path === '' || path === '$') return segments;
  // `$.a` and `$[0]` start at the root like JSONPath; `$oid` is an ordinary name.
  let i = path.startsWith('$.') ? 2 : path.startsWith('$[') ? 1 : 0;
  if (i === 2 && path.length === 2) fail(path, 'ends with a dot');
  // After a segment only `.`, `[` or the end may follow; at the start and after a dot, a name.
  let expectName = true;
  while (i < path.length) {
    const char = path[i];
    if (char === '[') {
      const close = path.indexOf(']', i);
      const quote = path[i + 1];
      if (quote === '"' || quote === "'") {
        let key = '';
        let j = i + 2;
        for (; j < path.length && path[j] !== quote; j++) {
          if (path[j] === '\\') {
            j++;
            if (j >= path.length) break;
          }
          key += path[j];
        }
        if (j >= path.length) fail(path, `has an unterminated quoted key at position ${i}`);
        if (path[j + 1] !== ']') fail(path, `needs "]" after the quoted key at position ${i}`);
        segments.push(checkKey(path, key));
        i = j + 2;
      } else {
        if (close < 0) fail(path, `has an unclosed "[" at position ${i}`);
        const inner = path.slice(i + 1, close);
        if (!/^\d{1,9}$/.test(inner)) fail(path, `has ${JSON.stringify(`[${inner}]`)}: an index must be digits`);
        segments.push(Number(inner));
        i = close + 1;
      }
      expectName = false;
      continue;
    }
    if (char === '.') {
      if (expectName) fail(path, `has an empty name at position ${i}`);
      i++;
      expectName = true;
      if (i === path.length) fail(path, 'ends with a dot');
      continue;
    }
    if (!expectName) fail(path, `needs "." or "[" before position ${i}`);
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') {
      if (path[j] === ']' || path[j] === '"' || path[j] === "'") fail(path, `has a stray ${path[j]} at position ${j}`);
      j++;
    }
    const name = path.slice(i, j);
    if (/\s/u.test(name)) fail(path, `has spaces in the name ${JSON.stringify(name)}: quote it as ["…"]`);
    segments.push(checkKey(path, name));
    i = j;
    expectName = false;
  }
  return segments;
}

/**
 * Reads the value at a path (see {@link parseJsonPath}) inside parsed JSON; `undefined` when any
 * step is missing. Only own properties are read, so nothing is found on a prototype, and nothing
 * is evaluated: a path is data, never code. A name made of digits also indexes an array
 * (`list.0` is `list[0]`). Throws `EMW_JSON_PATH_INVALID` for a malformed path.
 *
 * @example
 * ```ts
 * getPath({ data: { list: [{ title: '通报' }] } }, 'data.list[0]["title"]'); // '通报'
 * getPath({ a: 1 }, 'b.c'); // undefined
 * ```
 */
export function getPath(value: unknown, path: string | readonly JsonPathSegment[]): unknown {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  let current: unknown = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      const index = typeof segment === 'number' ? segment : /^\d{1,9}$/.test(segment) ? Number(segment) : -1;
      if (index < 0 || index >= current.length) return undefined;
      current = current[index];
      continue;
    }
    const key = String(segment);
    // Refused here too, for segment arrays built by hand rather than by parseJsonPath.
    if (FORBIDDEN_KEYS.has(key) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
