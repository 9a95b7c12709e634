// `callback(`, `jQuery123_456(`, `window.cb (` or a bare `(`; optionally after the `/**/` that
// some servers prepend against content sniffing. Matched on the head only, never evaluated.
const JSONP_HEAD = /^(?:\/\*\*\/)?\s*(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)?\s*\(/u;
const JSONP_TAIL = /\)\s*;?$/u;

/**
 * Takes the JSON out of a JSONP response (`callback({...});`) by its text shape alone; JSON is
 * returned unchanged (trimmed, without a byte-order mark). Nothing is evaluated: what is left must
 * still pass `JSON.parse`.
 */
export function unwrapJsonp(text: string): string {
  const body = text.replace(/^\uFEFF/u, '').trim();
  if (body.startsWith('{') || body.startsWith('[')) return body;
  const head = JSONP_HEAD.exec(body);
  if (!head || !JSONP_TAIL.test(body)) return body;
  const inner = body.slice(head[0].length, body.lastIndexOf(')')).trim();
  // A JSONP payload is an object or an array; anything else (`alert(1);cb({})`) is left whole.
  return inner.startsWith('{') || inner.startsWith('[') ? inner : body;
}
