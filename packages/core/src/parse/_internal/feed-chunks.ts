/** A start tag found by {@link scanFeedMarkup}: its qualified name and where it sits in the text. */
export interface TagSpan {
  readonly name: string;
  readonly start: number;
  /** Index just past the tag's `>`. */
  readonly end: number;
  readonly selfClosing: boolean;
}

/** The markup of one entry (`<item>…</item>`), or its start when the text ends inside it. */
export interface EntryChunk {
  readonly name: string;
  readonly start: number;
  /** Index just past the end tag; `undefined` when the document ends inside the entry. */
  readonly end: number | undefined;
}

/** What a scan found: the root element's start tag and every top-level entry, in document order. */
export interface FeedMarkup {
  readonly root: TagSpan | undefined;
  readonly entries: EntryChunk[];
}

const isNameChar = (code: number): boolean =>
  (code >= 0x61 && code <= 0x7a) ||
  (code >= 0x41 && code <= 0x5a) ||
  (code >= 0x30 && code <= 0x39) ||
  code === 0x2d ||
  code === 0x2e ||
  code === 0x3a ||
  code === 0x5f ||
  code > 0x7f;

/** Index just past the `>` of a tag whose name ends at `from`, skipping quoted attribute values; -1 if none. */
function tagEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (c === 0x22 || c === 0x27) {
      const close = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      i = close;
    }
  }
  return -1;
}

/**
 * Finds the root start tag and the entries of a feed in its raw text, without parsing it: so a
 * document that is not well-formed (truncated, one broken item) can still be read entry by entry,
 * and each entry's own markup can be quarantined. Comments, CDATA sections, processing
 * instructions and the DOCTYPE are skipped; entries are the elements whose qualified name
 * `isEntry` accepts that are not inside another entry. One linear pass.
 */
export function scanFeedMarkup(text: string, isEntry: (qualifiedName: string) => boolean): FeedMarkup {
  let root: TagSpan | undefined;
  const entries: EntryChunk[] = [];
  let open: { name: string; start: number; depth: number } | undefined;
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close === -1) break;
      i = close + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close === -1) break;
      i = close + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close === -1) break;
      i = close + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      // A DOCTYPE's internal subset may contain ">": skip it whole.
      const bracket = text.indexOf('[', lt);
      const gt = text.indexOf('>', lt);
      if (gt === -1) break;
      const close = bracket !== -1 && bracket < gt ? text.indexOf(']', bracket) : -1;
      const end = close === -1 ? gt : text.indexOf('>', close);
      if (end === -1) break;
      i = end + 1;
      continue;
    }
    const closing = text.charCodeAt(lt + 1) === 0x2f;
    let nameEnd = lt + (closing ? 2 : 1);
    while (nameEnd < text.length && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    const name = text.slice(lt + (closing ? 2 : 1), nameEnd);
    if (name === '') {
      i = lt + 1;
      continue;
    }
    const end = tagEnd(text, nameEnd);
    if (end === -1) break;
    i = end;
    if (closing) {
      if (open && name === open.name && --open.depth === 0) {
        entries.push({ name: open.name, start: open.start, end });
        open = undefined;
      }
      continue;
    }
    const selfClosing = text.charCodeAt(end - 2) === 0x2f;
    if (!root) root = { name, start: lt, end, selfClosing };
    if (open) {
      if (name === open.name && !selfClosing) open.depth++;
    } else if (isEntry(name)) {
      if (selfClosing) entries.push({ name, start: lt, end });
      else open = { name, start: lt, depth: 1 };
    }
  }
  if (open) entries.push({ name: open.name, start: open.start, end: undefined });
  return { root, entries };
}

const NAMESPACE_ATTRIBUTE = /\s(xmlns(?::[\w.-]+)?|xml:base|xml:lang)\s*=\s*("[^"]*"|'[^']*')/g;

/** The namespace declarations (and `xml:base`, `xml:lang`) written on a start tag, ready to copy onto another. */
export function scopeAttributes(startTag: string): string {
  let out = '';
  for (const match of startTag.matchAll(NAMESPACE_ATTRIBUTE)) out += ` ${match[1]}=${match[2]}`;
  return out;
}

/**
 * The markup between the start and end tag of the first element named `qualifiedName` in a
 * fragment (for Atom `type="xhtml"` content, whose inner markup is the text); undefined if absent.
 */
export function innerMarkup(fragment: string, qualifiedName: string): string | undefined {
  const found = scanFeedMarkup(fragment, (name) => name === qualifiedName);
  for (const chunk of found.entries) {
    if (chunk.end === undefined) continue;
    const open = tagEnd(fragment, chunk.start + 1 + qualifiedName.length);
    const close = fragment.lastIndexOf('</', chunk.end);
    return open === -1 || close < open ? '' : fragment.slice(open, close);
  }
  return undefined;
}
