import { HTML_ENTITIES } from './_internal/html-entities.js';

// Elements whose content is never text a reader sees; skipped to their end tag.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head', 'title']);

// Elements that start and end a line of their own.
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot',
  'thead', 'tr', 'ul',
]); // prettier-ignore

// Table cells are separated by a space so neighbouring cells do not run together.
const CELLS = new Set(['td', 'th']);

// References HTML still decodes without the final semicolon (`&nbsp`, `&copy`, `&amp`): the Latin-1 set.
const LEGACY_MAX_CODE_POINT = 0xff;
const LONGEST_NAME = 32;

// Numeric references in 0x80–0x9F mean Windows-1252 characters (HTML spec, "numeric character reference end state").
// prettier-ignore
const WINDOWS_1252: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

let entities: Map<string, string> | undefined;

function getEntities(): Map<string, string> {
  if (entities) return entities;
  const table = new Map<string, string>();
  for (const pair of HTML_ENTITIES.split(' ')) {
    const colon = pair.indexOf(':');
    if (colon > 0) table.set(pair.slice(0, colon), String.fromCodePoint(parseInt(pair.slice(colon + 1), 16)));
  }
  entities = table;
  return table;
}

const BREAK = '\u0000';
const isNameStart = (code: number): boolean => (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
const isNameChar = (code: number): boolean =>
  isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x3a || code === 0x5f;
const isAlphanumeric = (code: number): boolean => isNameStart(code) || (code >= 0x30 && code <= 0x39);

function codePointText(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  const mapped = WINDOWS_1252[code];
  if (mapped !== undefined) return String.fromCharCode(mapped);
  // Other control characters carry nothing readable.
  if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return '';
  if (code >= 0x7f && code < 0xa0) return '';
  return String.fromCodePoint(code);
}

/** Decodes the reference starting at `amp` (an `&`); returns the text and where scanning resumes. */
function decodeReference(html: string, amp: number): [string, number] {
  const next = html.charCodeAt(amp + 1);
  if (next === 0x23 /* # */) {
    const hex = (html.charCodeAt(amp + 2) | 0x20) === 0x78; /* x */
    let i = amp + (hex ? 3 : 2);
    const start = i;
    let code = 0;
    for (; i < html.length && i - start < 8; i++) {
      const c = html.charCodeAt(i);
      const digit =
        c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
      if (digit < 0) break;
      code = code * (hex ? 16 : 10) + digit;
    }
    if (i === start) return ['&', amp + 1];
    if (html.charCodeAt(i) === 0x3b /* ; */) i++;
    return [codePointText(code), i];
  }
  let i = amp + 1;
  while (i < html.length && i - amp <= LONGEST_NAME && isAlphanumeric(html.charCodeAt(i))) i++;
  if (i === amp + 1) return ['&', amp + 1];
  const table = getEntities();
  if (html.charCodeAt(i) === 0x3b) {
    const value = table.get(html.slice(amp + 1, i));
    if (value !== undefined) return [value, i + 1];
  }
  // Without a semicolon only the Latin-1 names count, longest match first (`&notin` is `¬in`).
  for (let end = Math.min(i, amp + 7); end > amp + 1; end--) {
    const value = table.get(html.slice(amp + 1, end));
    if (value !== undefined && value.charCodeAt(0) <= LEGACY_MAX_CODE_POINT) return [value, end];
  }
  return ['&', amp + 1];
}

/**
 * Appends `html[start, end)` with its references decoded. `cursor.amp` caches the next `&` in the
 * whole input, so no `&` is searched for twice and many short text runs stay linear.
 */
function decodeText(html: string, start: number, end: number, out: string[], cursor: { amp: number }): void {
  if (cursor.amp !== -1 && cursor.amp < start) cursor.amp = html.indexOf('&', start);
  let from = start;
  while (cursor.amp !== -1 && cursor.amp < end) {
    const amp = cursor.amp;
    if (amp > from) out.push(html.slice(from, amp));
    const [text, resume] = decodeReference(html, amp);
    out.push(text);
    from = Math.min(resume, end);
    cursor.amp = html.indexOf('&', from);
  }
  if (from < end) out.push(html.slice(from, end));
}

/** Index just past the `>` that ends the tag starting at `lt`, skipping quoted attribute values. */
function endOfTag(html: string, from: number): number {
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === 0x3e /* > */) return i + 1;
    if (c === 0x22 || c === 0x27) {
      const close = html.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close === -1) return html.length;
      i = close;
    }
  }
  return html.length;
}

/** Index just past the end tag `</name …>` that closes a hidden element opened before `from`, or the end. */
function endOfHidden(html: string, name: string, from: number): number {
  for (let i = html.indexOf('</', from); i !== -1; i = html.indexOf('</', i + 2)) {
    let matches = true;
    for (let k = 0; k < name.length; k++) {
      if ((html.charCodeAt(i + 2 + k) | 0x20) !== name.charCodeAt(k)) {
        matches = false;
        break;
      }
    }
    if (matches && !isNameChar(html.charCodeAt(i + 2 + name.length))) return endOfTag(html, i + 2 + name.length);
  }
  return html.length;
}

function finishLines(joined: string): string {
  let result = '';
  for (const line of joined.split(BREAK)) {
    // \s covers the no-break space from &nbsp; and the ideographic space (U+3000) of Chinese indents.
    const collapsed = line.replace(/\s+/g, ' ').trim();
    if (collapsed === '') continue;
    result = result === '' ? collapsed : `${result}\n${collapsed}`;
  }
  return result;
}

/**
 * Turns an HTML fragment (a feed description, a CMS article body) into safe plain text: the
 * content of `script`, `style`, `noscript`, `template` and the like is dropped with comments and
 * tags, block elements and `<br>` become line breaks, every character reference is decoded
 * (named, decimal, hex), and whitespace is collapsed within each line; empty lines are dropped.
 * No DOM and nothing evaluated: one linear scan, safe on hostile input. The result is text, not
 * HTML, so it must still be escaped wherever it is shown as HTML.
 *
 * @example
 * ```ts
 * htmlToText('<p>锡林郭勒盟&nbsp;发布<b>大风</b>预警</p><script>alert(1)</script><p>注意防范&hellip;</p>');
 * // '锡林郭勒盟 发布大风预警\n注意防范…'
 * ```
 */
export function htmlToText(html: string): string {
  if (html.indexOf('<') === -1 && html.indexOf('&') === -1) return finishLines(html.replaceAll(BREAK, ''));
  const source = html.includes(BREAK) ? html.replaceAll(BREAK, '') : html;
  const out: string[] = [];
  const cursor = { amp: source.indexOf('&') };
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i) decodeText(source, i, textEnd, out, cursor);
    if (lt === -1) break;
    const next = source.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      // Comments end at -->, CDATA at ]]>, a DOCTYPE or other declaration at >.
      if (source.startsWith('<!--', lt)) {
        const close = source.indexOf('-->', lt + 4);
        i = close === -1 ? source.length : close + 3;
      } else if (source.startsWith('<![CDATA[', lt)) {
        const close = source.indexOf(']]>', lt + 9);
        const end = close === -1 ? source.length : close;
        out.push(source.slice(lt + 9, end));
        i = close === -1 ? source.length : close + 3;
      } else {
        const close = source.indexOf('>', lt + 2);
        i = close === -1 ? source.length : close + 1;
      }
      continue;
    }
    if (next === 0x3f /* ? */) {
      const close = source.indexOf('>', lt + 2);
      i = close === -1 ? source.length : close + 1;
      continue;
    }
    const closing = next === 0x2f; /* / */
    const nameStart = lt + (closing ? 2 : 1);
    if (!isNameStart(source.charCodeAt(nameStart))) {
      // A lone "<" (as in "PM2.5 < 75") is text.
      out.push('<');
      i = lt + 1;
      continue;
    }
    let nameEnd = nameStart;
    while (nameEnd < source.length && isNameChar(source.charCodeAt(nameEnd))) nameEnd++;
    const name = source.slice(nameStart, nameEnd).toLowerCase();
    i = endOfTag(source, nameEnd);
    if (!closing && HIDDEN.has(name) && source.charCodeAt(i - 2) !== 0x2f /* self-closed */) {
      i = endOfHidden(source, name, i);
    } else if (BLOCKS.has(name)) out.push(BREAK);
    else if (CELLS.has(name)) out.push(' ');
  }
  return finishLines(out.join(''));
}
