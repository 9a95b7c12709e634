import type { Alert } from '../model/alert.js';
import type { Event } from '../model/event.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RegionPack } from '../model/region-pack.js';
import type { RiskScore } from '../model/risk-score.js';
import { riskFactorLabel } from '../risk/presets.js';
import {
  WARNING_COLOR_INFO,
  colorLabel,
  typeLabel,
  type LabelLanguage,
  type ResponseLevel,
  type StageId,
  type TypeId,
  type WarningColor,
} from '../model/taxonomy.js';
import type { Casualties } from '../model/text-analysis.js';
import { DEFAULT_TIME_ZONE, formatOffsetDateTime } from './_internal/local-time.js';

/**
 * Why a message is sent: a new `alert`; an `upgrade` (the event's level rose, a new alert at the
 * higher level); a `reminder` (nobody acknowledged it yet); an `escalation` (still unacknowledged,
 * sent up the chain); a `digest` of several low-level or held-back alerts.
 */
export type AlertMessageKind = 'alert' | 'upgrade' | 'reminder' | 'escalation' | 'digest';

/** A place of the event with its display name. */
export interface AlertMessagePlace {
  /** GB/T 2260 code. */
  readonly code: string;
  /** Name in the message language (the code itself when the region pack does not know it). */
  readonly name: string;
}

/** One of the largest factors of the risk score. */
export interface AlertMessageReason {
  /** Factor id, e.g. `'casualties'`. */
  readonly id: string;
  /** Display name in the message language. */
  readonly label: string;
  /** Points of the score it contributed. */
  readonly contribution: number;
}

/** What a message says about one alert. */
export interface AlertMessageEntry {
  readonly alertId: string;
  readonly eventId: string;
  /** Event headline in the message language. */
  readonly title: string;
  readonly level: ResponseLevel;
  readonly color: WarningColor;
  /** Risk score 0–100 at the time of the alert. */
  readonly score: number;
  readonly type: TypeId;
  readonly stage: StageId | null;
  readonly places: readonly AlertMessagePlace[];
  /** The largest positive factors, largest first (at most three). */
  readonly reasons: readonly AlertMessageReason[];
  readonly casualties: Casualties;
  readonly firstSeen: IsoDateTime;
  readonly lastUpdate: IsoDateTime;
  /** The level of the alert this one supersedes, for an upgrade. */
  readonly previousLevel?: ResponseLevel;
  /** Link to the event in the duty-room application. */
  readonly link?: string;
}

/**
 * A channel-neutral alert message: channels render it as Markdown, text, HTML or JSON.
 *
 * @example
 * ```ts
 * const message: AlertMessage = createAlertMessage('alert', [entry], { lang: 'zh-CN' });
 * message.title; // '【橙色】东乌旗暴雪'
 * ```
 */
export interface AlertMessage {
  readonly kind: AlertMessageKind;
  readonly lang: LabelLanguage;
  /** Headline, e.g. `'【橙色】东乌旗暴雪'` or `'【预警汇总】3 条'`. */
  readonly title: string;
  /** When the message was composed (ISO 8601 with offset). */
  readonly createdAt: IsoDateTime;
  /** IANA zone for times shown in the text. */
  readonly timeZone: string;
  /** How many times the alert has been escalated (for `escalation`). */
  readonly escalations?: number;
  /** One entry per alert; exactly one unless the kind is `digest`. */
  readonly entries: readonly AlertMessageEntry[];
}

/** Options of {@link createAlertEntry}. */
export interface CreateAlertEntryOptions {
  /** Message language; zh-CN by default. */
  readonly lang?: LabelLanguage;
  /** Region pack, to name the places. */
  readonly region?: RegionPack;
  /** Link to an event page; only http(s) links are kept. */
  readonly link?: (event: Event) => string | undefined;
  /** The level of the alert this one supersedes. */
  readonly previousLevel?: ResponseLevel;
  /** Labels of risk factors in English, by factor id, beyond the scorer's own (zh-CN labels come with the score). */
  readonly factorLabelsEn?: Readonly<Record<string, string>>;
}

/** Options of {@link createAlertMessage}. */
export interface CreateAlertMessageOptions {
  readonly lang?: LabelLanguage;
  readonly now?: Date;
  readonly timeZone?: string;
  readonly escalations?: number;
}

const MAX_REASONS = 3;
const MAX_PLACES = 8;
// Post text can make a title of any length; a headline longer than this helps nobody in a chat.
const MAX_TITLE = 80;

/**
 * Describes one alert for a message: headline, places by name, the largest reasons of its score.
 *
 * @example
 * ```ts
 * const entry = createAlertEntry(alert, event, score, { region: nmg, link: (e) => `https://duty.example.org/events/${e.id}` });
 * entry.places; // [{ code: '152525', name: '东乌珠穆沁旗' }]
 * ```
 */
export function createAlertEntry(
  alert: Alert,
  event: Event,
  score: RiskScore,
  options: CreateAlertEntryOptions = {},
): AlertMessageEntry {
  const lang = options.lang ?? 'zh-CN';
  const places = event.places
    .slice(0, MAX_PLACES)
    .map((code) => ({ code, name: placeName(code, options.region, lang) }));
  const reasons = [...score.factors]
    .filter((factor) => factor.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, MAX_REASONS)
    .map((factor) => ({
      id: factor.id,
      label: lang === 'en' ? (options.factorLabelsEn?.[factor.id] ?? riskFactorLabel(factor.id, 'en')) : factor.label,
      contribution: Math.round(factor.contribution * 10) / 10,
    }));
  const link = options.link?.(event);
  return {
    alertId: alert.id,
    eventId: event.id,
    title: eventHeadline(event, lang, options.region),
    level: alert.level,
    color: alert.color,
    score: alert.score,
    type: event.type,
    stage: event.stage,
    places,
    reasons,
    casualties: event.casualties,
    firstSeen: event.firstSeen,
    lastUpdate: event.lastUpdate,
    ...(options.previousLevel ? { previousLevel: options.previousLevel } : {}),
    ...(link && /^https?:\/\//i.test(link) ? { link } : {}),
  };
}

/**
 * The headline of an event in a language: its own (Chinese) title, shortened to 80 characters;
 * in English, its type and places, since event titles are written in Chinese.
 *
 * @example
 * ```ts
 * eventHeadline(event); // '西乌旗草原火灾'
 * eventHeadline(event, 'en', nmg); // 'Forest and grassland fire in West Ujimqin Banner'
 * ```
 */
export function eventHeadline(event: Event, lang: LabelLanguage = 'zh-CN', region?: RegionPack): string {
  if (lang === 'en') {
    const names = event.places.slice(0, 3).map((code) => placeName(code, region, 'en'));
    return `${typeLabel(event.type, 'en')}${names.length > 0 ? ` in ${names.join(', ')}` : ''}`;
  }
  return event.title.length > MAX_TITLE ? `${event.title.slice(0, MAX_TITLE - 1)}…` : event.title;
}

/**
 * The headline of an alert: colour word in brackets, then the event's headline.
 *
 * @example
 * ```ts
 * alertTitle('yellow', '西乌旗草原火灾'); // '【黄色】西乌旗草原火灾'
 * alertTitle('yellow', 'Forest and grassland fire in West Ujimqin', 'en'); // '[Yellow] Forest and grassland fire in West Ujimqin'
 * ```
 */
export function alertTitle(color: WarningColor, eventTitle: string, lang: LabelLanguage = 'zh-CN'): string {
  return lang === 'en' ? `[${colorLabel(color, 'en')}] ${eventTitle}` : `【${colorLabel(color)}】${eventTitle}`;
}

const KIND_PREFIX: Readonly<Record<Exclude<AlertMessageKind, 'digest'>, { zh: string; en: string }>> = {
  alert: { zh: '', en: '' },
  upgrade: { zh: '【级别提升】', en: '[Level raised] ' },
  reminder: { zh: '【未确认·提醒】', en: '[Unacknowledged · reminder] ' },
  escalation: { zh: '【逾时未确认·上报】', en: '[Unacknowledged · escalated] ' },
};

/**
 * Puts alert entries into a message of one kind, with its headline.
 *
 * @example
 * ```ts
 * createAlertMessage('digest', [a, b, c]).title; // '【预警汇总】3 条（黄色 1，蓝色 2）'
 * ```
 */
export function createAlertMessage(
  kind: AlertMessageKind,
  entries: readonly AlertMessageEntry[],
  options: CreateAlertMessageOptions = {},
): AlertMessage {
  const lang = options.lang ?? 'zh-CN';
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const first = entries[0];
  let title: string;
  if (kind === 'digest' || !first) {
    const counts = (['red', 'orange', 'yellow', 'blue'] as const)
      .map((color) => [color, entries.filter((entry) => entry.color === color).length] as const)
      .filter(([, count]) => count > 0);
    title =
      lang === 'en'
        ? `[Alert digest] ${entries.length} alert${entries.length === 1 ? '' : 's'} (${counts.map(([color, n]) => `${WARNING_COLOR_INFO[color].en} ${n}`).join(', ')})`
        : `【预警汇总】${entries.length} 条（${counts.map(([color, n]) => `${WARNING_COLOR_INFO[color].zh} ${n}`).join('，')}）`;
  } else {
    const prefix = lang === 'en' ? KIND_PREFIX[kind].en : KIND_PREFIX[kind].zh;
    title = `${prefix}${alertTitle(first.color, first.title, lang)}`;
  }
  return {
    kind,
    lang,
    title,
    createdAt: formatOffsetDateTime(options.now ?? new Date(), timeZone),
    timeZone,
    ...(options.escalations ? { escalations: options.escalations } : {}),
    entries,
  };
}

function placeName(code: string, region: RegionPack | undefined, lang: LabelLanguage): string {
  const unit = region?.byCode(code);
  if (!unit) return code;
  return lang === 'en' ? (unit.nameEn ?? capitalise(unit.pinyin)) : unit.name;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
