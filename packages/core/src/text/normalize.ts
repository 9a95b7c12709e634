import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import { from, to } from 'opencc-js/preset/t2cn';
import { parseChineseNumber } from '../_internal/chinese-numerals.js';

/** A text prepared for analysis, with what was taken out of it kept alongside. */
export interface NormalizedText {
  /**
   * The text the classifier reads: half-width, Simplified, the repost's original message only,
   * without URLs, @mentions, emoji or hashtag marks (hashtag words stay).
   */
  readonly text: string;
  /** Where the original message starts in the input (after any repost commentary). */
  readonly offset: number;
  /** The original message as written (a substring of the input), before other normalisation. */
  readonly original: string;
  /** Commentary layered on top by reposters, outermost first (`太吓人了//@A:求平安//@B:原文` → 太吓人了, 求平安). */
  readonly commentary: readonly string[];
  /** Hashtags without their `#` marks, in order. */
  readonly hashtags: readonly string[];
  /** URLs that were removed. */
  readonly urls: readonly string[];
  /** @mentions that were removed (without the `@`). */
  readonly mentions: readonly string[];
}

/** Options of {@link normalizeText}. */
export interface NormalizeTextOptions {
  /** Convert Traditional characters to Simplified (default true). */
  readonly simplify?: boolean;
  /**
   * Rewrite Chinese numerals that count something as Arabic numbers (三人 → 3人, 二十五毫米 →
   * 25毫米; default false). Approximate forms (十余人, 数十人) and idioms (一起, 一线) are left as
   * written. The classifier does not need this (digits and numerals are both features); it is for
   * display and for downstream matching.
   */
  readonly numerals?: boolean;
}

// Weibo repost chains: the reposter's comment comes first, then `//@user:` and the text they reposted.
const REPOST = /\/\/\s*@([^:：\s]{1,30})\s*[:：]/g;
const FORWARD_PREFIX = /^\s*(?:转发微博|转发|【转】|\[转\]|转自[^:：]{0,20})\s*[:：]?\s*/;
const URL = /https?:\/\/[^\s，。！？、）)】]+/g;
const MENTION = /@([\p{L}\p{N}_-]{1,30})/gu;
const HASHTAG = /#([^#\n]{1,40})#/g;
const EMOJI = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D}/gu;
// Characters that exist only in Traditional script; a text without any needs no conversion,
// which keeps the (trie-walking) converter off the hot path for Simplified posts.
const TRADITIONAL_HINT =
  /[們國來說區災颱報發雲風與這會時對應開關環護醫衛緊嚴東車門間當電長陽陰線處傷險號氣務學總縣鎮鄉營農業體證輛燒灣島橋壩關響臺級預備點條網戰廣歲亂讓變]/;

let toSimplified: ConverterFunction | undefined;

/** Full-width ASCII and the ideographic space to their half-width forms, one code unit each. */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Traditional → Simplified (opencc-js, Hong Kong/Macao and Taiwan variants), only when needed. */
export function toSimplifiedChinese(text: string): string {
  if (!TRADITIONAL_HINT.test(text)) return text;
  toSimplified ??= ConverterFactory(from.hk, to.cn);
  return toSimplified(text);
}

/**
 * Splits a Weibo repost chain into the commentary layers and the original message.
 *
 * @example
 * splitRepostChain('太吓人了//@草原小马:求平安//@锡林郭勒发布:西乌旗发生草原火灾');
 * // { original: '西乌旗发生草原火灾', offset: 20, commentary: ['太吓人了', '求平安'] }
 */
export function splitRepostChain(text: string): { original: string; offset: number; commentary: string[] } {
  const commentary: string[] = [];
  let offset = 0;
  let last = 0;
  for (const match of text.matchAll(REPOST)) {
    const layer = text.slice(last, match.index).trim();
    if (layer) commentary.push(layer);
    last = match.index + match[0].length;
    offset = last;
  }
  const prefix = FORWARD_PREFIX.exec(text.slice(offset));
  if (prefix && prefix[0].length < text.length - offset) offset += prefix[0].length;
  return { original: text.slice(offset), offset, commentary };
}

// Anything but width folding that the passes below would change; most posts have none.
const NEEDS_WORK = /[#@/\u3000\uD800-\uDFFF\u2600-\u27BF]|\uFE0F|\u200D|http|转|\s\s|^\s|\s$/;

/**
 * Prepares a post or article for classification: keeps the original message of a repost chain,
 * folds full-width characters, converts Traditional to Simplified, and lifts out URLs, @mentions,
 * hashtag marks and emoji.
 *
 * @example
 * normalizeText('转发微博 #沙尘暴# 阿拉善起沙了😱 https://t.cn/x').text; // '沙尘暴 阿拉善起沙了'
 */
export function normalizeText(input: string, options: NormalizeTextOptions = {}): NormalizedText {
  if (!NEEDS_WORK.test(input)) {
    const folded = foldWidth(input);
    const simplified = options.simplify === false ? folded : toSimplifiedChinese(folded);
    const text = options.numerals ? convertNumerals(simplified) : simplified;
    return { text, offset: 0, original: input, commentary: [], hashtags: [], urls: [], mentions: [] };
  }
  const { original, offset, commentary } = splitRepostChain(input);
  const urls: string[] = [];
  const mentions: string[] = [];
  const hashtags: string[] = [];
  let text = foldWidth(original)
    .replace(URL, (url) => (urls.push(url), ' '))
    .replace(HASHTAG, (_, tag: string) => (hashtags.push(tag.trim()), ` ${tag.trim()} `))
    .replace(MENTION, (_, name: string) => (mentions.push(name), ' '))
    .replace(EMOJI, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (options.simplify !== false) text = toSimplifiedChinese(text);
  if (options.numerals) text = convertNumerals(text);
  return { text, offset, original, commentary, hashtags, urls, mentions };
}

// A run of numerals followed by what it counts or measures. 起 (一起 = together) and 线 (一线 =
// front line) are not in the list on purpose.
const COUNTED_NUMERAL =
  /[零〇一二两三四五六七八九十百千万亿]+(?=[人名个位户家头只匹辆架艘处座所条间级度米里公斤吨毫厘小时分秒天日月年岁次批例])/g;

/** Rewrites counted Chinese numerals as Arabic numbers; approximate ones stay as written. */
function convertNumerals(text: string): string {
  return text.replace(COUNTED_NUMERAL, (numerals) => {
    const parsed = parseChineseNumber(numerals);
    return parsed && !parsed.approximate ? String(parsed.value) : numerals;
  });
}
