import { EmwatchError } from '../errors.js';
import type { Alert } from '../model/alert.js';
import type { Event } from '../model/event.js';
import type { RegionPack } from '../model/region-pack.js';
import type { RiskScore } from '../model/risk-score.js';
import type { CapStatus, SourceKind } from '../model/signal.js';
import {
  colorLabel,
  colorToCapSeverity,
  gbCodesOf,
  levelLabel,
  stageLabel,
  typeLabel,
  type LabelLanguage,
  type TypeId,
} from '../model/taxonomy.js';
import { alertTitle, createAlertEntry, eventHeadline } from './alert-message.js';
import { DEFAULT_TIME_ZONE, formatOffsetDateTime } from './_internal/local-time.js';

/** The CAP 1.2 namespace. */
export const CAP_1_2_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** Options of {@link toCap}. */
export interface ToCapOptions {
  /** CAP `sender`: who originates the alert, e.g. `'emwatch@yjt.nmg.gov.cn'`; default `'emwatch'`. */
  readonly sender?: string;
  /** CAP `senderName`, zh-CN then en; default `'emwatch 突发事件舆情监测'` / `'emwatch emergency monitoring'`. */
  readonly senderName?: { readonly zh: string; readonly en: string };
  /** Region pack: names of the places for `areaDesc`. */
  readonly region?: RegionPack;
  /** The risk score the alert came from: its largest factors go into the description. */
  readonly score?: RiskScore;
  /** CAP `status`; `'Actual'` by default. Use `'Exercise'` or `'Test'` for drills. */
  readonly status?: CapStatus;
  /**
   * CAP `scope`; `'Restricted'` by default, because a monitoring alert is material for an
   * emergency-management office, not a public warning. `'Public'` drops the restriction note.
   */
  readonly scope?: 'Public' | 'Restricted' | 'Private';
  /** Link to the event page (CAP `web`). */
  readonly web?: string;
  /** Hours from the alert's creation until CAP `expires`; default 24. */
  readonly expiresAfterHours?: number;
  /** Zone for the CAP times; `'Asia/Shanghai'` by default. */
  readonly timeZone?: string;
  /**
   * Earlier CAP messages this one updates, as `sender,identifier,sent` triples (e.g. the CAP of
   * the lower-level alert an upgrade supersedes); with any, `msgType` is `Update`.
   */
  readonly references?: readonly string[];
}

// The CAP 1.2 categories of each type (Geo, Met, Safety, Security, Rescue, Fire, Health, Env,
// Transport, Infra, CBRNE, Other). CAP files floods under Met and landslides under Geo.
const CAP_CATEGORY: Readonly<Record<TypeId, string>> = {
  flood: 'Met',
  drought: 'Met',
  sandstorm: 'Met',
  'snow-disaster': 'Met',
  'cold-wave': 'Met',
  gale: 'Met',
  'hail-lightning': 'Met',
  heat: 'Met',
  'fog-haze': 'Met',
  earthquake: 'Geo',
  geological: 'Geo',
  wildfire: 'Fire',
  biological: 'Env',
  mining: 'Safety',
  hazchem: 'CBRNE',
  workplace: 'Safety',
  fire: 'Fire',
  traffic: 'Transport',
  infrastructure: 'Infra',
  pollution: 'Env',
  epidemic: 'Health',
  'animal-epidemic': 'Health',
  'food-safety': 'Health',
  'mass-incident': 'Security',
  'public-security': 'Security',
  none: 'Other',
};

const OFFICIAL: readonly SourceKind[] = ['official-warning', 'official-news', 'sensor'];

/**
 * Exports an alert as a CAP 1.2 document (namespace `urn:oasis:names:tc:emergency:cap:1.2`) so
 * other warning systems can take it in: one `info` block in zh-CN and one in English, each with
 * the event type, the severity of the alert's colour (blue Minor … red Extreme), urgency from the
 * event's stage, certainty from its sources, headline, description, and an `area` naming the
 * places with their GB/T 2260 geocodes. All text is escaped; nothing from a post can become markup.
 *
 * Urgency: 预警 warning → Expected; 发生/处置 → Immediate; 善后/辟谣 → Past; unknown → Unknown.
 * Certainty: a refuted rumour → Unlikely; an official or sensor source → Observed; a warning
 * stage → Likely; otherwise (media and social posts only) → Possible.
 *
 * @example
 * ```ts
 * const xml = toCap(alert, event, { region: nmg, score, sender: 'emwatch@yjt.nmg.gov.cn' });
 * parseCap(xml).alert.infos.map((info) => info.language); // ['zh-CN', 'en']
 * ```
 */
export function toCap(alert: Alert, event: Event, options: ToCapOptions = {}): string {
  if (alert.eventId !== event.id) {
    throw new EmwatchError(
      'EMW_CAP_EXPORT',
      `[emwatch] [cap] alert ${alert.id} is about ${alert.eventId}, not ${event.id}`,
    );
  }
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const created = new Date(alert.createdAt);
  if (Number.isNaN(created.getTime())) {
    throw new EmwatchError(
      'EMW_CAP_EXPORT',
      `[emwatch] [cap] alert ${alert.id} has an unreadable createdAt ${JSON.stringify(alert.createdAt)}`,
    );
  }
  const capTime = (date: Date): string => formatOffsetDateTime(date, timeZone, '-00:00');
  const hours = options.expiresAfterHours ?? 24;
  if (!(hours > 0 && hours <= 24 * 366)) {
    throw new EmwatchError(
      'EMW_CAP_EXPORT',
      `[emwatch] [cap] expiresAfterHours must be between 0 and 8784, got ${hours}`,
    );
  }
  const sent = capTime(created);
  const expires = capTime(new Date(created.getTime() + hours * 3_600_000));
  const firstSeen = new Date(event.firstSeen);
  const scope = options.scope ?? 'Restricted';
  // Each reference is a sender,identifier,sent triple: the commas stay, each part is cleaned.
  const references = (options.references ?? []).map((triple) => triple.split(',').map(capToken).join(','));

  const x = new XmlWriter();
  x.raw('<?xml version="1.0" encoding="UTF-8"?>');
  x.open('alert', { xmlns: CAP_1_2_NAMESPACE });
  x.leaf('identifier', capToken(alert.id));
  x.leaf('sender', capToken(options.sender ?? 'emwatch'));
  x.leaf('sent', sent);
  x.leaf('status', options.status ?? 'Actual');
  x.leaf('msgType', references.length > 0 ? 'Update' : 'Alert');
  x.leaf('source', 'emwatch');
  x.leaf('scope', scope);
  if (scope === 'Restricted') {
    x.leaf(
      'restriction',
      '应急管理部门内部研判使用，非官方发布的预警信息 / For emergency-management use; not an official public warning',
    );
  }
  if (references.length > 0) x.leaf('references', references.join(' '));
  x.leaf('incidents', capToken(event.id));

  for (const lang of ['zh-CN', 'en'] as const) {
    const entry = createAlertEntry(alert, event, options.score ?? emptyScore(alert), {
      lang,
      ...(options.region ? { region: options.region } : {}),
    });
    x.open('info');
    x.leaf('language', lang);
    x.leaf('category', CAP_CATEGORY[event.type]);
    x.leaf('event', typeLabel(event.type, lang));
    x.leaf('responseType', 'Monitor');
    x.leaf('urgency', urgencyOf(event));
    x.leaf('severity', colorToCapSeverity(alert.color));
    x.leaf('certainty', certaintyOf(event));
    x.eventCode('emwatch:type', event.type);
    const gb = gbCodesOf(event.type)[0];
    if (gb) x.eventCode('GB/T 35561', gb);
    x.leaf('effective', sent);
    if (!Number.isNaN(firstSeen.getTime())) x.leaf('onset', capTime(firstSeen));
    x.leaf('expires', expires);
    const senderName = options.senderName ?? { zh: 'emwatch 突发事件舆情监测', en: 'emwatch emergency monitoring' };
    x.leaf('senderName', lang === 'en' ? senderName.en : senderName.zh);
    x.leaf(
      'headline',
      lang === 'en' ? alertTitle(alert.color, eventHeadline(event, 'en', options.region), 'en') : alert.title,
    );
    x.leaf(
      'description',
      describe(
        alert,
        event,
        entry.reasons,
        entry.places.map((p) => p.name),
        lang,
        timeZone,
      ),
    );
    x.leaf(
      'instruction',
      lang === 'en'
        ? 'Verify with the local authorities and act according to your duties. Generated automatically by emwatch from public information; not an official warning.'
        : '请向属地核实情况并按职责处置。本预警由 emwatch 依据公开信息自动生成，不是官方发布的预警信息。',
    );
    if (options.web && /^https?:\/\//i.test(options.web)) x.leaf('web', options.web);
    x.parameter('emwatch:alertId', alert.id);
    x.parameter('emwatch:eventId', event.id);
    x.parameter('emwatch:score', String(alert.score));
    x.parameter('emwatch:level', alert.level);
    if (event.places.length > 0) {
      x.open('area');
      x.leaf('areaDesc', entry.places.map((place) => place.name).join(lang === 'en' ? ', ' : '、'));
      for (const code of event.places) {
        x.open('geocode');
        x.leaf('valueName', 'GB/T 2260');
        x.leaf('value', code);
        x.close('geocode');
      }
      x.close('area');
    }
    x.close('info');
  }
  x.close('alert');
  return x.toString();
}

function urgencyOf(event: Event): string {
  switch (event.stage) {
    case 'warning':
      return 'Expected';
    case 'occurring':
    case 'response':
      return 'Immediate';
    case 'aftermath':
    case 'rumor':
      return 'Past';
    default:
      return 'Unknown';
  }
}

function certaintyOf(event: Event): string {
  if (event.stage === 'rumor') return 'Unlikely';
  if (OFFICIAL.some((kind) => (event.sourcesByKind[kind] ?? 0) > 0)) return 'Observed';
  if (event.stage === 'warning') return 'Likely';
  return 'Possible';
}

function describe(
  alert: Alert,
  event: Event,
  reasons: readonly { label: string; contribution: number }[],
  places: readonly string[],
  lang: LabelLanguage,
  timeZone: string,
): string {
  const seen = formatOffsetDateTime(new Date(event.firstSeen), timeZone);
  const updated = formatOffsetDateTime(new Date(event.lastUpdate), timeZone);
  const c = event.casualties;
  if (lang === 'en') {
    const casualties = [
      c.deaths ? `${c.deaths} dead` : '',
      c.injured ? `${c.injured} injured` : '',
      c.missing ? `${c.missing} missing` : '',
      c.trapped ? `${c.trapped} trapped` : '',
    ].filter(Boolean);
    return [
      `${typeLabel(event.type, 'en')}${event.stage ? ` (${stageLabel(event.stage, 'en')})` : ''}${places.length ? ` in ${places.join(', ')}` : ''}.`,
      `${colorLabel(alert.color, 'en')} alert, ${levelLabel(alert.level, 'en')}, risk score ${alert.score}/100.`,
      reasons.length ? `Main reasons: ${reasons.map((r) => `${r.label} +${r.contribution}`).join('; ')}.` : '',
      casualties.length ? `Casualties reported: ${casualties.join(', ')}.` : '',
      `First seen ${seen}, last update ${updated}; ${event.signalCount} distinct reports, ${event.repostCount} reposts.`,
      `Original headline: ${event.title}`,
    ]
      .filter(Boolean)
      .join('\n');
  }
  const casualties = [
    c.deaths ? `死亡 ${c.deaths} 人` : '',
    c.injured ? `受伤 ${c.injured} 人` : '',
    c.missing ? `失踪 ${c.missing} 人` : '',
    c.trapped ? `被困 ${c.trapped} 人` : '',
  ].filter(Boolean);
  return [
    `${event.title}。`,
    `${colorLabel(alert.color)}预警，${levelLabel(alert.level)}，风险评分 ${alert.score}/100。`,
    reasons.length ? `主要依据：${reasons.map((r) => `${r.label} +${r.contribution}`).join('；')}。` : '',
    casualties.length ? `人员伤亡：${casualties.join('，')}。` : '',
    places.length ? `涉及地区：${places.join('、')}。` : '',
    `首次发现 ${seen}，最近更新 ${updated}；独立信息 ${event.signalCount} 条，转发 ${event.repostCount} 次。`,
  ]
    .filter(Boolean)
    .join('\n');
}

function emptyScore(alert: Alert): RiskScore {
  return {
    eventId: alert.eventId,
    score: alert.score,
    level: alert.level,
    color: alert.color,
    factors: [],
    computedAt: alert.createdAt,
    preset: 'unknown',
  };
}

/** CAP identifiers, senders and references must not contain spaces, commas, `<` or `&`. */
function capToken(text: string): string {
  return text.replace(/[\s,<&]/g, '-');
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** A tiny indenting XML writer: elements with escaped text, nothing from input unescaped. */
class XmlWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  raw(line: string): void {
    this.lines.push(line);
  }

  open(name: string, attributes: Readonly<Record<string, string>> = {}): void {
    const attrs = Object.entries(attributes)
      .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
      .join('');
    this.lines.push(`${'  '.repeat(this.depth)}<${name}${attrs}>`);
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.lines.push(`${'  '.repeat(this.depth)}</${name}>`);
  }

  leaf(name: string, text: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}<${name}>${escapeXml(text)}</${name}>`);
  }

  eventCode(valueName: string, value: string): void {
    this.pair('eventCode', valueName, value);
  }

  parameter(valueName: string, value: string): void {
    this.pair('parameter', valueName, value);
  }

  private pair(name: string, valueName: string, value: string): void {
    this.open(name);
    this.leaf('valueName', valueName);
    this.leaf('value', value);
    this.close(name);
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function escapeXml(text: string): string {
  // Characters XML 1.0 does not allow at all are dropped rather than escaped (they cannot be).
  return (
    text
      // eslint-disable-next-line no-control-regex -- matching control characters is the point here
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c)
  );
}
