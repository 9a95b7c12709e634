import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../define/emw-level-badge.js';
import type { EmwLevelBadge } from './level-badge.js';
import { parseLevel } from './level-badge.js';

async function mount(attributes: Record<string, string>, lang?: string): Promise<EmwLevelBadge> {
  const main = document.querySelector('main') ?? document.body.appendChild(document.createElement('main'));
  const host = main.appendChild(document.createElement('p'));
  if (lang) host.lang = lang;
  const badge = document.createElement('emw-level-badge');
  for (const [name, value] of Object.entries(attributes)) badge.setAttribute(name, value);
  host.append(badge);
  await badge.updateComplete;
  return badge;
}
const text = (badge: EmwLevelBadge) =>
  badge.shadowRoot!.querySelector('[part=badge]')!.textContent!.replace(/\s+/g, ' ').trim();

// Vitest's page declares lang="en"; a Chinese portal declares zh-CN.
beforeEach(() => {
  document.documentElement.lang = 'zh-CN';
});
afterEach(() => {
  document.body.replaceChildren();
});

describe('emw-level-badge', () => {
  it('names the hazard, the colour and the response level in Chinese by default', async () => {
    const badge = await mount({ level: 'orange', hazard: 'sandstorm' });
    expect(text(badge)).toBe('沙尘暴橙色预警· Ⅱ级');
  });

  it('paints the badge in the official warning colour', async () => {
    const badge = await mount({ level: 'red' });
    const style = getComputedStyle(badge.shadowRoot!.querySelector('[part=badge]')!);
    expect(style.backgroundColor).toBe('rgb(215, 38, 30)');
  });

  it('accepts a response level instead of a colour', async () => {
    const badge = await mount({ level: 'Ⅲ' });
    expect(text(badge)).toBe('黄色预警· Ⅲ级');
  });

  it('speaks English when an ancestor says lang="en"', async () => {
    const badge = await mount({ level: 'blue', hazard: 'snow-disaster' }, 'en');
    expect(text(badge)).toBe('Snow disaster Blue warning· Level IV');
  });

  it('follows the document language when the portal switches it', async () => {
    const badge = await mount({ level: 'yellow' });
    document.documentElement.lang = 'en';
    await new Promise((resolve) => setTimeout(resolve, 0));
    await badge.updateComplete;
    expect(text(badge)).toBe('Yellow warning· Level III');
  });

  it('says the level is unknown rather than guessing', async () => {
    const badge = await mount({ level: 'purple' });
    expect(text(badge)).toBe('级别未知');
  });

  it('renders Chinese glyphs with a CJK font instead of boxes', async () => {
    const badge = await mount({ level: 'orange', hazard: 'sandstorm' });
    await document.fonts.ready;
    const label = badge.shadowRoot!.querySelector('[part=badge]')!;
    // Missing glyphs render as equal-width boxes (tofu); a CJK font gives 沙 and 尘 distinct shapes,
    // which we can only see through layout: check the text takes roughly one em per character.
    const width = label.getBoundingClientRect().width;
    const fontSize = parseFloat(getComputedStyle(label).fontSize);
    expect(width).toBeGreaterThan(fontSize * 7);
  });

  it('passes an axe accessibility check for every colour', async () => {
    for (const level of ['blue', 'yellow', 'orange', 'red']) await mount({ level, hazard: 'flood' });
    const result = await axe.run(document.body);
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.failureSummary).join('; ')}`)).toEqual([]);
  });
});

describe('parseLevel', () => {
  it('maps response levels to colours and ignores case and spaces', () => {
    expect(parseLevel(' I ')).toBe('red');
    expect(parseLevel('iv')).toBe('blue');
    expect(parseLevel('ORANGE')).toBe('orange');
  });

  it('returns undefined for anything else', () => {
    expect(parseLevel('V')).toBeUndefined();
    expect(parseLevel('')).toBeUndefined();
    expect(parseLevel(undefined)).toBeUndefined();
  });
});
