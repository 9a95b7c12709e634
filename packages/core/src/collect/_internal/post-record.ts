import type { IsoDateTime } from '../../model/iso-date-time.js';
import type { LonLat } from '../../model/geo.js';
import type { RawItem } from '../../model/raw-item.js';
import { isSourceKind, type Signal, type SourceKind } from '../../model/signal.js';
import { htmlToText } from '../../parse/html-to-text.js';
import { parseDate } from '../../parse/parse-date.js';
import type { CollectorIssue, ParsedItems } from '../collector.js';
import type { CollectorIssueCode } from '../issue-codes.js';
import { makeIssue, quarantine } from '../make-issue.js';
import { makeSignal } from '../make-signal.js';

/**
 * Media type of a raw item holding one posted or imported record as JSON (its keys as the
 * source wrote them), so a parser can tell such items from fetched documents.
 */
export const POST_RECORD_MEDIA_TYPE = 'application/vnd.emwatch.post+json';

/** The fields of a {@link PostRecord}. */
export type PostField =
  'id' | 'title' | 'text' | 'url' | 'publishedAt' | 'author' | 'outlet' | 'lat' | 'lon' | 'sourceKind';

/**
 * Names each field goes by in exports, best first; keys match after lower-casing and dropping
 * spaces, `_` and `-` (`published_at`, `Published At`). When a record has several, the first with a
 * value wins (`内容` before `摘要`). `序号`/`编号` are deliberately absent: they are row numbers,
 * not ids, and two exports numbered from 1 would overwrite each other's posts.
 */
export const POST_FIELD_ALIASES: Readonly<Record<PostField, readonly string[]>> = {
  id: ['id', 'guid', 'mid', 'postid', 'articleid', '微博id', '文章id', '帖子id', '信息id', '消息id', '原文id'],
  title: ['title', 'headline', 'subject', '标题', '文章标题', '新闻标题', '主题'],
  text: [
    'text',
    'content',
    'body',
    'message',
    '内容',
    '正文',
    '微博内容',
    '微博正文',
    '帖子内容',
    '文章内容',
    '信息内容',
    '原文',
    '原文内容',
    '全文',
    'description',
    'summary',
    '摘要',
  ],
  url: ['url', 'link', 'href', 'permalink', '链接', '原文链接', '网址', '文章链接', '微博链接', '帖子链接', '原文地址'],
  publishedAt: [
    'publishedat',
    'published',
    'pubdate',
    'datetime',
    'date',
    'time',
    'createdat',
    'timestamp',
    '发布时间',
    '发表时间',
    '发文时间',
    '发帖时间',
    '发布日期',
    '创建时间',
    '时间',
    '日期',
  ],
  author: [
    'author',
    'user',
    'username',
    'screenname',
    'nickname',
    '作者',
    '用户',
    '用户名',
    '用户昵称',
    '昵称',
    '发布者',
    '发布人',
    '博主',
  ],
  outlet: [
    'outlet',
    'source',
    'site',
    'sitename',
    'publisher',
    'media',
    '来源',
    '信息来源',
    '来源网站',
    '媒体',
    '媒体名称',
    '站点',
    '网站',
    '发布单位',
  ],
  lat: ['lat', 'latitude', '纬度'],
  lon: ['lon', 'lng', 'long', 'longitude', '经度'],
  sourceKind: ['sourcekind'],
};

const normalizeKey = (key: string): string =>
  key
    .replace(/^\uFEFF/u, '')
    .replace(/[\s_-]+/gu, '')
    .toLowerCase();

const FIELD_OF_KEY: ReadonlyMap<string, { readonly field: PostField; readonly rank: number }> = new Map(
  (Object.entries(POST_FIELD_ALIASES) as [PostField, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name, rank) => [name, { field, rank }] as const),
  ),
);

/**
 * For each field, the keys (column names) that hold it, best first.
 *
 * @example
 * ```ts
 * postFieldKeys(['标题', '正文', '发布时间']).get('text'); // ['正文']
 * ```
 */
export function postFieldKeys(keys: readonly string[]): Map<PostField, string[]> {
  const found = new Map<PostField, { key: string; rank: number }[]>();
  for (const key of keys) {
    const match = FIELD_OF_KEY.get(normalizeKey(key));
    if (!match) continue;
    const list = found.get(match.field) ?? [];
    list.push({ key, rank: match.rank });
    found.set(match.field, list);
  }
  return new Map(
    [...found].map(([field, list]) => [field, list.sort((a, b) => a.rank - b.rank).map((entry) => entry.key)]),
  );
}

// Rows of one CSV file, and the records of one sender, share their keys: map them once.
const KEYS_CACHE_SIZE = 64;
const keysCache = new Map<string, Map<PostField, string[]>>();
function cachedFieldKeys(keys: readonly string[]): Map<PostField, string[]> {
  const signature = keys.join('\u0000');
  let found = keysCache.get(signature);
  if (found === undefined) {
    found = postFieldKeys(keys);
    if (keysCache.size >= KEYS_CACHE_SIZE) keysCache.delete(keysCache.keys().next().value!);
    keysCache.set(signature, found);
  }
  return found;
}

/** A record checked and normalised: what a signal is made from. */
export interface NormalizedPost {
  readonly id?: string;
  readonly title?: string;
  readonly text: string;
  readonly url?: string;
  readonly publishedAt: IsoDateTime | null;
  readonly author?: string;
  readonly outlet?: string;
  readonly point?: LonLat;
  readonly sourceKind?: SourceKind;
}

/** Something wrong with one field of a record. */
export interface PostProblem {
  readonly code: CollectorIssueCode;
  readonly field?: PostField;
  /** Says which field (and the key it was found under) and what was wrong with its value. */
  readonly reason: string;
}

/** What {@link readPostRecord} made of one record: the post, unless it is unusable, and its problems. */
export interface ReadPost {
  readonly post?: NormalizedPost;
  readonly problems: PostProblem[];
}

const MAX_SHOWN = 80;
/** A value as it appears in a reason: strings quoted, other JSON values as written, both cut short. */
const show = (value: unknown): string => {
  const cut = (text: string): string => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
  return typeof value === 'string' ? JSON.stringify(cut(value)) : cut(JSON.stringify(value) ?? String(value));
};

// Markup worth reducing: a tag or a character reference. `温度<0度` is neither.
const MARKUP = /<\/?[A-Za-z][^<>]*>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/u;

const isRecordObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one posted or imported record (a JSON object, or a CSV row keyed by its header) and
 * normalises it: field names through {@link POST_FIELD_ALIASES}, numbers accepted where text is
 * expected (CSV cells are all text, JSON ids often numbers), markup reduced to text, the date
 * parsed in `timeZone`. A record without text or title is unusable (no `post`); a bad optional
 * field is dropped with a problem, the rest kept. Nothing is evaluated.
 *
 * @example
 * ```ts
 * readPostRecord({ 标题: '暴雪', 内容: '锡林浩特大雪', 发布时间: '昨天' }, { timeZone: 'Asia/Shanghai' });
 * // { post: { title: '暴雪', text: '锡林浩特大雪', publishedAt: null },
 * //   problems: [{ code: 'EMW_PARSE_DATE', field: 'publishedAt', reason: 'publishedAt (发布时间) "昨天" is not a date' }] }
 * ```
 */
export function readPostRecord(
  value: unknown,
  options: {
    readonly timeZone?: string;
    /** False to leave `publishedAt` null unread, when only whether the record is usable matters (dates are the slow part). */
    readonly parseDates?: boolean;
  } = {},
): ReadPost {
  const problems: PostProblem[] = [];
  if (!isRecordObject(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    problems.push({ code: 'EMW_PARSE_ITEM', reason: `a record must be a JSON object, got ${kind}` });
    return { problems };
  }
  const keys = cachedFieldKeys(Object.keys(value));
  /** The field's first present value with the key it came from. */
  const pick = (field: PostField): { key: string; value: unknown } | undefined => {
    for (const key of keys.get(field) ?? []) {
      const found = value[key];
      if (found === undefined || found === null || (typeof found === 'string' && found.trim() === '')) continue;
      return { key, value: found };
    }
    return undefined;
  };
  const label = (field: PostField, key: string): string => (key === field ? field : `${field} (${key})`);
  const problem = (
    field: PostField,
    key: string,
    reason: string,
    code: CollectorIssueCode = 'EMW_PARSE_ITEM',
  ): void => {
    problems.push({ code, field, reason: `${label(field, key)} ${reason}` });
  };
  const text = (field: PostField): string | undefined => {
    const found = pick(field);
    if (!found) return undefined;
    if (typeof found.value === 'string') return found.value;
    if (typeof found.value === 'number' && Number.isFinite(found.value)) return String(found.value);
    problem(field, found.key, `must be text, got ${show(found.value)}`);
    return undefined;
  };
  const plain = (raw: string | undefined): string | undefined =>
    raw === undefined ? undefined : MARKUP.test(raw) ? htmlToText(raw) : raw.trim();

  let id: string | undefined;
  const idFound = pick('id');
  if (idFound) {
    if (typeof idFound.value === 'string') id = idFound.value.trim();
    else if (typeof idFound.value === 'number' && Number.isSafeInteger(idFound.value)) id = String(idFound.value);
    else if (typeof idFound.value === 'number') {
      // JSON.parse has already rounded it: two posts could share the rounded id.
      problem('id', idFound.key, `${show(idFound.value)} is not a safe integer; send large ids as strings`);
    } else problem('id', idFound.key, `must be text or an integer, got ${show(idFound.value)}`);
  }

  const title = plain(text('title')) || undefined;
  const body = plain(text('text')) ?? '';
  if (body === '' && title === undefined) {
    const textKeys = keys.get('text');
    problems.push({
      code: 'EMW_PARSE_ITEM',
      field: 'text',
      reason:
        textKeys === undefined
          ? `no text: expected a field named ${POST_FIELD_ALIASES.text.slice(0, 6).join(', ')}…, or a title`
          : `no text: ${textKeys.join(', ')} empty and no title`,
    });
    return { problems };
  }

  let url: string | undefined;
  const urlFound = pick('url');
  const urlText = text('url')?.trim();
  if (urlFound && urlText !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(urlText);
    } catch {
      parsed = undefined;
    }
    if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) url = parsed.href;
    else problem('url', urlFound.key, `${show(urlText)} is not an absolute http(s) URL`);
  }

  let publishedAt: IsoDateTime | null = null;
  const dateFound = options.parseDates === false ? undefined : pick('publishedAt');
  if (dateFound) {
    if (typeof dateFound.value === 'string' || typeof dateFound.value === 'number') {
      publishedAt = parseDate(dateFound.value, options.timeZone === undefined ? {} : { timeZone: options.timeZone });
      if (publishedAt === null)
        problem('publishedAt', dateFound.key, `${show(dateFound.value)} is not a date`, 'EMW_PARSE_DATE');
    } else
      problem(
        'publishedAt',
        dateFound.key,
        `must be a date string or Unix time, got ${show(dateFound.value)}`,
        'EMW_PARSE_DATE',
      );
  }

  const coordinate = (field: 'lat' | 'lon', limit: number): number | undefined => {
    const found = pick(field);
    if (!found) return undefined;
    const number =
      typeof found.value === 'number'
        ? found.value
        : typeof found.value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/u.test(found.value)
          ? Number(found.value)
          : Number.NaN;
    if (Number.isFinite(number) && Math.abs(number) <= limit) return number;
    problem(
      field,
      found.key,
      `${show(found.value)} is not a ${field === 'lat' ? 'latitude' : 'longitude'} (−${limit} to ${limit})`,
    );
    return undefined;
  };
  const lat = coordinate('lat', 90);
  const lon = coordinate('lon', 180);
  let point: LonLat | undefined;
  if (lat !== undefined && lon !== undefined) point = [lon, lat];
  else if ((lat === undefined) !== (lon === undefined)) {
    const [has, lacks] = lat === undefined ? (['lon', 'lat'] as const) : (['lat', 'lon'] as const);
    problems.push({
      code: 'EMW_PARSE_ITEM',
      field: lacks,
      reason: `${has} given without ${lacks}; the geotag is dropped`,
    });
  }

  let sourceKind: SourceKind | undefined;
  const kindFound = pick('sourceKind');
  if (kindFound) {
    if (isSourceKind(kindFound.value)) sourceKind = kindFound.value;
    else
      problem(
        'sourceKind',
        kindFound.key,
        `${show(kindFound.value)} is not one of official-warning, official-news, media, social, sensor`,
      );
  }

  const author = text('author')?.trim() || undefined;
  const outlet = text('outlet')?.trim() || undefined;
  const post: NormalizedPost = {
    ...(id ? { id } : {}),
    ...(title ? { title } : {}),
    text: body,
    ...(url ? { url } : {}),
    publishedAt,
    ...(author ? { author } : {}),
    ...(outlet ? { outlet } : {}),
    ...(point ? { point } : {}),
    ...(sourceKind ? { sourceKind } : {}),
  };
  return { post, problems };
}

/**
 * Makes the signal of one normalised post; the record's own source kind wins over the collector's.
 *
 * @example
 * ```ts
 * const signal = postSignal(raw, post, 'social');
 * ```
 */
export function postSignal(
  raw: RawItem,
  post: NormalizedPost,
  sourceKind: SourceKind,
  collectedAt?: IsoDateTime,
): Signal {
  return makeSignal(
    raw,
    post.sourceKind ?? sourceKind,
    {
      ...(post.id ? { guid: post.id } : {}),
      ...(post.url ? { url: post.url } : {}),
      ...(post.title ? { title: post.title } : {}),
      text: post.text,
      publishedAt: post.publishedAt,
      ...(post.author ? { author: post.author } : {}),
      ...(post.outlet ? { outlet: post.outlet } : {}),
      ...(post.point ? { geometry: { type: 'Point', coordinates: post.point } } : {}),
    },
    collectedAt,
  );
}

/** How {@link parsePostPayload} names and stamps what it finds. */
export interface ParsePostPayloadOptions {
  readonly sourceKind: SourceKind;
  readonly timeZone?: string;
  readonly collectedAt?: IsoDateTime;
  /** Where the records came from, prefixed to every reason, e.g. `'webhook body'` or `'posts.csv line 12'`. */
  readonly where: string;
}

/**
 * Parses a raw item whose payload is one record or a JSON array of records into signals; each
 * bad record or field becomes an issue (with the record's index) and the others go on.
 *
 * @example
 * ```ts
 * const { signals, issues } = parsePostPayload(raw, { sourceKind: 'social', where: 'webhook body' });
 * ```
 */
export function parsePostPayload(raw: RawItem, options: ParsePostPayloadOptions): ParsedItems {
  const url = raw.provenance.url;
  const at = options.collectedAt ?? raw.fetchedAt;
  const issue = (code: CollectorIssueCode, reason: string, extra: Partial<CollectorIssue> = {}): CollectorIssue =>
    makeIssue(code, raw.sourceId, `${options.where}: ${reason}`, at, { ...(url ? { url } : {}), ...extra });
  let value: unknown;
  try {
    value = JSON.parse(raw.payload);
  } catch (error) {
    return {
      signals: [],
      issues: [
        issue('EMW_PARSE_JSON', `not JSON (${error instanceof Error ? error.message : String(error)})`, {
          fatal: true,
          quarantine: quarantine(raw.payload, { contentType: raw.contentType ?? 'application/json' }),
        }),
      ],
    };
  }
  const records = Array.isArray(value) ? value : [value];
  const signals: Signal[] = [];
  const issues: CollectorIssue[] = [];
  records.forEach((record: unknown, index) => {
    const read = readPostRecord(record, options.timeZone === undefined ? {} : { timeZone: options.timeZone });
    const prefix = Array.isArray(value) ? `record ${index}: ` : '';
    for (const problem of read.problems) {
      issues.push(
        issue(problem.code, `${prefix}${problem.reason}`, {
          itemIndex: index,
          ...(read.post
            ? {}
            : {
                quarantine: quarantine(JSON.stringify(record) ?? String(record), { contentType: 'application/json' }),
              }),
        }),
      );
    }
    if (read.post) signals.push(postSignal(raw, read.post, options.sourceKind, options.collectedAt));
  });
  return { signals, issues };
}
