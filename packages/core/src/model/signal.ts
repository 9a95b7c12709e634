import type { LonLat, PointGeometry } from './geo.js';
import type { IsoDateTime } from './iso-date-time.js';
import type { CapSeverity, TypeId, WarningColor } from './taxonomy.js';

/**
 * The kinds of source a signal can come from, from most to least authoritative.
 *
 * @example
 * ```ts
 * SOURCE_KINDS.includes('official-warning'); // true
 * ```
 */
export const SOURCE_KINDS = ['official-warning', 'official-news', 'media', 'social', 'sensor'] as const;

/**
 * Kind of source: an official warning issuer (CAP, 12379, NMC), an official news channel
 * (government sites and accounts), news media, social media, or a sensor network (quake feeds).
 */
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * The language tags (BCP 47) a signal's text can carry: Simplified and Traditional Chinese,
 * English, Mongolian in traditional script and in Cyrillic, and `und` (undetermined).
 *
 * @example
 * ```ts
 * LANGUAGE_TAGS.includes('mn-Mong'); // true
 * ```
 */
export const LANGUAGE_TAGS = ['zh-Hans', 'zh-Hant', 'en', 'mn-Mong', 'mn-Cyrl', 'und'] as const;

/** A BCP 47 language tag of a text, e.g. `'zh-Hans'`; `'und'` when it could not be determined. */
export type LanguageTag = (typeof LANGUAGE_TAGS)[number];

/**
 * Tells whether a value is one of the source kinds.
 *
 * @example
 * ```ts
 * isSourceKind('media'); // true
 * isSourceKind('blog'); // false
 * ```
 */
export function isSourceKind(value: unknown): value is SourceKind {
  return typeof value === 'string' && (SOURCE_KINDS as readonly string[]).includes(value);
}

/**
 * Tells whether a value is one of the supported language tags (exact, case-sensitive match).
 *
 * @example
 * ```ts
 * isLanguageTag('zh-Hans'); // true
 * isLanguageTag('zh-CN'); // false
 * ```
 */
export function isLanguageTag(value: unknown): value is LanguageTag {
  return typeof value === 'string' && (LANGUAGE_TAGS as readonly string[]).includes(value);
}

/**
 * One normalised message from one source (a feed entry, a CAP alert, a quake report, a post):
 * the unit that is analysed and clustered into events.
 *
 * @example
 * ```ts
 * const signal: Signal = {
 *   id: 'sig:9b2e…',
 *   sourceId: 'xlgl-gov',
 *   sourceKind: 'official-news',
 *   url: 'https://example.org/news/1.html',
 *   title: '西乌旗发生草原火灾',
 *   text: '4月5日，西乌旗境内发生草原火灾，当地正在组织扑救。',
 *   language: 'zh-Hans',
 *   publishedAt: '2024-04-05T16:20:00+08:00',
 *   collectedAt: '2024-04-05T16:25:13+08:00',
 *   rawItemId: 'xlgl-gov:3f1c…',
 * };
 * ```
 */
export interface Signal {
  /** Stable hash of the source id and the entry's GUID, else its link, else its content: re-collecting yields the same id. */
  readonly id: string;
  /** Id of the configured source. */
  readonly sourceId: string;
  /** Kind of the source. */
  readonly sourceKind: SourceKind;
  /** Link to the original message (absolute http(s) URL). */
  readonly url?: string;
  /** Headline, when the source has one, normalised like `text`. */
  readonly title?: string;
  /** Body text, normalised (markup stripped, whitespace collapsed); may be empty when only `title` exists. */
  readonly text: string;
  /** Language of `title` and `text`. */
  readonly language: LanguageTag;
  /** When the source says it published the message (ISO 8601 with offset); `null` if the source gave no time. */
  readonly publishedAt: IsoDateTime | null;
  /** When emwatch collected the message (ISO 8601 with offset). */
  readonly collectedAt: IsoDateTime;
  /** Author or account name as given by the source. */
  readonly author?: string;
  /** Publishing outlet or issuing office, e.g. `'锡林郭勒盟气象台'`. */
  readonly outlet?: string;
  /** Location the source itself attached (e.g. a quake epicentre or a geotag); not extracted from text. */
  readonly geometry?: PointGeometry;
  /** Id of the `RawItem` the signal was parsed from. */
  readonly rawItemId: string;
  /** The entry's own identifier in its source (RSS `guid`, Atom `id`, CAP `identifier`). */
  readonly guid?: string;
  /** Structured facts the source itself stated (a CAP alert's fields, a quake's magnitude, a satellite hotspot). */
  readonly facts?: SignalFacts;
}

/**
 * Structured facts a source states about its message, kept beside the text so later stages
 * (clustering, scoring, alerting) need not re-read them from prose.
 *
 * @example
 * ```ts
 * const facts: SignalFacts = { hintedType: 'earthquake', quake: { magnitude: 5.1, depthKm: 10 } };
 * ```
 */
export interface SignalFacts {
  /** Taxonomy type the source states (CAP event cross-walk, a quake feed, a fire-hotspot feed). */
  readonly hintedType?: TypeId;
  /** Region units the source itself designates (CAP geocodes, a point inside a unit's boundary), most specific first. */
  readonly regionCodes?: readonly string[];
  /** The fields of an official warning (CAP 1.2 or its Chinese variants). */
  readonly warning?: WarningFacts;
  /** An earthquake report's measurements. */
  readonly quake?: QuakeFacts;
  /** A satellite active-fire detection. */
  readonly hotspot?: HotspotFacts;
}

/** CAP `status`: only `Actual` is real; the others must never be treated as a real warning. */
export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';

/** CAP `msgType`: `Update` and `Cancel` replace the alerts listed in `references`. */
export type CapMsgType = 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';

/** One CAP `area` block. Coordinates are [longitude, latitude] (CAP writes latitude first). */
export interface WarningArea {
  /** `areaDesc`, verbatim. */
  readonly description: string;
  /** Closed rings, each a list of [lon, lat] points. */
  readonly polygons: readonly (readonly LonLat[])[];
  /** Circles: centre and radius in kilometres. */
  readonly circles: readonly { readonly center: LonLat; readonly radiusKm: number }[];
  /** `geocode` name/value pairs, e.g. `{ name: 'GB/T 2260', value: '152525' }`. */
  readonly geocodes: readonly { readonly name: string; readonly value: string }[];
  /** `altitude` in feet above sea level, as CAP defines it. */
  readonly altitude?: number;
  /** `ceiling` in feet above sea level. */
  readonly ceiling?: number;
}

/** The fields of an official warning, taken from CAP 1.2 (or a Chinese national-system variant). */
export interface WarningFacts {
  /** CAP `identifier`. */
  readonly identifier: string;
  /** CAP `sender`. */
  readonly sender: string;
  /** CAP `sent` (ISO 8601 with offset). */
  readonly sent: IsoDateTime;
  readonly status: CapStatus;
  readonly msgType: CapMsgType;
  /** Identifiers of the alerts this one updates or cancels (from `references`: sender,identifier,sent triples). */
  readonly references: readonly string[];
  /** `info/event`, verbatim, e.g. `'暴雪黄色预警'` or `'Severe Thunderstorm Warning'`. */
  readonly event: string;
  /** Event code, e.g. the national system's `'11B04'` or an NMC `'p0004003'`, when given. */
  readonly eventCode?: string;
  readonly severity: CapSeverity;
  /** Warning colour stated or implied (a colour word, a level code, or the CAP severity). */
  readonly color?: WarningColor;
  /** `urgency`, verbatim (`Immediate`, `Expected`, `Future`, `Past`, `Unknown`). */
  readonly urgency?: string;
  /** `certainty`, verbatim (`Observed`, `Likely`, `Possible`, `Unlikely`, `Unknown`). */
  readonly certainty?: string;
  /** `effective` or `onset` (ISO 8601 with offset). */
  readonly effective?: IsoDateTime;
  /** `expires` (ISO 8601 with offset). */
  readonly expires?: IsoDateTime;
  /** `instruction`, normalised like the signal's text. */
  readonly instruction?: string;
  /** The `info` block's language tag as written, e.g. `'zh-CN'`. */
  readonly language?: string;
  readonly areas: readonly WarningArea[];
}

/** An earthquake report's measurements. */
export interface QuakeFacts {
  readonly magnitude: number;
  /** Magnitude type as given, e.g. `'ml'`, `'mb'`, `'Ms'`. */
  readonly magnitudeType?: string;
  /** Focal depth in kilometres. */
  readonly depthKm?: number;
  /** The catalogue's own event id (USGS `id`, CENC `CATA_ID`). */
  readonly catalogId?: string;
}

/** A satellite active-fire detection (the NASA FIRMS shape). */
export interface HotspotFacts {
  /** Brightness temperature in kelvin (`brightness` or `bright_ti4`). */
  readonly brightnessK?: number;
  /** Fire radiative power in megawatts. */
  readonly frpMw?: number;
  /** Detection confidence as given: a percentage (MODIS) or `l`/`n`/`h` (VIIRS). */
  readonly confidence?: string;
  /** Satellite, e.g. `'N'`, `'Terra'`, `'Aqua'`. */
  readonly satellite?: string;
  /** True when the detection lies outside the region but within the border buffer (fires coming across the border). */
  readonly nearBorder?: boolean;
}
