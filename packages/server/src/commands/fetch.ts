import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  EmwatchError,
  MAX_RAW_PAYLOAD_BYTES,
  cap,
  decodeBody,
  detectFormat,
  fetchDocument,
  inferJsonApi,
  isCollectorIssue,
  parseCapItem,
  parseFeedItem,
  parseJsonApi,
  parseQuake,
  type CollectorContext,
  type CollectorIssue,
  type DocumentFormat,
  type ParsedItems,
  type ParseOptions,
  type RawItem,
  type RegionPack,
  type SourceCursor,
  type SourceKind,
} from '@emwatch/core';

/** What `--format` accepts. */
export const FETCH_FORMATS = ['auto', 'rss', 'cap', 'usgs-geojson', 'cenc-json', 'json'] as const;
export type FetchFormat = (typeof FETCH_FORMATS)[number];

export interface FetchCommandOptions {
  readonly format: FetchFormat;
  readonly region: RegionPack;
  readonly sourceId?: string;
  readonly sourceKind?: SourceKind;
  /** Allow loopback/private addresses (an intranet source, a local test server). */
  readonly allowPrivate?: boolean;
  readonly timeZone?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly resolveHost?: CollectorContext['resolveHost'];
  readonly now?: () => Date;
  /** Milliseconds the whole command may take before it is aborted. */
  readonly timeoutMs?: number;
}

const DEFAULT_SOURCE_KIND: Readonly<Record<DocumentFormat, SourceKind>> = {
  rss: 'media',
  cap: 'official-warning',
  'usgs-geojson': 'sensor',
  'cenc-json': 'sensor',
  json: 'media',
};

/** One problem as the operator sees it on stderr: the code, the source, the reason, and where. */
function issueLine(issue: CollectorIssue): string {
  const { code, sourceId, reason, url, itemIndex, status, fatal, quarantine } = issue;
  return JSON.stringify({
    code,
    source: sourceId,
    reason,
    ...(url === undefined ? {} : { url }),
    ...(itemIndex === undefined ? {} : { itemIndex }),
    ...(status === undefined ? {} : { status }),
    ...(fatal === undefined ? {} : { fatal }),
    ...(quarantine ? { quarantinedBytes: quarantine.bytes } : {}),
  });
}

function memoryCursor(): CollectorContext['cursor'] {
  let cursor: SourceCursor | undefined;
  return { get: async () => cursor, set: async (next) => void (cursor = next) };
}

const rejected = (
  sourceId: string,
  code: CollectorIssue['code'],
  reason: string,
  now: Date,
  url?: string,
): CollectorIssue => ({
  kind: 'issue',
  code,
  sourceId,
  reason,
  at: now.toISOString(),
  fatal: true,
  ...(url === undefined ? {} : { url }),
});

/** Reads a local file into a raw item, decoding it like a fetched body. */
async function readLocal(path: string, sourceId: string, now: Date): Promise<RawItem | CollectorIssue> {
  let bytes: Uint8Array;
  try {
    const size = (await stat(path)).size;
    // Decoded text may be somewhat larger than GBK bytes; the payload limit is checked after decoding too.
    if (size > MAX_RAW_PAYLOAD_BYTES)
      return rejected(
        sourceId,
        'EMW_FETCH_TOO_LARGE',
        `${path} is ${size} bytes, over the limit of ${MAX_RAW_PAYLOAD_BYTES}`,
        now,
      );
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    return rejected(sourceId, 'EMW_SOURCE_FAILED', `cannot read ${path}: ${(error as Error).message}`, now);
  }
  let decoded;
  try {
    decoded = decodeBody(bytes);
  } catch (error) {
    return rejected(sourceId, 'EMW_DECODE', `${path}: ${(error as Error).message}`, now);
  }
  const contentHash = createHash('sha256').update(decoded.text, 'utf8').digest('hex');
  return {
    id: `${sourceId}:${contentHash}`,
    sourceId,
    fetchedAt: now.toISOString(),
    payload: decoded.text,
    encoding: decoded.encoding,
    provenance: { contentHash },
  };
}

/** JSON with an optional JSONP wrapper taken off by shape (never evaluated). */
function readJson(text: string): unknown {
  const trimmed = text.trim().replace(/^\uFEFF/u, '');
  const jsonp = /^[A-Za-z_$][\w$.]*\s*\(([\s\S]*)\)\s*;?$/u.exec(trimmed);
  return JSON.parse(jsonp ? (jsonp[1] ?? '') : trimmed);
}

function parseAs(
  format: DocumentFormat,
  raw: RawItem,
  sourceKind: SourceKind,
  options: ParseOptions,
  now: Date,
): ParsedItems {
  switch (format) {
    case 'rss':
      return parseFeedItem(raw, sourceKind, options);
    case 'cap':
      return parseCapItem(raw, sourceKind, options);
    case 'usgs-geojson':
    case 'cenc-json':
      return parseQuake(raw, { ...options, format, sourceKind });
    case 'json': {
      let body: unknown;
      try {
        body = readJson(raw.payload);
      } catch (error) {
        return {
          signals: [],
          issues: [
            rejected(
              raw.sourceId,
              'EMW_PARSE_JSON',
              `not valid JSON: ${(error as Error).message}`,
              now,
              raw.provenance.url,
            ),
          ],
        };
      }
      const mapping = inferJsonApi(body);
      if (!mapping) {
        return {
          signals: [],
          issues: [
            rejected(
              raw.sourceId,
              'EMW_PARSE_FORMAT',
              'JSON has no array of items with a title or text field; configure a jsonApi source with itemsPath and fields',
              now,
              raw.provenance.url,
            ),
          ],
        };
      }
      return parseJsonApi(raw, { ...options, ...mapping, sourceKind });
    }
  }
}

/**
 * `emwatch fetch <url|file>`: reads one source once, the way the monitor would, and prints the
 * signals it yields as JSONL on stdout and each problem as a JSON line on stderr. Exit status 0
 * when the input parsed (even with some bad items), 2 when it was rejected as a whole — how an
 * operator checks a new source before configuring it.
 */
export async function fetchCommand(
  input: string,
  options: FetchCommandOptions,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const now = options.now ?? (() => new Date());
  const isUrl = /^https?:\/\//iu.test(input);
  const sourceId = options.sourceId ?? (isUrl ? new URL(input).hostname : basename(input));
  const parseOptions: ParseOptions = {
    region: options.region,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 120_000);
  const ctx: CollectorContext = {
    fetch: options.fetch ?? globalThis.fetch,
    now,
    signal: controller.signal,
    cursor: memoryCursor(),
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
  };
  const issues: CollectorIssue[] = [];
  let signals = 0;
  const report = (issue: CollectorIssue): void => {
    issues.push(issue);
    err(issueLine(issue));
  };
  const emit = (parsed: ParsedItems): void => {
    for (const signal of parsed.signals) out(JSON.stringify(signal));
    signals += parsed.signals.length;
    parsed.issues.forEach(report);
  };
  try {
    let raw: RawItem | CollectorIssue;
    if (isUrl) {
      const fetched = await fetchDocument(ctx, {
        sourceId,
        url: input,
        accept: '*/*',
        allowPrivate: options.allowPrivate ?? false,
      });
      if (fetched.kind === 'unchanged')
        raw = rejected(
          sourceId,
          'EMW_FETCH_HTTP',
          `${input} answered 304 Not Modified to a request without validators`,
          now(),
          input,
        );
      else if (fetched.kind === 'issue') raw = fetched.issue;
      else {
        fetched.warnings.forEach(report);
        raw = fetched.raw;
      }
    } else {
      raw = await readLocal(input, sourceId, now());
    }
    if (isCollectorIssue(raw)) {
      report(raw);
      return 2;
    }
    const format = options.format === 'auto' ? detectFormat(raw.payload) : options.format;
    if (format === undefined) {
      const start = raw.payload.trimStart().slice(0, 60).replace(/\s+/gu, ' ');
      report(
        rejected(
          sourceId,
          'EMW_PARSE_FORMAT',
          `${input} is not a feed, CAP, quake feed or JSON (it starts with ${JSON.stringify(start)}); pass --format to force one`,
          now(),
          isUrl ? input : undefined,
        ),
      );
      return 2;
    }
    const sourceKind = options.sourceKind ?? DEFAULT_SOURCE_KIND[format];
    if (format === 'cap' && isUrl) {
      // A CAP index links to the alerts: run the real collector so each linked document is fetched too.
      const collector = cap({ id: sourceId, url: input, sourceKind, allowPrivate: options.allowPrivate ?? false });
      for await (const item of collector.collect(ctx)) {
        if (isCollectorIssue(item)) report(item);
        else emit(collector.parse(item, parseOptions));
      }
    } else {
      emit(parseAs(format, raw, sourceKind, parseOptions, now()));
    }
    return signals === 0 && issues.some((issue) => issue.fatal) ? 2 : 0;
  } catch (error) {
    if (!(error instanceof EmwatchError)) throw error;
    report(rejected(sourceId, 'EMW_SOURCE_FAILED', error.message, now(), isUrl ? input : undefined));
    return 2;
  } finally {
    clearTimeout(timer);
  }
}
