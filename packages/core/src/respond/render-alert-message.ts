import { colorLabel, levelLabel, stageLabel, typeLabel, type LabelLanguage } from '../model/taxonomy.js';
import type { AlertMessage, AlertMessageEntry } from './alert-message.js';
import { formatLocalMinute } from './_internal/local-time.js';

/**
 * How to render: `markdown` (blank line between lines, which DingTalk, CommonMark and most chat
 * tools agree on), `wecom` (WeCom's Markdown subset, single line breaks), `text` (plain), `html`
 * (an e-mail body fragment).
 */
export type AlertMessageFormat = 'markdown' | 'wecom' | 'text' | 'html';

/** Options of {@link renderAlertMessage}. */
export interface RenderAlertMessageOptions {
  readonly format: AlertMessageFormat;
  /**
   * Upper bound of the UTF-8 size of the result; digest entries that do not fit are left out and
   * counted in a closing line (e.g. WeCom refuses Markdown over 4,096 bytes).
   */
  readonly maxBytes?: number;
}

interface Labels {
  readonly level: string;
  readonly type: string;
  readonly places: string;
  readonly score: string;
  readonly reasons: string;
  readonly casualties: string;
  readonly firstSeen: string;
  readonly lastUpdate: string;
  readonly details: string;
  readonly previous: (level: string) => string;
  readonly acknowledge: (id: string) => string;
  readonly escalated: (n: number) => string;
  readonly more: (n: number) => string;
  readonly unknownPlace: string;
  readonly listSeparator: string;
  readonly casualty: (kind: 'deaths' | 'injured' | 'missing' | 'trapped', count: number | null) => string;
}

const CASUALTY_ZH = { deaths: '死亡', injured: '受伤', missing: '失踪', trapped: '被困' } as const;
const CASUALTY_EN = { deaths: 'dead', injured: 'injured', missing: 'missing', trapped: 'trapped' } as const;

const LABELS: Readonly<Record<LabelLanguage, Labels>> = {
  'zh-CN': {
    level: '预警级别',
    type: '事件类型',
    places: '涉及地区',
    score: '风险评分',
    reasons: '主要依据',
    casualties: '人员伤亡',
    firstSeen: '首次发现',
    lastUpdate: '最近更新',
    details: '查看详情',
    previous: (level) => `原为${level}`,
    acknowledge: (id) => `预警编号 ${id}，请及时确认`,
    escalated: (n) => `已逾时未确认，第 ${n} 次上报`,
    more: (n) => `……另有 ${n} 条未列出`,
    unknownPlace: '未定位',
    listSeparator: '、',
    casualty: (kind, count) => `${CASUALTY_ZH[kind]} ${count === null ? '若干（约数）' : `${count} 人`}`,
  },
  en: {
    level: 'Level',
    type: 'Type',
    places: 'Places',
    score: 'Risk score',
    reasons: 'Main reasons',
    casualties: 'Casualties',
    firstSeen: 'First seen',
    lastUpdate: 'last update',
    details: 'Details',
    previous: (level) => `was ${level}`,
    acknowledge: (id) => `Alert ${id}: please acknowledge`,
    escalated: (n) => `Not acknowledged in time: escalation ${n}`,
    more: (n) => `… and ${n} more not listed`,
    unknownPlace: 'not located',
    listSeparator: ', ',
    casualty: (kind, count) => `${count === null ? 'several (approximate)' : count} ${CASUALTY_EN[kind]}`,
  },
};

// Markdown and HTML-ish syntax characters become their full-width forms: a post's text must not
// turn into links, mentions or markup in a duty-room chat, and full-width forms read naturally in
// Chinese where a backslash escape would show up literally in some robots' renderers.
const MARKDOWN_NEUTRAL: Readonly<Record<string, string>> = {
  '[': '［',
  ']': '］',
  '(': '（',
  ')': '）',
  '*': '＊',
  _: '＿',
  '#': '＃',
  '<': '＜',
  '>': '＞',
  '`': '｀',
  '|': '｜',
  '~': '～',
  '!': '！',
  '@': '＠',
  '\\': '＼',
};
const MARKDOWN_SPECIAL = /[[\]()*_#<>`|~!@\\]/g;
const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Renders an alert message for a channel: level colour word, type, places, score with its largest
 * reasons, casualties, times and link, zh-CN or English as the message says. Text from posts is
 * neutralised for the format, so it can never become markup, links or mentions.
 *
 * @example
 * ```ts
 * renderAlertMessage(message, { format: 'markdown' });
 * // '### 【橙色】东乌旗暴雪\n\n- **预警级别**：橙色 · Ⅱ级（重大）\n\n- **事件类型**：雪灾（发生）…'
 * renderAlertMessage(message, { format: 'wecom', maxBytes: 4096 });
 * ```
 */
export function renderAlertMessage(message: AlertMessage, options: RenderAlertMessageOptions): string {
  const { format } = options;
  const labels = LABELS[message.lang];
  const clean = cleaner(format);
  const head = heading(format, clean(message.title));
  const intro: string[] = [];
  if (message.kind === 'escalation' && message.escalations)
    intro.push(emphasis(format, labels.escalated(message.escalations)));
  const blocks = message.entries.map((entry, index) =>
    entryLines(entry, message, labels, clean, format, message.entries.length > 1 ? index + 1 : 0),
  );
  const join = (parts: readonly string[]): string => parts.join(format === 'markdown' ? '\n\n' : '\n');
  const assemble = (count: number): string => {
    const parts = [
      head,
      ...intro,
      ...blocks.slice(0, count).flatMap((lines, i) => (i > 0 ? [separator(format), ...lines] : lines)),
    ];
    if (count < blocks.length) parts.push(labels.more(blocks.length - count));
    const body = join(parts);
    return format === 'html' ? `<div class="emwatch-alert">\n${body}\n</div>` : body;
  };
  let count = blocks.length;
  let result = assemble(count);
  if (options.maxBytes !== undefined) {
    while (count > 1 && utf8Length(result) > options.maxBytes) result = assemble(--count);
    if (utf8Length(result) > options.maxBytes) result = truncateUtf8(result, options.maxBytes);
  }
  return result;
}

function entryLines(
  entry: AlertMessageEntry,
  message: AlertMessage,
  labels: Labels,
  clean: (text: string) => string,
  format: AlertMessageFormat,
  number: number,
): string[] {
  const lang = message.lang;
  const lines: string[] = [];
  if (number > 0) lines.push(subheading(format, `${number}. ${clean(`${bracketColor(entry, lang)}${entry.title}`)}`));
  const level = `${colorLabel(entry.color, lang)} · ${levelLabel(entry.level, lang)}`;
  const aside = (text: string): string => (lang === 'en' ? ` (${text})` : `（${text}）`);
  const previous = entry.previousLevel ? aside(labels.previous(levelLabel(entry.previousLevel, lang))) : '';
  const field = (label: string, value: string): string => fieldLine(format, lang, label, value);
  lines.push(field(labels.level, `${level}${previous}`));
  const stage = entry.stage ? aside(stageLabel(entry.stage, lang)) : '';
  lines.push(field(labels.type, `${typeLabel(entry.type, lang)}${stage}`));
  const places = entry.places.map((place) => clean(place.name)).join(labels.listSeparator) || labels.unknownPlace;
  lines.push(field(labels.places, places));
  lines.push(field(labels.score, `${entry.score} / 100`));
  if (entry.reasons.length > 0) {
    const separator = lang === 'en' ? '; ' : '；';
    lines.push(field(labels.reasons, entry.reasons.map((r) => `${clean(r.label)} +${r.contribution}`).join(separator)));
  }
  const casualties = casualtyText(entry, labels);
  if (casualties) lines.push(field(labels.casualties, casualties));
  const seen = formatLocalMinute(new Date(entry.firstSeen), message.timeZone);
  const updated = formatLocalMinute(new Date(entry.lastUpdate), message.timeZone);
  const times = seen === updated ? seen : `${seen}${aside(`${labels.lastUpdate} ${updated}`)}`;
  lines.push(field(labels.firstSeen, times));
  if (entry.link) lines.push(link(format, lang, labels.details, entry.link));
  if (message.kind !== 'digest') lines.push(quote(format, labels.acknowledge(clean(entry.alertId))));
  return lines;
}

function bracketColor(entry: AlertMessageEntry, lang: LabelLanguage): string {
  return lang === 'en' ? `[${colorLabel(entry.color, 'en')}] ` : `【${colorLabel(entry.color)}】`;
}

function casualtyText(entry: AlertMessageEntry, labels: Labels): string {
  const kinds = ['deaths', 'injured', 'missing', 'trapped'] as const;
  const parts = kinds.flatMap((kind) => {
    const count = entry.casualties[kind];
    if (count !== null && count > 0) return [labels.casualty(kind, count)];
    if (count === null && entry.casualties.approximate?.includes(kind)) return [labels.casualty(kind, null)];
    return [];
  });
  return parts.join(labels.listSeparator);
}

function cleaner(format: AlertMessageFormat): (text: string) => string {
  const flat = (text: string): string => text.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
  if (format === 'html') return (text) => flat(text).replace(HTML_SPECIAL, (c) => HTML_ENTITY[c] ?? c);
  if (format === 'text') return flat;
  return (text) => flat(text).replace(MARKDOWN_SPECIAL, (c) => MARKDOWN_NEUTRAL[c] ?? c);
}

function heading(format: AlertMessageFormat, text: string): string {
  if (format === 'html') return `<h3>${text}</h3>`;
  if (format === 'text') return text;
  return `### ${text}`;
}

function subheading(format: AlertMessageFormat, text: string): string {
  if (format === 'html') return `<h4>${text}</h4>`;
  if (format === 'text') return text;
  return `#### ${text}`;
}

function fieldLine(format: AlertMessageFormat, lang: LabelLanguage, label: string, value: string): string {
  const colon = lang === 'en' ? ': ' : '：';
  if (format === 'html') return `<p><strong>${label}</strong>${colon}${value}</p>`;
  if (format === 'text') return `${label}${colon}${value}`;
  return `- **${label}**${colon}${value}`;
}

function emphasis(format: AlertMessageFormat, text: string): string {
  if (format === 'html') return `<p><strong>${text}</strong></p>`;
  if (format === 'text') return text;
  return `**${text}**`;
}

function quote(format: AlertMessageFormat, text: string): string {
  if (format === 'html') return `<p><small>${text}</small></p>`;
  if (format === 'text') return text;
  return `> ${text}`;
}

function separator(format: AlertMessageFormat): string {
  if (format === 'html') return '<hr>';
  if (format === 'text') return '----';
  return '---';
}

function link(format: AlertMessageFormat, lang: LabelLanguage, label: string, url: string): string {
  // Only http(s) links reach here; characters that would end the Markdown link or the attribute are encoded.
  const safe = url.replace(/[()<>"'\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  if (format === 'html') return `<p><a href="${safe.replace(/&/g, '&amp;')}">${label}</a></p>`;
  if (format === 'text') return `${label}${lang === 'en' ? ': ' : '：'}${safe}`;
  return `[${label}](${safe})`;
}

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = encoder.encode(text);
  if (bytes.byteLength <= maxBytes) return text;
  // Cut at a character boundary, leaving room for the ellipsis (3 bytes).
  let end = Math.max(0, maxBytes - 3);
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return `${new TextDecoder().decode(bytes.subarray(0, end))}…`;
}
