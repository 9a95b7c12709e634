// Punctuation CommonMark and GFM give meaning to anywhere in a line: emphasis, links and images,
// code, tables, raw HTML, entities, strikethrough. Backslash-escaping them is always allowed.
const SPECIAL = /[\\`*_[\]<>|~&]/g;
// What only means something at the start of a line: headings, list items, breaks, setext underlines.
const LEADING = /^(\s*)([#+=-]|\d+(?=[.)]))/;
// Line breaks and other control characters would end a table row or start a new block.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/**
 * Text for one line of Markdown: control characters and line breaks become spaces, Markdown
 * punctuation is backslash-escaped, so an event title from a hostile post can neither inject
 * markup nor break a table row. `blockStart` also escapes what only counts at the start of a
 * block (`#`, `-`, `1.`): for paragraphs and list items, not for table cells or headings.
 */
export function escapeMarkdown(text: string, options: { readonly blockStart?: boolean } = {}): string {
  const inline = text.replace(CONTROL, ' ').replace(SPECIAL, (c) => `\\${c}`);
  return options.blockStart
    ? inline.replace(
        LEADING,
        (_, space: string, mark: string) => `${space}${/^\d/.test(mark) ? `${mark}\\` : `\\${mark}`}`,
      )
    : inline;
}
