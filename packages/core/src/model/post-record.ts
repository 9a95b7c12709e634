import type { SourceKind } from './signal.js';

/**
 * One message as a sender posts it to a webhook, a replay file holds it, or an archive export
 * (JSONL or CSV) lists it: the few fields emwatch needs to make a signal. Only `text` is required
 * (it may be empty when `title` is not). CSV columns and JSON keys of the same names are read, and
 * so are common Chinese export headers (标题, 内容/正文, 链接, 发布时间, 作者, 来源, 经度/纬度…);
 * other keys are ignored.
 *
 * @example
 * ```ts
 * const post: PostRecord = {
 *   id: '5151515151515151',
 *   text: '锡林浩特下大雪了，路上车都走不动，能见度不到五十米',
 *   url: 'https://weibo.com/1234567890/PqRsTuVwX',
 *   publishedAt: '2025-04-13 06:20',
 *   author: '草原上的风',
 *   lat: 43.93,
 *   lon: 116.08,
 * };
 * ```
 */
export interface PostRecord {
  /** The message's id in its own system (a post id, an article id); becomes the signal's `guid`, so re-posting is harmless. */
  readonly id?: string;
  readonly title?: string;
  /** Plain text; HTML markup, if any, is reduced to text. */
  readonly text: string;
  /** Link to the original (absolute http(s) URL). */
  readonly url?: string;
  /** Publication time: ISO 8601, RFC 822, a Chinese form (`2025年4月13日 06:20`) or Unix time; read in the source's zone when it names none. */
  readonly publishedAt?: string;
  /** Author or account name. */
  readonly author?: string;
  /** Publishing outlet or site (`来源`), e.g. `'锡林郭勒日报'`. */
  readonly outlet?: string;
  /** Latitude of a geotag, WGS-84 degrees; given together with `lon`. */
  readonly lat?: number;
  /** Longitude of a geotag, WGS-84 degrees; given together with `lat`. */
  readonly lon?: number;
  /** Overrides the collector's source kind for this record (a replay mixing official warnings, news and posts). */
  readonly sourceKind?: SourceKind;
}
