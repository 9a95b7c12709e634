import { foldWidth } from '../normalize.js';

const FIGURE = '(\\d{1,2}(?:\\.\\d{1,2})?)';

// Forms that say "magnitude" themselves: 里氏4.5级, 震级4.0, M4.3 / Ms 6.8 (the letter form needs a
// decimal, so M4 bolts and M2 chips stay out), 5.1级地震, magnitude 5.1, 5.1-magnitude.
const SELF_EVIDENT = new RegExp(
  [
    `(?:里氏|震级)(?:为|达|是|:)?\\s?${FIGURE}`,
    `(?<![A-Za-z])M[sSlLwW]?\\s?(\\d\\.\\d{1,2})(?![\\d.])`,
    `${FIGURE}\\s?级(?:左右)?的?(?:地震|强震|余震|浅源地震|有感地震)`,
    `[Mm]agnitude[\\s-]?${FIGURE}`,
    `${FIGURE}[\\s-][Mm]agnitude`,
  ].join('|'),
  'g',
);
// 4.2级 on its own is a magnitude only in a text about an earthquake, and never in 8级大风,
// 4级风, 2级预警 or 3级以上.
const BARE = /(\d{1,2}(?:\.\d{1,2})?)\s?级(?![风大阵响预警以上台浪别应])/g;
const ABOUT_EARTHQUAKE = /地震|震级|震中|余震|震源|(?<![A-Za-z])M[sSlLwW]?\s?\d\.\d/;
const HAS_MAGNITUDE_HINT = /级|[Mm]/;
const MAX_MAGNITUDE = 10;

/**
 * Reads the earthquake magnitude a text states (5.1级地震, M4.3, 里氏4.5级, 震级4.0; 4.2级 only
 * when the text is about an earthquake), or `null`. Wind forces (8级大风), response levels and
 * warning levels are not magnitudes. With several, the largest (the main shock) wins.
 *
 * @example
 * ```ts
 * extractMagnitude('阿拉善左旗发生4.3级地震，震源深度10千米'); // 4.3
 * extractMagnitude('锡林郭勒盟将出现8级大风'); // null
 * ```
 */
export function extractMagnitude(text: string): number | null {
  if (!HAS_MAGNITUDE_HINT.test(text)) return null;
  const input = foldWidth(text);
  const stated = maxFigure(SELF_EVIDENT, input);
  const bare = ABOUT_EARTHQUAKE.test(input) ? maxFigure(BARE, input) : null;
  return bare !== null && (stated === null || bare > stated) ? bare : stated;
}

function maxFigure(pattern: RegExp, text: string): number | null {
  let largest: number | null = null;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const figure = Number(match.slice(1).find((group) => group !== undefined));
    if (figure > 0 && figure < MAX_MAGNITUDE && (largest === null || figure > largest)) largest = figure;
  }
  return largest;
}
