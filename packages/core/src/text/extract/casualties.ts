import { findNumberBefore, parseChineseNumber } from '../../_internal/chinese-numerals.js';
import type { Casualties } from '../../model/text-analysis.js';
import { foldWidth } from '../normalize.js';

/** One kind of casualty count: `'deaths'`, `'injured'`, `'missing'` or `'trapped'`. */
export type CasualtyKind = Exclude<keyof Casualties, 'approximate'>;

/** Casualty counts of a text, always with the list of kinds stated only approximately. */
export interface CasualtyExtraction extends Casualties {
  /**
   * Kinds for which the text gives only an approximate figure (十余人死亡, 多人受伤): their count
   * stays `null`, since a hedged figure is never taken as the count. In the order deaths,
   * injured, missing, trapped.
   */
  readonly approximate: readonly CasualtyKind[];
}

// Where a number goes: the four kinds, severe and minor injuries (added up), people seen by a
// doctor (injured in a poisoning or next to stated injuries), people still being treated (the
// survivors of a group some of whom died), missing or trapped people found again, and words that
// take a number away from every kind (4人获救).
type Bucket = CasualtyKind | 'severe' | 'minor' | 'hospital' | 'treated' | 'found' | 'freed' | 'none';

// 烧伤, 砸伤, 划伤: injuries named by their cause.
const CAUSED_INJURIES = [...'烧烫摔砸刺砍打炸撞压咬冻划擦扎捅灼燎'].map((cause) => `${cause}伤`);

// Ways of saying someone died, with or without a number before them.
const DEATH_VERBS: readonly (readonly [string, Bucket])[] = [
  ['经抢救无效死亡', 'deaths'],
  ['不幸离世', 'deaths'],
  ['死亡', 'deaths'],
  ['遇难', 'deaths'],
  ['罹难', 'deaths'],
  ['身亡', 'deaths'],
  ['丧生', 'deaths'],
  ['遇害', 'deaths'],
  ['牺牲', 'deaths'],
  ['无生命体征', 'deaths'],
  ['没挺过来', 'deaths'],
  ['没抢救过来', 'deaths'],
  ['没救过来', 'deaths'],
  ['没了', 'deaths'],
];

// Verbs after their number (3人死亡, 12名矿工被困, 一家三口中毒, 7个游客困在山上).
const VERBS: readonly (readonly [string, Bucket])[] = [
  ...DEATH_VERBS,
  ['殒命', 'deaths'],
  ['丧命', 'deaths'],
  ['死者', 'deaths'],
  ['遗体', 'deaths'],
  ['尸体', 'deaths'],
  ['死', 'deaths'],
  ['受重伤', 'severe'],
  ['受轻伤', 'minor'],
  ['重伤', 'severe'],
  ['轻伤', 'minor'],
  ['受伤', 'injured'],
  ['负伤', 'injured'],
  ['伤者', 'injured'],
  ...CAUSED_INJURIES.map((word): [string, Bucket] => [word, 'injured']),
  ['中毒', 'injured'],
  ['中暑', 'injured'],
  ['骨折', 'injured'],
  ['呕吐', 'injured'],
  ['腹泻', 'injured'],
  ['腹痛', 'injured'],
  ['头晕', 'injured'],
  ['不适', 'injured'],
  ['伤', 'injured'],
  ['入院', 'hospital'],
  ['住院', 'hospital'],
  ['就医', 'hospital'],
  ['送医', 'hospital'],
  ['就诊', 'hospital'],
  ['急诊', 'hospital'],
  ['进医院', 'hospital'],
  ['送医院', 'hospital'],
  ['发病', 'hospital'],
  ['误食', 'hospital'],
  ['确诊为', 'hospital'],
  ['诊断为', 'hospital'],
  ['治疗', 'hospital'],
  ['救治', 'hospital'],
  ['下落不明', 'missing'],
  ['失去联系', 'missing'],
  ['失联', 'missing'],
  ['失踪', 'missing'],
  ['被冲走', 'missing'],
  ['没找到', 'missing'],
  ['没找着', 'missing'],
  ['找到', 'found'],
  ['被困', 'trapped'],
  ['受困', 'trapped'],
  ['困在', 'trapped'],
  ['被埋', 'trapped'],
  ['埋在', 'trapped'],
  ['掩埋', 'trapped'],
  ['卡在', 'trapped'],
  ['没出来', 'trapped'],
  ['没上来', 'trapped'],
  ['获救', 'none'],
  ['被救', 'none'],
  ['救出', 'none'],
  ['脱险', 'none'],
  ['脱困', 'none'],
  ['生还', 'none'],
  ['转移', 'none'],
  ['撤离', 'none'],
  ['疏散', 'none'],
  ['安置', 'none'],
  ['伤亡', 'none'],
  ['死伤', 'none'],
  ['平安', 'none'],
  ['无恙', 'none'],
  ['没事', 'none'],
];
// Colloquial verbs that need their number right before them (两个人没了, not 3个人的房子没了).
const NEAR_VERBS = new Set(['没了', '没出来', '没上来']);
const NEAR_FILLER = /^(?:都|也|全|全都|已|已经|就|还|当场)?(?:在[^\s，；！？,;!?]{1,3})?$/;

// Verbs before their number (死亡3人, 遇难者增至5人, 被困人员7人, 砍伤两名学生, 发病员工65人).
// 伤亡 and 死伤 are here so that their number goes nowhere instead of to 伤者 (死伤者10人).
const LEADING_VERBS: readonly (readonly [string, Bucket])[] = [
  ['伤亡', 'none'],
  ['死伤', 'none'],
  ['死伤者', 'none'],
  ['死亡', 'deaths'],
  ['遇难', 'deaths'],
  ['罹难', 'deaths'],
  ['身亡', 'deaths'],
  ['丧生', 'deaths'],
  ['死者', 'deaths'],
  ['杀害', 'deaths'],
  ['杀死', 'deaths'],
  ['刺死', 'deaths'],
  ['砍死', 'deaths'],
  ['捅死', 'deaths'],
  ['砸死', 'deaths'],
  ['撞死', 'deaths'],
  ['致死', 'deaths'],
  ['受伤', 'injured'],
  ['重伤', 'severe'],
  ['轻伤', 'minor'],
  ['伤者', 'injured'],
  ['致伤', 'injured'],
  ...CAUSED_INJURIES.map((word): [string, Bucket] => [word, 'injured']),
  ['砸到', 'injured'],
  ['砸中', 'injured'],
  ['中毒', 'injured'],
  ['发病', 'hospital'],
  ['就诊', 'hospital'],
  ['接诊', 'hospital'],
  ['入院', 'hospital'],
  ['住院', 'hospital'],
  ['送医', 'hospital'],
  ['涉及', 'hospital'],
  ['失联', 'missing'],
  ['失踪', 'missing'],
  ['下落不明', 'missing'],
  ['冲走', 'missing'],
  ['被困', 'trapped'],
  ['受困', 'trapped'],
  ['困在', 'trapped'],
  ['困了', 'trapped'],
  ['被埋', 'trapped'],
];

// Verbs that may have their number earlier in the sentence (2名游客迷路，因车辆抛锚被困一夜) or
// no number at all when a single person is their subject (驾驶员受轻伤, 一名厨师…被烧伤).
const SUBJECT_VERBS: readonly (readonly [string, Bucket])[] = [
  ...DEATH_VERBS,
  ['受伤', 'injured'],
  ['受了伤', 'injured'],
  ['受了点伤', 'injured'],
  ['受重伤', 'injured'],
  ['受轻伤', 'injured'],
  ['重伤', 'injured'],
  ['轻伤', 'injured'],
  ...CAUSED_INJURIES.map((word): [string, Bucket] => [word, 'injured']),
  ['骨折', 'injured'],
  ['中毒', 'injured'],
  ['中暑', 'injured'],
  ['正在抢救', 'injured'],
  ['仍在抢救', 'injured'],
  ['抢救过来', 'injured'],
  ['送医', 'hospital'],
  ['失联', 'missing'],
  ['失踪', 'missing'],
  ['下落不明', 'missing'],
  ['失去联系', 'missing'],
  ['被冲走', 'missing'],
  ['没找到', 'missing'],
  ['没找着', 'missing'],
  ['被困', 'trapped'],
  ['受困', 'trapped'],
  ['困在', 'trapped'],
  ['卡在', 'trapped'],
  ['被埋', 'trapped'],
  ['掩埋', 'trapped'],
  ['埋压', 'trapped'],
];
// Verbs that read only a single person written right before them (人没了, not 鸡棚没了).
const SINGLE_ONLY = new Set(['没了']);

const BUCKET_OF = new Map(VERBS);
const LEADING_BUCKET_OF = new Map(LEADING_VERBS);
const SUBJECT_BUCKET_OF = new Map(SUBJECT_VERBS);
const alternation = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');

// A number: an optional hedge, digits or numerals (数/几 only before a unit, as in 数十), an
// optional trailing hedge. One bounded character class, so matching cannot blow up.
const NUMBER =
  '(?:大约|将近|超过|约|近|逾|超)?(?:[数几](?=[十百千万]))?[0-9零〇一二两三四五六七八九十百千万]{1,8}[余多来几数]?';
const VAGUE = '多|数|若干|几';
// 个 counts people (7个游客, 三个被困的) but not hours or months (被困3个小时).
const NOT_TIME = '(?!多?小时|半小时|钟头|多?月|星期|礼拜|晚上|白天)';
const PERSON = `(?:个人|人|名|位|例|口(?![气井子])|个${NOT_TIME})`;
// Counts that carry their own classifier: 一对老夫妻, 俩工友.
const PAIR = '一对|俩(?![小多半]|钟头|月|天|星期|礼拜|年)';
const FILLER = '[^\\s0-9，。；！？、,.;!?：:（）()]';

// 3人死亡, 12名矿工被困, 5人经抢救无效死亡, 多人受伤, 一对老夫妻被困, 一具尸体. The search starts
// at the classifier and reads the number behind it: V8 scans slowly for a class as large as the
// digits and numerals together, and a pattern opening with a lookbehind is tried at every position.
const NUMBER_FIRST = new RegExp(
  `(?:(${PERSON}|具)(?<=(${NUMBER}|${VAGUE})(\\s?)(?:${PERSON}|具))|(${PAIR}))(${FILLER}{0,10}?)(${alternation(VERBS.map(([word]) => word))})`,
  'g',
);
// 死亡3人, 遇难者增至5人, 死亡人数上升至12人, 受伤的5名群众, 遇难者遗体12具.
const LEADING = alternation(LEADING_VERBS.map(([word]) => word));
const VERB_FIRST = new RegExp(`(${LEADING})(${FILLER}{0,8}?)(${NUMBER})\\s?(${PERSON}|具)?`, 'g');
const LEADING_IN_FILLER = new RegExp(LEADING, 'g');
// 受伤的4名学生、1名工人, 被困的27辆车、58名司乘人员: further counts listed after the first.
const LISTED = new RegExp(`[^\\s0-9，。；！？、,.;!?]{0,4}[、和及](${NUMBER})\\s?(${PERSON})?`, 'y');
// 两死三伤, 3死2伤.
const COMPACT = /[死伤](?![亡者害残])/g;
// 无人员伤亡, 未造成人员伤亡, 全市未接到人员伤亡报告, 未出现流感死亡病例, 无其他人员伤亡, 没人受伤.
const NONE = new RegExp(
  `(?:(?:未造成|没有造成|没造成|未发生|未出现|暂未发现|未发现|未接到|未收到|暂未接到|暂未收到|未有|暂无|未受到|未受)${FILLER}{0,8}?|(?:没有|没|无一|无)(?:其他|其它|其余)?(?:人员|人)?)(伤亡|死伤|死亡|遇难|受伤|伤害|失踪|失联|被困)`,
  'g',
);
// Colloquial all-clear: 没伤人, 人都没事.
const NO_HARM = /没有?伤[到着]?人|(?<!希望|但愿|祈祷|祝)人(?:都|也|均)?没事/;

// A number directly after one of these belongs to it (死亡1人受伤2人: 1 is deaths, not injured),
// unless that verb already had its number (3人死亡2人受伤).
const ENDS_WITH_LEADING_VERB = new RegExp(`(?:${LEADING})(?:${FILLER}{0,3}的|者|人员|人数)?$`);
// Fillers that turn the statement around (3人未受伤, 4人被救出后送医); 扑救 is fighting a fire.
const NEGATING_FILLER = /[未没无]|不(?![同幸慎])|[获被]救|救[出起上下]/;
const HARMLESS_FILLER = /抢救无效|不同程度/g;
// 一名男子持刀砍伤…: the count is the attacker, not the injured.
const AGENT_FILLER = /[持将把用]/;
// 两人经抢救一死一伤: the numeral belongs to the compact form, not to the count before it.
const ENDS_WITH_NUMERAL = /[一二两三四五六七八九十]$/;
// 无一名学生身体不适: a count that is denied.
const NEGATED_COUNT = /(?:[无未]|没有?)$/;
// 1名工人中暑身亡, 2名失踪工人的遗体: the later words say they died.
const THEN_DIED = /^(?:后|致|而)?(?:身亡|死亡)|^[^\s，。；！？,;!?]{0,5}?遗体/;
const ABOUT_PEOPLE = /人数|人员|者/;
const CJK = /[\u3400-\u9fff]/;
// A survivor count after a death toll (2人经抢救无效死亡，2人仍在住院治疗).
const STILL = /[仍还正]/;
const PERSON_AND = /(?:司机|驾驶员|驾驶人|车主|老人|男子|女子|店员|厨师|孕妇|本人)(?:及|和|与|以及)$/;
// 仍有1人被困: the current count, whatever was stated before.
const STILL_BEFORE = /(?:仍有|还有|尚有|仍|另有)$/;
// 其中1人经抢救无效死亡: a part of the group counted just before.
const PART_BEFORE = /其中$/;
// 失联的2名群众已找到: the count is no longer missing.
const FOUND_AFTER = /[^\s，。；！？,;!?]{0,14}?(?:找到|找着|寻获)/y;

// Sentence-level reading of verbs without a number of their own.
const SUBJECT_VERB = new RegExp(alternation(SUBJECT_VERBS.map(([word]) => word)), 'g');
const SENTENCE_END = /[。！？；!?;\n]/;
const MAX_LOOK_BACK = 60;
// The nearest count before the verb; animal counts (11只羊) stop the search.
const COUNTED = '个人|人|名|位|口|[只头匹峰条]';
const COUNT = new RegExp(`(?:(${COUNTED})(?<=(${NUMBER})(\\s?)(?:${COUNTED}))|(${PAIR}|有个))`, 'g');
// Counts of people who are not victims: rescuers sent (调派8车40人), people evacuated or affected.
const NOT_VICTIMS = /(?:人口|出动|调派|调集|投入|派出|组织|转移|疏散|安置|撤离|受灾|车)[^，。；！？、,;!?]{0,4}$/;
// A single person written right before the verb, with at most a few adverbs in between.
const SINGLE_PERSON =
  /(?:司机|驾驶员|驾驶人|车主|乘客|行人|店员|厨师|老人|老汉|老太太|大爷|大妈|大娘|阿姨|大哥|大姐|孕妇|男子|女子|伤者|落水者|被害人|死者|人质|邻居|同伴|本人|他|她|胳膊|手臂|手|腿|脚|头部|脸|眼睛)(?:受伤|受轻伤|受重伤)?(?:已经|已|也|还|都|当场|不幸|轻微|轻度|严重|被|经抢救无效)?$/;
const BARE_PERSON = /(?<!有)人(?:已经|已|也|都|就|还)?$/;
// 受伤司机, 受伤的是家里老太太.
const PEOPLE_AFTER = /^的?(?:人员|群众|者|乘客|游客|矿工|工人|村民|牧民|居民|学生|儿童|孩子|老人|司机)/;
const SINGLE_PERSON_AFTER =
  /^(?:的是|的)?[^\s，。；！？,;!?]{0,3}?(?:司机|驾驶员|驾驶人|车主|老人|老汉|老太太|大爷|大妈|阿姨|孕妇|男子|女子)/;
// 一名工人…经抢救无效死亡: a death written this way without a count is one person.
const SINGLE_DEATH_BEFORE = /(?:经抢救无效|抢救无效|当场|坠落|不幸|失足)$/;
// Verbs that, without any count, are about one person (一名工人…经抢救无效死亡, 我爸摔骨折了).
const SINGLE_VERBS = new Set(['经抢救无效死亡', '身亡', '遇害', '骨折', '抢救过来', '正在抢救', '仍在抢救']);
// Colloquial signs of one injured person: a hurt body part (腿被夹了, 被砸了腿, 手上烫了一串泡),
// stitches, intensive care, an ambulance taking someone away.
const BODY =
  '胳膊|手臂|手指头?|手腕|(?<!脚)手(?![机架续段术套表])|腿|脚(?![手步下])|头部|头上|头皮|额头|脸|眼睛|腰|胸口|肋骨';
const INJURY_SIGN = new RegExp(
  `(?:${BODY})[^\\s，。；！？,;!?]{0,6}?(?:伤|坏了|断了|肿了|破了|夹了|刮了|变形|骨折|扯下来|烫了|卷[入进])` +
    `|被[砸压夹撞烫扎刺砍打]了?(?:${BODY})|缝了[0-9一二两三四五六七八九十几]+针|ICU|重症监护|救护车拉走|满脸是血|血流不止`,
  'g',
);
const NEGATION = /[没未无不]/;
const ALL = /(?:均|都|全部|全都|全)(?:已经|已)?$/;
const NEGATED_BEFORE = /(?:[未没无不]|没有)(?:其他|其它)?(?:人员|人)?$/;
const ANIMAL_AFTER =
  /^[^\s，。；！？,;!?]{0,2}?(?:牲畜|牲口|羊|牛|马|驼|猪|鸡|鸭|鹅|狗|[0-9一二两三四五六七八九十百千万余多]+[只头匹峰条])/;
const ANIMAL_WORD = /牲畜|牲口|[羊牛马驼猪鸡鸭鹅狗]/;
const QUESTION = /^[吧吗嘛]|^\s?[?？]/;
const ANIMAL_BEFORE = /[羊牛马驼猪鸡鸭鹅畜][^\s，。；！？、,;!?]{0,6}$/;
// Killing without a count has one victim (持刀杀害其前妻, 将同伴刺死, 把前妻杀了, 伤害致死).
const KILLING = /杀害|[刺砍捅撞砸压轧]死|致死(?![率量])|[把将][^\s，。；！？、,;!?]{1,5}?杀了/g;

// Refuted rumours: the rumour's own figures (网传“…致2人死亡”系谣言) are not facts.
const REFUTED = /谣|不实|失实|假的|捏造|编造|网传|传言|传闻/;
const QUOTED = /“[^“”]{0,120}”|"[^"]{0,120}"|＂[^＂]{0,120}＂|「[^」]{0,120}」|『[^』]{0,120}』/g;
const BEFORE_REFUTATION =
  /(?:网传|传言|传闻|网上流传|有网友称|有人称)[^。！？；!?;“”"]{0,60}?(?:系谣言|是谣言|为谣言|纯属谣言|不实|系虚假|失实|是假的)/g;

// A poisoning (or smoke inhaled), where everyone seen by a doctor counts as injured.
const POISONING = /中毒|呕吐|腹泻|腹痛|肚子疼|拉肚子|食物|食源|误食|食用|就餐|聚餐|婚宴|吸入/;

// Every statement has one of these characters, so a text without any of them has none. They are
// tested a dozen at a time: V8 scans slowly for one large class of CJK characters.
const KEY_CHARACTERS = [
  ...'死亡难伤毒困联踪失明没埋走害命牺遗尸体折吐泻痛晕适暑医院诊病食治救找事卡坏断肿破夹刮形扯烫卷针血',
];
const KEY_CLASSES = Array.from(
  { length: Math.ceil(KEY_CHARACTERS.length / 12) },
  (_, i) => new RegExp(`[${KEY_CHARACTERS.slice(i * 12, i * 12 + 12).join('')}]`),
);
const mayStateCasualties = (text: string): boolean =>
  KEY_CLASSES.some((keys) => keys.test(text)) || text.includes('ICU');

const WIDE_ALPHANUMERIC = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;

const KINDS: readonly CasualtyKind[] = ['deaths', 'injured', 'missing', 'trapped'];
// Buckets whose people may go on to be found, hurt or dead in the same sentence.
const CONTINUING: ReadonlySet<Bucket> = new Set(['trapped', 'missing', 'found', 'injured', 'hospital']);

interface Tally {
  exact: Map<Bucket, number>;
  approximate: Map<Bucket, number>;
  // Counts a single person implies (驾驶员受伤), used only when a kind has no stated number.
  implied: Map<Bucket, number>;
  // The latest count stated as still current (仍有1人被困).
  current: Map<Bucket, number>;
  // Offsets of the numbers already read, with where each went; ends of the verbs already read.
  claimed: Map<number, Bucket>;
  verbEnds: Set<number>;
  // Where the first missing count and the first found count were read.
  firstMissing: number;
  firstFound: number;
  // An injured group and the part of it that died (致3人中毒，其中1人死亡).
  lastInjured: number | undefined;
  injuredGroup: number | undefined;
  deathsPart: number | undefined;
}

// One tally reused by every call (the reading is synchronous), so a call allocates little.
const scratch: Tally = {
  exact: new Map(),
  approximate: new Map(),
  implied: new Map(),
  current: new Map(),
  claimed: new Map(),
  verbEnds: new Set(),
  firstMissing: -1,
  firstFound: -1,
  lastInjured: undefined,
  injuredGroup: undefined,
  deathsPart: undefined,
};

function resetTally(tally: Tally): Tally {
  tally.exact.clear();
  tally.approximate.clear();
  tally.implied.clear();
  tally.current.clear();
  tally.claimed.clear();
  tally.verbEnds.clear();
  tally.firstMissing = -1;
  tally.firstFound = -1;
  tally.lastInjured = undefined;
  tally.injuredGroup = undefined;
  tally.deathsPart = undefined;
  return tally;
}

/**
 * Reads how many people died, were injured, are missing or are trapped, as a text states it,
 * from forms such as 造成3人死亡、2人受伤, 致两死三伤, 遇难者增至5人, 重伤2人 轻伤5人,
 * 一家三口中毒, 7个游客困在山上 or 无人员伤亡. The largest number stated for a kind wins, unless
 * the text updates it (仍有1人被困, 失联的2人已找到). A verb without a number takes the count of
 * its sentence's subject (两名游客迷路，被困一夜) or 1 for a single person (驾驶员受轻伤).
 * Numbers about anything but people (3辆车, 5头牛死亡), people who are safe (4人获救) and the
 * figures of a refuted rumour (网传“…致2人死亡”系谣言) are ignored.
 *
 * @example
 * ```ts
 * extractCasualties('事故造成3人死亡、十余人受伤');
 * // { deaths: 3, injured: null, missing: null, trapped: null, approximate: ['injured'] }
 * ```
 */
export function extractCasualties(text: string): CasualtyExtraction {
  if (!mayStateCasualties(text)) return nothingStated();
  // Full-width punctuation is matched as it is; only full-width digits and letters are folded.
  const input = dropRumours(WIDE_ALPHANUMERIC.test(text) ? foldWidth(text) : text);
  const tally = resetTally(scratch);
  readNumberFirst(input, tally);
  readVerbFirst(input, tally);
  readCompact(input, tally);
  readNone(input, tally);
  readSubjects(input, tally);
  readKillings(input, tally);
  readInjurySigns(input, tally);
  return summarize(tally, input);
}

function dropRumours(text: string): string {
  if (!REFUTED.test(text)) return text;
  return text.replace(QUOTED, '，').replace(BEFORE_REFUTATION, '，');
}

function readNumberFirst(text: string, tally: Tally): void {
  NUMBER_FIRST.lastIndex = 0;
  let previousEnd = -1;
  for (let match = NUMBER_FIRST.exec(text); match; match = NUMBER_FIRST.exec(text)) {
    const [whole, classifier = '', counted, space = '', pair, filler = '', verb = ''] = match;
    const start = counted === undefined ? match.index : match.index - counted.length - space.length;
    const before = text.slice(Math.max(0, start - 8), start);
    if (NEGATED_COUNT.test(before)) continue;
    if (start !== previousEnd && ENDS_WITH_LEADING_VERB.test(before)) {
      NUMBER_FIRST.lastIndex = match.index + 1;
      continue;
    }
    const kept = filler.replace(HARMLESS_FILLER, '');
    if (NEGATING_FILLER.test(kept)) continue;
    if (NEAR_VERBS.has(verb) && !NEAR_FILLER.test(filler)) continue;
    // 两人经抢救一死一伤 is the compact form; 一个小区烧死人 counts no people.
    if ((verb === '死' || verb === '伤') && (ENDS_WITH_NUMERAL.test(filler) || classifier.startsWith('个'))) continue;
    if (verb === '没了' && CJK.test(text[match.index + whole.length] ?? '')) continue;
    if (verb.endsWith('伤') && AGENT_FILLER.test(kept) && !kept.includes('被')) continue;
    let bucket = BUCKET_OF.get(verb) ?? 'none';
    const end = match.index + whole.length;
    // People rescued or evacuated count for no kind; their number stays free for 被困的3名游客.
    if (bucket === 'none') continue;
    if (bucket === 'hospital' && STILL.test(filler)) bucket = 'treated';
    if (THEN_DIED.test(text.slice(end, end + 8))) bucket = 'deaths';
    tally.verbEnds.add(end);
    previousEnd = end;
    record(tally, bucket, counted ?? pair ?? '', { at: start, before: before.slice(-3) });
    // 大巴司机及3名游客受伤: one more.
    if (PERSON_AND.test(before)) addOne(tally, bucket);
    readFound(text, end, tally, bucket, counted ?? pair ?? '', start);
  }
}

function readVerbFirst(text: string, tally: Tally): void {
  VERB_FIRST.lastIndex = 0;
  for (let match = VERB_FIRST.exec(text); match; match = VERB_FIRST.exec(text)) {
    const [whole, verb = '', filler = '', number = '', person] = match;
    // 接诊因路滑摔伤的市民63人: the number goes to the verb nearest to it.
    const later = lastLeadingVerb(filler);
    if (later > 0) {
      VERB_FIRST.lastIndex = match.index + verb.length + later;
      continue;
    }
    const numberStart = match.index + verb.length + filler.length;
    if (tally.claimed.has(numberStart) || NEGATING_FILLER.test(filler)) continue;
    const bucket = LEADING_BUCKET_OF.get(verb) ?? 'none';
    const end = match.index + whole.length;
    if (!person && !isBareCount(verb, filler, text[end])) {
      // 被困县道的27辆车、58名司乘人员: the people come later in the list.
      readListed(text, end, tally, bucket, verb, match.index);
      continue;
    }
    tally.verbEnds.add(match.index + verb.length);
    record(tally, bucket, number, { at: numberStart, before: '' });
    readListed(text, end, tally, bucket, verb, match.index);
    readFound(text, end, tally, bucket, number, numberStart);
  }
}

function lastLeadingVerb(filler: string): number {
  let last = -1;
  LEADING_IN_FILLER.lastIndex = 0;
  for (let match = LEADING_IN_FILLER.exec(filler); match; match = LEADING_IN_FILLER.exec(filler)) last = match.index;
  return last;
}

// 受伤的4名学生、1名工人: each listed count of people adds to the kind.
function readListed(text: string, from: number, tally: Tally, bucket: Bucket, verb: string, verbAt: number): void {
  LISTED.lastIndex = from;
  for (let match = LISTED.exec(text); match; match = LISTED.exec(text)) {
    const [whole, number = '', person] = match;
    if (!person) continue;
    const parsed = parseChineseNumber(number);
    if (!parsed || parsed.approximate || bucket === 'none') return;
    const at = match.index + whole.length - number.length - person.length;
    tally.claimed.set(at, bucket);
    tally.verbEnds.add(verbAt + verb.length);
    const first = tally.exact.get(bucket);
    tally.exact.set(bucket, (first ?? 0) + parsed.value);
  }
}

// 失联的1名老人今晨在下游5公里处被找到: found again, so no longer missing or trapped.
function readFound(text: string, from: number, tally: Tally, bucket: Bucket, number: string, at: number): void {
  if (bucket !== 'missing' && bucket !== 'trapped') return;
  FOUND_AFTER.lastIndex = from;
  if (!FOUND_AFTER.test(text)) return;
  record(tally, bucket === 'missing' ? 'found' : 'freed', number, { at, before: '' });
}

// Without 人/名, a number only counts people when the words say so (死亡人数为3) and nothing
// follows it that would make it a count of something else (死亡牲畜达300头).
function isBareCount(verb: string, filler: string, next: string | undefined): boolean {
  const aboutPeople = verb.endsWith('者') || ABOUT_PEOPLE.test(filler);
  return aboutPeople && (next === undefined || !CJK.test(next));
}

function readCompact(text: string, tally: Tally): void {
  COMPACT.lastIndex = 0;
  for (let match = COMPACT.exec(text); match; match = COMPACT.exec(text)) {
    const number = findNumberBefore(text, match.index);
    if (!number || tally.claimed.has(number.start)) continue;
    tally.verbEnds.add(match.index + 1);
    const bucket = match[0] === '死' ? 'deaths' : 'injured';
    record(tally, bucket, text.slice(number.start, number.end), { at: number.start, before: '' });
  }
}

// A verb left without a number takes the sentence's nearest count of people before it
// (两名外地游客…被困一夜, 一名牧民…经抢救无效死亡), or 1 for a single person (驾驶员受轻伤).
function readSubjects(text: string, tally: Tally): void {
  SUBJECT_VERB.lastIndex = 0;
  for (let match = SUBJECT_VERB.exec(text); match; match = SUBJECT_VERB.exec(text)) {
    const verb = match[0];
    const start = match.index;
    const end = start + verb.length;
    if (tally.verbEnds.has(end)) continue;
    const before = text.slice(Math.max(0, start - 12), start);
    if (NEGATED_BEFORE.test(before) || ANIMAL_BEFORE.test(before)) continue;
    if (ANIMAL_AFTER.test(text.slice(end, end + 8))) continue;
    const bucket = SUBJECT_BUCKET_OF.get(verb) ?? 'none';
    tally.verbEnds.add(end);
    if (SINGLE_PERSON.test(before) || (verb.startsWith('没') && BARE_PERSON.test(before))) {
      raise(tally.implied, bucket, 1);
    } else if (SINGLE_ONLY.has(verb)) {
      continue;
    } else if (SINGLE_PERSON_AFTER.test(text.slice(end, end + 8))) {
      raise(tally.implied, bucket, 1);
    } else if (PEOPLE_AFTER.test(text.slice(end, end + 4))) {
      // 背出被困老人, 被困人员: the people are named after the verb, not before it.
      continue;
    } else if (!readSubjectCount(text, start, tally, bucket)) {
      const single = SINGLE_VERBS.has(verb) || (bucket === 'deaths' && SINGLE_DEATH_BEFORE.test(before));
      if (single) raise(tally.implied, bucket, 1);
    }
  }
}

function readSubjectCount(text: string, verbStart: number, tally: Tally, bucket: Bucket): boolean {
  let from = verbStart;
  while (from > 0 && verbStart - from < MAX_LOOK_BACK && !SENTENCE_END.test(text[from - 1])) from--;
  const sentence = text.slice(from, verbStart);
  let last: RegExpExecArray | undefined;
  COUNT.lastIndex = 0;
  for (let match = COUNT.exec(sentence); match; match = COUNT.exec(sentence)) last = match;
  if (!last) return false;
  const [, classifier = '', number = '', space = '', single] = last;
  const start = single ? last.index : last.index - number.length - space.length;
  if (/[只头匹峰条]/.test(classifier) || NOT_VICTIMS.test(sentence.slice(0, start))) return false;
  const at = from + start;
  const claimedBy = tally.claimed.get(at);
  if (claimedBy !== undefined && !CONTINUING.has(claimedBy) && !ALL.test(sentence)) return false;
  if (single === '有个') raise(tally.implied, bucket, 1);
  else record(tally, bucket, single ?? number, { at, before: '' });
  if (claimedBy === undefined) tally.claimed.set(at, bucket);
  return true;
}

function readInjurySigns(text: string, tally: Tally): void {
  INJURY_SIGN.lastIndex = 0;
  for (let match = INJURY_SIGN.exec(text); match; match = INJURY_SIGN.exec(text)) {
    if (NEGATION.test(match[0])) continue;
    raise(tally.implied, 'injured', 1);
    return;
  }
}

function readKillings(text: string, tally: Tally): void {
  KILLING.lastIndex = 0;
  for (let match = KILLING.exec(text); match; match = KILLING.exec(text)) {
    const end = match.index + match[0].length;
    if (tally.verbEnds.has(end) || ANIMAL_AFTER.test(text.slice(end, end + 8))) continue;
    raise(tally.implied, 'deaths', 1);
  }
}

function readNone(text: string, tally: Tally): void {
  NONE.lastIndex = 0;
  for (let match = NONE.exec(text); match; match = NONE.exec(text)) {
    const word = match[1] ?? '';
    const end = match.index + match[0].length;
    // 未造成牲畜死亡 is about animals; 没人受伤吧 is a question.
    if (ANIMAL_WORD.test(match[0]) || QUESTION.test(text.slice(end, end + 2))) continue;
    const kinds: readonly CasualtyKind[] = word === '伤亡' || word === '死伤' ? KINDS : [toKind(word)];
    for (const kind of kinds) raise(tally.exact, kind, 0);
    tally.verbEnds.add(end);
  }
  if (NO_HARM.test(text)) for (const kind of KINDS) raise(tally.exact, kind, 0);
}

function toKind(word: string): CasualtyKind {
  if (word === '伤害') return 'injured';
  const bucket = BUCKET_OF.get(word);
  return bucket === 'injured' || bucket === 'missing' || bucket === 'trapped' ? bucket : 'deaths';
}

// Where a number was read and the few characters before it (仍有, 其中).
interface Statement {
  readonly at: number;
  readonly before: string;
}

function record(tally: Tally, bucket: Bucket, number: string, { at, before }: Statement): void {
  if (bucket === 'none') return;
  if (!tally.claimed.has(at)) tally.claimed.set(at, bucket);
  if (bucket === 'missing' && tally.firstMissing < 0) tally.firstMissing = at;
  if (bucket === 'found' && tally.firstFound < 0) tally.firstFound = at;
  const value = number === '一对' || number.startsWith('俩') ? 2 : parseChineseNumber(number);
  if (value === undefined) {
    // 多人, 数人, 若干人: some people, no figure.
    raise(tally.approximate, bucket, 0);
    return;
  }
  if (typeof value === 'number') {
    raiseExact(tally, bucket, value, before);
    return;
  }
  if (!Number.isInteger(value.value)) return;
  if (value.approximate) raise(tally.approximate, bucket, value.value);
  else raiseExact(tally, bucket, value.value, before);
}

function raiseExact(tally: Tally, bucket: Bucket, value: number, before: string): void {
  raise(tally.exact, bucket, value);
  if (STILL_BEFORE.test(before) && (bucket === 'missing' || bucket === 'trapped')) tally.current.set(bucket, value);
  if (bucket === 'injured') tally.lastInjured = value;
  if (bucket === 'deaths' && PART_BEFORE.test(before) && tally.lastInjured !== undefined) {
    tally.injuredGroup = tally.lastInjured;
    tally.deathsPart = value;
  }
}

function addOne(tally: Tally, bucket: Bucket): void {
  const value = tally.exact.get(bucket);
  if (value !== undefined) tally.exact.set(bucket, value + 1);
}

function raise(counts: Map<Bucket, number>, bucket: Bucket, value: number): void {
  counts.set(bucket, Math.max(counts.get(bucket) ?? value, value));
}

function summarize(tally: Tally, text: string): CasualtyExtraction {
  const { exact, approximate, implied, current } = tally;
  if (exact.size === 0 && approximate.size === 0 && implied.size === 0) return nothingStated();
  const statesInjury =
    exact.has('injured') ||
    exact.has('severe') ||
    exact.has('minor') ||
    approximate.has('injured') ||
    approximate.has('severe') ||
    approximate.has('minor');
  const countsHospital = statesInjury || POISONING.test(text);
  const deaths = exact.get('deaths');
  const severe = exact.get('severe');
  const minor = exact.get('minor');
  const injuredParts = severe === undefined ? minor : severe + (minor ?? 0);
  const hospital = countsHospital ? exact.get('hospital') : undefined;
  const treated = countsHospital || deaths !== undefined ? exact.get('treated') : undefined;
  let injured = max(max(exact.get('injured'), injuredParts), max(hospital, treated));
  // 一家四口中毒，2人死亡，2人仍在治疗: the group split into the dead and the still injured.
  if (treated !== undefined && deaths !== undefined && injured === deaths + treated) injured = treated;
  // 致3人中毒，其中1人经抢救无效死亡: the dead are no longer among the injured.
  const { injuredGroup, deathsPart } = tally;
  if (injuredGroup !== undefined && deathsPart !== undefined && injured === injuredGroup && deathsPart < injured)
    injured -= deathsPart;
  let missing = current.get('missing') ?? exact.get('missing');
  // 失联的2名群众已找到: the found are no longer missing.
  const found = exact.get('found');
  if (missing !== undefined && found !== undefined && found <= missing && tally.firstFound >= tally.firstMissing)
    missing -= found;
  let trapped = current.get('trapped') ?? exact.get('trapped');
  // 被埋的1名工人被找到: found, so no longer trapped.
  const freed = exact.get('freed');
  if (trapped !== undefined && freed !== undefined && freed <= trapped) trapped -= freed;
  const approximateInjured = max(
    max(approximate.get('injured'), approximate.get('severe')),
    max(approximate.get('minor'), countsHospital ? approximate.get('hospital') : undefined),
  );
  const impliedInjured = max(implied.get('injured'), countsHospital ? implied.get('hospital') : undefined);
  const result: CasualtyExtraction = {
    deaths: settle(deaths, approximate.get('deaths'), implied.get('deaths')),
    injured: settle(injured, approximateInjured, impliedInjured),
    missing: settle(missing, approximate.get('missing'), implied.get('missing')),
    trapped: settle(trapped, approximate.get('trapped'), implied.get('trapped')),
    approximate: [],
  };
  const hedged: CasualtyKind[] = [];
  if (result.deaths === null && approximate.has('deaths')) hedged.push('deaths');
  if (result.injured === null && approximateInjured !== undefined) hedged.push('injured');
  if (result.missing === null && approximate.has('missing')) hedged.push('missing');
  if (result.trapped === null && approximate.has('trapped')) hedged.push('trapped');
  return { ...result, approximate: hedged };
}

function nothingStated(): CasualtyExtraction {
  return { deaths: null, injured: null, missing: null, trapped: null, approximate: [] };
}

// A stated number wins; a hedged one leaves the count null; a single person implied comes last.
function settle(stated: number | undefined, hedged: number | undefined, implied: number | undefined): number | null {
  if (stated !== undefined) return stated;
  if (hedged !== undefined) return null;
  return implied ?? null;
}

function max(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}
