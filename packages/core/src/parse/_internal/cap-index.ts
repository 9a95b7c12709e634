import { childElement, childElements, childText, type XmlElement } from '../xml.js';

/** One entry of an index of CAP documents. */
export interface CapIndexEntry {
  /** The entry's own id (Atom `id`, RSS `guid`), else its link. */
  readonly id: string;
  /** Address of the CAP document, as written (may be relative to the index). */
  readonly link: string;
  /** Position in the index (0-based). */
  readonly index: number;
  /** When the entry says it last changed (Atom `updated`, RSS `pubDate`), as written. */
  readonly updated?: string;
}

/** An Atom or RSS document listing CAP documents. */
export interface CapIndex {
  readonly kind: 'atom' | 'rss';
  readonly entries: readonly CapIndexEntry[];
  /** Entries without any link, by position: they cannot be fetched. */
  readonly unlinked: readonly number[];
}

const isCapType = (type: string | undefined): boolean => /cap\+xml|cap/i.test(type ?? '');

/** The link of an Atom entry: a CAP-typed link first, then `alternate` (or no rel), then any. */
function atomLink(entry: XmlElement): string | undefined {
  const links = childElements(entry, 'link').filter((link) => link.attributes.href);
  const pick =
    links.find((link) => isCapType(link.attributes.type)) ??
    links.find((link) => !link.attributes.rel || link.attributes.rel === 'alternate') ??
    links[0];
  return pick?.attributes.href?.trim() || undefined;
}

/** The link of an RSS item: a CAP-typed enclosure first, then `link`. */
function rssLink(item: XmlElement): string | undefined {
  const enclosure = childElements(item, 'enclosure').find((e) => e.attributes.url && isCapType(e.attributes.type));
  if (enclosure) return enclosure.attributes.url?.trim();
  const link = childElements(item, 'link').find((l) => l.text !== '')?.text;
  return link || item.attributes['rdf:about'] || undefined;
}

function entriesOf(
  elements: readonly XmlElement[],
  linkOf: (e: XmlElement) => string | undefined,
  idName: string,
  updatedName: string,
): CapIndexEntry[] {
  return elements.flatMap((element, index) => {
    const link = linkOf(element);
    if (!link) return [];
    // RSS 1.0 writes the time as Dublin Core `dc:date`.
    const updated = childText(element, updatedName) || childText(element, 'date');
    return [{ id: childText(element, idName) || link, link, index, ...(updated ? { updated } : {}) }];
  });
}

/**
 * Reads an Atom 1.0, RSS 2.0 or RSS 1.0 (RDF) document as an index of CAP documents;
 * `undefined` for any other root element.
 */
export function readCapIndex(root: XmlElement): CapIndex | undefined {
  if (root.name === 'feed') {
    const entries = childElements(root, 'entry');
    const linked = entriesOf(entries, atomLink, 'id', 'updated');
    return { kind: 'atom', entries: linked, unlinked: unlinkedPositions(entries.length, linked) };
  }
  if (root.name === 'rss' || root.name === 'RDF') {
    const channel = childElement(root, 'channel');
    // RSS 2.0 nests items in the channel; RSS 1.0 puts them beside it.
    const items = [...(channel ? childElements(channel, 'item') : []), ...childElements(root, 'item')];
    const linked = entriesOf(items, rssLink, 'guid', 'pubDate');
    return { kind: 'rss', entries: linked, unlinked: unlinkedPositions(items.length, linked) };
  }
  return undefined;
}

function unlinkedPositions(count: number, linked: readonly CapIndexEntry[]): number[] {
  const have = new Set(linked.map((entry) => entry.index));
  return Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(i));
}
