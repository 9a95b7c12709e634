import { EmwatchError } from '../../errors.js';
import { htmlToText } from '../html-to-text.js';
import type { FeedEnclosure, FeedEntry } from '../parse-feed.js';
import {
  EntryLabel,
  quote,
  readAuthor,
  readDate,
  readLength,
  resolveLink,
  type FeedReadContext,
} from './feed-values.js';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/** One JSON Feed item read, with the markers the caller needs. */
export interface JsonEntryReading {
  readonly entry: FeedEntry | undefined;
  readonly empty: boolean;
}

/** The feed-level fields and items of a JSON Feed (1.0 or 1.1); throws EMW_PARSE_FORMAT for other JSON. */
export function readJsonFeedShape(
  value: unknown,
  baseUrl: string | undefined,
): { title?: string; link?: string; base: string | undefined; items: unknown[] } {
  const version = isObject(value) ? str(value.version) : undefined;
  if (!isObject(value) || !version?.startsWith('https://jsonfeed.org/version/1')) {
    const found = isObject(value)
      ? `an object with keys ${quote(Object.keys(value).slice(0, 6).join(', '))}`
      : Array.isArray(value)
        ? 'an array'
        : `a ${value === null ? 'null' : typeof value}`;
    throw new EmwatchError(
      'EMW_PARSE_FORMAT',
      `JSON document is not a JSON Feed: found ${found}, not "version": "https://jsonfeed.org/version/1.1"`,
    );
  }
  if (!Array.isArray(value.items)) {
    throw new EmwatchError('EMW_PARSE_FORMAT', 'JSON Feed has no "items" array');
  }
  const link = resolveLink(str(value.home_page_url), baseUrl) ?? resolveLink(str(value.feed_url), baseUrl);
  const title = str(value.title)?.trim();
  return { ...(title ? { title } : {}), ...(link ? { link } : {}), base: link ?? baseUrl, items: value.items };
}

function authorOf(item: JsonObject): string | undefined {
  const authors = Array.isArray(item.authors) ? item.authors : [item.author];
  for (const author of authors) {
    const name = isObject(author) ? str(author.name) : undefined;
    if (name?.trim()) return readAuthor(name);
  }
  return undefined;
}

/** Reads one JSON Feed item; an item that is not an object is reported and gives no entry. */
export function readJsonItem(
  item: unknown,
  base: string | undefined,
  index: number,
  context: FeedReadContext,
): JsonEntryReading {
  if (!isObject(item)) {
    context.problems.push({
      code: 'EMW_PARSE_ITEM',
      reason: `item ${index}: is ${Array.isArray(item) ? 'an array' : item === null ? 'null' : `a ${typeof item}`}, not an object; dropped`,
      itemIndex: index,
    });
    return { entry: undefined, empty: true };
  }
  const titleWritten = str(item.title);
  const title = titleWritten === undefined ? undefined : htmlToText(titleWritten) || undefined;
  const label = new EntryLabel('item', index, title);
  const guid = str(item.id)?.trim() || undefined;
  const urlWritten = str(item.url) ?? str(item.external_url);
  let link: string | undefined;
  if (urlWritten !== undefined && urlWritten.trim() !== '') {
    link = resolveLink(urlWritten, base);
    if (!link) {
      context.problems.push({
        code: 'EMW_PARSE_ITEM',
        reason: `${label}: url ${quote(urlWritten)} is not an http(s) address; dropped`,
        itemIndex: index,
      });
    }
  }
  const textWritten = str(item.content_text);
  const html = str(item.content_html);
  const summary = str(item.summary);
  const text =
    textWritten !== undefined
      ? textWritten.replace(/[^\S\n]+/g, ' ').trim()
      : html !== undefined
        ? htmlToText(html)
        : summary !== undefined
          ? htmlToText(summary)
          : '';
  const publishedWritten = str(item.date_published);
  const modifiedWritten = str(item.date_modified);
  const publishedAt = readDate(publishedWritten, 'date_published', label, index, context);
  const updatedAt = readDate(modifiedWritten, 'date_modified', label, index, context);
  if (publishedWritten === undefined && modifiedWritten === undefined) {
    context.problems.push({ code: 'EMW_PARSE_DATE', reason: `${label}: no date_published`, itemIndex: index });
  }
  const categories: string[] = [];
  if (Array.isArray(item.tags)) {
    for (const tag of item.tags) {
      const value = str(tag)?.replace(/\s+/g, ' ').trim();
      if (value && !categories.includes(value)) categories.push(value);
    }
  }
  const enclosures: FeedEnclosure[] = [];
  if (Array.isArray(item.attachments)) {
    for (const attachment of item.attachments) {
      if (!isObject(attachment)) continue;
      const written = str(attachment.url);
      if (written === undefined) continue;
      const url = resolveLink(written, base);
      if (!url) {
        context.problems.push({
          code: 'EMW_PARSE_ITEM',
          reason: `${label}: attachment ${quote(written)} is not an http(s) address; dropped`,
          itemIndex: index,
        });
        continue;
      }
      const type = str(attachment.mime_type)?.trim();
      const size = readLength(typeof attachment.size_in_bytes === 'number' ? attachment.size_in_bytes : undefined);
      if (!enclosures.some((known) => known.url === url))
        enclosures.push({ url, ...(type ? { type } : {}), ...(size === undefined ? {} : { length: size }) });
    }
  }
  const author = authorOf(item);
  // date_modified alone stands for the publication time, as Atom's `updated` does.
  const published = publishedAt ?? (publishedWritten === undefined ? updatedAt : undefined);
  const entry: FeedEntry = {
    ...(guid ? { guid } : {}),
    ...(link ? { link } : {}),
    ...(title ? { title } : {}),
    text,
    publishedAt: published ?? null,
    ...(updatedAt && updatedAt !== published ? { updatedAt } : {}),
    ...(author ? { author } : {}),
    categories,
    enclosures,
  };
  return { entry, empty: !title && text === '' && !link };
}
