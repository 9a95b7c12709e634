import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './escape-markdown.js';

describe('escapeMarkdown', () => {
  it('escapes emphasis, links, raw HTML, entities and table pipes', () => {
    expect(escapeMarkdown('**粗**_斜_[链](http://x.example)<b>&amp;|~~')).toBe(
      '\\*\\*粗\\*\\*\\_斜\\_\\[链\\](http://x.example)\\<b\\>\\&amp;\\|\\~\\~',
    );
  });

  it('turns line breaks into spaces so a table row stays one line', () => {
    expect(escapeMarkdown('第一行\n# 第二行\r\n第三行')).toBe('第一行 # 第二行 第三行');
  });

  it('escapes list, heading and ordered-list markers only at the start of a block', () => {
    expect(escapeMarkdown('# 标题', { blockStart: true })).toBe('\\# 标题');
    expect(escapeMarkdown('- 项', { blockStart: true })).toBe('\\- 项');
    expect(escapeMarkdown('12. 项', { blockStart: true })).toBe('12\\. 项');
    expect(escapeMarkdown('0.75')).toBe('0.75');
    expect(escapeMarkdown('2024-04-12 08:00', { blockStart: true })).toBe('2024-04-12 08:00');
  });
});
