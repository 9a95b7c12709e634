import { cellText, type BriefingDocument, type DocBlock } from './briefing-document.js';
import { escapeMarkdown as md } from './escape-markdown.js';

const BLOCK = { blockStart: true } as const;

/** A briefing document as CommonMark/GFM: headings, lists and pipe tables; charts appear as their tables only. */
export function renderBriefingMarkdown(doc: BriefingDocument): string {
  const out: string[] = [`# ${md(doc.title)}`, ''];
  for (const line of doc.meta) out.push(md(line, BLOCK), '');
  for (const section of doc.sections) {
    out.push(`## ${md(section.title)}`, '');
    for (const block of section.blocks) {
      const lines = renderBlock(block);
      if (lines.length) out.push(...lines, '');
    }
  }
  out.push('---', '', md(doc.footer, BLOCK), '');
  return out.join('\n');
}

function renderBlock(block: DocBlock): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [md(block.text, BLOCK)];
    case 'list':
      return block.items.map((item) => `- ${md(item, BLOCK)}`);
    case 'chart':
      // Markdown has no inline SVG that every viewer shows; the data table that follows carries the figures.
      return [];
    case 'table': {
      if (block.rows.length === 0) return [md(block.empty, BLOCK)];
      const head = `| ${block.columns.map((c) => md(c.title)).join(' | ')} |`;
      const rule = `|${block.columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
      const rows = block.rows.map((row) => `| ${row.map((cell) => md(cellText(cell)) || ' ').join(' | ')} |`);
      return [head, rule, ...rows];
    }
  }
}
