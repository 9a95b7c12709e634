import type { JsonApiFields } from './parse-json-api.js';

/** A guessed mapping of a JSON body onto signals: where the items are and which keys hold what. */
export interface InferredJsonApi {
  /** Path of the array of items (`''` when the body is the array). */
  readonly itemsPath: string;
  /** Paths of the fields inside each item; only the fields a key was found for. */
  readonly fields: JsonApiFields;
}

// Candidate keys per field, most specific first, compared without case, `_` or `-`. Chinese keys
// are what exports from domestic platforms use.
const CANDIDATES: Readonly<Record<keyof JsonApiFields, readonly string[]>> = {
  id: ['id', 'guid', 'uid', 'uuid', 'mid', 'docid', 'articleid', 'newsid', '编号', '序号'],
  title: ['title', 'headline', 'subject', 'name', '标题', '题目'],
  text: ['text', 'content', 'body', 'description', 'summary', 'abstract', 'message', 'desc', '内容', '正文', '摘要'],
  time: [
    'publishedat',
    'published',
    'pubdate',
    'pubtime',
    'publishtime',
    'datetime',
    'date',
    'time',
    'createdat',
    'createtime',
    'ctime',
    'updatedat',
    '发布时间',
    '时间',
    '日期',
  ],
  url: ['url', 'link', 'href', 'permalink', 'source_url', 'sourceurl', '链接', '网址'],
  lat: ['lat', 'latitude', 'epilat', '纬度'],
  lon: ['lon', 'lng', 'long', 'longitude', 'epilon', '经度'],
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const squash = (key: string): string => key.toLowerCase().replace(/[_\-\s]/gu, '');

const pathKey = (key: string): string => (/^[A-Za-z_$][\w$]*$/u.test(key) ? key : `[${JSON.stringify(key)}]`);

const join = (base: string, key: string): string => {
  const part = pathKey(key);
  return base === '' || part.startsWith('[') ? `${base}${part}` : `${base}.${part}`;
};

/** The longest array of objects within a few levels of the root, breadth first. */
function findItems(root: unknown): { path: string; items: Record<string, unknown>[] } | undefined {
  let best: { path: string; items: Record<string, unknown>[] } | undefined;
  let level: { path: string; value: unknown }[] = [{ path: '', value: root }];
  for (let depth = 0; depth < 5 && level.length > 0; depth++) {
    const next: { path: string; value: unknown }[] = [];
    for (const { path, value } of level) {
      if (Array.isArray(value)) {
        const items = value.filter(isRecord);
        if (items.length > 0 && items.length >= value.length / 2 && (!best || items.length > best.items.length))
          best = { path, items };
      } else if (isRecord(value)) {
        for (const [key, child] of Object.entries(value)) next.push({ path: join(path, key), value: child });
      }
    }
    level = next;
  }
  return best;
}

/**
 * Guesses how a JSON API's body maps onto signals, for `emwatch fetch --format json` and for
 * writing a `jsonApi` source's configuration: the largest array of objects near the root, and
 * for each field the first key (English or Chinese, any case) that most items carry.
 * `undefined` when there is no array of objects or no text-like field.
 *
 * @example
 * ```ts
 * inferJsonApi({ data: { list: [{ id: 7, 标题: '扎兰屯市发布山洪预警', 发布时间: '2025-07-21 14:05' }] } });
 * // { itemsPath: 'data.list', fields: { id: 'id', title: '标题', time: '发布时间' } }
 * ```
 */
export function inferJsonApi(body: unknown): InferredJsonApi | undefined {
  const found = findItems(body);
  if (!found) return undefined;
  const sample = found.items.slice(0, 50);
  const fields: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of Object.keys(CANDIDATES) as (keyof JsonApiFields)[]) {
    const counts = new Map<string, number>();
    for (const item of sample) for (const key of Object.keys(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const candidate of CANDIDATES[field]) {
      const key = [...counts.keys()].find((k) => !used.has(k) && squash(k) === squash(candidate));
      if (key !== undefined && (counts.get(key) ?? 0) >= sample.length / 2) {
        fields[field] = pathKey(key);
        used.add(key);
        break;
      }
    }
  }
  if (fields.title === undefined && fields.text === undefined) return undefined;
  return { itemsPath: found.path, fields };
}
