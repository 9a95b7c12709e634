import { WARNING_COLORS, type WarningColor } from '../../model/taxonomy.js';
import { foldWidth } from '../normalize.js';

const COLOR_OF: Readonly<Record<string, WarningColor>> = {
  蓝: 'blue',
  黄: 'yellow',
  橙: 'orange',
  红: 'red',
  blue: 'blue',
  yellow: 'yellow',
  orange: 'orange',
  red: 'red',
};

// A colour counts only next to a warning word: 暴雨橙色预警, 黄色预警信号, 蓝色大风预警,
// 预警级别为橙色, Orange warning; never on its own (黄色的沙尘).
const MENTION = new RegExp(
  [
    '([蓝黄橙红])色[^\\s，。；、,.;]{0,6}?(?:预警|警报)',
    '(?:预警|警报)(?:级别|等级|信号)?(?:为|是|:|：)?([蓝黄橙红])色',
    '\\b(blue|yellow|orange|red)(?:[\\s-]level)?[\\s-](?:warning|alert|signal)',
  ].join('|'),
  'gi',
);
// 由黄色升级为橙色, 橙色预警降级为黄色: the colour it changed to is the one in force.
const CHANGE =
  /(?:升级|提升|上调|调整|降级|下调|降低|变更|更新)(?:为|至|到|成)([蓝黄橙红])色|(?:升|降)为([蓝黄橙红])色/g;
const HAS_COLOR = /[蓝黄橙红]色|blue|yellow|orange|red/i;

/**
 * Reads the warning colour a text states (橙色预警, 黄色预警信号, 预警级别为橙色, Orange warning),
 * or `null`. When the text changes a warning's level (由黄色升级为橙色), the last colour it
 * changed to wins; otherwise the highest colour named. A lifted warning (解除…预警) still has its
 * colour.
 *
 * @example
 * ```ts
 * extractWarningColor('锡林郭勒盟气象台发布暴雪橙色预警信号'); // 'orange'
 * extractWarningColor('黄色的沙尘笼罩城区'); // null
 * ```
 */
export function extractWarningColor(text: string): WarningColor | null {
  if (!HAS_COLOR.test(text)) return null;
  const input = foldWidth(text);
  const changed = lastColor(CHANGE, input);
  if (changed && hasWarningMention(input)) return changed;
  return highestColor(MENTION, input);
}

function hasWarningMention(text: string): boolean {
  return text.includes('预警') || text.includes('警报') || /warning|alert/i.test(text);
}

function lastColor(pattern: RegExp, text: string): WarningColor | null {
  let last: WarningColor | null = null;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) last = colorOf(match) ?? last;
  return last;
}

function highestColor(pattern: RegExp, text: string): WarningColor | null {
  let highest: WarningColor | null = null;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const color = colorOf(match);
    if (color && (highest === null || WARNING_COLORS.indexOf(color) > WARNING_COLORS.indexOf(highest))) {
      highest = color;
    }
  }
  return highest;
}

function colorOf(match: RegExpExecArray): WarningColor | undefined {
  const word = match.slice(1).find((group) => group !== undefined);
  return word === undefined ? undefined : COLOR_OF[word.toLowerCase()];
}
