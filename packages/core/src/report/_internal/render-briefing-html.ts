import { WARNING_COLOR_INFO } from '../../model/taxonomy.js';
import type { BriefingDocument, DocBlock, DocCell } from './briefing-document.js';
import { escapeHtml as h } from './escape-html.js';

// Fonts the duty rooms' machines have: Noto/Source Han on Linux, YaHei on Windows, PingFang on macOS.
const FONTS =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', 'Heiti SC', SimHei, sans-serif";

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1d2129; font: 15px/1.7 ${FONTS}; }
.briefing { max-width: 960px; margin: 24px auto; padding: 40px 48px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
h1 { margin: 0 0 8px; color: #b71c1c; font-size: 26px; text-align: center; letter-spacing: .08em; }
.meta { margin: 0; color: #4e5969; text-align: center; font-size: 14px; }
.rule { border: 0; border-top: 3px solid #b71c1c; margin: 16px 0 24px; }
h2 { margin: 28px 0 12px; font-size: 19px; border-left: 4px solid #b71c1c; padding-left: 10px; }
p, ul { margin: 8px 0; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
th, td { border: 1px solid #c9cdd4; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f2f3f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; min-width: 1.6em; padding: 0 6px; white-space: nowrap; border-radius: 3px; color: #fff; font-weight: 600; }
.badge.yellow { color: #1d2129; }
figure { margin: 12px 0 4px; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #4e5969; font-size: 13px; }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid #c9cdd4; color: #86909c; font-size: 12px; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  .briefing { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h2 { break-after: avoid; }
  table, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

/**
 * A briefing document as one self-contained HTML page: inline CSS with print rules, inline SVG
 * charts, no script, no external resource (a Content-Security-Policy forbids any fetch).
 */
export function renderBriefingHtml(doc: BriefingDocument): string {
  const parts: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(doc.title)}</title>`,
    `<style>${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<article class="briefing">',
    '<header>',
    `<h1>${h(doc.title)}</h1>`,
    ...doc.meta.map((line) => `<p class="meta">${h(line)}</p>`),
    '<hr class="rule">',
    '</header>',
  ];
  for (const section of doc.sections) {
    parts.push('<section>', `<h2>${h(section.title)}</h2>`);
    for (const block of section.blocks) parts.push(renderBlock(block));
    parts.push('</section>');
  }
  parts.push(`<footer>${h(doc.footer)}</footer>`, '</article>', '</body>', '</html>', '');
  return parts.join('\n');
}

function renderBlock(block: DocBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${h(block.text)}</p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${h(item)}</li>`).join('')}</ul>`;
    case 'chart':
      return block.svg === undefined
        ? ''
        : `<figure role="img" aria-label="${h(block.caption)}">${block.svg}<figcaption>${h(block.caption)}</figcaption></figure>`;
    case 'table': {
      if (block.rows.length === 0) return `<p>${h(block.empty)}</p>`;
      const cls = (align: 'left' | 'right' | undefined): string => (align === 'right' ? ' class="num"' : '');
      const head = block.columns.map((c) => `<th scope="col"${cls(c.align)}>${h(c.title)}</th>`).join('');
      const rows = block.rows
        .map(
          (row) =>
            `<tr>${row.map((cell, i) => `<td${cls(block.columns[i]?.align)}>${renderCell(cell)}</td>`).join('')}</tr>`,
        )
        .join('\n');
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
  }
}

function renderCell(cell: DocCell): string {
  if (typeof cell === 'string') return h(cell);
  if (cell.color === undefined) return h(cell.text);
  const info = WARNING_COLOR_INFO[cell.color];
  return `<span class="badge ${info.id}" style="background:${info.hex}">${h(cell.text)}</span>`;
}
