import { makeSignal } from '../collect/make-signal.js';
import type { ParseOptions } from '../collect/collector.js';
import type { RawItem } from '../model/raw-item.js';
import type { LanguageTag, Signal, SignalFacts, SourceKind, WarningFacts } from '../model/signal.js';
import { parseNmcAlarmCode, parseSignalCode, typeFromGbCode } from '../model/taxonomy.js';
import { detectLanguage } from '../text/detect-language.js';
import { capRegionCodes } from './_internal/cap-region-codes.js';
import { capEventType } from './cap-event-type.js';
import { htmlToText } from './html-to-text.js';
import type { CapAlert, CapInfo } from './parse-cap.js';

/**
 * The signal language of a CAP `language` tag: zh-TW/HK/MO and `Hant` are Traditional, zh-CN/SG
 * and `Hans` Simplified, plain `zh` is told from the text; English is `en`; other languages are
 * `und` (the signal language set has no tag for them).
 */
function languageTag(language: string, sample: string): LanguageTag {
  const tag = language.toLowerCase();
  if (tag.startsWith('zh')) {
    if (/-(?:tw|hk|mo|hant)\b/.test(tag)) return 'zh-Hant';
    if (/-(?:cn|sg|hans)\b/.test(tag)) return 'zh-Hans';
    const detected = detectLanguage(sample);
    return detected === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';
  }
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (tag.startsWith('mn')) {
    if (tag.includes('mong')) return 'mn-Mong';
    if (tag.includes('cyrl')) return 'mn-Cyrl';
    const detected = detectLanguage(sample);
    return detected === 'mn-Mong' || detected === 'mn-Cyrl' ? detected : 'und';
  }
  return 'und';
}

/** Info blocks in the preferred language: Chinese first, then English, else the first block's language. */
function preferredInfos(infos: readonly CapInfo[]): CapInfo[] {
  const lower = (info: CapInfo): string => info.language.toLowerCase();
  const chinese = infos.filter((info) => lower(info).startsWith('zh'));
  if (chinese.length > 0) return chinese;
  const english = infos.filter((info) => lower(info) === 'en' || lower(info).startsWith('en-'));
  if (english.length > 0) return english;
  const first = infos[0];
  return first ? infos.filter((info) => lower(info) === lower(first)) : [];
}

/** The event code worth naming: a Chinese warning code when there is one, else the first given. */
function mainEventCode(info: CapInfo): string | undefined {
  const values = info.eventCodes.map((code) => code.value.trim()).filter(Boolean);
  return (
    values.find((v) => typeFromGbCode(v) || /^\d\dB\d\d$/i.test(v) || parseNmcAlarmCode(v) || parseSignalCode(v)) ??
    values[0]
  );
}

const isHttpUrl = (text: string | undefined): text is string =>
  text !== undefined && /^https?:\/\/\S+$/i.test(text.trim());

function referenceStrings(alert: CapAlert): string[] {
  return alert.references.map((ref) => `${ref.sender},${ref.identifier}${ref.sent ? `,${ref.sent}` : ''}`);
}

function warningFacts(alert: CapAlert, info: CapInfo | undefined): WarningFacts {
  const base = {
    identifier: alert.identifier,
    sender: alert.sender,
    sent: alert.sent,
    status: alert.status,
    msgType: alert.msgType,
    references: referenceStrings(alert),
  };
  if (!info) return { ...base, event: '', severity: 'Unknown', areas: [] };
  const eventCode = mainEventCode(info);
  const effective = info.effective ?? info.onset;
  const instruction = info.instruction === undefined ? '' : htmlToText(info.instruction);
  return {
    ...base,
    event: info.event,
    ...(eventCode ? { eventCode } : {}),
    severity: info.severity,
    ...(info.color ? { color: info.color } : {}),
    urgency: info.urgency,
    certainty: info.certainty,
    ...(effective ? { effective } : {}),
    ...(info.expires ? { expires: info.expires } : {}),
    ...(instruction ? { instruction } : {}),
    language: info.language,
    areas: info.areas,
  };
}

/**
 * Turns a parsed CAP alert into signals: one per info block in the preferred language (Chinese
 * first, then English, else the first block's), the other languages left out. The title is the
 * headline (else the event), the text the description as plain text, the link `web` (else the
 * document's address), the GUID the alert identifier (with `#<language>` when several blocks
 * yield signals), `publishedAt` the alert's `sent`. `facts.warning` keeps the CAP fields, with
 * `status` marked so downstream never takes a Test or Exercise for a real warning. An alert
 * without info blocks (a bare Cancel) still yields one signal, so its reference is not lost.
 *
 * @example
 * ```ts
 * const { alert } = parseCap(raw.payload, { region: regionNmg });
 * const [signal] = capToSignals(alert, raw, 'official-warning', { region: regionNmg });
 * signal?.facts?.hintedType; // 'snow-disaster'
 * signal?.facts?.warning?.color; // 'orange'
 * ```
 */
export function capToSignals(
  alert: CapAlert,
  raw: RawItem,
  sourceKind: SourceKind,
  options: ParseOptions = {},
): Signal[] {
  const infos = preferredInfos(alert.infos);
  const documentUrl = isHttpUrl(raw.provenance.url) ? raw.provenance.url : undefined;
  if (infos.length === 0) {
    const title = alert.note ?? `${alert.msgType} ${alert.identifier}`;
    return [
      makeSignal(
        raw,
        sourceKind,
        {
          guid: alert.identifier,
          ...(documentUrl ? { url: documentUrl } : {}),
          title,
          text: '',
          publishedAt: alert.sent,
          outlet: alert.sender,
          facts: { warning: warningFacts(alert, undefined) },
          language: detectLanguage(title),
        },
        options.collectedAt,
      ),
    ];
  }
  const guids = new Set<string>();
  return infos.map((info) => {
    let guid = infos.length > 1 ? `${alert.identifier}#${info.language}` : alert.identifier;
    for (let n = 2; guids.has(guid); n += 1) guid = `${alert.identifier}#${info.language}-${n}`;
    guids.add(guid);
    const text = info.description === undefined ? '' : htmlToText(info.description);
    const title = info.headline ?? (info.event || undefined);
    const hintedType = capEventType(info);
    const regionCodes =
      info.regionCodes.length > 0 || !options.region
        ? info.regionCodes
        : capRegionCodes(info.areas, options.region, info.language.toLowerCase().startsWith('zh'));
    const circle = info.areas.flatMap((area) => area.circles)[0];
    const facts: SignalFacts = {
      ...(hintedType ? { hintedType } : {}),
      ...(regionCodes.length > 0 ? { regionCodes } : {}),
      warning: warningFacts(alert, info),
    };
    return makeSignal(
      raw,
      sourceKind,
      {
        guid,
        ...(isHttpUrl(info.web) ? { url: info.web.trim() } : documentUrl ? { url: documentUrl } : {}),
        ...(title ? { title } : {}),
        text,
        publishedAt: alert.sent,
        outlet: info.senderName ?? alert.sender,
        ...(circle ? { geometry: { type: 'Point', coordinates: circle.center } } : {}),
        facts,
        language: languageTag(info.language, `${title ?? ''} ${text}`),
      },
      options.collectedAt,
    );
  });
}
