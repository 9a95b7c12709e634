import type { XmlElement } from '../xml.js';

/**
 * Read access to one CAP element, the same whether it came from XML (`<info>…</info>`) or from
 * CAP-JSON (`"info": [{…}]`), so the CAP rules are written once.
 */
export interface CapNode {
  /** Text of the first child with this name; `undefined` when absent. */
  text(name: string): string | undefined;
  /** Texts of every child with this name, in order. */
  texts(name: string): string[];
  /** Every child element / object with this name, in order. */
  nodes(name: string): CapNode[];
  /** The node's own text (XML text content, or a JSON scalar). */
  own(): string;
  /** Names of the children that carry text, in order, with their text (for fields CAP does not define). */
  entries(): [string, string][];
}

/** A {@link CapNode} over a parsed XML element: children are matched by local name. */
export function xmlCapNode(element: XmlElement): CapNode {
  const byName = (name: string): XmlElement[] => element.children.filter((child) => child.name === name);
  return {
    text: (name) => byName(name)[0]?.text,
    texts: (name) => byName(name).map((child) => child.text),
    nodes: (name) => byName(name).map(xmlCapNode),
    own: () => element.text,
    entries: () =>
      element.children.filter((child) => child.children.length === 0).map((child) => [child.name, child.text]),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A {@link CapNode} over a CAP-JSON object (the form MoWaS/NINA and others publish): CAP's
 * element names as keys, repeated elements as arrays, single ones as scalars or arrays.
 */
export function jsonCapNode(value: unknown): CapNode {
  const record = isRecord(value) ? value : {};
  const own = scalar(value) ?? '';
  const own_ = (key: string): unknown => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);
  return {
    text: (name) =>
      list(own_(name))
        .map(scalar)
        .find((text) => text !== undefined),
    texts: (name) =>
      list(own_(name))
        .map(scalar)
        .filter((text): text is string => text !== undefined),
    nodes: (name) => list(own_(name)).map(jsonCapNode),
    own: () => own,
    entries: () =>
      Object.entries(record).flatMap(([key, entry]) => {
        const text = scalar(entry);
        return text === undefined ? [] : [[key, text] as [string, string]];
      }),
  };
}
