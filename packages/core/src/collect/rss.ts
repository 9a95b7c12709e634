import { EmwatchError } from '../errors.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal, SourceKind } from '../model/signal.js';
import { locatorFor } from '../parse/_internal/region-locator.js';
import { parseFeed } from '../parse/parse-feed.js';
import { checkPollingOptions } from './_internal/check-polling-options.js';
import { makeIssue, quarantine } from './make-issue.js';
import { makeSignal } from './make-signal.js';
import { createPollingCollector } from './_internal/polling-collector.js';
import type { Collector, CollectorIssue, ParsedItems, ParseOptions } from './collector.js';
import { COLLECTOR_ISSUE_CODES, type CollectorIssueCode } from './issue-codes.js';

/** Options of {@link rss}. */
export interface RssOptions {
  /** Id of the source, e.g. `'xlgl-yjglj'`. */
  readonly id: string;
  /** Address of the feed (absolute http(s)). */
  readonly url: string;
  /** Kind of source stamped on the signals; `'media'` by default (`'official-news'` for government sites). */
  readonly sourceKind?: SourceKind;
  /** Let this source reach loopback or private addresses: `true`, or the host names allowed. */
  readonly allowPrivate?: boolean | readonly string[];
}

// Feed types first; generic XML and JSON next, because many government sites serve feeds as
// text/xml, text/html or application/json.
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.1';

const isIssueCode = (code: string): code is CollectorIssueCode => Object.hasOwn(COLLECTOR_ISSUE_CODES, code);

/** Parses one fetched feed document into signals and issues; never throws for bad input. */
/**
 * Parses one raw item a feed source delivered (RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed 1.1) into
 * signals with {@link parseFeed}: entries become signals, problems become issues with the entry's
 * markup quarantined; a rejected document is one fatal issue with the payload quarantined. Pure.
 *
 * @example
 * ```ts
 * const { signals, issues } = parseFeedItem(raw, 'official-news', { region: regionNmg });
 * ```
 */
export function parseFeedItem(raw: RawItem, sourceKind: SourceKind, options: ParseOptions = {}): ParsedItems {
  const url = raw.provenance.url;
  const at = options.collectedAt ?? raw.fetchedAt;
  const meta = {
    ...(raw.contentType ? { contentType: raw.contentType } : {}),
    ...(raw.encoding ? { encoding: raw.encoding } : {}),
  };
  const issueAt = (
    code: CollectorIssueCode,
    reason: string,
    extra: Partial<Omit<CollectorIssue, 'kind' | 'code' | 'sourceId' | 'reason' | 'at'>>,
  ): CollectorIssue => makeIssue(code, raw.sourceId, reason, at, { ...(url ? { url } : {}), ...extra });

  let result;
  try {
    result = parseFeed(raw.payload, {
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(url ? { baseUrl: url } : {}),
    });
  } catch (error) {
    // Only a rejected document becomes an issue; anything else (a bad time zone option) is the caller's.
    if (!(error instanceof EmwatchError) || !error.code.startsWith('EMW_PARSE_') || !isIssueCode(error.code))
      throw error;
    return {
      signals: [],
      issues: [issueAt(error.code, error.message, { fatal: true, quarantine: quarantine(raw.payload, meta) })],
    };
  }

  const { feed, problems } = result;
  const issues = problems.map((problem) =>
    issueAt(problem.code, problem.reason, {
      fatal: false,
      ...(problem.itemIndex === undefined ? {} : { itemIndex: problem.itemIndex }),
      // A document-level problem (read entry by entry) keeps the whole document; an entry's problem, the entry.
      quarantine: quarantine(problem.itemIndex === undefined ? raw.payload : (problem.source ?? raw.payload), meta),
    }),
  );
  const locator = options.region ? locatorFor(options.region) : undefined;
  const signals: Signal[] = [];
  const seen = new Set<string>();
  for (const entry of feed.entries) {
    const regionCodes = entry.point && locator ? locator.locate(entry.point[0], entry.point[1]) : [];
    const signal = makeSignal(
      raw,
      sourceKind,
      {
        ...(entry.guid ? { guid: entry.guid } : {}),
        ...(entry.link ? { url: entry.link } : {}),
        ...(entry.title ? { title: entry.title } : {}),
        text: entry.text,
        publishedAt: entry.publishedAt,
        ...(entry.author ? { author: entry.author } : {}),
        // The feed's own title names the channel the entry was published in.
        ...(feed.title ? { outlet: feed.title } : {}),
        ...(entry.point ? { geometry: { type: 'Point', coordinates: entry.point } } : {}),
        ...(regionCodes.length > 0 ? { facts: { regionCodes } } : {}),
      },
      options.collectedAt,
    );
    // Entries that differ only in whitespace get one id: keep the first, as the store would.
    if (seen.has(signal.id)) continue;
    seen.add(signal.id);
    signals.push(signal);
  }
  return { signals, issues };
}

/**
 * A collector for an RSS 0.9x, RSS 1.0, RSS 2.0, Atom 1.0 or JSON Feed 1.1 feed: polls the
 * address politely (conditional GET, the fetch limits, the SSRF guard), decodes GBK and other
 * legacy encodings, and parses each changed document with {@link parseFeed} into one signal per
 * entry (plain text, ISO dates, absolute links, the entry's point and, when parsed with a region
 * pack, the units it lies in). Problems become issues with the broken entry's markup quarantined;
 * a document that cannot be read at all becomes one fatal issue with the document quarantined.
 * Throws `EMW_COLLECTOR_OPTIONS` naming the key for a bad option.
 *
 * @example
 * ```ts
 * const xlgl = rss({ id: 'xlgl-yjglj', url: 'http://yjglj.xlgl.gov.cn/rss/gzdt.xml', sourceKind: 'official-news' });
 * for await (const out of xlgl.collect(ctx)) {
 *   if (isCollectorIssue(out)) console.error(out.code, out.reason);
 *   else for (const signal of xlgl.parse(out, { region: regionNmg }).signals) console.log(signal.title);
 * }
 * ```
 */
export function rss(options: RssOptions): Collector {
  checkPollingOptions('rss', options);
  const { id, url, allowPrivate } = options;
  const sourceKind = options.sourceKind ?? 'media';
  return createPollingCollector({
    id,
    kind: 'rss',
    sourceKind,
    url,
    accept: ACCEPT,
    ...(allowPrivate === undefined ? {} : { allowPrivate }),
    parse: (raw, parseOptions) => parseFeedItem(raw, sourceKind, parseOptions),
  });
}
