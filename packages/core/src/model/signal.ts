import type { PointGeometry } from './geo.js';
import type { IsoDateTime } from './iso-date-time.js';

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
}
