import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EmwatchError } from '../errors.js';

/**
 * One element of a parsed XML document, namespace-aware and free of parser specifics.
 *
 * @example
 * ```ts
 * const root: XmlElement = parseXml('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><status>Actual</status></alert>');
 * root.name; // 'alert'
 * root.namespace; // 'urn:oasis:names:tc:emergency:cap:1.2'
 * ```
 */
export interface XmlElement {
  /** Local name, without prefix, e.g. `'alert'` for `<cap:alert>`. */
  readonly name: string;
  /** Prefix as written, e.g. `'cap'`; absent for unprefixed names. */
  readonly prefix?: string;
  /** Namespace URI the name resolves to where one is declared in scope; absent otherwise. */
  readonly namespace?: string;
  /** Attributes by their name as written (`'xml:lang'`, `'xmlns:cap'`, `'href'`), values with references decoded. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: XmlElement[];
  /**
   * The element's own text: its text nodes (references decoded) and CDATA sections (verbatim)
   * joined in order, trimmed at both ends; text inside child elements is not included.
   */
  readonly text: string;
}

/** Options of {@link parseXml}. */
export interface ParseXmlOptions {
  /** Deepest element nesting accepted (the root is depth 1); deeper documents are rejected. 100 by default. */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 100;
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

// Entities are never processed by the parser: references are decoded here, predefined and
// numeric ones only, so neither DOCTYPE entities (billion laughs) nor external ones (XXE) can
// ever expand.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  maxNestedTags: 1000,
});

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;

function fromCodePoint(code: number, original: string): string {
  // Only characters XML allows; anything else stays as written rather than becoming a control char.
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : original;
}

/**
 * Decodes the five predefined XML entities and numeric character references. Any other named
 * reference (`&nbsp;`, common in feeds) is left as written, for an HTML-aware step to decode.
 */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    REFERENCE,
    (match, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return PREDEFINED[name] ?? match;
      return fromCodePoint(hex ? parseInt(hex, 16) : parseInt(dec ?? '', 10), match);
    },
  );
}

function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function xmlError(text: string, index: number, reason: string): EmwatchError {
  const { line, column } = lineColumn(text, index);
  return new EmwatchError('EMW_PARSE_XML', `not well-formed XML at line ${line}, column ${column}: ${reason}`);
}

/**
 * Walks the prolog (declaration, comments, processing instructions, DOCTYPE). A DOCTYPE that
 * declares entities is refused: emwatch never expands them, and a document that relies on them
 * (or that is an entity bomb or XXE probe) cannot be read faithfully. A DOCTYPE without entity
 * declarations (RSS 0.91's public DTD) is ignored and its DTD never fetched.
 */
function checkProlog(text: string): void {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i += 1;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end === -1) return;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end === -1) return;
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      const start = i;
      let depth = 0;
      let quote = '';
      for (i += 9; i < text.length; i += 1) {
        const ch = text[i];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '[') depth += 1;
        else if (ch === ']') depth -= 1;
        else if (ch === '>' && depth <= 0) break;
      }
      const doctype = text.slice(start, i + 1);
      const entity = /<!ENTITY/.exec(doctype);
      if (entity) {
        throw xmlError(
          text,
          start + entity.index,
          'the DOCTYPE declares entities, which emwatch refuses (no entity expansion, no external entities)',
        );
      }
      return;
    } else return;
  }
}

const MARKUP_OR_AMPERSAND = /&|<!\[CDATA\[|<!--/g;
const REFERENCE_AFTER_AMPERSAND = /(?:[A-Za-z_][\w.-]{0,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});/y;

/**
 * Escapes ampersands that start no reference (`?a=1&b=2` in a link, `A & B` in a title): a
 * mistake common in Chinese government feeds that would otherwise reject the whole document.
 * CDATA sections and comments are left alone. Linear: terminators are found with `indexOf`.
 */
function escapeBareAmpersands(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let copied = 0;
  MARKUP_OR_AMPERSAND.lastIndex = 0;
  for (let match = MARKUP_OR_AMPERSAND.exec(text); match; match = MARKUP_OR_AMPERSAND.exec(text)) {
    if (match[0] === '&') {
      REFERENCE_AFTER_AMPERSAND.lastIndex = match.index + 1;
      if (!REFERENCE_AFTER_AMPERSAND.test(text)) {
        out += `${text.slice(copied, match.index)}&amp;`;
        copied = match.index + 1;
      }
      continue;
    }
    const terminator = match[0] === '<!--' ? '-->' : ']]>';
    const end = text.indexOf(terminator, match.index + match[0].length);
    // An unterminated section is left for the validator to report.
    if (end === -1) break;
    MARKUP_OR_AMPERSAND.lastIndex = end + terminator.length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function validatorReason(message: string): string {
  // The validator reports unclosed elements as a JSON list of their names.
  const unclosed = /^Invalid '\[(.*)\]' found\.$/s.exec(message);
  if (unclosed) {
    const names = (unclosed[1] ?? '').match(/"[^"]*"/g)?.map((name) => `<${name.slice(1, -1)}>`) ?? [];
    return `the input ends before ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} closed (truncated?)`;
  }
  if (message === 'Start tag expected.') return 'no root element';
  return message.replace(/\.$/, '');
}

type Namespaces = ReadonlyMap<string, string>;
type OrderedNode = Record<string, unknown>;

function isElementKey(key: string): boolean {
  return key !== ':@' && key !== '#text' && key !== '#cdata';
}

function convert(node: OrderedNode, key: string, scope: Namespaces, depth: number, maxDepth: number): XmlElement {
  if (depth > maxDepth) {
    throw new EmwatchError(
      'EMW_PARSE_XML',
      `not well-formed XML: elements are nested deeper than ${maxDepth} levels (at <${key}>)`,
    );
  }
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  let namespaces: Map<string, string> | undefined;
  for (const [attr, value] of Object.entries(rawAttributes)) {
    const decoded = decodeReferences(String(value));
    attributes[attr] = decoded;
    if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
      namespaces ??= new Map(scope);
      namespaces.set(attr === 'xmlns' ? '' : attr.slice(6), decoded);
    }
  }
  const inScope = namespaces ?? scope;
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon) : undefined;
  const name = colon > 0 ? key.slice(colon + 1) : key;
  const namespace = prefix === 'xml' ? XML_NAMESPACE : inScope.get(prefix ?? '') || undefined;
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[key] ?? []) as OrderedNode[]) {
    if ('#text' in child) text += decodeReferences(String(child['#text']));
    else if ('#cdata' in child) {
      for (const part of child['#cdata'] as OrderedNode[]) text += String(part['#text'] ?? '');
    } else {
      const childKey = Object.keys(child).find(isElementKey);
      if (childKey !== undefined) children.push(convert(child, childKey, inScope, depth + 1, maxDepth));
    }
  }
  return {
    name,
    ...(prefix ? { prefix } : {}),
    ...(namespace ? { namespace } : {}),
    attributes,
    children,
    text: text.trim(),
  };
}

/**
 * Parses an XML document into a namespace-aware element tree.
 *
 * Safe on untrusted input: only the predefined entities and numeric character references are
 * decoded; a DOCTYPE that declares entities (XXE, billion laughs) is rejected, other DOCTYPEs are
 * ignored, nothing is ever fetched. Bare `&` that starts no reference is read as a literal `&`.
 * Malformed input throws `EmwatchError('EMW_PARSE_XML')` with the line, column and reason.
 *
 * @example
 * ```ts
 * const rss = parseXml('<rss version="2.0"><channel><title>锡林郭勒盟气象台</title></channel></rss>');
 * childText(childElement(rss, 'channel')!, 'title'); // '锡林郭勒盟气象台'
 * ```
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const source = escapeBareAmpersands(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  checkProlog(source);
  const validation = XMLValidator.validate(source);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
    throw new EmwatchError('EMW_PARSE_XML', `not well-formed XML at ${where}: ${validatorReason(msg)}`);
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(source) as OrderedNode[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EmwatchError('EMW_PARSE_XML', `not well-formed XML: ${reason}`, { cause: error });
  }
  let root: XmlElement | undefined;
  for (const node of nodes) {
    if ('#text' in node) {
      if (String(node['#text']).trim() !== '') {
        throw new EmwatchError('EMW_PARSE_XML', 'not well-formed XML: text outside the root element');
      }
      continue;
    }
    const key = Object.keys(node).find(isElementKey);
    if (key === undefined) continue;
    if (root)
      throw new EmwatchError(
        'EMW_PARSE_XML',
        `not well-formed XML: a second root element <${key}> after <${root.name}>`,
      );
    root = convert(node, key, new Map(), 1, maxDepth);
  }
  if (!root) throw new EmwatchError('EMW_PARSE_XML', 'not well-formed XML: no root element');
  // The parser drops trailing text silently; a document must end with markup.
  if (!source.trimEnd().endsWith('>'))
    throw new EmwatchError('EMW_PARSE_XML', 'not well-formed XML: text outside the root element');
  return root;
}

/**
 * The first child element with this local name (any namespace), if any.
 *
 * @example
 * ```ts
 * childElement(parseXml('<alert><info><event>大风</event></info></alert>'), 'info')?.name; // 'info'
 * ```
 */
export function childElement(element: XmlElement, localName: string): XmlElement | undefined {
  return element.children.find((child) => child.name === localName);
}

/**
 * Every child element with this local name (any namespace), in document order.
 *
 * @example
 * ```ts
 * childElements(parseXml('<alert><info/><info/></alert>'), 'info').length; // 2
 * ```
 */
export function childElements(element: XmlElement, localName: string): XmlElement[] {
  return element.children.filter((child) => child.name === localName);
}

/**
 * The text of the first child element with this local name; `undefined` when there is no such
 * child (an empty child gives `''`).
 *
 * @example
 * ```ts
 * childText(parseXml('<alert><status>Actual</status></alert>'), 'status'); // 'Actual'
 * childText(parseXml('<alert/>'), 'status'); // undefined
 * ```
 */
export function childText(element: XmlElement, localName: string): string | undefined {
  return childElement(element, localName)?.text;
}
