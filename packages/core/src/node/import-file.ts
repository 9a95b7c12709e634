import { createReadStream } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCsvStream, type CsvEvent } from '../_internal/csv.js';
import { sha256Hex } from '../_internal/sha256.js';
import type {
  Collector,
  CollectorContext,
  CollectorIssue,
  ParsedItems,
  ParseOptions,
  SourceCursor,
} from '../collect/collector.js';
import type { CollectorIssueCode } from '../collect/issue-codes.js';
import { makeIssue, quarantine } from '../collect/make-issue.js';
import {
  parsePostPayload,
  postFieldKeys,
  POST_RECORD_MEDIA_TYPE,
  readPostRecord,
} from '../collect/_internal/post-record.js';
import { EmwatchError } from '../errors.js';
import type { RawItem } from '../model/raw-item.js';
import { isSourceKind, type SourceKind } from '../model/signal.js';
import { parseDate } from '../parse/parse-date.js';
import { readTextLines, type TextLine } from './_internal/text-lines.js';

/** Options of {@link importFile}. */
export interface ImportFileOptions {
  /** Id of the source; `import:<file name>` by default. */
  readonly id?: string;
  /** `'jsonl'` (one JSON record per line), `'csv'` (a header row, then one record per row), or `'auto'` (by extension, else by content; the default). */
  readonly format?: 'jsonl' | 'csv' | 'auto';
  /** Kind of source the posts come from, unless a record names its own; `'social'` by default. */
  readonly sourceKind?: SourceKind;
  /** IANA zone for dates written without an offset; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
  /** The file's encoding (a WHATWG label such as `'gbk'`), instead of detecting it. */
  readonly encoding?: string;
  /** CSV field separator; by default the most frequent of comma, tab and semicolon in the header row. */
  readonly delimiter?: string;
  /** Longest record accepted, in bytes (a JSONL line, a CSV row); 1 MiB by default. */
  readonly maxRecordBytes?: number;
}

const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
/** Records between cursor writes: a crash repeats at most this many, and their ids make the repeats harmless. */
const CURSOR_EVERY = 256;
const READ_CHUNK_BYTES = 64 * 1024;

function optionsError(path: string, message: string): EmwatchError {
  return new EmwatchError('EMW_COLLECTOR_OPTIONS', `[emwatch] [import-file] ${path}: ${message}`);
}

/** The format by the file name; undefined when it does not say. */
function formatByName(path: string): 'jsonl' | 'csv' | undefined {
  const extension = extname(path).toLowerCase();
  if (['.jsonl', '.ndjson', '.json'].includes(extension)) return 'jsonl';
  if (['.csv', '.tsv', '.txt'].includes(extension)) return 'csv';
  return undefined;
}

/** The delimiter a header row uses: the most frequent of comma, tab and semicolon outside quotes. */
function sniffDelimiter(header: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    ['\t', 0],
    [';', 0],
  ]);
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

/** Header names made unique (`时间`, `时间 (2)`), so no column overwrites another in the record. */
function uniqueNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw) => {
    const name = raw.replace(/^\uFEFF/u, '').trim();
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

/**
 * Imports an archive of exported posts (a department's existing records, a monitoring
 * platform's export) as JSONL or CSV, streaming it with bounded memory however large it is: one
 * raw item per record, whose payload is the record as JSON under its own names (CSV cells keyed by
 * the header; English names and common Chinese export headers such as 标题, 内容/正文, 链接,
 * 发布时间, 作者, 来源 are understood, see `PostRecord`). Encodings: UTF-8, UTF-8 or UTF-16 with
 * a byte order mark, and GB18030/GBK (what Excel in China saves CSV as), detected or given. A bad
 * line or row (not JSON, wrong field count, wrong encoding, no text) is reported as an issue naming
 * its line, with its text quarantined, and the rest go on. The cursor's `position` counts the
 * records done (good and bad), so a re-run continues after them; it starts over when the file's
 * first line changed (another file under the same name). Records appended later are picked up.
 *
 * @example
 * ```ts
 * import { importFile } from '@emwatch/core/node';
 * const archive = importFile('/data/xilingol-2024-posts.csv', { sourceKind: 'social' });
 * for await (const out of archive.collect(ctx)) {
 *   if (isCollectorIssue(out)) console.error(out.reason);
 *   else await store.putSignals(archive.parse(out).signals);
 * }
 * ```
 */
export function importFile(path: string, options: ImportFileOptions = {}): Collector {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new EmwatchError('EMW_COLLECTOR_OPTIONS', '[emwatch] [import-file] path must be a non-empty string');
  }
  const file = resolve(path);
  const fileUrl = pathToFileURL(file).href;
  const id = options.id ?? `import:${basename(file)}`;
  if (typeof id !== 'string' || id.trim() === '') throw optionsError(file, 'id must be a non-empty string');
  const requested = options.format ?? 'auto';
  if (!['jsonl', 'csv', 'auto'].includes(requested))
    throw optionsError(file, `format "${String(requested)}" must be jsonl, csv or auto`);
  const sourceKind = options.sourceKind ?? 'social';
  if (!isSourceKind(sourceKind)) throw optionsError(file, `sourceKind "${String(sourceKind)}" is not a source kind`);
  const { timeZone, delimiter } = options;
  if (timeZone !== undefined) {
    try {
      parseDate('2025-01-01 00:00', { timeZone });
    } catch {
      throw optionsError(file, `timeZone "${timeZone}" is not an IANA time zone`);
    }
  }
  if (options.encoding !== undefined) {
    try {
      new TextDecoder(options.encoding);
    } catch {
      throw optionsError(file, `encoding "${options.encoding}" is not a known encoding label`);
    }
  }
  if (delimiter !== undefined && (delimiter.length !== 1 || '"\r\n'.includes(delimiter))) {
    throw optionsError(
      file,
      `delimiter ${JSON.stringify(delimiter)} must be one character other than a quote or a line break`,
    );
  }
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 1) {
    throw optionsError(file, `maxRecordBytes must be a positive integer, got ${String(maxRecordBytes)}`);
  }

  return {
    id,
    kind: 'import-file',
    sourceKind,
    url: fileUrl,
    async *collect(ctx: CollectorContext): AsyncIterable<RawItem | CollectorIssue> {
      const issue = (
        code: CollectorIssueCode,
        reason: string,
        extra: Partial<Omit<CollectorIssue, 'kind' | 'code' | 'sourceId' | 'reason' | 'at'>> = {},
      ): CollectorIssue => makeIssue(code, id, `${basename(file)}: ${reason}`, ctx.now(), { url: fileUrl, ...extra });

      const cursor = await ctx.cursor.get();
      const resumeFrom = Number(cursor?.position ?? 0);
      let skip = Number.isSafeInteger(resumeFrom) && resumeFrom > 0 ? resumeFrom : 0;
      let done = 0;
      /** Records made so far (raw items and record issues), the next one's index. */
      let produced = 0;
      let saved = skip;
      let firstLineHash: string | undefined;
      const save = async (): Promise<void> => {
        if (done <= saved || firstLineHash === undefined) return;
        saved = done;
        const next: SourceCursor = {
          position: String(done),
          contentHash: firstLineHash,
          updatedAt: ctx.now().toISOString(),
        };
        await ctx.cursor.set(next);
      };

      const stream = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
      // The stream stays silent until read; an error (no such file) surfaces in the loop below.
      const lines = readTextLines(stream as AsyncIterable<Uint8Array>, {
        maxLineBytes: maxRecordBytes,
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
      });
      let format = requested === 'auto' ? formatByName(file) : requested;
      let csv: ReturnType<typeof createCsvStream> | undefined;
      let header: string[] | undefined;
      /**
       * CSV lines that could not be decoded: each is reported on its own at once, and a row that
       * spans one is dropped, as it would hold a hole. Kept only while such a row can still end.
       */
      const badLines = new Set<number>();
      let lastRowLine = 0;

      /** Turns a JSON record (a JSONL line, a CSV row keyed by its header) into a raw item or an issue. */
      const record = (value: Record<string, unknown>, line: number, text: string): RawItem | CollectorIssue => {
        // Only whether the record is usable matters here; parse() reads (and reports) its date.
        const read = readPostRecord(value, { parseDates: false });
        if (!read.post) {
          return issue('EMW_PARSE_ITEM', `line ${line}: ${read.problems.map((problem) => problem.reason).join('; ')}`, {
            itemIndex: produced,
            quarantine: quarantine(text),
          });
        }
        const payload = JSON.stringify(value);
        const contentHash = sha256Hex(payload);
        return {
          id: `${id}:${contentHash}`,
          sourceId: id,
          fetchedAt: ctx.now().toISOString(),
          payload,
          contentType: POST_RECORD_MEDIA_TYPE,
          encoding: lines.encoding() ?? 'utf-8',
          provenance: { url: `${fileUrl}#line=${line}`, contentHash },
        };
      };

      /** What one JSONL line gives; undefined for a blank line, which is not a record. */
      const fromJsonLine = (line: TextLine): RawItem | CollectorIssue | undefined => {
        if (line.problem) {
          return issue(line.problem.code, line.problem.reason, {
            itemIndex: produced,
            quarantine: quarantine(line.problem.bytes),
          });
        }
        const text = line.text.trim();
        if (text === '') return undefined;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          return issue(
            'EMW_PARSE_JSON',
            `line ${line.line} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
            {
              itemIndex: produced,
              quarantine: quarantine(line.text),
            },
          );
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return issue('EMW_PARSE_ITEM', `line ${line.line} is not a JSON object`, {
            itemIndex: produced,
            quarantine: quarantine(line.text),
          });
        }
        return record(value as Record<string, unknown>, line.line, line.text);
      };

      /** What one CSV event gives: the header sets the columns; rows and problems are records. */
      const fromCsvEvent = (event: CsvEvent): RawItem | CollectorIssue | undefined => {
        if (event.kind === 'header') {
          header = uniqueNames(event.values);
          const fields = postFieldKeys(header);
          if (!fields.has('text') && !fields.has('title')) {
            return issue(
              'EMW_PARSE_FORMAT',
              `line ${event.line}: no text or title column among ${header.map((name) => JSON.stringify(name)).join(', ')}`,
              {
                fatal: true,
                quarantine: quarantine(event.values.join(',')),
              },
            );
          }
          return undefined;
        }
        if (event.kind === 'problem') {
          if (badLines.has(event.line)) return undefined;
          return issue('EMW_PARSE_CSV', event.reason, { itemIndex: produced, quarantine: quarantine(event.text) });
        }
        if (badLines.size > 0) {
          lastRowLine = event.line + (event.text.match(/\n/gu)?.length ?? 0);
          for (let line = event.line; line <= lastRowLine; line++) if (badLines.has(line)) return undefined;
        }
        const value: Record<string, string> = {};
        header!.forEach((name, index) => {
          if (name !== '') value[name] = event.values[index] ?? '';
        });
        return record(value, event.line, event.text);
      };

      try {
        for await (const batch of lines.batches) {
          const out: (RawItem | CollectorIssue)[] = [];
          const emit = (result: RawItem | CollectorIssue | undefined): void => {
            if (result === undefined) return;
            out.push(result);
            produced++;
          };
          for (const line of batch) {
            if (firstLineHash === undefined) {
              if (line.text.trim() === '' && !line.problem) continue;
              firstLineHash = sha256Hex(line.text);
              // Another file under this name: what was done in the old one says nothing about it.
              if (cursor?.contentHash !== undefined && cursor.contentHash !== firstLineHash) skip = 0;
              if (format === undefined) format = line.text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
            }
            if (format === 'jsonl') {
              emit(fromJsonLine(line));
              continue;
            }
            if (csv === undefined) {
              csv = createCsvStream({
                delimiter: delimiter ?? sniffDelimiter(line.text),
                maxFieldBytes: maxRecordBytes,
                maxRowBytes: maxRecordBytes,
              });
            }
            if (line.problem) {
              emit(
                issue(line.problem.code, line.problem.reason, {
                  itemIndex: produced,
                  quarantine: quarantine(line.problem.bytes),
                }),
              );
              badLines.add(line.line);
            }
            for (const event of csv.push(`${line.text}\n`)) emit(fromCsvEvent(event));
            if (badLines.size > 0) for (const bad of [...badLines]) if (bad <= lastRowLine) badLines.delete(bad);
          }
          for (const result of out) {
            if (ctx.signal.aborted) return;
            const fatal = !('payload' in result) && result.fatal === true;
            if (fatal) {
              yield result;
              return;
            }
            if (done < skip) {
              done++;
              continue;
            }
            yield result;
            done++;
            if (done - saved >= CURSOR_EVERY) await save();
          }
        }
        if (csv) {
          for (const event of csv.end()) {
            const result = fromCsvEvent(event);
            if (result === undefined) continue;
            produced++;
            if (ctx.signal.aborted) return;
            if (done < skip) {
              done++;
              continue;
            }
            yield result;
            done++;
          }
        }
      } catch (error) {
        const code = (error as { code?: string }).code;
        const reason =
          code === 'ENOENT'
            ? `no such file: ${file}`
            : code === 'EACCES'
              ? `permission denied reading ${file}`
              : `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`;
        yield makeIssue('EMW_SOURCE_FAILED', id, reason, ctx.now(), { url: fileUrl, fatal: true });
      } finally {
        stream.destroy();
        await save();
      }
    },
    parse(raw: RawItem, parseOptions: ParseOptions = {}): ParsedItems {
      const zone = timeZone ?? parseOptions.timeZone;
      const line = /#line=(\d+)$/u.exec(raw.provenance.url ?? '')?.[1];
      return parsePostPayload(raw, {
        sourceKind,
        where: line === undefined ? basename(file) : `${basename(file)} line ${line}`,
        ...(zone === undefined ? {} : { timeZone: zone }),
        ...(parseOptions.collectedAt === undefined ? {} : { collectedAt: parseOptions.collectedAt }),
      });
    },
  };
}
