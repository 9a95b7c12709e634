import type { Evidence } from '../model/text-analysis.js';
import type { TypeId } from '../model/taxonomy.js';

/** What {@link classifyMongolian} found: the hazard type and the words that decided it. */
export interface MongolianClassification {
  /** The hazard type, or `'none'` for a drill about a hazard. */
  readonly type: TypeId;
  /** The matched words, strongest first; words for another type carry that type as `label`. */
  readonly evidence: readonly Evidence[];
}

// Patterns are lower-case words separated by spaces; a trailing `*` lets a word take
// suffixes (Mongolian is agglutinative: үер, үерийн, үерт, үерээр). `type: null` marks a
// phrase that only looks like a hazard (гал тогоо, kitchen) and is matched to be ignored.
interface HazardPattern {
  readonly pattern: string;
  readonly type: TypeId | null;
  readonly weight: number;
}

// Cyrillic Mongolian (Mongolia). Standard news vocabulary of NEMA (ОБЕГ) and the press.
const CYRILLIC_PATTERNS: readonly HazardPattern[] = [
  { pattern: 'шороон шуурга*', type: 'sandstorm', weight: 3 },
  { pattern: 'элсэн шуурга*', type: 'sandstorm', weight: 3 },
  { pattern: 'шороо*', type: 'sandstorm', weight: 1 },
  { pattern: 'цасан шуурга*', type: 'snow-disaster', weight: 3 },
  { pattern: 'цагаан зуд*', type: 'snow-disaster', weight: 3.5 },
  { pattern: 'төмөр зуд*', type: 'snow-disaster', weight: 3.5 },
  { pattern: 'зуд*', type: 'snow-disaster', weight: 3 },
  { pattern: 'их цас*', type: 'snow-disaster', weight: 2 },
  { pattern: 'цас*', type: 'snow-disaster', weight: 1 },
  // Black dzud is a snowless winter: the taxonomy files 黑灾 under drought.
  { pattern: 'хар зуд*', type: 'drought', weight: 3.5 },
  // Exact forms only: a prefix ган would also match ганц (only, single).
  { pattern: 'ган', type: 'drought', weight: 2 },
  { pattern: 'гангийн', type: 'drought', weight: 2 },
  { pattern: 'хүйтний давалгаа*', type: 'cold-wave', weight: 3 },
  { pattern: 'үер*', type: 'flood', weight: 3 },
  { pattern: 'аадар бороо*', type: 'flood', weight: 2 },
  { pattern: 'аадар*', type: 'flood', weight: 1.5 },
  // Түймэр alone is a forest or steppe fire; гал түймэр is fire in general, usually in a building.
  { pattern: 'ойн түйм*', type: 'wildfire', weight: 3.5 },
  { pattern: 'хээрийн түйм*', type: 'wildfire', weight: 3.5 },
  { pattern: 'түйм*', type: 'wildfire', weight: 2.5 },
  { pattern: 'гал түйм*', type: 'fire', weight: 2.5 },
  { pattern: 'гал гар*', type: 'fire', weight: 2.5 },
  { pattern: 'гал', type: 'fire', weight: 1.5 },
  { pattern: 'галд', type: 'fire', weight: 1.5 },
  { pattern: 'галын', type: 'fire', weight: 1.5 },
  { pattern: 'гал тогоо*', type: null, weight: 0 },
  { pattern: 'газар хөдлөл*', type: 'earthquake', weight: 3.5 },
  { pattern: 'газар хөдөл*', type: 'earthquake', weight: 3 },
  { pattern: 'чичирхийлэл*', type: 'earthquake', weight: 2 },
  { pattern: 'магнитуд*', type: 'earthquake', weight: 1.5 },
  { pattern: 'дадлага сургуулилт*', type: 'none', weight: 3 },
  { pattern: 'сургуулилт*', type: 'none', weight: 2.5 },
];

// Traditional Mongolian script (Inner Mongolia), in Unicode's phonetic encoding with the
// free variation selectors and the vowel separator removed (see normalise()), case suffixes
// as separate words (Unicode joins them with U+202F).
// Confident: ᠭᠠᠯ γal (fire), ᠦᠶᠡᠷ üyer (flood), ᠴᠠᠰᠤ času (snow), ᠭᠠᠵᠠᠷ γaǰar (earth), ᠣᠢ oi
// (forest), ᠠᠶᠤᠯ ayul (danger), ᠭᠠᠷ- γar- (come out).
// Less sure, to be checked by a reader of the script: ᠰᠢᠭᠤᠷᠭᠠ šiγurγa (storm), ᠵᠤᠳ ǰud (dzud),
// ᠬᠥᠳᠡᠯ- ködel- (move, in γaǰar ködelkü, earthquake), ᠬᠡᠭᠡᠷᠡ kegere (steppe), ᠡᠯᠡᠰᠦᠨ elesün
// (sandy), ᠰᠢᠷᠤᠢ siroi (earth, dust), ᠲᠣᠭᠣᠭᠠ toγoγa (cauldron, in γal toγoγa, kitchen).
const MONGOLIAN_SCRIPT_PATTERNS: readonly HazardPattern[] = [
  { pattern: 'ᠡᠯᠡᠰᠦᠨ ᠰᠢᠭᠤᠷᠭᠠ*', type: 'sandstorm', weight: 3 },
  { pattern: 'ᠰᠢᠷᠤᠢ ᠰᠢᠭᠤᠷᠭᠠ*', type: 'sandstorm', weight: 3 },
  { pattern: 'ᠴᠠᠰᠤᠨ ᠰᠢᠭᠤᠷᠭᠠ*', type: 'snow-disaster', weight: 3 },
  { pattern: 'ᠵᠤᠳ*', type: 'snow-disaster', weight: 3 },
  { pattern: 'ᠴᠠᠰᠤ*', type: 'snow-disaster', weight: 1 },
  { pattern: 'ᠦᠶᠡᠷ*', type: 'flood', weight: 3 },
  { pattern: 'ᠬᠡᠭᠡᠷᠡ ᠶᠢᠨ ᠭᠠᠯ', type: 'wildfire', weight: 3.5 },
  { pattern: 'ᠣᠢ ᠶᠢᠨ ᠭᠠᠯ', type: 'wildfire', weight: 3.5 },
  { pattern: 'ᠭᠠᠯ ᠤᠨ ᠠᠶᠤᠯ*', type: 'fire', weight: 2.5 },
  { pattern: 'ᠭᠠᠯ ᠭᠠᠷ*', type: 'fire', weight: 2.5 },
  { pattern: 'ᠭᠠᠯ', type: 'fire', weight: 1.5 },
  { pattern: 'ᠭᠠᠯ ᠲᠣᠭᠣᠭᠠ*', type: null, weight: 0 },
  { pattern: 'ᠭᠠᠵᠠᠷ ᠬᠥᠳᠡᠯ*', type: 'earthquake', weight: 3.5 },
];

// One word of weight 2 or more decides alone (үер, зуд, газар хөдлөлт); a weak word (гал, цас)
// needs company. The winner must lead the runner-up by a point, else the text is unclear.
const MIN_SCORE = 2;
const MIN_MARGIN = 1;
// Long texts are cut: a hazard is named early in a headline or lead.
const MAX_TEXT_LENGTH = 5000;

interface WordPattern {
  readonly text: string;
  readonly prefix: boolean;
}

interface CompiledPattern {
  readonly words: readonly WordPattern[];
  readonly type: TypeId | null;
  readonly weight: number;
}

let compiled: readonly CompiledPattern[] | undefined;

/** Parses the patterns once, most words first so that phrases win over their parts. */
function getPatterns(): readonly CompiledPattern[] {
  compiled ??= [...CYRILLIC_PATTERNS, ...MONGOLIAN_SCRIPT_PATTERNS]
    .map(({ pattern, type, weight }) => ({
      words: pattern.split(' ').map((word) => ({ text: word.replace(/\*$/, ''), prefix: word.endsWith('*') })),
      type,
      weight,
    }))
    .sort((a, b) => b.words.length - a.words.length);
  return compiled;
}

// Free variation selectors and the vowel separator choose glyph shapes only; zero-width
// joiners likewise. Removing them lets kegere written with U+180E before its final ᠡ match ᠬᠡᠭᠡᠷᠡ.
const GLYPH_CONTROLS = /[\u180b-\u180f\u200c\u200d]/g;
const WORD = /[\p{L}\p{M}]+/gu;

function tokenize(text: string): string[] {
  return text.slice(0, MAX_TEXT_LENGTH).toLowerCase().replace(GLYPH_CONTROLS, '').match(WORD) ?? [];
}

function matchesAt(tokens: readonly string[], index: number, words: readonly WordPattern[]): boolean {
  for (let offset = 0; offset < words.length; offset++) {
    const token = tokens[index + offset];
    const word = words[offset];
    if (token === undefined || word === undefined) return false;
    if (word.prefix ? !token.startsWith(word.text) : token !== word.text) return false;
  }
  return true;
}

/**
 * Classifies a short Mongolian text (Cyrillic or traditional script) that clearly names a
 * sandstorm, snow disaster or dzud, flood, forest/steppe or building fire, or earthquake;
 * returns `null` for anything else, including texts that name no hazard or two equally.
 *
 * A small hand-made lexicon, not a model: it is matched word by word (Cyrillic lower-cased,
 * suffixes allowed where Mongolian adds them), the longest phrase first. A drill
 * (дадлага сургуулилт) about a hazard gives `'none'`. The traditional-script words are fewer
 * and some are unverified (see the source); treat its answers as hints.
 *
 * @example
 * ```ts
 * classifyMongolian('Улаанбаатар хотод цасан шуурга')?.type; // 'snow-disaster'
 * classifyMongolian('Сэлэнгэ аймагт үер болж, айлуудыг нүүлгэв')?.type; // 'flood'
 * classifyMongolian('ᠦᠶᠡᠷ ᠦᠨ ᠠᠶᠤᠯ')?.type; // 'flood'
 * classifyMongolian('Өнөөдөр цаг агаар сайхан байна'); // null
 * ```
 */
export function classifyMongolian(text: string): MongolianClassification | null {
  const tokens = tokenize(text);
  const patterns = getPatterns();
  const found: { term: string; type: TypeId; weight: number }[] = [];
  const scores = new Map<TypeId, number>();

  let index = 0;
  while (index < tokens.length) {
    const pattern = patterns.find((candidate) => matchesAt(tokens, index, candidate.words));
    if (!pattern) {
      index++;
      continue;
    }
    const length = pattern.words.length;
    if (pattern.type) {
      found.push({ term: tokens.slice(index, index + length).join(' '), type: pattern.type, weight: pattern.weight });
      scores.set(pattern.type, (scores.get(pattern.type) ?? 0) + pattern.weight);
    }
    index += length;
  }

  const ranked = [...scores].filter(([type]) => type !== 'none').sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < MIN_SCORE) return null;
  if (second && best[1] - second[1] < MIN_MARGIN) return null;
  const type = scores.has('none') ? 'none' : best[0];

  const evidence = found
    .sort((a, b) => b.weight - a.weight)
    .map(({ term, type: label, weight }): Evidence =>
      label === type ? { term, source: 'lexicon', weight } : { term, source: 'lexicon', weight, label },
    );
  return { type, evidence };
}
