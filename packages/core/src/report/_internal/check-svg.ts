/** Largest chart accepted from a renderer; a runaway chart must not bloat the page. */
export const MAX_SVG_CHARS = 2_000_000;

// Anything that could run code or load a resource when the page is opened.
const FORBIDDEN = [
  /<script/i,
  /<foreignObject/i,
  /<iframe|<embed|<object/i,
  /\son[a-z]+\s*=/i,
  /\b(?:href|src)\s*=\s*["']?\s*(?!#)/i,
  /url\(\s*["']?\s*(?!#)/i,
  /@import/i,
  /javascript:/i,
];

/**
 * The SVG markup to inline, or the reason it is refused: the renderer is injected, so its output
 * is checked like any other input before it goes into a page that must fetch nothing.
 */
export function checkSvg(svg: unknown): { readonly svg: string } | { readonly reason: string } {
  if (typeof svg !== 'string') return { reason: `the renderer returned ${typeof svg}, not SVG markup` };
  if (svg.length > MAX_SVG_CHARS) return { reason: `the SVG has ${svg.length} characters, more than ${MAX_SVG_CHARS}` };
  const body = svg.replace(/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?/i, '');
  if (!/^<svg[\s>]/i.test(body) || !/<\/svg>\s*$/i.test(body)) return { reason: 'the output is not one <svg> element' };
  const bad = FORBIDDEN.find((pattern) => pattern.test(body));
  if (bad) return { reason: `the SVG contains active or external content (${bad.source})` };
  return { svg: body.trim() };
}
