import { decodeBody } from '../../parse/decode-body.js';

/** One line of a file, decoded; or why it could not be. */
export interface TextLine {
  /** 1-based line number. */
  readonly line: number;
  /** The text without its line feed (a CR before it is kept); `''` when the line could not be read. */
  readonly text: string;
  /** Set when the line is not in the file's encoding or is too long: the text is then empty. */
  readonly problem?: {
    readonly code: 'EMW_DECODE' | 'EMW_FETCH_TOO_LARGE';
    readonly reason: string;
    readonly bytes: Uint8Array;
  };
}

/** Options of {@link readTextLines}. */
export interface ReadTextLinesOptions {
  /** Encoding to use (a WHATWG label such as `'gbk'`), instead of detecting it. */
  readonly encoding?: string;
  /** Longest line kept, in bytes; a longer one comes back as a problem with its first bytes. */
  readonly maxLineBytes: number;
}

/** The lines of a byte stream, in batches (one per chunk read), and the encoding found. */
export interface TextLines {
  readonly batches: AsyncIterable<TextLine[]>;
  /** The encoding in use (WHATWG name), once known; `undefined` while only ASCII has been seen. */
  encoding(): string | undefined;
  /** How the encoding was found: `'option'`, `'bom'` or `'sniff'`. */
  detectedBy(): string | undefined;
}

/** Bytes read before the encoding is decided: enough Chinese text to tell GB18030 from Big5. */
const SNIFF_BYTES = 64 * 1024;
const LF = 0x0a;

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

const hasHighByte = (bytes: Uint8Array): boolean => {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
};

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/**
 * Splits a file's bytes into decoded lines with bounded memory (one line at a time, however large
 * the file). The encoding comes from the option, else a byte order mark (UTF-8, UTF-16), else
 * sniffing the first 64 KiB cut at a line end (UTF-8, else GB18030 or Big5, as Excel in China saves
 * CSV in GBK); a file that is ASCII so far is sniffed again at its first non-ASCII line. Each line
 * is decoded on its own, so a line in another encoding comes back as a problem with its bytes and
 * the lines after it are read normally. (A line feed byte never occurs inside a UTF-8, GB18030 or
 * Big5 character, so splitting bytes at it is safe; UTF-16 is decoded first and split as text.)
 */
export function readTextLines(chunks: AsyncIterable<Uint8Array>, options: ReadTextLinesOptions): TextLines {
  let encoding: string | undefined;
  let detectedBy: string | undefined;
  if (options.encoding !== undefined) {
    // Throws RangeError for an unknown label: the caller validates options with it.
    encoding = new TextDecoder(options.encoding).encoding;
    detectedBy = 'option';
  }
  let decoder: TextDecoder | undefined;
  const decoderFor = (name: string): TextDecoder => {
    if (decoder?.encoding !== name) decoder = new TextDecoder(name, { fatal: true });
    return decoder;
  };
  const max = options.maxLineBytes;

  /** Decides the encoding from a sample of whole lines, if it holds anything but ASCII. */
  const sniff = (sample: Uint8Array): void => {
    if (encoding !== undefined || !hasHighByte(sample)) return;
    try {
      encoding = decodeBody(sample).encoding;
      detectedBy = 'sniff';
    } catch {
      // Nothing decodes this sample; the next non-ASCII line gets its own try.
    }
  };

  const decodeLine = (line: number, bytes: Uint8Array): TextLine => {
    if (!hasHighByte(bytes)) return { line, text: decoderFor('utf-8').decode(bytes) };
    sniff(bytes);
    const name = encoding ?? 'utf-8';
    try {
      return { line, text: decoderFor(name).decode(bytes) };
    } catch {
      return {
        line,
        text: '',
        problem: {
          code: 'EMW_DECODE',
          reason: `line ${line} is not valid ${name}${detectedBy ? ` (the file's encoding, by ${detectedBy})` : ''}`,
          bytes,
        },
      };
    }
  };

  const tooLong = (line: number, head: Uint8Array): TextLine => ({
    line,
    text: '',
    problem: {
      code: 'EMW_FETCH_TOO_LARGE',
      // The rest of the line is never read, so its full length is not known.
      reason: `line ${line} is longer than ${max} bytes`,
      bytes: head,
    },
  });

  const encodeHead = (text: string): Uint8Array => new TextEncoder().encode(text.slice(0, max));

  async function* utf16(first: Uint8Array, rest: AsyncIterator<Uint8Array>, name: string): AsyncGenerator<TextLine[]> {
    const streaming = new TextDecoder(name, { fatal: true });
    let carry = '';
    let line = 1;
    /** The current line is already reported as too long: its rest is dropped up to its line feed. */
    let skipping = false;
    let chunk: Uint8Array | undefined = first;
    while (chunk !== undefined) {
      const next = await rest.next();
      const parts = (carry + streaming.decode(chunk, { stream: !next.done })).split('\n');
      carry = parts.pop() ?? '';
      const batch: TextLine[] = [];
      for (const part of parts) {
        if (skipping) skipping = false;
        else batch.push(part.length * 2 > max ? tooLong(line, encodeHead(part)) : { line, text: part });
        line++;
      }
      if (!skipping && carry.length * 2 > max) {
        batch.push(tooLong(line, encodeHead(carry)));
        skipping = true;
      }
      if (skipping) carry = '';
      if (batch.length > 0) yield batch;
      chunk = next.done ? undefined : next.value;
    }
    if (carry !== '') yield [{ line, text: carry }];
  }

  async function* bytesByLine(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<TextLine[]> {
    let parts: Uint8Array[] = [];
    let length = 0;
    /** Bytes of the current line beyond `max`: the line is already reported, its rest skipped. */
    let skipping = false;
    let line = 1;
    let chunk: Uint8Array | undefined = first;
    while (chunk !== undefined) {
      const batch: TextLine[] = [];
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(LF, start);
        const end = newline === -1 ? chunk.length : newline;
        if (!skipping) {
          parts.push(chunk.subarray(start, end));
          length += end - start;
          if (length > max) {
            batch.push(tooLong(line, concat(parts, length).subarray(0, max)));
            skipping = true;
            parts = [];
            length = 0;
          }
        }
        if (newline === -1) break;
        if (!skipping) batch.push(decodeLine(line, concat(parts, length)));
        skipping = false;
        parts = [];
        length = 0;
        line++;
        start = newline + 1;
      }
      if (batch.length > 0) yield batch;
      const next = await rest.next();
      chunk = next.done ? undefined : next.value;
    }
    if (!skipping && length > 0) yield [decodeLine(line, concat(parts, length))];
  }

  async function* batches(): AsyncGenerator<TextLine[]> {
    const iterator = chunks[Symbol.asyncIterator]();
    // Gather the first 64 KiB (or the whole file) to find the encoding before anything is decoded.
    const head: Uint8Array[] = [];
    let headLength = 0;
    let done = false;
    while (headLength < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      head.push(next.value);
      headLength += next.value.byteLength;
    }
    let first = concat(head, headLength);
    const rest: AsyncIterator<Uint8Array> = done ? { next: async () => ({ done: true, value: undefined }) } : iterator;
    const bom = bomOf(first);
    if (bom) {
      first = first.subarray(bom.length);
      if (encoding === undefined) {
        encoding = bom.encoding;
        detectedBy = 'bom';
      }
    }
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      yield* utf16(first, rest, encoding);
      return;
    }
    // Sniff whole lines only: a character cut at the end of the sample would look like bad bytes.
    const lastNewline = done ? first.length : first.lastIndexOf(LF);
    sniff(first.subarray(0, lastNewline === -1 ? first.length : lastNewline));
    yield* bytesByLine(first, rest);
  }

  return { batches: batches(), encoding: () => encoding, detectedBy: () => detectedBy };
}
