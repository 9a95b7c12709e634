import { foldWidth, splitRepostChain, toSimplifiedChinese } from '../../text/normalize.js';

/** What near-duplicate detection compares of a text. */
export interface DedupText {
  /**
   * The original message reduced to its letters and digits: repost chain, 转发 prefixes, hashtags,
   * @mentions, URLs, emoji, truncation marks, punctuation and spaces removed, full-width folded,
   * Traditional converted to Simplified, Latin lower-cased. Empty when nothing is left.
   */
  readonly compact: string;
  /** Numbers written in the message (digits, with a decimal part if any), in order, without duplicates. */
  readonly numbers: readonly string[];
}

const HASHTAG = /#[^#\n]{1,40}#/g;
const URL = /https?:\/\/[^\s，。！？、）)】]+/g;
const MENTION = /@[\p{L}\p{N}_-]{1,30}/gu;
const EMOJI = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D}/gu;
// What Weibo and news apps put where a text was cut or a link or video was: …展开全文, ...全文, 网页链接.
const CLIPPING = /(?:…+|\.{3,})?\s*展开全文c?|(?:…+|\.{3,})\s*全文|[OL]?网页链接|L[^\s]{1,20}的微博视频/g;
const NUMBER = /\d+(?:\.\d+)?/g;
// Letters and digits of the scripts signals come in (Latin, Cyrillic and Mongolian for Mongolian,
// CJK): an explicit class is several times faster than \p{L}\p{N} on every text.
const NOT_LETTER_OR_DIGIT =
  /[^0-9A-Za-z\u00C0-\u024F\u0400-\u04FF\u1800-\u18AF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+/g;
const LETTER_OR_DIGIT = /[0-9A-Za-z\u00C0-\u024F\u0400-\u04FF\u1800-\u18AF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
// Anything the decoration passes below would change; most news texts and many posts have none.
// The variation selector and the zero-width joiner stand alone: inside a class they would combine.
const NEEDS_WORK = /[#@/.…\uD800-\uDFFF\u2600-\u27BF转轉]|\uFE0F|\u200D|http|展开|网页|微博视频/;
// A repost with no words of its own.
const CONTENT_FREE = /^(?:转发微博|转发|轉發微博|轉發|转|轉|repost|rt)$/;
const MAX_NUMBERS = 32;

/**
 * Reduces a post or article to what near-duplicate detection compares: the original message of a
 * repost chain (`splitRepostChain`: the commentary is ignored), without the decorations people add
 * or strip when they copy it.
 *
 * Hashtags are dropped whole (a copy often adds or removes `#话题#`), unless nothing else is left.
 */
export function prepareDedupText(text: string): DedupText {
  const cached = recent.get(text);
  if (cached) return cached;
  const prepared = prepare(text);
  // The deduper and the clusterer prepare the same text one after the other: keep the last few.
  if (recent.size >= RECENT) recent.clear();
  recent.set(text, prepared);
  return prepared;
}

const RECENT = 256;
const recent = new Map<string, DedupText>();
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

function prepare(text: string): DedupText {
  let body = FULL_WIDTH.test(text) ? foldWidth(text) : text;
  if (NEEDS_WORK.test(body)) {
    const cleaned = splitRepostChain(body)
      .original.replace(URL, ' ')
      .replace(MENTION, ' ')
      .replace(EMOJI, ' ')
      .replace(CLIPPING, ' ');
    body = cleaned.replace(HASHTAG, ' ');
    if (!LETTER_OR_DIGIT.test(body)) body = cleaned.replace(/#/g, ' ');
  }
  body = toSimplifiedChinese(body);
  const numbers: string[] = [];
  NUMBER.lastIndex = 0;
  for (let match = NUMBER.exec(body); match !== null && numbers.length < MAX_NUMBERS; match = NUMBER.exec(body))
    if (!numbers.includes(match[0])) numbers.push(match[0]);
  const compact = body.replace(NOT_LETTER_OR_DIGIT, '').toLowerCase();
  return { compact: CONTENT_FREE.test(compact) ? '' : compact, numbers };
}
