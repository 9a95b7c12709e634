import type { LonLat } from '../../model/geo.js';
import { htmlToText } from '../html-to-text.js';
import type { FeedEnclosure, FeedEntry, FeedFormat } from '../parse-feed.js';
import type { XmlElement } from '../xml.js';
import { innerMarkup } from './feed-chunks.js';
import {
  EntryLabel,
  quote,
  readAuthor,
  readDate,
  readLength,
  readPoint,
  resolveLink,
  type FeedReadContext,
} from './feed-values.js';

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  georss: 'http://www.georss.org/georss',
  geo: 'http://www.w3.org/2003/01/geo/wgs84_pos#',
  gml: 'http://www.opengis.net/gml',
  media: 'http://search.yahoo.com/mrss/',
} as const;

// Feeds often use a module's usual prefix without declaring it; such names still mean the module.
const CONVENTIONAL_PREFIXES: Readonly<Record<string, string>> = {
  atom: NS.atom,
  rdf: NS.rdf,
  dc: NS.dc,
  dcterms: NS.dcterms,
  content: NS.content,
  georss: NS.georss,
  geo: NS.geo,
  gml: NS.gml,
  media: NS.media,
};

/** The element's namespace: declared, else implied by a conventional prefix; `''` for none. */
function namespaceOf(element: XmlElement): string {
  if (element.namespace) return element.namespace;
  return element.prefix ? (CONVENTIONAL_PREFIXES[element.prefix] ?? `prefix:${element.prefix}`) : '';
}

// The unprefixed vocabulary of each format: RSS 2.0 and 0.9x have no namespace, RSS 1.0 and
// 0.90 have their own (and sloppy RDF feeds none), Atom 1.0 or 0.3.
const RSS_CORE = new Set(['', NS.rss10, NS.rss090]);
const ATOM_CORE = new Set([NS.atom, NS.atom03, '']);

const isIn = (element: XmlElement, namespaces: ReadonlySet<string> | string): boolean =>
  typeof namespaces === 'string' ? namespaceOf(element) === namespaces : namespaces.has(namespaceOf(element));

function child(element: XmlElement, name: string, namespaces: ReadonlySet<string> | string): XmlElement | undefined {
  for (const candidate of element.children)
    if (candidate.name === name && isIn(candidate, namespaces)) return candidate;
  return undefined;
}

function children(element: XmlElement, name: string, namespaces: ReadonlySet<string> | string): XmlElement[] {
  return element.children.filter((candidate) => candidate.name === name && isIn(candidate, namespaces));
}

/** First non-empty text among the named children. */
function textOf(element: XmlElement, name: string, namespaces: ReadonlySet<string> | string): string | undefined {
  for (const candidate of element.children) {
    if (candidate.name === name && isIn(candidate, namespaces) && candidate.text !== '') return candidate.text;
  }
  return undefined;
}

function attribute(element: XmlElement, localName: string): string | undefined {
  const direct = element.attributes[localName];
  if (direct !== undefined) return direct;
  const suffix = `:${localName}`;
  for (const name in element.attributes) {
    if (name.endsWith(suffix) && !name.startsWith('xmlns:')) return element.attributes[name];
  }
  return undefined;
}

/** Where one document's entries are, and the feed-level fields. */
export interface XmlFeedShape {
  readonly format: FeedFormat;
  readonly title?: string;
  readonly link?: string;
  /** Base for the entries' relative links. */
  readonly base: string | undefined;
  readonly entries: XmlElement[];
}

/** The reader's verdict on a root element: a feed format, or why it is none. */
export function feedFormatOf(root: XmlElement): FeedFormat | undefined {
  const ns = namespaceOf(root);
  if (root.name === 'rss' && ns === '') {
    const version = (root.attributes.version ?? '').trim();
    return /^0\.9\d?$/.test(version) ? 'rss-0.9x' : 'rss-2.0';
  }
  if (root.name === 'channel' && ns === '') return 'rss-2.0';
  if (root.name === 'RDF' && ns === NS.rdf) {
    const item = root.children.find((c) => c.name === 'item' || c.name === 'channel');
    return item && namespaceOf(item) === NS.rss090 ? 'rss-0.9x' : 'rss-1.0';
  }
  if (root.name === 'feed' && ATOM_CORE.has(ns)) return 'atom-1.0';
  return undefined;
}

const xmlBase = (element: XmlElement, base: string | undefined): string | undefined => {
  const declared = element.attributes['xml:base'];
  return declared === undefined ? base : (resolveLink(declared, base) ?? base);
};

/** Finds the feed-level fields and the entry elements of a parsed feed document. */
export function readXmlFeedShape(root: XmlElement, format: FeedFormat, baseUrl: string | undefined): XmlFeedShape {
  if (format === 'atom-1.0') {
    const base = xmlBase(root, baseUrl);
    const title = textConstruct(child(root, 'title', ATOM_CORE));
    const link = atomAlternate(root, base);
    return {
      format,
      ...(title ? { title } : {}),
      ...(link ? { link } : {}),
      base,
      entries: children(root, 'entry', ATOM_CORE),
    };
  }
  const channel = root.name === 'channel' ? root : (child(root, 'channel', RSS_CORE) ?? root);
  const title = plain(textOf(channel, 'title', RSS_CORE));
  // RSS 2.0 feeds copied from Atom sometimes carry an empty <link href="…"/> beside the real one.
  const link =
    resolveLink(textOf(channel, 'link', RSS_CORE), baseUrl) ??
    resolveLink(
      children(channel, 'link', RSS_CORE)
        .map((l) => l.attributes.href)
        .find(Boolean),
      baseUrl,
    ) ??
    atomAlternate(channel, baseUrl);
  const entries = [...children(channel, 'item', RSS_CORE)];
  if (channel !== root) entries.push(...children(root, 'item', RSS_CORE));
  return {
    format,
    ...(title ? { title } : {}),
    ...(link ? { link } : {}),
    base: link ?? baseUrl,
    entries,
  };
}

function plain(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = htmlToText(value);
  return text === '' ? undefined : text;
}

/** An Atom text construct as plain text, by its `type` (text, html, xhtml); xhtml needs the entry's markup. */
function textConstruct(element: XmlElement | undefined, markup?: () => string | undefined): string | undefined {
  if (!element) return undefined;
  const type = (element.attributes.type ?? 'text').toLowerCase();
  if (type.includes('xhtml')) {
    const qualified = element.prefix ? `${element.prefix}:${element.name}` : element.name;
    const source = markup?.();
    const inner = source === undefined ? undefined : innerMarkup(source, qualified);
    // Without the markup, the element tree's text is the best there is (inline order may differ).
    return plain(inner ?? flatten(element));
  }
  if (type.includes('html') || element.attributes.mode === 'escaped') return plain(element.text);
  const text = element.text.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

function flatten(element: XmlElement): string {
  return [element.text, ...element.children.map(flatten)].filter(Boolean).join('\n');
}

function atomAlternate(element: XmlElement, base: string | undefined): string | undefined {
  const links = children(element, 'link', ATOM_CORE).filter((l) => l.attributes.href !== undefined);
  const alternate =
    links.find((l) => (l.attributes.rel ?? 'alternate') === 'alternate' && /html/i.test(l.attributes.type ?? 'html')) ??
    links.find((l) => (l.attributes.rel ?? 'alternate') === 'alternate');
  return alternate ? resolveLink(alternate.attributes.href, xmlBase(alternate, base)) : undefined;
}

/** Per-entry facts the readers pass back besides the entry itself. */
export interface EntryReading {
  readonly entry: FeedEntry;
  /** True when the entry has nothing to show (no title, text or link): it is reported and dropped. */
  readonly empty: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function pushUnique(list: string[], value: string | undefined): void {
  if (value === undefined) return;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  if (trimmed && !list.includes(trimmed)) list.push(trimmed);
}

function readGeo(element: XmlElement, label: EntryLabel, context: FeedReadContext): LonLat | undefined {
  let written: string | undefined;
  let point: LonLat | undefined;
  const georss = textOf(element, 'point', NS.georss);
  const where = georss === undefined ? child(element, 'where', NS.georss) : undefined;
  const gmlPos = where ? child(child(where, 'Point', NS.gml) ?? where, 'pos', NS.gml)?.text : undefined;
  const pair = georss ?? gmlPos;
  if (pair !== undefined) {
    written = pair;
    const parts = pair.trim().split(/[\s,]+/);
    point = parts.length === 2 ? readPoint(parts[0], parts[1]) : undefined;
  } else {
    const geoPoint = child(element, 'Point', NS.geo) ?? element;
    const lat = textOf(geoPoint, 'lat', NS.geo);
    const lon = textOf(geoPoint, 'long', NS.geo) ?? textOf(geoPoint, 'lon', NS.geo);
    if (lat !== undefined || lon !== undefined) {
      written = `${lat ?? '?'} ${lon ?? '?'}`;
      point = readPoint(lat, lon);
    }
  }
  if (written !== undefined && point === undefined) {
    context.problems.push({
      code: 'EMW_PARSE_ITEM',
      reason: `${label}: location ${quote(written)} is not a latitude and longitude; the entry keeps no point`,
      itemIndex: label.index,
    });
  }
  return point;
}

function addEnclosure(
  enclosures: FeedEnclosure[],
  url: string | undefined,
  type: string | undefined,
  length: string | undefined,
  base: string | undefined,
  label: EntryLabel,
  context: FeedReadContext,
): void {
  if (url === undefined || url.trim() === '') return;
  const resolved = resolveLink(url, base);
  if (!resolved) {
    context.problems.push({
      code: 'EMW_PARSE_ITEM',
      reason: `${label}: enclosure ${quote(url)} is not an http(s) address; dropped`,
      itemIndex: label.index,
    });
    return;
  }
  if (enclosures.some((known) => known.url === resolved)) return;
  const enclosure: Mutable<FeedEnclosure> = { url: resolved };
  const mediaType = type?.trim();
  if (mediaType) enclosure.type = mediaType;
  const bytes = readLength(length);
  if (bytes !== undefined) enclosure.length = bytes;
  enclosures.push(enclosure);
}

function readLink(
  written: string | undefined,
  base: string | undefined,
  label: EntryLabel,
  context: FeedReadContext,
): string | undefined {
  if (written === undefined || written.trim() === '') return undefined;
  const resolved = resolveLink(written, base);
  if (!resolved) {
    context.problems.push({
      code: 'EMW_PARSE_ITEM',
      reason: `${label}: link ${quote(written)} is not an http(s) address${base ? '' : ' and the feed gives no base to resolve it'}; dropped`,
      itemIndex: label.index,
    });
  }
  return resolved;
}

/** The parts of an entry, in the order FeedEntry lists them. */
interface EntryParts {
  guid: string | undefined;
  link: string | undefined;
  title: string | undefined;
  text: string;
  publishedAt: string | undefined;
  updatedAt: string | undefined;
  author: string | undefined;
  categories: string[];
  enclosures: FeedEnclosure[];
  point: LonLat | undefined;
}

// Properties are added in one fixed order (no spreads), so every entry shares one object shape.
function finish(
  parts: EntryParts,
  label: EntryLabel,
  publishedField: string,
  publishedWritten: boolean,
  context: FeedReadContext,
): EntryReading {
  if (!publishedWritten) {
    context.problems.push({ code: 'EMW_PARSE_DATE', reason: `${label}: no ${publishedField}`, itemIndex: label.index });
  }
  const entry = {} as Mutable<FeedEntry>;
  if (parts.guid) entry.guid = parts.guid;
  if (parts.link) entry.link = parts.link;
  if (parts.title) entry.title = parts.title;
  entry.text = parts.text;
  entry.publishedAt = parts.publishedAt ?? null;
  if (parts.updatedAt && parts.updatedAt !== parts.publishedAt) entry.updatedAt = parts.updatedAt;
  if (parts.author) entry.author = parts.author;
  entry.categories = parts.categories;
  entry.enclosures = parts.enclosures;
  if (parts.point) entry.point = parts.point;
  return { entry, empty: !parts.title && parts.text === '' && !parts.link };
}

/** Reads one RSS (0.9x, 1.0, 2.0) `item`. */
export function readRssItem(
  item: XmlElement,
  base: string | undefined,
  index: number,
  context: FeedReadContext,
): EntryReading {
  const title = plain(textOf(item, 'title', RSS_CORE) ?? textOf(item, 'title', NS.dc));
  const label = new EntryLabel('item', index, title);
  const guidElement = child(item, 'guid', RSS_CORE);
  const guid = guidElement?.text || attribute(item, 'about')?.trim() || undefined;
  let link = readLink(textOf(item, 'link', RSS_CORE), base, label, context);
  link ??= atomAlternate(item, base);
  // A permalink GUID is the item's address when no link is given (RSS 2.0: isPermaLink defaults to true).
  if (!link && guidElement && guidElement.text && (guidElement.attributes.isPermaLink ?? 'true').trim() !== 'false') {
    link = resolveLink(guidElement.text, undefined);
  }
  const body =
    textOf(item, 'encoded', NS.content) ?? textOf(item, 'description', RSS_CORE) ?? textOf(item, 'description', NS.dc);
  const pubDate = textOf(item, 'pubDate', RSS_CORE);
  const dcDate = pubDate === undefined ? textOf(item, 'date', NS.dc) : undefined;
  const issued =
    pubDate === undefined && dcDate === undefined
      ? (textOf(item, 'issued', NS.dcterms) ?? textOf(item, 'created', NS.dcterms))
      : undefined;
  const publishedField = pubDate !== undefined ? 'pubDate' : dcDate !== undefined ? 'dc:date' : 'dcterms:issued';
  const publishedValue = pubDate ?? dcDate ?? issued;
  const publishedAt = readDate(publishedValue, publishedField, label, index, context);
  const modified = textOf(item, 'updated', NS.atom) ?? textOf(item, 'modified', NS.dcterms);
  const updatedAt = readDate(modified, 'updated', label, index, context);
  const categories: string[] = [];
  const enclosures: FeedEnclosure[] = [];
  for (const c of item.children) {
    const ns = namespaceOf(c);
    if (c.name === 'category' && RSS_CORE.has(ns)) pushUnique(categories, c.text);
    else if (c.name === 'subject' && ns === NS.dc) pushUnique(categories, c.text);
    else if (c.name === 'enclosure' && RSS_CORE.has(ns))
      addEnclosure(enclosures, c.attributes.url, c.attributes.type, c.attributes.length, base, label, context);
    else if (c.name === 'content' && ns === NS.media)
      addEnclosure(enclosures, c.attributes.url, c.attributes.type, c.attributes.fileSize, base, label, context);
  }
  return finish(
    {
      guid,
      link,
      title,
      text: body === undefined ? '' : htmlToText(body),
      publishedAt,
      updatedAt,
      author: readAuthor(textOf(item, 'author', RSS_CORE) ?? textOf(item, 'creator', NS.dc)),
      categories,
      enclosures,
      point: readGeo(item, label, context),
    },
    label,
    'pubDate or dc:date',
    publishedValue !== undefined,
    context,
  );
}

/** Reads one Atom (1.0, or 0.3) `entry`; `markup` gives the entry's own markup for xhtml content. */
export function readAtomEntry(
  entry: XmlElement,
  feedBase: string | undefined,
  index: number,
  context: FeedReadContext,
  markup: () => string | undefined,
): EntryReading {
  const base = xmlBase(entry, feedBase);
  const title = textConstruct(child(entry, 'title', ATOM_CORE), markup);
  const label = new EntryLabel('entry', index, title);
  let alternate: XmlElement | undefined;
  const categories: string[] = [];
  const enclosures: FeedEnclosure[] = [];
  for (const c of entry.children) {
    const ns = namespaceOf(c);
    if (c.name === 'link' && ATOM_CORE.has(ns)) {
      const rel = c.attributes.rel ?? 'alternate';
      if (rel === 'alternate') alternate ??= c;
      else if (rel === 'enclosure')
        addEnclosure(
          enclosures,
          c.attributes.href,
          c.attributes.type,
          c.attributes.length,
          xmlBase(c, base),
          label,
          context,
        );
    } else if (c.name === 'category' && ATOM_CORE.has(ns))
      pushUnique(categories, c.attributes.label ?? c.attributes.term);
    else if (c.name === 'subject' && ns === NS.dc) pushUnique(categories, c.text);
  }
  const link = alternate ? readLink(alternate.attributes.href, xmlBase(alternate, base), label, context) : undefined;
  const content = child(entry, 'content', ATOM_CORE);
  // Content given by reference (src) has no text here; the summary stands in.
  const text =
    (content && content.attributes.src === undefined ? textConstruct(content, markup) : undefined) ??
    textConstruct(child(entry, 'summary', ATOM_CORE), markup) ??
    '';
  const publishedValue = textOf(entry, 'published', ATOM_CORE) ?? textOf(entry, 'issued', ATOM_CORE);
  const updatedValue = textOf(entry, 'updated', ATOM_CORE) ?? textOf(entry, 'modified', ATOM_CORE);
  const published = readDate(publishedValue, 'published', label, index, context);
  const updated = readDate(updatedValue, 'updated', label, index, context);
  const authorElement = child(entry, 'author', ATOM_CORE);
  const author = authorElement
    ? (textOf(authorElement, 'name', ATOM_CORE) ?? textOf(authorElement, 'email', ATOM_CORE))
    : undefined;
  return finish(
    {
      guid: textOf(entry, 'id', ATOM_CORE),
      link,
      title,
      text,
      // Atom requires `updated`; many feeds give only it, so it stands for the publication time too.
      publishedAt: published ?? (publishedValue === undefined ? updated : undefined),
      updatedAt: updated,
      author: author?.replace(/\s+/g, ' ').trim(),
      categories,
      enclosures,
      point: readGeo(entry, label, context),
    },
    label,
    'published or updated',
    publishedValue !== undefined || updatedValue !== undefined,
    context,
  );
}
