import { sha256Hex } from '../_internal/sha256.js';
import type { CollectorIssueCode } from '../collect/issue-codes.js';
import { EmwatchError } from '../errors.js';
import type { LonLat } from '../model/geo.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import { scanFeedMarkup, type FeedMarkup } from './_internal/feed-chunks.js';
import { readJsonFeedShape, readJsonItem } from './_internal/feed-json.js';
import { EntryLabel, quote, type FeedReadContext } from './_internal/feed-values.js';
import { readXmlTree } from './_internal/feed-xml-tree.js';
import { feedFormatOf, readAtomEntry, readRssItem, readXmlFeedShape, type EntryReading } from './_internal/feed-xml.js';
import { parseDate } from './parse-date.js';
import { parseXml, type XmlElement } from './xml.js';

/** The feed formats {@link parseFeed} reads (RSS 0.90–0.94 are `rss-0.9x`; JSON Feed 1.0 reads as 1.1). */
export type FeedFormat = 'rss-0.9x' | 'rss-1.0' | 'rss-2.0' | 'atom-1.0' | 'json-feed-1.1';

/** A file attached to an entry (RSS `enclosure`, Atom `link rel="enclosure"`, `media:content`, JSON Feed attachment). */
export interface FeedEnclosure {
  /** Absolute http(s) address. */
  readonly url: string;
  /** Media type as given, e.g. `'image/jpeg'`. */
  readonly type?: string;
  /** Size in bytes as given. */
  readonly length?: number;
}

/** One entry of a feed, with its markup reduced to plain text and its dates to ISO 8601. */
export interface FeedEntry {
  /** RSS `guid`, RSS 1.0 `rdf:about`, Atom `id` or JSON Feed `id`. */
  readonly guid?: string;
  /** Absolute http(s) address of the entry's page. */
  readonly link?: string;
  /** Title as plain text. */
  readonly title?: string;
  /** Body (full content when given, else the description or summary) as plain text; `''` when there is none. */
  readonly text: string;
  /** Publication time; `null` when missing or unparseable (reported as `EMW_PARSE_DATE`). */
  readonly publishedAt: IsoDateTime | null;
  /** Last modification time, when given and different from `publishedAt`. */
  readonly updatedAt?: IsoDateTime;
  readonly author?: string;
  readonly categories: string[];
  readonly enclosures: FeedEnclosure[];
  /** Location the entry carries (`georss:point`, `georss:where`, `geo:lat`/`geo:long`), as `[lon, lat]`. */
  readonly point?: LonLat;
  /** The entry's own markup (at most {@link MAX_ENTRY_SOURCE_BYTES}), kept only when a problem names the entry, for quarantine. */
  readonly source?: string;
}

/** A parsed feed document. */
export interface FeedDocument {
  readonly format: FeedFormat;
  readonly title?: string;
  /** The feed's own web page (absolute http(s)), relative links' base. */
  readonly link?: string;
  readonly entries: FeedEntry[];
}

/** Something wrong in a feed that did not stop it from being read. */
export interface FeedProblem {
  readonly code: CollectorIssueCode;
  /** What was wrong, naming the entry and the value. */
  readonly reason: string;
  /** Position of the entry in the document (0-based), for entry-level problems. */
  readonly itemIndex?: number;
  /** The entry's own markup (at most {@link MAX_ENTRY_SOURCE_BYTES}) for entry-level problems, for quarantine. */
  readonly source?: string;
}

/** What {@link parseFeed} returns: the feed and every problem met reading it. */
export interface FeedParseResult {
  readonly feed: FeedDocument;
  readonly problems: FeedProblem[];
}

/** Options of {@link parseFeed}. */
export interface ParseFeedOptions {
  /** IANA zone for dates written without an offset; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
  /** Address the feed was fetched from: the base for relative links when the feed names no page of its own. */
  readonly baseUrl?: string;
}

/**
 * Largest entry markup kept in {@link FeedEntry.source} and {@link FeedProblem.source}: 64 KiB of UTF-8.
 *
 * @example
 * ```ts
 * new TextEncoder().encode(problem.source ?? '').byteLength <= MAX_ENTRY_SOURCE_BYTES; // true
 * ```
 */
export const MAX_ENTRY_SOURCE_BYTES = 64 * 1024;

const FEED_ROOTS = new Set(['rss', 'rdf', 'feed', 'channel']);
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const isEntryName = (name: string): boolean => {
  const local = localName(name);
  return local === 'item' || local === 'entry';
};

function boundSource(source: string): string {
  // Three UTF-8 bytes per UTF-16 unit at most: short sources need no encoding to be measured.
  if (source.length * 3 <= MAX_ENTRY_SOURCE_BYTES) return source;
  const bytes = new TextEncoder().encode(source);
  if (bytes.byteLength <= MAX_ENTRY_SOURCE_BYTES) return source;
  return new TextDecoder().decode(bytes.subarray(0, MAX_ENTRY_SOURCE_BYTES)).replace(/\uFFFD$/u, '');
}

interface Reading extends EntryReading {
  readonly index: number;
}

/**
 * Drops empty entries, collapses repeated ones and tells apart different entries under one GUID,
 * then attaches each problem entry's markup: the common last step of every format.
 */
function finishFeed(
  head: { format: FeedFormat; title?: string; link?: string },
  readings: readonly Reading[],
  context: FeedReadContext,
  kind: 'item' | 'entry',
  sourceOf: (index: number) => string | undefined,
): FeedParseResult {
  const { problems } = context;
  const kept: { entry: FeedEntry; index: number }[] = [];
  const seen = new Map<string, { index: number; entry: FeedEntry }>();
  for (const { entry, empty, index } of readings) {
    const label = new EntryLabel(kind, index, entry.title);
    if (empty) {
      problems.push({
        code: 'EMW_PARSE_ITEM',
        reason: `${label}: has no title, text or link; dropped`,
        itemIndex: index,
      });
      continue;
    }
    // Downstream ids follow the same order (GUID, else link, else title and text), so two entries
    // that agree on it would overwrite each other.
    const identity = entry.guid ?? entry.link ?? `${entry.title ?? ''}\u0000${entry.text}`;
    const prior = seen.get(identity);
    if (!prior) {
      seen.set(identity, { index, entry });
      kept.push({ entry, index });
      continue;
    }
    const content = JSON.stringify(entry);
    const what =
      entry.guid !== undefined
        ? `guid ${quote(identity)}`
        : entry.link !== undefined
          ? `link ${quote(identity)}`
          : 'title and text';
    if (JSON.stringify(prior.entry) === content) {
      problems.push({
        code: 'EMW_PARSE_ITEM',
        reason: `${label}: repeats ${kind} ${prior.index} (same ${what}, same content); dropped`,
        itemIndex: index,
      });
      continue;
    }
    // Different content under one identifier: both are kept, the second under a derived GUID so
    // that neither overwrites the other downstream.
    const guid = `${entry.guid ?? entry.link ?? ''}#${sha256Hex(content).slice(0, 8)}`;
    problems.push({
      code: 'EMW_PARSE_ITEM',
      reason: `${label}: ${what} ${entry.guid === undefined && entry.link === undefined ? 'are' : 'is'} also used by ${kind} ${prior.index} with different content; kept as guid ${quote(guid)}`,
      itemIndex: index,
    });
    seen.set(guid, { index, entry: { ...entry, guid } });
    kept.push({ entry: { ...entry, guid }, index });
  }

  const withProblems = new Set<number>();
  const finished: FeedProblem[] = problems.map((problem) => {
    if (problem.itemIndex === undefined) return problem;
    withProblems.add(problem.itemIndex);
    const source = sourceOf(problem.itemIndex);
    return source === undefined ? problem : { ...problem, source: boundSource(source) };
  });
  // Stable: feed-level problems first, then by entry, each entry's in the order they were found.
  finished.sort((a, b) => (a.itemIndex ?? -1) - (b.itemIndex ?? -1));
  const entries = kept.map(({ entry, index }) => {
    if (!withProblems.has(index)) return entry;
    const source = sourceOf(index);
    return source === undefined ? entry : { ...entry, source: boundSource(source) };
  });
  return {
    feed: {
      format: head.format,
      ...(head.title ? { title: head.title } : {}),
      ...(head.link ? { link: head.link } : {}),
      entries,
    },
    problems: finished,
  };
}

function readXmlEntry(
  format: FeedFormat,
  element: XmlElement,
  base: string | undefined,
  index: number,
  context: FeedReadContext,
  markup: () => string | undefined,
): Reading {
  const reading =
    format === 'atom-1.0'
      ? readAtomEntry(element, base, index, context, markup)
      : readRssItem(element, base, index, context);
  return { entry: reading.entry, empty: reading.empty, index };
}

const qualifiedName = (element: XmlElement): string =>
  element.prefix ? `${element.prefix}:${element.name}` : element.name;

function notAFeed(name: string, cause?: unknown): EmwatchError {
  return new EmwatchError(
    'EMW_PARSE_FORMAT',
    `root element <${name.length > 100 ? `${name.slice(0, 100)}…` : name}> is not a feed (expected <rss>, <rdf:RDF> or <feed>)`,
    cause === undefined ? undefined : { cause },
  );
}

function parseXmlFeed(text: string, options: ParseFeedOptions, context: FeedReadContext): FeedParseResult {
  let root: XmlElement;
  try {
    root = readXmlTree(text);
  } catch (error) {
    if (error instanceof EmwatchError && error.code === 'EMW_PARSE_XML')
      return salvageXmlFeed(text, error, options, context);
    throw error;
  }
  const format = feedFormatOf(root);
  if (!format) throw notAFeed(qualifiedName(root));
  const shape = readXmlFeedShape(root, format, options.baseUrl);
  // Entry markup is found only when needed (a problem to quarantine, xhtml content): a second scan.
  let markup: FeedMarkup | undefined;
  const names = new Set(shape.entries.map(qualifiedName));
  const sourceOf = (index: number): string | undefined => {
    markup ??= scanFeedMarkup(text, (name) => names.has(name));
    if (markup.entries.length !== shape.entries.length) return undefined;
    const chunk = markup.entries[index];
    return chunk === undefined ? undefined : text.slice(chunk.start, chunk.end);
  };
  const readings = shape.entries.map((element, index) =>
    readXmlEntry(format, element, shape.base, index, context, () => sourceOf(index)),
  );
  return finishFeed(shape, readings, context, format === 'atom-1.0' ? 'entry' : 'item', sourceOf);
}

// A parser's message can list every unclosed element of a hostile document; reasons stay readable.
const MAX_REASON_LENGTH = 400;
const bounded = (message: string): string =>
  message.length > MAX_REASON_LENGTH ? `${message.slice(0, MAX_REASON_LENGTH)}…` : message;

function boundedError(error: EmwatchError): EmwatchError {
  return error.message.length > MAX_REASON_LENGTH
    ? new EmwatchError(error.code, bounded(error.message), { cause: error })
    : error;
}

function lineOf(text: string, index: number, from: { index: number; line: number }): number {
  let line = from.line;
  for (let i = text.indexOf('\n', from.index); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  from.index = index;
  from.line = line;
  return line;
}

/**
 * Reads a feed that is not well-formed as a whole (truncated, one broken item) entry by entry:
 * every complete entry that parses on its own is kept, each broken or unfinished one is reported
 * with its markup, and the document's own error is reported once.
 */
function salvageXmlFeed(
  text: string,
  error: EmwatchError,
  options: ParseFeedOptions,
  context: FeedReadContext,
): FeedParseResult {
  const markup = scanFeedMarkup(text, isEntryName);
  const rootTag = markup.root;
  if (!rootTag) throw boundedError(error);
  if (!FEED_ROOTS.has(localName(rootTag.name).toLowerCase())) throw notAFeed(rootTag.name, error);
  // A document refused for declaring entities is refused whole: its entries may depend on them.
  if (rootTag.selfClosing || text.slice(0, rootTag.start).includes('<!ENTITY')) throw boundedError(error);
  const open = text.slice(rootTag.start, rootTag.end);
  const close = `</${rootTag.name}>`;

  let header = text.slice(rootTag.end, markup.entries[0]?.start ?? text.length);
  // RSS 2.0 entries sit inside <channel>, which a truncated document never closes.
  if (/<channel[\s>]/.test(header) && !header.includes('</channel>')) header += '</channel>';
  let headerRoot: XmlElement;
  const problems = context.problems;
  try {
    headerRoot = readXmlTree(`${open}${header}${close}`);
  } catch (headerError) {
    headerRoot = parseXml(`${open}${close}`);
    problems.push({
      code: 'EMW_PARSE_XML',
      reason: `the feed's header is not well-formed either (${bounded((headerError as Error).message)}); its title and link are unknown`,
    });
  }
  const format = feedFormatOf(headerRoot);
  if (!format) throw notAFeed(rootTag.name, error);
  const shape = readXmlFeedShape(headerRoot, format, options.baseUrl);
  const kind = format === 'atom-1.0' ? 'entry' : 'item';

  const readings: Reading[] = [];
  const position = { index: 0, line: 1 };
  const sources = markup.entries.map((chunk) => text.slice(chunk.start, chunk.end));
  markup.entries.forEach((chunk, index) => {
    const source = sources[index]!;
    const line = lineOf(text, chunk.start, position);
    if (chunk.end === undefined) {
      problems.push({
        code: 'EMW_PARSE_XML',
        reason: `${kind} ${index} (line ${line}) is incomplete: the document ends inside it (truncated?); dropped`,
        itemIndex: index,
      });
      return;
    }
    let element: XmlElement | undefined;
    try {
      element = readXmlTree(`${open}${source}${close}`).children.find((c) => isEntryName(qualifiedName(c)));
    } catch (chunkError) {
      // Positions in the message count from the wrapper, not the document: drop them.
      const reason = (chunkError as Error).message
        .replace(/ at line \d+(?:, column \d+)?/u, '')
        .replace(/ \(opened in line \d+, col \d+\)/gu, '');
      problems.push({
        code: 'EMW_PARSE_XML',
        reason: `${kind} ${index} (line ${line}) is ${bounded(reason)}; dropped`,
        itemIndex: index,
      });
      return;
    }
    if (element) readings.push(readXmlEntry(format, element, shape.base, index, context, () => source));
  });
  if (readings.length === 0) throw boundedError(error);
  problems.unshift({
    code: 'EMW_PARSE_XML',
    reason: `${bounded(error.message)}; read ${readings.length} of ${markup.entries.length} ${kind === 'item' ? 'items' : 'entries'} one by one`,
  });
  return finishFeed(shape, readings, context, kind, (index) => sources[index]);
}

function parseJsonFeed(text: string, options: ParseFeedOptions, context: FeedReadContext): FeedParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EmwatchError('EMW_PARSE_JSON', `not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const shape = readJsonFeedShape(value, options.baseUrl);
  const readings: Reading[] = [];
  shape.items.forEach((item, index) => {
    const reading = readJsonItem(item, shape.base, index, context);
    if (reading.entry) readings.push({ entry: reading.entry, empty: reading.empty, index });
  });
  const sourceOf = (index: number): string | undefined => {
    const item = shape.items[index];
    return item === undefined ? undefined : JSON.stringify(item);
  };
  return finishFeed({ format: 'json-feed-1.1', ...shape }, readings, context, 'item', sourceOf);
}

/**
 * Reads an RSS 0.9x, RSS 1.0 (RDF), RSS 2.0, Atom 1.0 or JSON Feed 1.1 document into plain-text
 * entries with ISO dates and absolute http(s) links, and reports everything wrong on the way
 * without dropping the rest: a broken or truncated document is read entry by entry, an
 * unparseable date leaves `publishedAt` null, a repeated GUID is collapsed or told apart. Throws
 * `EmwatchError` (`EMW_PARSE_XML`, `EMW_PARSE_JSON`, `EMW_PARSE_FORMAT`) only when nothing usable is there.
 *
 * @example
 * ```ts
 * const { feed, problems } = parseFeed(
 *   '<rss version="2.0"><channel><title>锡林郭勒盟应急管理局</title><link>https://yjglj.xlgl.gov.cn/</link>' +
 *     '<item><title>西乌旗发布大风蓝色预警</title><link>/xwzx/1.html</link>' +
 *     '<pubDate>2025-04-13 06:00:00</pubDate></item></channel></rss>',
 * );
 * feed.entries[0]?.link; // 'https://yjglj.xlgl.gov.cn/xwzx/1.html'
 * feed.entries[0]?.publishedAt; // '2025-04-13T06:00:00+08:00'
 * problems; // []
 * ```
 */
export function parseFeed(text: string, options: ParseFeedOptions = {}): FeedParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = body.search(/\S/u);
  if (start === -1) throw new EmwatchError('EMW_PARSE_FORMAT', 'the document is empty');
  // An unknown zone is the caller's mistake: say so once, before reading anything.
  if (options.timeZone !== undefined) parseDate('2000-01-01 00:00:00', { timeZone: options.timeZone });
  const context: FeedReadContext = { timeZone: options.timeZone, problems: [] };
  const first = body[start];
  if (first === '<') return parseXmlFeed(body, options, context);
  if (first === '{' || first === '[') return parseJsonFeed(body, options, context);
  throw new EmwatchError(
    'EMW_PARSE_FORMAT',
    `the document is neither XML nor JSON: it starts with ${quote(body.slice(start, start + 40))}`,
  );
}
