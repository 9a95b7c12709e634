import type { LanguageTag } from '../model/signal.js';

// Only the head of a long text is read: the language of a post or article is settled long
// before 2,000 code units, and detection runs on every collected item.
const MAX_SCANNED_LENGTH = 2000;

// One Han character carries about as much as three Latin or Cyrillic letters, so a Chinese
// post with a few English words (USGS, PM2.5, iPhone) still counts as Chinese.
const HAN_WEIGHT = 3;

// Characters written only in Traditional Chinese, and characters written only in Simplified
// Chinese. Hand-picked among the most frequent characters of news and emergency texts, and
// checked with OpenCC: each Traditional one changes under tw→cn and hk→cn, each Simplified
// one under cn→tw and cn→hk. Characters both scripts use (台, 云, 后, 余, 范, 制 …) are left
// out, because they would count for Simplified in Taiwanese or Hong Kong text.
const TRADITIONAL_ONLY =
  '們國來說區災報發風與這會時對應開關環護醫衛緊嚴黃號為東車門問見長電話語請讓謝識議變讀計記設許論證費資產業實將當經給線組結網總縣紅級統續規視險陸際隊難離頭題類飛學樓標機極樣橋歲歷氣滅熱營獲現療監確礦節糧聽聲職舉華處術訊診試調談負財責質軍較載輛輸轉辦農進運過達違遠選邊鄉鐵錢鎮閉間陳雙霧響項順預領額驗驚點傷亂備傳價兒動勞勢協單壓壞廠廣態慘擊損搶斷條構歸毀決沒漲濟狀塵凍場島灣個從無億還嗎麼強藍' +
  '溫稅颱臺後洩餘體';
const SIMPLIFIED_ONLY =
  '们国来说区灾报发风与这会时对应开关环护医卫紧严黄号为东车门问见长电话语请让谢识议变读计记设许论证费资产业实将当经给线组结网总县红级统续规视险陆际队难离头题类飞学楼标机极样桥岁历气灭热营获现疗监确矿节粮听声职举华处术讯诊试调谈负财责质军较载辆输转办农进运过达违远选边乡铁钱镇闭间陈双雾响项顺预领额验惊点伤乱备传价儿动劳势协单压坏厂广态惨击损抢断条构归毁决没涨济状尘冻场岛湾个从无亿还吗么强蓝';

const HAN_BASE = 0x4e00;
const HAN_END = 0x9fff;
const TRADITIONAL = 1;
const SIMPLIFIED = 2;

let hanScripts: Uint8Array | undefined;

/** A byte per CJK Unified Ideograph, built on first use so that importing costs nothing. */
function getHanScripts(): Uint8Array {
  if (hanScripts) return hanScripts;
  const table = new Uint8Array(HAN_END - HAN_BASE + 1);
  for (const char of TRADITIONAL_ONLY) table[char.charCodeAt(0) - HAN_BASE] = TRADITIONAL;
  for (const char of SIMPLIFIED_ONLY) table[char.charCodeAt(0) - HAN_BASE] = SIMPLIFIED;
  hanScripts = table;
  return table;
}

// Very frequent English words that are rare as words in other Latin-script languages
// ("in", "a" and "to" are left out: German, Italian, Spanish and pinyin use them too).
// prettier-ignore
const ENGLISH_WORDS = new Set([
  'the', 'of', 'and', 'for', 'is', 'are', 'was', 'were', 'on', 'at', 'by', 'with', 'from',
  'has', 'have', 'had', 'been', 'will', 'this', 'that', 'after', 'near', 'over', 'into',
  'issued', 'people', 'its', 'their', 'an', 'as', 'be', 'it', 'not', 'or', 'but', 'than',
]);

// Function words of French, German, Spanish, Italian, Portuguese and Dutch that would
// otherwise let a European headline with one "of" or "is" pass as English.
// prettier-ignore
const OTHER_LATIN_WORDS = new Set([
  'le', 'la', 'les', 'des', 'du', 'et', 'est', 'une', 'der', 'die', 'das', 'und', 'ist',
  'nicht', 'ein', 'eine', 'el', 'los', 'las', 'del', 'y', 'por', 'para', 'il', 'di', 'che',
  'della', 'em', 'do', 'da', 'het', 'een', 'van', 'op',
]);

// Cyrillic letters of Kazakh, Kyrgyz, Buryat, Ukrainian and Belarusian that Mongolian does not
// use: Kazakh and Kyrgyz also write ө and ү, so those alone do not prove Mongolian.
const NON_MONGOLIAN_CYRILLIC = new Set(['ә', 'ғ', 'қ', 'ң', 'ұ', 'һ', 'і', 'ї', 'є', 'ґ', 'ў']);

// Mongolian function and very common words with no ө or ү ("Улаанбаатар хотод цасан шуурга"
// has neither letter).
// prettier-ignore
const MONGOLIAN_WORDS = new Set([
  'нь', 'ба', 'болон', 'байна', 'байгаа', 'байсан', 'юм', 'гэж', 'гэсэн', 'энэ', 'тэр',
  'дээр', 'дахь', 'руу', 'тул', 'хот', 'хотод', 'хотын', 'аймаг', 'аймагт', 'аймгийн',
  'сум', 'сумын', 'сумд', 'улс', 'улсын', 'монгол', 'улаанбаатар', 'цасан', 'шуурга',
  'ихээр', 'маш', 'дараа', 'болно', 'гарсан', 'мэдээлэв',
]);

// Russian function words; one-letter prepositions (в, с, к, о, у) hardly occur as Mongolian words.
// prettier-ignore
const RUSSIAN_WORDS = new Set([
  'в', 'во', 'и', 'на', 'не', 'что', 'с', 'со', 'по', 'для', 'от', 'из', 'к', 'о', 'об',
  'у', 'за', 'это', 'как', 'так', 'при', 'до', 'или', 'он', 'она', 'они', 'был', 'была',
]);

// Long vowels are written doubled in Mongolian (аа, ээ, оо, уу, өө, үү) and almost never in Russian.
const DOUBLED_VOWEL = /аа|ээ|оо|уу|өө|үү/g;

const LATIN_WORD = /[a-z]+/g;
const CYRILLIC_WORD = /[\u0400-\u04ff]+/g;

interface ScriptCounts {
  han: number;
  traditional: number;
  simplified: number;
  kana: number;
  hangul: number;
  latin: number;
  cyrillic: number;
  mongolian: number;
  mongolianCyrillic: number;
}

/** Counts letters by script in one pass over the code units. */
function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = {
    han: 0,
    traditional: 0,
    simplified: 0,
    kana: 0,
    hangul: 0,
    latin: 0,
    cyrillic: 0,
    mongolian: 0,
    mongolianCyrillic: 0,
  };
  const table = getHanScripts();
  const end = Math.min(text.length, MAX_SCANNED_LENGTH);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) counts.latin++;
    } else if (code >= HAN_BASE && code <= HAN_END) {
      counts.han++;
      const script = table[code - HAN_BASE];
      if (script === TRADITIONAL) counts.traditional++;
      else if (script === SIMPLIFIED) counts.simplified++;
    } else if (code >= 0x3400 && code <= 0x4dbf) {
      counts.han++;
    } else if (code >= 0x0400 && code <= 0x04ff) {
      counts.cyrillic++;
      // ө Ө ү Ү
      if (code === 0x04e9 || code === 0x04e8 || code === 0x04af || code === 0x04ae) counts.mongolianCyrillic++;
    } else if (code >= 0x1820 && code <= 0x18aa) {
      // Letters only: punctuation, digits and variation selectors (U+1800–U+181F) are not evidence.
      counts.mongolian++;
    } else if (code >= 0x3040 && code <= 0x30ff) {
      counts.kana++;
    } else if (code >= 0xac00 && code <= 0xd7af) {
      counts.hangul++;
    } else if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) {
      counts.latin++;
    }
  }
  return counts;
}

function countWords(words: readonly string[], set: ReadonlySet<string>): number {
  let count = 0;
  for (const word of words) if (set.has(word)) count++;
  return count;
}

function detectChinese(counts: ScriptCounts): LanguageTag {
  // Japanese mixes kanji with kana; neither Chinese tag fits it.
  if (counts.kana * 5 > counts.han) return 'und';
  return counts.traditional > counts.simplified ? 'zh-Hant' : 'zh-Hans';
}

function detectCyrillic(text: string, counts: ScriptCounts): LanguageTag {
  const sample = text.slice(0, MAX_SCANNED_LENGTH).toLowerCase();
  for (const char of NON_MONGOLIAN_CYRILLIC) if (sample.includes(char)) return 'und';
  if (counts.mongolianCyrillic > 0) return 'mn-Cyrl';
  const words = sample.match(CYRILLIC_WORD) ?? [];
  const mongolian = countWords(words, MONGOLIAN_WORDS) + (sample.match(DOUBLED_VOWEL)?.length ?? 0) / 2;
  const russian = countWords(words, RUSSIAN_WORDS);
  return mongolian >= 1 && mongolian > russian ? 'mn-Cyrl' : 'und';
}

function detectLatin(text: string): LanguageTag {
  const words = text.slice(0, MAX_SCANNED_LENGTH).toLowerCase().match(LATIN_WORD) ?? [];
  const english = countWords(words, ENGLISH_WORDS);
  const other = countWords(words, OTHER_LATIN_WORDS);
  return english >= 1 && english > other ? 'en' : 'und';
}

/**
 * Tells which language and script a text is written in: Simplified or Traditional Chinese,
 * English, Mongolian in the traditional script or in Cyrillic, else `'und'`.
 *
 * The script with the most letters decides (a Han character counts as three letters, so a
 * Chinese post quoting a few English words stays Chinese). Simplified and Traditional
 * Chinese are told apart by characters that only one of them writes; text with none of
 * them is taken as Simplified. Cyrillic is Mongolian only with ө/ү, Mongolian function
 * words or doubled vowels (Russian and other Cyrillic languages give `'und'`); Latin text
 * is English only with English function words. Empty text, digits, punctuation and emoji
 * give `'und'`. Only the first 2,000 code units are read.
 *
 * @example
 * ```ts
 * detectLanguage('锡林郭勒盟发布暴雪蓝色预警'); // 'zh-Hans'
 * detectLanguage('黃色暴雨警告信號'); // 'zh-Hant'
 * detectLanguage('M 5.1 - 12 km NE of Baotou, China'); // 'en'
 * detectLanguage('Улаанбаатар хотод цасан шуурга'); // 'mn-Cyrl'
 * detectLanguage('Сильный снегопад в Москве'); // 'und'
 * ```
 */
export function detectLanguage(text: string): LanguageTag {
  const counts = countScripts(text);
  const han = counts.han * HAN_WEIGHT;
  const best = Math.max(han, counts.latin, counts.cyrillic, counts.mongolian, counts.kana, counts.hangul);
  if (best === 0) return 'und';
  if (counts.mongolian === best) return 'mn-Mong';
  if (han === best) return detectChinese(counts);
  if (counts.cyrillic === best) return detectCyrillic(text, counts);
  if (counts.latin === best) return detectLatin(text);
  return 'und';
}
