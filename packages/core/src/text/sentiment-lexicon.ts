import { EmwatchError } from '../errors.js';

/**
 * The five emotion groups of the emergency sentiment lexicon: two about suffering and danger
 * (`distress`, `fear`), one about blame (`anger`), two about things getting better
 * (`relief`, `gratitude`).
 *
 * @example
 * ```ts
 * EMOTION_GROUPS.includes('fear'); // true
 * ```
 */
export const EMOTION_GROUPS = ['distress', 'fear', 'anger', 'relief', 'gratitude'] as const;

/** An emotion group, e.g. `'fear'` (害怕, 恐慌) or `'gratitude'` (感谢, 致敬). */
export type EmotionGroup = (typeof EMOTION_GROUPS)[number];

/** One word of a sentiment lexicon with its signed weight. */
export interface SentimentEntry {
  /** The word or phrase as written, e.g. `'松了口气'`; may be an emoji. */
  readonly word: string;
  /** Signed strength, negative for negative feelings; the team lexicon uses -3 … 3. */
  readonly weight: number;
  /** The emotion the word expresses, when known. */
  readonly group?: EmotionGroup;
}

/**
 * A validated, immutable set of sentiment words, as {@link scoreSentiment} takes it.
 * Build one with {@link createSentimentLexicon} or {@link parseSentimentLexicon}; the matcher
 * for it is built once on first use and cached.
 */
export interface SentimentLexicon {
  /** Every entry, one per word, in the order they were given (a repeated word keeps its last entry). */
  readonly entries: readonly SentimentEntry[];
}

/** How {@link parseSentimentLexicon} reads a text. */
export type ParseSentimentLexiconOptions =
  | {
      /** `word<TAB>weight[<TAB>group]` per line; `#` starts a comment line. */
      readonly format: 'tsv';
    }
  | {
      /**
       * The DUTIR affective lexicon (大连理工大学情感词汇本体) saved as tab- or comma-separated
       * text: 词语, 词性种类, 词义数, 词义序号, 情感分类, 强度, 极性, …
       */
      readonly format: 'dutir';
    }
  | {
      /** One of HowNet's sentiment word lists: one word per line. */
      readonly format: 'hownet';
      /** `1` for a positive list (正面情感/正面评价), `-1` for a negative one. */
      readonly polarity: 1 | -1;
      /** Strength given to every word of the list; defaults to 1. */
      readonly weight?: number;
    };

const MAX_WORD_LENGTH = 32;
const MAX_WEIGHT = 10;

/**
 * Builds a sentiment lexicon from entries, checking each once: a word of 1–32 characters,
 * a finite non-zero weight within ±10 and, if given, a known emotion group. When a word
 * occurs twice the later entry wins, so a department can append its own weights to the
 * team lexicon to override them.
 *
 * @throws {EmwatchError} `EMW_SENTIMENT_LEXICON_INVALID` naming the first bad entry.
 * @example
 * ```ts
 * const lexicon = createSentimentLexicon([
 *   ...SENTIMENT_ENTRIES,
 *   { word: '白毛风', weight: -1.5, group: 'fear' },
 * ]);
 * scoreSentiment('又刮白毛风了', { lexicon }).label; // 'negative'
 * ```
 */
export function createSentimentLexicon(entries: Iterable<SentimentEntry>): SentimentLexicon {
  const byWord = new Map<string, SentimentEntry>();
  let index = 0;
  for (const entry of entries) {
    const problem = findEntryProblem(entry);
    if (problem) {
      throw new EmwatchError(
        'EMW_SENTIMENT_LEXICON_INVALID',
        `[emwatch] [sentiment] lexicon entry ${index} (${JSON.stringify(entry?.word)}): ${problem}`,
      );
    }
    const word = entry.word.trim();
    // Deleting first moves a repeated word to the position of its last entry.
    byWord.delete(word);
    byWord.set(
      word,
      Object.freeze(entry.group ? { word, weight: entry.weight, group: entry.group } : { word, weight: entry.weight }),
    );
    index++;
  }
  return Object.freeze({ entries: Object.freeze([...byWord.values()]) });
}

function findEntryProblem(entry: SentimentEntry | undefined): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'is not an object';
  if (typeof entry.word !== 'string') return 'word is not a string';
  const word = entry.word.trim();
  if (word.length === 0 || word.length > MAX_WORD_LENGTH) return `word must have 1 to ${MAX_WORD_LENGTH} characters`;
  if (typeof entry.weight !== 'number' || !Number.isFinite(entry.weight) || entry.weight === 0) {
    return 'weight must be a finite non-zero number';
  }
  if (Math.abs(entry.weight) > MAX_WEIGHT) return `weight must lie within ±${MAX_WEIGHT}`;
  if (entry.group !== undefined && !(EMOTION_GROUPS as readonly string[]).includes(entry.group)) {
    return `group must be one of ${EMOTION_GROUPS.join(', ')}`;
  }
  return undefined;
}

/**
 * Reads a licensed or home-made sentiment lexicon from text, so a department can use
 * DUTIR (大连理工情感词汇本体), HowNet (知网情感词典) or its own list instead of, or on top of,
 * the team lexicon.
 *
 * - `tsv`: `word<TAB>weight[<TAB>group]`, blank lines and `#` comments ignored.
 * - `dutir`: rows of 词语, 词性种类, 词义数, 词义序号, 情感分类, 强度, 极性 (tab- or
 *   comma-separated; a header row is skipped). 强度 1–9 becomes a weight of 强度 / 3 (so 9 is
 *   as strong as the team lexicon's strongest words), 极性 1 positive and 2 negative; rows of
 *   极性 0 (neutral) and 3 (both) are left out. 情感分类 maps to an emotion group: NB 悲伤 and
 *   NJ 失望 to distress, NI 慌 and NC 恐惧 to fear, NA 愤怒, ND 憎恶 and NN 贬责 to anger,
 *   PE 安心 to relief, PD 尊敬 and PH 赞扬 to gratitude; other classes get no group. Only a
 *   word's first sense is kept.
 * - `hownet`: one word per line, every word weighted `polarity × weight`; title lines such as
 *   `中文负面情感词语（1254）` are skipped and spaces inside Chinese words removed.
 *
 * Rows that cannot be read are skipped.
 *
 * @throws {EmwatchError} `EMW_SENTIMENT_LEXICON_INVALID` when no row could be read (usually
 * the wrong `format`), or when a `tsv` row is readable but invalid (see {@link createSentimentLexicon}).
 * @example
 * ```ts
 * const dutir = parseSentimentLexicon('词语\t词性种类\t词义数\t词义序号\t情感分类\t强度\t极性\n惊恐\tadj\t1\t1\tNI\t7\t2', {
 *   format: 'dutir',
 * });
 * dutir.entries[0]; // { word: '惊恐', weight: -2.33, group: 'fear' }
 *
 * const negative = parseSentimentLexicon('悲惨\n恐慌\n', { format: 'hownet', polarity: -1 });
 * negative.entries.length; // 2
 * ```
 */
export function parseSentimentLexicon(text: string, options: ParseSentimentLexiconOptions): SentimentLexicon {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let entries: SentimentEntry[];
  switch (options.format) {
    case 'tsv':
      entries = parseTsv(lines);
      break;
    case 'dutir':
      entries = parseDutir(lines);
      break;
    case 'hownet':
      entries = parseHowNet(lines, options.polarity * (options.weight ?? 1));
      break;
  }
  if (entries.length === 0) {
    throw new EmwatchError(
      'EMW_SENTIMENT_LEXICON_INVALID',
      `[emwatch] [sentiment] no ${options.format} lexicon row could be read from a text of ${lines.length} lines`,
    );
  }
  return createSentimentLexicon(entries);
}

function parseTsv(lines: readonly string[]): SentimentEntry[] {
  const entries: SentimentEntry[] = [];
  for (const line of lines) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const [word = '', weight = '', group = ''] = line.split('\t');
    const value = Number(weight);
    if (word.trim() === '' || weight.trim() === '' || !Number.isFinite(value)) continue;
    const trimmedGroup = group.trim();
    entries.push(
      trimmedGroup === '' ? { word, weight: value } : { word, weight: value, group: trimmedGroup as EmotionGroup },
    );
  }
  return entries;
}

// DUTIR's 21 emotion classes that fall into one of the five emergency groups.
const DUTIR_GROUPS: Readonly<Record<string, EmotionGroup>> = {
  NB: 'distress',
  NJ: 'distress',
  NI: 'fear',
  NC: 'fear',
  NA: 'anger',
  ND: 'anger',
  NN: 'anger',
  PE: 'relief',
  PD: 'gratitude',
  PH: 'gratitude',
};

const DUTIR_POLARITY: Readonly<Record<string, number>> = { '1': 1, '2': -1 };

function parseDutir(lines: readonly string[]): SentimentEntry[] {
  const entries: SentimentEntry[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const cells = line.split(line.includes('\t') ? '\t' : ',').map((cell) => cell.trim());
    if (cells.length < 7) continue;
    const [word = '', , , , category = '', intensityCell = '', polarityCell = ''] = cells;
    const intensity = Number(intensityCell);
    const sign = DUTIR_POLARITY[polarityCell];
    if (word === '' || seen.has(word) || !sign || !(intensity >= 1 && intensity <= 9)) continue;
    seen.add(word);
    const weight = Math.round((sign * intensity * 100) / 3) / 100;
    const group = DUTIR_GROUPS[category.toUpperCase()];
    entries.push(group ? { word, weight, group } : { word, weight });
  }
  return entries;
}

const HOWNET_TITLE = /[（(]\s*\d+\s*[）)]\s*$/;
const HAN = /\p{Script=Han}/u;

function parseHowNet(lines: readonly string[], weight: number): SentimentEntry[] {
  const entries: SentimentEntry[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || HOWNET_TITLE.test(trimmed)) continue;
    // HowNet writes some idioms with spaces between characters (爱 不释手).
    const word = HAN.test(trimmed) ? trimmed.replace(/\s+/g, '') : trimmed;
    if (word.length > MAX_WORD_LENGTH) continue;
    entries.push({ word, weight });
  }
  return entries;
}

/** Expands one line of the team lexicon: space-separated words sharing a group and weight. */
function words(group: EmotionGroup, weight: number, list: string): SentimentEntry[] {
  return list
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => ({ word, weight, group }));
}

/**
 * The team-written Chinese sentiment lexicon for emergency texts: words of Weibo posts and
 * news reports in five emotion groups, weights from -3 (strongest negative) to 3.
 * Negation (不, 没有 …) and degree (非常, 有点 …) are handled by {@link scoreSentiment},
 * not listed here; words that start with a negator (不安, 无助, 不作为) are listed whole
 * and win by longest match.
 *
 * @example
 * ```ts
 * SENTIMENT_ENTRIES.find((entry) => entry.word === '松了口气'); // { word: '松了口气', weight: 2, group: 'relief' }
 * ```
 */
export const SENTIMENT_ENTRIES: readonly SentimentEntry[] = [
  ...words(
    'distress',
    -3,
    '惨绝人寰 撕心裂肺 痛不欲生 悲痛欲绝 家破人亡 肝肠寸断 惨不忍睹 哀鸿遍野 生离死别 绝望 天塌了',
  ),
  ...words('distress', -2.5, '悲痛 惨烈 惨痛 痛心 心碎 泣不成声 痛哭 大哭 崩溃 惨剧 噩耗 沉痛 罹难 遇难 悲剧 😭 💔'),
  ...words(
    'distress',
    -2,
    '惨 悲伤 难过 伤心 哭 流泪 哽咽 心痛 可怜 无助 凄惨 悲惨 心酸 痛苦 煎熬 不幸 无家可归 流离失所 妻离子散 哀悼 节哀 欲哭无泪 苦不堪言 😢',
  ),
  ...words(
    'distress',
    -1.5,
    '伤亡 死伤 死亡 身亡 丧生 遇险 泪奔 心疼 揪心 难受 悲哀 哀伤 惋惜 默哀 受灾 灾民 遭殃 损失惨重 毁于一旦 🕯 🥺',
  ),
  ...words(
    'distress',
    -1,
    '失踪 失联 受伤 被困 唉 哎 无奈 心累 伤感 失落 低落 惆怅 叹息 遗憾 损失 受损 可惜 心塞 难熬',
  ),

  ...words('fear', -3, '毛骨悚然 魂飞魄散 胆战心惊 心惊胆战 惊恐万分 吓死 吓死了 恐怖'),
  ...words('fear', -2.5, '恐慌 惊恐 惊慌 惊魂未定 后怕 吓坏 吓坏了 瑟瑟发抖 末日 😱 😨 😰'),
  ...words('fear', -2, '害怕 吓人 可怕 恐惧 惶恐 慌 慌乱 惊慌失措 惊吓 吓一跳 不敢出门 心有余悸 人心惶惶 岌岌可危'),
  ...words(
    'fear',
    -1.5,
    '担心 担忧 忧虑 忧心 焦虑 紧张 心慌 提心吊胆 忐忑 惴惴不安 不安 惊魂 危险 危急 告急 险情 不知所措',
  ),
  ...words('fear', -1, '隐患 风险 堪忧 怕 小心 当心 警惕 吓 震惊 慌张'),

  ...words(
    'anger',
    -3,
    '气死 气死了 丧心病狂 天理难容 草菅人命 令人发指 忍无可忍 岂有此理 愤怒 怒不可遏 无法无天 怨声载道',
  ),
  ...words(
    'anger',
    -2.5,
    '愤慨 愤恨 太过分 渎职 失职 玩忽职守 不作为 乱作为 瞒报 谎报 隐瞒真相 黑心 无良 可耻 无耻 人渣 没良心 😡 🤬',
  ),
  ...words(
    'anger',
    -2,
    '气愤 恼火 愤愤不平 过分 离谱 荒唐 荒谬 问责 追责 严惩 谴责 声讨 讨个说法 要个说法 骂 痛骂 垃圾 恶心 可恶 黑幕 坑人 甩锅 敷衍 冷血 寒心 心寒 失望 官僚主义 推诿 踢皮球 失责 😠',
  ),
  ...words(
    'anger',
    -1.5,
    '不满 吐槽 质疑 投诉 怒 生气 火大 无语 差劲 糊弄 拖延 懒政 偷工减料 豆腐渣 监管不力 管理混乱 形式主义 欺骗 隐瞒 掩盖 凭什么 活该 抗议 不公',
  ),
  ...words('anger', -1, '抱怨 埋怨 怨 呵呵 谁负责 折腾 扯皮'),

  ...words('relief', 3, '转危为安 化险为夷 死里逃生 劫后余生 平安无事 有惊无险 虚惊一场 安然无恙'),
  ...words('relief', 2.5, '脱险 获救 幸免于难 平安 得救 生还 成功获救 全部获救 全部脱险 成功救出 平安归来'),
  ...words(
    'relief',
    2,
    '松了口气 松了一口气 放心 安心 恢复正常 恢复供电 恢复供水 恢复通车 恢复通行 恢复供暖 扑灭 已扑灭 解除 好转 控制住 得到控制 脱困 安全转移 无人员伤亡 万幸 庆幸 幸好 幸亏 所幸 还好 太好了 好消息 😌',
  ),
  ...words('relief', 1.5, '恢复 缓解 稳定 平稳 顺利 妥善安置 有序 消退 回落 退去 雨过天晴 化解 脱离危险'),
  ...words('relief', 1, '正常 安置 保障 平息 安稳 踏实 安全'),

  ...words('gratitude', 3, '感激不尽 感恩 致敬 最美逆行者 英雄 感人肺腑'),
  ...words(
    'gratitude',
    2.5,
    '感谢 谢谢 感动 感激 辛苦了 点赞 致谢 敬礼 可敬 伟大 逆行者 最可爱的人 好样的 了不起 🙏 ❤️ ❤ 👍',
  ),
  ...words(
    'gratitude',
    2,
    '暖心 温暖 给力 敬佩 佩服 赞 棒 靠谱 有担当 尽职尽责 奉献 无私 无畏 勇敢 挺身而出 冲锋在前 众志成城 同心协力 守望相助 一方有难八方支援 守护 加油 爱心 好人 感谢有你 💪 🌹',
  ),
  ...words('gratitude', 1.5, '辛苦 驰援 援助 支援 捐款 捐赠 志愿者 祝福 祈福 保佑 祈祷 团结 高效 专业'),
  ...words('gratitude', 1, '谢 支持 帮助 关心 关爱 慰问 及时 迅速'),
];
