import { sha256Hex } from '../_internal/sha256.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RawItem } from '../model/raw-item.js';
import type { LanguageTag, Signal, SignalFacts, SourceKind } from '../model/signal.js';
import { detectLanguage } from '../text/detect-language.js';

/** The fields a parser found for one entry; everything else is derived here. */
export interface SignalFields {
  readonly guid?: string;
  readonly url?: string;
  readonly title?: string;
  /** Plain text (markup already removed by the parser). */
  readonly text: string;
  readonly publishedAt: IsoDateTime | null;
  readonly author?: string;
  readonly outlet?: string;
  readonly geometry?: Signal['geometry'];
  readonly facts?: SignalFacts;
  /** Language when the source declares it reliably; detected from the text otherwise. */
  readonly language?: LanguageTag;
}

const collapse = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/**
 * The stable id of an entry: source id plus the entry's GUID, else its link, else its content.
 * Re-collecting the same entry gives the same id, so stores can upsert and restarts never repeat.
 *
 * @example
 * ```ts
 * signalId('xlgl', { guid: 'urn:xlgl:2025-0413-01', text: '' }); // 'sig:…' (32 hex digits), the same every time
 * ```
 */
export function signalId(sourceId: string, fields: Pick<SignalFields, 'guid' | 'url' | 'title' | 'text'>): string {
  const key = fields.guid
    ? `guid:${fields.guid}`
    : fields.url
      ? `url:${fields.url}`
      : `text:${fields.title ?? ''}\u0000${fields.text}`;
  return `sig:${sha256Hex(`${sourceId}\u0000${key}`).slice(0, 32)}`;
}

/**
 * Builds a {@link Signal} from what a parser found in one entry of a raw item: whitespace
 * collapsed, language detected when not declared, id made stable. For writing collectors.
 *
 * @example
 * ```ts
 * const signal = makeSignal(raw, 'sensor', { guid: 'station-1@2025-07-21T14:00:00+08:00', text: '扎兰屯水文站超警戒水位', publishedAt: null });
 * signal.sourceId === raw.sourceId; // true
 * ```
 */
export function makeSignal(
  raw: RawItem,
  sourceKind: SourceKind,
  fields: SignalFields,
  collectedAt?: IsoDateTime,
): Signal {
  const title = fields.title === undefined ? undefined : collapse(fields.title) || undefined;
  const text = collapse(fields.text);
  const signal: Signal = {
    id: signalId(raw.sourceId, { guid: fields.guid, url: fields.url, title, text }),
    sourceId: raw.sourceId,
    sourceKind,
    ...(fields.url ? { url: fields.url } : {}),
    ...(title ? { title } : {}),
    text,
    language: fields.language ?? detectLanguage(`${title ?? ''} ${text}`),
    publishedAt: fields.publishedAt,
    collectedAt: collectedAt ?? raw.fetchedAt,
    ...(fields.author ? { author: collapse(fields.author) } : {}),
    ...(fields.outlet ? { outlet: collapse(fields.outlet) } : {}),
    ...(fields.geometry ? { geometry: fields.geometry } : {}),
    rawItemId: raw.id,
    ...(fields.guid ? { guid: fields.guid } : {}),
    ...(fields.facts ? { facts: fields.facts } : {}),
  };
  return signal;
}
