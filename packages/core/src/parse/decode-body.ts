import { EmwatchError } from '../errors.js';
import { FREQUENT_HAN } from './_internal/frequent-han.js';

/** How {@link decodeBody} settled on an encoding. */
export type EncodingSource = 'bom' | 'http' | 'xml' | 'html-meta' | 'sniff' | 'default';

/** Options of {@link decodeBody}. */
export interface DecodeBodyOptions {
  /** The HTTP `Content-Type` header, e.g. `'application/rss+xml; charset=GBK'`. */
  readonly contentType?: string;
  /** Encoding to try when nothing is declared and the bytes are not UTF-8, e.g. `'gb18030'`. */
  readonly defaultEncoding?: string;
}

/** A body decoded to text, with the encoding used and how it was chosen. */
export interface DecodedBody {
  /** The text, without a byte order mark. */
  readonly text: string;
  /** WHATWG name of the encoding used: `'utf-8'`, `'gb18030'`, `'big5'`, `'windows-1252'`, … */
  readonly encoding: string;
  /** Where the encoding came from: a BOM, a declaration (HTTP, XML, HTML meta), sniffing, or the default. */
  readonly detectedBy: EncodingSource;
  /** Declarations that were wrong or unknown, naming the declared and the used encoding. */
  readonly warnings: string[];
}

interface Declaration {
  readonly label: string;
  readonly source: EncodingSource;
}

// The XML declaration and a meta charset must come early; the prescan stays bounded on large bodies.
const XML_DECLARATION_SCAN = 1024;
const META_SCAN = 4096;

const XML_DECLARATION = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/;
const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})/i;
const CONTENT_TYPE_CHARSET = /;\s*charset\s*=\s*(?:"([^"]{1,40})"|([^\s;]{1,40}))/i;

let frequentHan: Uint8Array | undefined;

/** One flag per CJK Unified Ideograph: set for the frequent ones. Built on first use. */
function getFrequentHan(): Uint8Array {
  if (frequentHan) return frequentHan;
  const table = new Uint8Array(0x9fff - 0x4e00 + 1);
  for (const char of FREQUENT_HAN) table[char.charCodeAt(0) - 0x4e00] = 1;
  frequentHan = table;
  return table;
}

/**
 * Share of Han characters in `text` that are frequent ones, scaled by how many Han characters
 * there are at all: the right reading of Chinese bytes is mostly frequent characters, a wrong
 * one mostly rare characters, symbols or private-use code points.
 */
function chineseScore(text: string): number {
  const table = getFrequentHan();
  let frequent = 0;
  let nonAscii = 0;
  const end = Math.min(text.length, 200_000);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    nonAscii++;
    if (code >= 0x4e00 && code <= 0x9fff && table[code - 0x4e00] === 1) frequent++;
  }
  return nonAscii === 0 ? 0 : frequent / nonAscii;
}

/** The WHATWG name of a label, with GBK and GB2312 widened to their superset GB18030; undefined if unknown. */
function canonicalEncoding(label: string): string | undefined {
  let name: string;
  try {
    name = new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
  return name === 'gbk' ? 'gb18030' : name;
}

/** Decodes strictly; undefined when the bytes are not valid in the encoding. */
function tryDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    // ignoreBOM keeps a BOM in the text; it is stripped by the caller only when it was detected.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Offset of the first byte the encoding rejects. Streaming decodes hold back an unfinished
 * trailing sequence instead of failing on it, so "fails on a prefix" only grows with the prefix
 * and a binary search finds the first failing length in O(n log n); this runs only on bad input.
 */
function firstBadByte(bytes: Uint8Array, encoding: string): number {
  const failsWithin = (length: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!failsWithin(bytes.length)) return bytes.length; // only an unfinished sequence at the very end
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (failsWithin(mid)) high = mid;
    else low = mid + 1;
  }
  // The failure shows at the byte that broke the sequence; report where that sequence began: the
  // longest prefix before it that decodes completely (sequences are at most 4 bytes long).
  for (let start = low - 1; start >= Math.max(0, low - 4); start--) {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, start));
      return start;
    } catch {
      // still inside the broken sequence
    }
  }
  return Math.max(0, low - 1);
}

function describeByte(bytes: Uint8Array, offset: number): string {
  return offset < bytes.length
    ? `byte offset ${offset} (0x${bytes[offset]!.toString(16).padStart(2, '0').toUpperCase()})`
    : `the end of the body (an unfinished character at byte offset ${bytes.length})`;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0x84 && b1 === 0x31 && b2 === 0x95 && b3 === 0x33) return { encoding: 'gb18030', length: 4 };
  return undefined;
}

/** The first `length` bytes as a Latin-1 string, for finding ASCII declarations in any ASCII-compatible encoding. */
function asciiHead(bytes: Uint8Array, length: number): string {
  const head = bytes.subarray(0, Math.min(length, bytes.length));
  let out = '';
  for (let i = 0; i < head.length; i += 0x2000) out += String.fromCharCode(...head.subarray(i, i + 0x2000));
  return out;
}

function declarations(bytes: Uint8Array, contentType: string | undefined): Declaration[] {
  const found: Declaration[] = [];
  const http = contentType ? CONTENT_TYPE_CHARSET.exec(contentType) : null;
  if (http) found.push({ label: (http[1] ?? http[2])!, source: 'http' });
  const head = asciiHead(bytes, META_SCAN);
  const xml = XML_DECLARATION.exec(head.slice(0, XML_DECLARATION_SCAN));
  if (xml) found.push({ label: xml[1]!, source: 'xml' });
  else {
    const meta = META_CHARSET.exec(head);
    if (meta) found.push({ label: meta[1]!, source: 'html-meta' });
  }
  return found;
}

/** The bytes as UTF-8 when they hold at least one multi-byte sequence and are valid UTF-8. */
function nonAsciiUtf8(bytes: Uint8Array): string | undefined {
  if (!bytes.some((byte) => byte >= 0x80)) return undefined;
  return tryDecode(bytes, 'utf-8');
}

const SOURCE_NAMES: Readonly<Record<EncodingSource, string>> = {
  bom: 'byte order mark',
  http: 'HTTP Content-Type',
  xml: 'XML declaration',
  'html-meta': 'HTML meta charset',
  sniff: 'sniffing',
  default: 'default',
};

/** GB18030 or Big5, whichever reads the bytes as more frequent Chinese; undefined if neither decodes. */
function sniffChinese(bytes: Uint8Array): { text: string; encoding: string } | undefined {
  const gb = tryDecode(bytes, 'gb18030');
  const big5 = tryDecode(bytes, 'big5');
  if (gb !== undefined && big5 !== undefined) {
    return chineseScore(big5) > chineseScore(gb) ? { text: big5, encoding: 'big5' } : { text: gb, encoding: 'gb18030' };
  }
  if (gb !== undefined) return { text: gb, encoding: 'gb18030' };
  if (big5 !== undefined) return { text: big5, encoding: 'big5' };
  return undefined;
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * Decodes a fetched body to text without ever garbling it silently: by its byte order mark, the
 * HTTP charset, the XML declaration or an HTML meta charset, else by sniffing (UTF-8, then
 * GB18030 or Big5 by which reads as more frequent Chinese). GBK and GB2312 labels decode as
 * GB18030, their superset. A declaration the bytes contradict is overruled with a warning naming
 * both encodings; bytes nothing decodes throw `EMW_DECODE` naming the declared encoding and the
 * first bad byte.
 *
 * @example
 * ```ts
 * const body = decodeBody(bytes, { contentType: 'application/rss+xml; charset=gb2312' });
 * body.encoding; // 'gb18030'
 * body.detectedBy; // 'http'
 * ```
 */
export function decodeBody(bytes: Uint8Array, options: DecodeBodyOptions = {}): DecodedBody {
  const warnings: string[] = [];
  // Declarations the bytes contradicted; each becomes a warning naming the encoding finally used.
  const rejected: string[] = [];
  const settle = (text: string, encoding: string, detectedBy: EncodingSource): DecodedBody => {
    for (const reason of rejected) warnings.push(`${reason}; decoded as ${encoding} (${SOURCE_NAMES[detectedBy]})`);
    return { text: stripBom(text), encoding, detectedBy, warnings };
  };

  const bom = bomEncoding(bytes);
  if (bom) {
    const text = tryDecode(bytes.subarray(bom.length), bom.encoding);
    if (text !== undefined) return settle(text, bom.encoding, 'bom');
    const bad = bom.length + firstBadByte(bytes.subarray(bom.length), bom.encoding);
    rejected.push(
      `byte order mark says ${bom.encoding} but the bytes are invalid in it at ${describeByte(bytes, bad)}`,
    );
  }

  const attempts: { encoding: string; source: EncodingSource; label: string }[] = [];
  for (const declaration of declarations(bytes, options.contentType)) {
    let encoding = canonicalEncoding(declaration.label);
    if (encoding === undefined) {
      warnings.push(`${SOURCE_NAMES[declaration.source]} declares unknown charset "${declaration.label}"; ignored`);
      continue;
    }
    // A document that declares UTF-16 in ASCII bytes cannot be UTF-16 (HTML treats it as UTF-8).
    if (declaration.source !== 'http' && encoding.startsWith('utf-16')) encoding = 'utf-8';
    if (!attempts.some((attempt) => attempt.encoding === encoding)) attempts.push({ ...declaration, encoding });
  }

  // The first declaration decides; later ones are tried only when the bytes contradict it.
  for (const attempt of attempts) {
    const named = `${SOURCE_NAMES[attempt.source]} declares ${attempt.label}`;
    const text = tryDecode(bytes, attempt.encoding);
    if (text === undefined) {
      rejected.push(
        `${named} but the bytes are invalid in ${attempt.encoding} at ${describeByte(bytes, firstBadByte(bytes, attempt.encoding))}`,
      );
      continue;
    }
    if (attempt.encoding !== 'utf-8' && !attempt.encoding.startsWith('utf-16')) {
      // Legacy encodings accept almost any byte pairs, so UTF-8 bytes under a GBK label decode
      // "fine" into nonsense. Real GBK or Latin-1 text is practically never valid UTF-8.
      const utf8 = nonAsciiUtf8(bytes);
      if (utf8 !== undefined) {
        rejected.push(`${named} but the bytes are UTF-8`);
        return settle(utf8, 'utf-8', 'sniff');
      }
      // GB18030 also accepts Big5 byte pairs (and Big5 many GBK ones): compare the readings.
      const other = attempt.encoding === 'gb18030' ? 'big5' : attempt.encoding === 'big5' ? 'gb18030' : undefined;
      const otherText = other === undefined ? undefined : tryDecode(bytes, other);
      if (other !== undefined && otherText !== undefined) {
        const declaredScore = chineseScore(text);
        const otherScore = chineseScore(otherText);
        if (declaredScore < 0.3 && otherScore >= 0.3 && otherScore > 2 * declaredScore) {
          rejected.push(`${named} but the bytes read as Chinese only in ${other}`);
          return settle(otherText, other, 'sniff');
        }
      }
    }
    return settle(text, attempt.encoding, attempt.source);
  }

  const fallback = options.defaultEncoding === undefined ? undefined : canonicalEncoding(options.defaultEncoding);
  if (options.defaultEncoding !== undefined && fallback === undefined) {
    warnings.push(`default encoding "${options.defaultEncoding}" is unknown; ignored`);
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  // Plain ASCII reads the same in any of them: then the configured default is the honest answer.
  if (utf8 !== undefined && (fallback === undefined || bytes.some((byte) => byte >= 0x80)))
    return settle(utf8, 'utf-8', 'sniff');
  if (fallback !== undefined) {
    const text = tryDecode(bytes, fallback);
    if (text !== undefined) return settle(text, fallback, 'default');
  }
  const chinese = sniffChinese(bytes);
  if (chinese) return settle(chinese.text, chinese.encoding, 'sniff');

  const first = attempts[0];
  const reference = first?.encoding ?? bom?.encoding ?? 'utf-8';
  const what = first
    ? `declared encoding ${first.label} (${SOURCE_NAMES[first.source]})`
    : bom
      ? `byte order mark ${bom.encoding}`
      : 'no declared encoding';
  throw new EmwatchError(
    'EMW_DECODE',
    `body of ${bytes.length} bytes cannot be decoded: ${what}, first bad byte in ${reference} at ` +
      `${describeByte(bytes, firstBadByte(bytes, reference))}; utf-8, gb18030 and big5 fail too`,
  );
}
