/**
 * The document formats emwatch reads, as `emwatch fetch --format` names them: feeds (RSS, Atom,
 * JSON Feed), CAP (a document or an index of CAP documents), USGS GeoJSON, CENC JSON, and any
 * other JSON (records).
 */
export type DocumentFormat = 'rss' | 'cap' | 'usgs-geojson' | 'cenc-json' | 'json';

const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.';

/** First element name of an XML document, skipping the declaration, comments, processing instructions and DOCTYPE. */
function rootElement(text: string): string | undefined {
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/u.exec(text);
  const rest = text.slice(prolog?.[0].length ?? 0);
  return /^<([A-Za-z_][\w.-]*(?::[\w.-]+)?)/u.exec(rest)?.[1];
}

/** A JSON document's value, with a JSONP wrapper (`cb({...})`) taken off by its shape; never evaluated. */
function jsonValue(text: string): unknown {
  const trimmed = text.trim();
  const jsonp = /^[A-Za-z_$][\w$.]*\s*\(([\s\S]*)\)\s*;?$/u.exec(trimmed);
  try {
    return JSON.parse(jsonp ? (jsonp[1] ?? '') : trimmed);
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function looksLikeCenc(value: unknown): boolean {
  const list = Array.isArray(value) ? value : isRecord(value) ? Object.values(value).find(Array.isArray) : undefined;
  const first: unknown = list?.[0];
  return isRecord(first) && 'M' in first && 'O_TIME' in first;
}

/**
 * Tells a document's format from its text alone (decoded, no I/O), for `--format auto`: the
 * root element for XML (an Atom or RSS index whose entries point at CAP documents counts as
 * CAP), the shape of the value for JSON. `undefined` when it is none of them.
 *
 * @example
 * ```ts
 * detectFormat('<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">…'); // 'cap'
 * detectFormat('{"type":"FeatureCollection","features":[{"properties":{"mag":4.6}}]}'); // 'usgs-geojson'
 * detectFormat('<html><body>Not found</body></html>'); // undefined
 * ```
 */
export function detectFormat(text: string): DocumentFormat | undefined {
  const body = text.replace(/^\uFEFF/u, '');
  const head = body.trimStart();
  if (head.startsWith('<')) {
    const root = rootElement(head)?.toLowerCase();
    if (root === undefined) return undefined;
    const local = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
    if (local === 'alert') return 'cap';
    if (local === 'rss' || local === 'rdf' || local === 'feed' || local === 'channel') {
      // An index of CAP documents: links typed application/cap+xml, or the CAP namespace inside.
      return /application\/cap\+xml|urn:oasis:names:tc:emergency:cap:1\./iu.test(head.slice(0, 200_000))
        ? 'cap'
        : 'rss';
    }
    return undefined;
  }
  const value = jsonValue(body);
  if (value === undefined) return undefined;
  if (isRecord(value)) {
    if (typeof value.version === 'string' && value.version.startsWith('https://jsonfeed.org/version/')) return 'rss';
    if (value.type === 'FeatureCollection' && Array.isArray(value.features)) {
      const first: unknown = value.features[0];
      if (first === undefined || (isRecord(first) && isRecord(first.properties) && 'mag' in first.properties))
        return 'usgs-geojson';
    }
    if (isRecord(value.alert) || (typeof value.identifier === 'string' && ('info' in value || 'sender' in value)))
      return 'cap';
    if (JSON.stringify(value).slice(0, 2000).includes(CAP_NAMESPACE)) return 'cap';
  }
  if (looksLikeCenc(value)) return 'cenc-json';
  return 'json';
}
