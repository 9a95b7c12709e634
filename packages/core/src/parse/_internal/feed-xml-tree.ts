import { XMLValidator } from 'fast-xml-parser';
import { parseXml, type XmlElement } from '../xml.js';

// The fast path of feed parsing. parseXml turns fast-xml-parser's ordered output into the element
// tree; on feeds that step and the parser's character-by-character text handling (slow on Chinese
// text) cost several times the validation. Here fast-xml-parser's validator still decides
// well-formedness, and a linear indexOf-based builder makes the same tree parseXml would. Anything
// the builder is not sure about (a DOCTYPE with entities, text outside the root, a second root,
// deep nesting, a failed validation) goes to parseXml, which either reads it or throws its precise
// error: parseXml stays the authority, this only skips its cost on clean documents.

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const MAX_DEPTH = 100;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const REFERENCE_AFTER_AMPERSAND = /(?:[A-Za-z_][\w.-]{0,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});/y;

function allowedCodePoint(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Predefined and numeric references decoded, as parseXml does; other names and bare `&` stay as written. */
function decodeReferences(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(
    REFERENCE,
    (match, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return PREDEFINED[name] ?? match;
      const code = hex ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
      return allowedCodePoint(code) ? String.fromCodePoint(code) : match;
    },
  );
}

/**
 * Bare `&` that starts no reference escaped, outside CDATA and comments, so the validator accepts
 * what parseXml accepts (`?a=1&b=2` in links of Chinese government feeds). Copies only when needed;
 * linear, with every terminator found by `indexOf`.
 */
function escapeBareAmpersands(text: string): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let copied = 0;
  // The next CDATA section or comment at or after the current position, and where it ends. Each
  // marker's next position is searched again only once passed, so the whole scan stays linear.
  let sectionStart = -1;
  let sectionEnd = -1;
  let nextCdata = -2;
  let nextComment = -2;
  const nextSection = (from: number): void => {
    if (nextCdata !== -1 && nextCdata < from) nextCdata = text.indexOf('<![CDATA[', from);
    if (nextComment !== -1 && nextComment < from) nextComment = text.indexOf('<!--', from);
    sectionStart = nextCdata === -1 ? nextComment : nextComment === -1 ? nextCdata : Math.min(nextCdata, nextComment);
    if (sectionStart === -1) return;
    const terminator = sectionStart === nextCdata ? ']]>' : '-->';
    const end = text.indexOf(terminator, sectionStart);
    sectionEnd = end === -1 ? text.length : end + terminator.length;
  };
  nextSection(0);
  while (amp !== -1) {
    while (sectionStart !== -1 && sectionEnd <= amp) nextSection(sectionEnd);
    if (sectionStart !== -1 && sectionStart < amp) {
      amp = text.indexOf('&', sectionEnd);
      continue;
    }
    REFERENCE_AFTER_AMPERSAND.lastIndex = amp + 1;
    if (!REFERENCE_AFTER_AMPERSAND.test(text)) {
      out += `${text.slice(copied, amp)}&amp;`;
      copied = amp + 1;
    }
    amp = text.indexOf('&', amp + 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

interface OpenElement {
  readonly qualified: string;
  readonly name: string;
  readonly prefix: string | undefined;
  readonly namespace: string | undefined;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  readonly scope: ReadonlyMap<string, string>;
  text: string;
  /** Whitespace seen after the text so far: kept only if more text follows (the text is trimmed). */
  pending: string;
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;

/**
 * Adds a text run to an element's text, which ends up trimmed: leading and trailing whitespace is
 * never concatenated, so the indentation between an entry's children costs nothing. Trimming
 * here uses String.prototype.trim's notion of whitespace, as parseXml's final trim does.
 */
function append(open: OpenElement, run: string): void {
  const content = run.trimEnd();
  if (content === '') {
    if (open.text !== '') open.pending += run;
    return;
  }
  open.text = open.text === '' ? content : open.text + open.pending + content;
  open.pending = run.length === content.length ? '' : run.slice(content.length);
}

function close(open: OpenElement): XmlElement {
  // Assigned in one order without spreads: every element shares few object shapes.
  const element = { name: open.name } as { -readonly [K in keyof XmlElement]: XmlElement[K] };
  if (open.prefix) element.prefix = open.prefix;
  if (open.namespace) element.namespace = open.namespace;
  element.attributes = open.attributes;
  element.children = open.children;
  element.text = open.text.trimStart();
  return element;
}

/** Index past a DOCTYPE starting at `start` (its internal subset skipped whole), or -1. */
function endOfDoctype(text: string, start: number): number {
  let depth = 0;
  for (let i = start + 9; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      const end = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (c === 0x5b) depth++;
    else if (c === 0x5d) depth--;
    else if (c === 0x3e && depth <= 0) return i + 1;
  }
  return -1;
}

/** The tree of a validated document, or undefined where the builder defers to parseXml. */
function build(text: string): XmlElement | undefined {
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  let scope: ReadonlyMap<string, string> = new Map();
  let i = 0;
  const length = text.length;
  while (i < length) {
    const lt = text.indexOf('<', i);
    const end = lt === -1 ? length : lt;
    if (end > i) {
      const top = stack[stack.length - 1];
      let k = i;
      while (k < end && isSpace(text.charCodeAt(k))) k++;
      if (k < end) {
        if (!top) return undefined;
        append(top, decodeReferences(text.slice(i, end)));
      } else if (top && top.text !== '') {
        // Indentation between children: kept aside, it only counts if more text follows.
        top.pending += text.slice(i, end);
      }
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close === -1) return undefined;
        i = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        const top = stack[stack.length - 1];
        if (close === -1 || !top) return undefined;
        append(top, text.slice(lt + 9, close));
        i = close + 3;
      } else if (text.startsWith('<!DOCTYPE', lt) && !root && stack.length === 0) {
        const close = endOfDoctype(text, lt);
        // Entity declarations are parseXml's to refuse.
        if (close === -1 || text.slice(lt, close).includes('<!ENTITY')) return undefined;
        i = close;
      } else return undefined;
      continue;
    }
    if (next === 0x3f /* ? */) {
      const close = text.indexOf('?>', lt + 2);
      if (close === -1) return undefined;
      i = close + 2;
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt === -1) return undefined;
    if (next === 0x2f /* / */) {
      const open = stack.pop();
      if (!open || text.slice(lt + 2, gt).trim() !== open.qualified) return undefined;
      const element = close(open);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root = element;
      scope = parent?.scope ?? new Map();
      i = gt + 1;
      continue;
    }
    if (root || stack.length >= MAX_DEPTH) return undefined;
    // Name, then attributes; quoted values may contain ">", so the tag is read value by value.
    let k = lt + 1;
    while (k < length) {
      const c = text.charCodeAt(k);
      if (isSpace(c) || c === 0x2f || c === 0x3e) break;
      k++;
    }
    const qualified = text.slice(lt + 1, k);
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    let declared: Map<string, string> | undefined;
    let selfClosing = false;
    for (;;) {
      while (k < length && isSpace(text.charCodeAt(k))) k++;
      const c = text.charCodeAt(k);
      if (c === 0x3e) {
        k++;
        break;
      }
      if (c === 0x2f && text.charCodeAt(k + 1) === 0x3e) {
        selfClosing = true;
        k += 2;
        break;
      }
      const eq = text.indexOf('=', k);
      if (eq === -1) return undefined;
      const attribute = text.slice(k, eq).trim();
      k = eq + 1;
      while (k < length && isSpace(text.charCodeAt(k))) k++;
      const quote = text[k];
      if (quote !== '"' && quote !== "'") return undefined;
      const valueEnd = text.indexOf(quote, k + 1);
      if (valueEnd === -1) return undefined;
      const value = decodeReferences(text.slice(k + 1, valueEnd));
      attributes[attribute] = value;
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
        declared ??= new Map(scope);
        declared.set(attribute === 'xmlns' ? '' : attribute.slice(6), value);
      }
      k = valueEnd + 1;
    }
    const inScope = declared ?? scope;
    const colon = qualified.indexOf(':');
    const prefix = colon > 0 ? qualified.slice(0, colon) : undefined;
    const name = colon > 0 ? qualified.slice(colon + 1) : qualified;
    const namespace = prefix === 'xml' ? XML_NAMESPACE : inScope.get(prefix ?? '') || undefined;
    const open: OpenElement = {
      qualified,
      name,
      prefix,
      namespace,
      attributes,
      children: [],
      scope: inScope,
      text: '',
      pending: '',
    };
    if (selfClosing) {
      const element = close(open);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root = element;
    } else {
      stack.push(open);
      scope = inScope;
    }
    i = k;
  }
  return stack.length === 0 ? root : undefined;
}

/**
 * Parses a feed document into the same element tree as {@link parseXml}, several times faster on
 * clean documents; throws parseXml's `EMW_PARSE_XML` errors for broken ones.
 */
export function readXmlTree(text: string): XmlElement {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (XMLValidator.validate(escapeBareAmpersands(source)) === true) {
    const tree = build(source);
    if (tree) return tree;
  }
  return parseXml(text);
}
