import { EmwatchError } from '../errors.js';

/** Options of {@link parseCsv} and {@link createCsvStream}. */
export interface ParseCsvOptions {
  /** Field separator, one character; `','` by default (`'\t'` for TSV, `';'` for some European exports). */
  readonly delimiter?: string;
  /** Longest field accepted, in UTF-8 bytes; a longer one makes its row a problem. 256 KiB by default. */
  readonly maxFieldBytes?: number;
  /** Longest row accepted, in UTF-8 bytes (all fields and separators). 1 MiB by default. */
  readonly maxRowBytes?: number;
}

/** One data row: the 1-based line it starts on and its fields, as many as the header has. */
export interface CsvRow {
  readonly line: number;
  readonly values: string[];
}

/** A row that could not be read, with the line it starts on, why, and its text (bounded) for quarantine. */
export interface CsvProblem {
  readonly line: number;
  readonly reason: string;
  /** The row as written, cut at `maxFieldBytes` characters. */
  readonly text: string;
}

/** What {@link parseCsv} read: the header row, the good rows and the rows it could not read. */
export interface ParsedCsv {
  readonly header: string[];
  readonly rows: CsvRow[];
  readonly problems: CsvProblem[];
}

/** What {@link CsvStream} hands out, in input order. */
export type CsvEvent =
  | { readonly kind: 'header'; readonly line: number; readonly values: string[] }
  | { readonly kind: 'row'; readonly line: number; readonly values: string[]; readonly text: string }
  | ({ readonly kind: 'problem' } & CsvProblem);

/** An incremental CSV reader: feed it text in chunks of any size, it returns what each chunk completed. */
export interface CsvStream {
  /** Reads a chunk; returns the header, rows and problems it completed. */
  push(chunk: string): CsvEvent[];
  /** Ends the input; returns the last row (a final line without a newline) or an unclosed-quote problem. */
  end(): CsvEvent[];
}

const DEFAULT_MAX_FIELD_BYTES = 256 * 1024;
const DEFAULT_MAX_ROW_BYTES = 1024 * 1024;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

// Scanner states.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the next character says whether it was doubled or closing. */
const QUOTE_IN_QUOTED = 3;
/** After a closing quote, before the delimiter or line end (stray characters land here). */
const AFTER_QUOTED = 4;
/** Discarding the rest of an oversized row up to the next line end. */
const SKIPPING = 5;

const encoder = new TextEncoder();

/**
 * The offset of the next `stop` character or line break at or after `from` (the text's length if
 * none): ordinary characters are passed over in this tight loop, which is where the time goes.
 */
function skipOrdinary(text: string, from: number, stop: number): number {
  const n = text.length;
  let p = from;
  while (p < n) {
    const d = text.charCodeAt(p);
    if (d === stop || d === LF || d === CR) break;
    p++;
  }
  return p;
}

/** UTF-8 length, computed only when the character count leaves it in doubt (a code unit is 1–3 bytes). */
function overBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return encoder.encode(text).byteLength > limit;
}

function validate(options: ParseCsvOptions): { delimiter: number; maxField: number; maxRow: number } {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new EmwatchError(
      'EMW_CSV_OPTIONS',
      `[emwatch] [csv] delimiter ${JSON.stringify(delimiter)} must be one character other than a quote or a line break`,
    );
  }
  const maxField = options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
  const maxRow = options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;
  for (const [name, value] of [
    ['maxFieldBytes', maxField],
    ['maxRowBytes', maxRow],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new EmwatchError(
        'EMW_CSV_OPTIONS',
        `[emwatch] [csv] ${name} must be a positive integer, got ${String(value)}`,
      );
    }
  }
  return { delimiter: delimiter.charCodeAt(0), maxField, maxRow };
}

/**
 * Reads CSV incrementally (RFC 4180: quoted fields, doubled quotes, CRLF or LF, line breaks inside
 * quotes, a leading BOM), in time linear in the input however it is chunked. The first non-empty
 * row is the header; each later row must have as many fields as the header, else it is a problem
 * (trailing empty fields past the header, as spreadsheets write, are dropped instead). Empty lines
 * are skipped. Like Excel and Python's csv module, a quote inside an unquoted field, or text after
 * a closing quote, is kept as written rather than rejected. A field or row over its size limit, or
 * a quote never closed, makes its row a problem and reading resumes at the next line end, so one
 * broken row never costs the file.
 *
 * @example
 * ```ts
 * const csv = createCsvStream();
 * csv.push('标题,内容\r\n暴雪,"锡林浩特 ""白毛风"""\r');
 * csv.end(); // [{ kind: 'row', line: 2, values: ['暴雪', '锡林浩特 "白毛风"'], text: '暴雪,"锡林浩特 ""白毛风"""' }]
 * ```
 */
export function createCsvStream(options: ParseCsvOptions = {}): CsvStream {
  const { delimiter, maxField, maxRow } = validate(options);
  // A field of n code units has at least n bytes, so bounding characters bounds memory; the
  // exact byte check happens when the field ends.
  let buf = '';
  let pos = 0;
  let rowStart = 0;
  let fieldStart = 0;
  let doubled = false;
  let values: string[] = [];
  let state = FIELD_START;
  let line = 1;
  let rowLine = 1;
  let prevCR = false;
  let atInputStart = true;
  let header: string[] | undefined;
  let skipReason = '';
  let skipText = '';
  let out: CsvEvent[] = [];

  const rowText = (end: number): string => {
    const text = buf.slice(rowStart, end);
    return text.length > maxField ? text.slice(0, maxField) : text;
  };

  const endField = (end: number): void => {
    let value: string;
    if (state === QUOTED || state === QUOTE_IN_QUOTED || state === AFTER_QUOTED) {
      // fieldStart is just past the opening quote; a closing quote sits before `closeAt`.
      value = buf.slice(fieldStart, closeAt);
      if (doubled) value = value.replaceAll('""', '"');
      if (state === AFTER_QUOTED && closeAt + 1 < end) value += buf.slice(closeAt + 1, end);
    } else {
      value = buf.slice(fieldStart, end);
    }
    values.push(value);
  };
  let closeAt = 0;

  const startSkipping = (reason: string): void => {
    skipReason = reason;
    skipText = rowText(pos);
    state = SKIPPING;
  };

  const emitRow = (end: number): void => {
    const fields = values;
    values = [];
    if (fields.length === 1 && fields[0] === '') return; // empty line
    if (overBytes(buf.slice(rowStart, end), maxRow)) {
      out.push({
        kind: 'problem',
        line: rowLine,
        reason: `line ${rowLine}: row is longer than ${maxRow} bytes`,
        text: rowText(end),
      });
      return;
    }
    for (let f = 0; f < fields.length; f++) {
      if (overBytes(fields[f]!, maxField)) {
        out.push({
          kind: 'problem',
          line: rowLine,
          reason: `line ${rowLine}: field ${f + 1} is longer than ${maxField} bytes`,
          text: rowText(end),
        });
        return;
      }
    }
    if (header === undefined) {
      header = fields;
      out.push({ kind: 'header', line: rowLine, values: fields });
      return;
    }
    while (fields.length > header.length && fields[fields.length - 1] === '') fields.pop();
    if (fields.length !== header.length) {
      out.push({
        kind: 'problem',
        line: rowLine,
        reason: `line ${rowLine}: ${fields.length} field${fields.length === 1 ? '' : 's'}, expected ${header.length} as in the header`,
        text: rowText(end),
      });
      return;
    }
    out.push({ kind: 'row', line: rowLine, values: fields, text: buf.slice(rowStart, end) });
  };

  const emitSkipped = (): void => {
    out.push({ kind: 'problem', line: rowLine, reason: skipReason, text: skipText });
    values = [];
  };

  /** Called at a line end outside quotes (or at end of input): finishes the row. */
  const finishRow = (end: number): void => {
    if (state === SKIPPING) emitSkipped();
    else {
      endField(end);
      emitRow(end);
    }
    state = FIELD_START;
  };

  const scan = (): void => {
    const text = buf;
    const n = text.length;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === LF && prevCR) {
        // Second half of a CRLF: the line and (outside quotes) the row already ended at the CR.
        prevCR = false;
        pos++;
        if (state === FIELD_START && values.length === 0) {
          rowStart = pos;
          fieldStart = pos;
        }
        continue;
      }
      prevCR = c === CR;
      const newline = c === LF || c === CR;
      if (state === SKIPPING) {
        if (newline) {
          line++;
          emitSkipped();
          state = FIELD_START;
          pos++;
          rowStart = pos;
          fieldStart = pos;
          rowLine = line;
        } else {
          pos++;
          // Nothing of a skipped row is needed any more: let the buffer go.
          rowStart = pos;
        }
        continue;
      }
      if (pos - rowStart > maxRow) {
        startSkipping(`line ${rowLine}: row is longer than ${maxRow} bytes`);
        continue;
      }
      if (state === FIELD_START) {
        if (values.length === 0) rowLine = line;
        if (c === QUOTE) {
          state = QUOTED;
          doubled = false;
          fieldStart = pos + 1;
          pos++;
          continue;
        }
        state = UNQUOTED;
        fieldStart = pos;
      } else if (state === QUOTE_IN_QUOTED) {
        if (c === QUOTE) {
          doubled = true;
          state = QUOTED;
          pos++;
          continue;
        }
        state = AFTER_QUOTED;
      } else if (state === QUOTED) {
        if (c === QUOTE) {
          state = QUOTE_IN_QUOTED;
          closeAt = pos;
          pos++;
        } else if (newline) {
          line++;
          pos++;
        } else {
          pos = skipOrdinary(text, pos + 1, QUOTE);
        }
        if (pos - fieldStart > maxField) {
          startSkipping(
            `line ${rowLine}: quoted field ${values.length + 1} is longer than ${maxField} bytes (or its closing quote is missing)`,
          );
        }
        continue;
      }
      // UNQUOTED or AFTER_QUOTED (whose stray characters are kept as written).
      if (c === delimiter) {
        endField(pos);
        state = FIELD_START;
        pos++;
        fieldStart = pos;
      } else if (newline) {
        line++;
        finishRow(pos);
        pos++;
        rowStart = pos;
        fieldStart = pos;
      } else {
        pos = skipOrdinary(text, pos + 1, delimiter);
        prevCR = false;
        if (pos - fieldStart > maxField) {
          startSkipping(`line ${rowLine}: field ${values.length + 1} is longer than ${maxField} bytes`);
        }
      }
    }
  };

  /** Drops what is already consumed so the buffer holds only the unfinished row. */
  const compact = (): void => {
    if (rowStart === 0) return;
    buf = buf.slice(rowStart);
    pos -= rowStart;
    fieldStart -= rowStart;
    closeAt -= rowStart;
    rowStart = 0;
  };

  const take = (): CsvEvent[] => {
    const events = out;
    out = [];
    return events;
  };

  return {
    push(chunk: string): CsvEvent[] {
      if (atInputStart && chunk.length > 0) {
        atInputStart = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      buf = buf.length === 0 ? chunk : buf + chunk;
      scan();
      compact();
      return take();
    },
    end(): CsvEvent[] {
      if (state === QUOTED) {
        out.push({
          kind: 'problem',
          line: rowLine,
          reason: `line ${rowLine}: quoted field ${values.length + 1} is never closed before the end of the input`,
          text: rowText(buf.length),
        });
      } else if (state !== FIELD_START || values.length > 0) {
        finishRow(buf.length);
      }
      buf = '';
      pos = 0;
      rowStart = 0;
      values = [];
      state = FIELD_START;
      return take();
    },
  };
}

/**
 * Parses a whole CSV text: the header, the rows with their line numbers, and the rows that could
 * not be read, each with a reason naming its line (never thrown). See {@link createCsvStream} for
 * the rules; use that for files too large to hold.
 *
 * @example
 * ```ts
 * const { header, rows, problems } = parseCsv('latitude,longitude\n43.9,116.1\n44.2\n');
 * // header: ['latitude', 'longitude'], rows: [{ line: 2, values: ['43.9', '116.1'] }],
 * // problems: [{ line: 3, reason: 'line 3: 1 field, expected 2 as in the header', text: '44.2' }]
 * ```
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): ParsedCsv {
  const stream = createCsvStream(options);
  const result: ParsedCsv = { header: [], rows: [], problems: [] };
  for (const event of [...stream.push(text), ...stream.end()]) {
    if (event.kind === 'header') result.header.push(...event.values);
    else if (event.kind === 'row') result.rows.push({ line: event.line, values: event.values });
    else result.problems.push({ line: event.line, reason: event.reason, text: event.text });
  }
  return result;
}
