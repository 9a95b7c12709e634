/**
 * The incident taxonomy every classifier, rule, chart and test uses (see `spec/taxonomy.md`):
 * categories, types, stages, warning colours, response levels, CAP severities, and the
 * cross-walks to GB/T 35561-style codes and to the meteorological warning-signal codes of
 * 12379 / weather.com.cn and of the National Meteorological Centre (nmc.cn).
 *
 * Plain data and pure functions only; nothing runs at import beyond building lookup tables.
 *
 * @packageDocumentation
 */

// ---------------------------------------------------------------------------------------------
// Identifier sets
// ---------------------------------------------------------------------------------------------

/**
 * The five category ids: the national four-way classification of emergencies plus `none`.
 *
 * @example
 * ```ts
 * CATEGORY_IDS.includes('natural'); // true
 * ```
 */
export const CATEGORY_IDS = ['natural', 'accident', 'public-health', 'social-safety', 'none'] as const;

/** A category id, e.g. `'natural'` (自然灾害). */
export type CategoryId = (typeof CATEGORY_IDS)[number];

/**
 * The 26 type ids (25 hazard types plus `none`), in the order of the taxonomy table.
 *
 * @example
 * ```ts
 * TYPE_IDS.length; // 26
 * TYPE_IDS[0]; // 'flood'
 * ```
 */
export const TYPE_IDS = [
  'flood',
  'drought',
  'sandstorm',
  'snow-disaster',
  'cold-wave',
  'gale',
  'hail-lightning',
  'heat',
  'fog-haze',
  'earthquake',
  'geological',
  'wildfire',
  'biological',
  'mining',
  'hazchem',
  'workplace',
  'fire',
  'traffic',
  'infrastructure',
  'pollution',
  'epidemic',
  'animal-epidemic',
  'food-safety',
  'mass-incident',
  'public-security',
  'none',
] as const;

/** A type id, e.g. `'flood'` (暴雨洪涝) or `'none'` (not an emergency). */
export type TypeId = (typeof TYPE_IDS)[number];

/**
 * The five stage ids, in the order an event usually passes through them (`rumor` stands apart).
 *
 * @example
 * ```ts
 * STAGE_IDS; // ['warning', 'occurring', 'response', 'aftermath', 'rumor']
 * ```
 */
export const STAGE_IDS = ['warning', 'occurring', 'response', 'aftermath', 'rumor'] as const;

/** A stage id, e.g. `'warning'` (预警) or `'rumor'` (辟谣). */
export type StageId = (typeof STAGE_IDS)[number];

/**
 * The four warning colours, lowest to highest.
 *
 * @example
 * ```ts
 * WARNING_COLORS.indexOf('red') > WARNING_COLORS.indexOf('yellow'); // true
 * ```
 */
export const WARNING_COLORS = ['blue', 'yellow', 'orange', 'red'] as const;

/** A warning colour: `'blue'` (蓝色) lowest … `'red'` (红色) highest. */
export type WarningColor = (typeof WARNING_COLORS)[number];

/**
 * The four response levels, lowest (Ⅳ 一般) to highest (Ⅰ 特别重大).
 *
 * @example
 * ```ts
 * RESPONSE_LEVELS[RESPONSE_LEVELS.length - 1]; // 'I'
 * ```
 */
export const RESPONSE_LEVELS = ['IV', 'III', 'II', 'I'] as const;

/** A response level as ASCII Roman numerals: `'IV'` lowest … `'I'` highest. */
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];

/**
 * The CAP 1.2 `<severity>` values, lowest to highest, then `Unknown`.
 *
 * @example
 * ```ts
 * CAP_SEVERITIES.includes('Severe'); // true
 * ```
 */
export const CAP_SEVERITIES = ['Minor', 'Moderate', 'Severe', 'Extreme', 'Unknown'] as const;

/** A CAP 1.2 severity, including `'Unknown'`. */
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

/** A CAP severity that corresponds to a warning colour (every value except `'Unknown'`). */
export type KnownCapSeverity = Exclude<CapSeverity, 'Unknown'>;

/** Two-digit warning-level code of the 12379 / weather.com.cn scheme: `'01'` blue … `'04'` red. */
export type SignalLevelCode = '01' | '02' | '03' | '04';

/** Language of a display label; zh-CN is the default everywhere. */
export type LabelLanguage = 'zh-CN' | 'en';

// ---------------------------------------------------------------------------------------------
// Definition records
// ---------------------------------------------------------------------------------------------

/** Definition of one category. */
export interface CategoryDefinition {
  /** The category id. */
  readonly id: CategoryId;
  /** Chinese name, e.g. `'自然灾害'`. */
  readonly zh: string;
  /** English name, e.g. `'Natural disaster'`. */
  readonly en: string;
}

/**
 * Every category with its Chinese and English names.
 *
 * @example
 * ```ts
 * CATEGORIES['public-health'].zh; // '公共卫生事件'
 * ```
 */
export const CATEGORIES: Readonly<Record<CategoryId, CategoryDefinition>> = {
  natural: { id: 'natural', zh: '自然灾害', en: 'Natural disaster' },
  accident: { id: 'accident', zh: '事故灾难', en: 'Accident / disaster' },
  'public-health': { id: 'public-health', zh: '公共卫生事件', en: 'Public-health event' },
  'social-safety': { id: 'social-safety', zh: '社会安全事件', en: 'Social-safety event' },
  none: { id: 'none', zh: '非突发事件', en: 'Not an emergency' },
};

/** Definition of one incident type. */
export interface TypeDefinition {
  /** The type id. */
  readonly id: TypeId;
  /** The category the type belongs to. */
  readonly category: CategoryId;
  /** Chinese name, e.g. `'暴雨洪涝'`. */
  readonly zh: string;
  /** English name, e.g. `'Rainstorm and flood'`. */
  readonly en: string;
  /** Chinese cue words that suggest the type (not a closed list; for `none`, words that suggest no emergency). */
  readonly cues: readonly string[];
  /** GB/T 35561-style warning-signal codes that denote this type, e.g. `['11B03']`; empty when none. */
  readonly gbCodes: readonly string[];
}

/**
 * Every type with its category, names, cue words and GB/T 35561-style codes, as in the taxonomy table.
 *
 * `11B01` (台风, typhoon) has no type here: no type of the taxonomy fits a typhoon, and `gale`
 * would understate it, so typhoon codes map to no type (see {@link typeFromGbCode}).
 * The `fire` cue words are Chinese renderings of the table's English description.
 *
 * @example
 * ```ts
 * TYPES.mining.category; // 'accident'
 * TYPES['cold-wave'].gbCodes; // ['11B05', '11B16', '11B21']
 * ```
 */
export const TYPES: Readonly<Record<TypeId, TypeDefinition>> = {
  flood: {
    id: 'flood',
    category: 'natural',
    zh: '暴雨洪涝',
    en: 'Rainstorm and flood',
    cues: ['暴雨', '山洪', '洪水', '内涝', '凌汛', '溃堤', '溃坝', '超警戒水位', '转移群众'],
    gbCodes: ['11B03'],
  },
  drought: {
    id: 'drought',
    category: 'natural',
    zh: '干旱',
    en: 'Drought',
    cues: ['干旱', '旱情', '人畜饮水困难', '黑灾', '土壤缺墒'],
    gbCodes: ['11B22'],
  },
  sandstorm: {
    id: 'sandstorm',
    category: 'natural',
    zh: '沙尘暴',
    en: 'Sand and dust storm',
    cues: ['沙尘暴', '强沙尘暴', '扬沙', '浮尘', '沙尘天气', '能见度低'],
    gbCodes: ['11B07'],
  },
  'snow-disaster': {
    id: 'snow-disaster',
    category: 'natural',
    zh: '雪灾',
    en: 'Snow disaster',
    cues: ['暴雪', '白灾', '暴风雪', '白毛风', '积雪封路', '牲畜受困'],
    gbCodes: ['11B04'],
  },
  'cold-wave': {
    id: 'cold-wave',
    category: 'natural',
    zh: '寒潮冻害',
    en: 'Cold wave and frost',
    cues: ['寒潮', '强降温', '低温冻害', '霜冻', '道路结冰'],
    gbCodes: ['11B05', '11B16', '11B21'],
  },
  gale: {
    id: 'gale',
    category: 'natural',
    zh: '大风',
    en: 'Gale',
    cues: ['大风', '雷雨大风', '龙卷风', '狂风刮倒'],
    gbCodes: ['11B06', '11B20'],
  },
  'hail-lightning': {
    id: 'hail-lightning',
    category: 'natural',
    zh: '冰雹雷电',
    en: 'Hail and lightning',
    cues: ['冰雹', '雷电', '雷击', '强对流'],
    gbCodes: ['11B15', '11B14'],
  },
  heat: {
    id: 'heat',
    category: 'natural',
    zh: '高温',
    en: 'Heat',
    cues: ['高温', '酷暑', '中暑'],
    gbCodes: ['11B09'],
  },
  'fog-haze': {
    id: 'fog-haze',
    category: 'natural',
    zh: '大雾霾',
    en: 'Fog and haze',
    cues: ['大雾', '浓雾', '霾', '重污染天气'],
    gbCodes: ['11B17', '11B19'],
  },
  earthquake: {
    id: 'earthquake',
    category: 'natural',
    zh: '地震',
    en: 'Earthquake',
    cues: ['地震', '震级', '震中', '余震', '有感'],
    gbCodes: [],
  },
  geological: {
    id: 'geological',
    category: 'natural',
    zh: '地质灾害',
    en: 'Geological hazard',
    cues: ['滑坡', '泥石流', '崩塌', '地面塌陷', '地裂缝'],
    gbCodes: [],
  },
  wildfire: {
    id: 'wildfire',
    category: 'natural',
    zh: '森林草原火灾',
    en: 'Forest and grassland fire',
    cues: ['森林火灾', '草原火灾', '荒火', '林火', '火场', '境外火入境'],
    gbCodes: [],
  },
  biological: {
    id: 'biological',
    category: 'natural',
    zh: '生物灾害',
    en: 'Biological hazard',
    cues: ['蝗灾', '草原鼠害', '虫害', '病虫害'],
    gbCodes: [],
  },
  mining: {
    id: 'mining',
    category: 'accident',
    zh: '矿山事故',
    en: 'Mining accident',
    cues: ['煤矿', '非煤矿山', '露天矿', '尾矿库', '瓦斯爆炸', '透水', '冒顶', '边坡坍塌'],
    gbCodes: [],
  },
  hazchem: {
    id: 'hazchem',
    category: 'accident',
    zh: '危险化学品事故',
    en: 'Hazardous-chemical accident',
    cues: ['危化品', '化工厂', '泄漏', '爆炸', '中毒窒息', '烟花爆竹', '储罐'],
    gbCodes: [],
  },
  workplace: {
    id: 'workplace',
    category: 'accident',
    zh: '工贸及建筑施工事故',
    en: 'Industrial and construction accident',
    cues: ['工厂', '工地', '机械伤害', '高处坠落', '有限空间', '粉尘爆炸', '塔吊倒塌', '施工坍塌'],
    gbCodes: [],
  },
  fire: {
    id: 'fire',
    category: 'accident',
    zh: '火灾',
    en: 'Fire',
    cues: ['火灾', '起火', '着火', '民房起火', '商场火灾', '仓库火灾', '车辆起火'],
    gbCodes: [],
  },
  traffic: {
    id: 'traffic',
    category: 'accident',
    zh: '交通运输事故',
    en: 'Transport accident',
    cues: ['道路交通事故', '追尾', '侧翻', '连环相撞', '铁路', '民航', '水上'],
    gbCodes: [],
  },
  infrastructure: {
    id: 'infrastructure',
    category: 'accident',
    zh: '公共设施和设备事故',
    en: 'Public-utility and equipment accident',
    cues: ['停电', '停水', '燃气泄漏', '燃气爆炸', '供热中断', '桥梁垮塌', '房屋倒塌', '电梯', '特种设备'],
    gbCodes: [],
  },
  pollution: {
    id: 'pollution',
    category: 'accident',
    zh: '环境污染和生态破坏',
    en: 'Environmental pollution and ecological damage',
    cues: ['污染', '废水排放', '废气排放', '死鱼', '水源污染', '尾气污染', '粉尘污染'],
    gbCodes: [],
  },
  epidemic: {
    id: 'epidemic',
    category: 'public-health',
    zh: '传染病疫情',
    en: 'Infectious-disease outbreak',
    cues: ['鼠疫', '布病', '流感', '聚集性疫情', '不明原因疾病'],
    gbCodes: [],
  },
  'animal-epidemic': {
    id: 'animal-epidemic',
    category: 'public-health',
    zh: '动物疫情',
    en: 'Animal epidemic',
    cues: ['口蹄疫', '禽流感', '非洲猪瘟', '小反刍兽疫', '牲畜疫病', '封锁疫区'],
    gbCodes: [],
  },
  'food-safety': {
    id: 'food-safety',
    category: 'public-health',
    zh: '食品安全',
    en: 'Food safety',
    cues: ['食物中毒', '集体中毒', '问题食品', '职业中毒'],
    gbCodes: [],
  },
  'mass-incident': {
    id: 'mass-incident',
    category: 'social-safety',
    zh: '群体性事件',
    en: 'Mass incident',
    cues: ['聚集', '讨薪', '上访', '围堵', '冲突', '踩踏'],
    gbCodes: [],
  },
  'public-security': {
    id: 'public-security',
    category: 'social-safety',
    zh: '治安与恐怖事件',
    en: 'Public-security and terrorist incident',
    cues: ['持刀伤人', '暴力袭击', '爆炸袭击', '恐怖', '枪击', '重大刑事案件'],
    gbCodes: [],
  },
  none: {
    id: 'none',
    category: 'none',
    zh: '非突发事件',
    en: 'Not an emergency',
    cues: ['演练', '科普', '提醒', '召开会议', '检查', '周年', '地震级', '火爆', '爆款', '洪荒之力'],
    gbCodes: [],
  },
};

/** Definition of one stage. */
export interface StageDefinition {
  /** The stage id. */
  readonly id: StageId;
  /** Chinese name, e.g. `'预警'`. */
  readonly zh: string;
  /** English name, e.g. `'Warning'`. */
  readonly en: string;
  /** Chinese cue words that suggest the stage (not a closed list). */
  readonly cues: readonly string[];
}

/**
 * Every stage with its names and cue words.
 *
 * @example
 * ```ts
 * STAGES.rumor.cues.includes('辟谣'); // true
 * ```
 */
export const STAGES: Readonly<Record<StageId, StageDefinition>> = {
  warning: { id: 'warning', zh: '预警', en: 'Warning', cues: ['预警', '预报', '可能发生'] },
  occurring: { id: 'occurring', zh: '发生', en: 'Occurring', cues: ['发生', '正在'] },
  response: { id: 'response', zh: '处置', en: 'Response', cues: ['救援', '处置', '转移', '抢险'] },
  aftermath: { id: 'aftermath', zh: '善后', en: 'Aftermath', cues: ['善后', '恢复', '调查', '追责', '通报结果'] },
  rumor: { id: 'rumor', zh: '辟谣', en: 'Rumour refuted', cues: ['辟谣', '不实', '谣言'] },
};

/** Everything known about one warning colour. */
export interface WarningColorInfo {
  /** The colour id. */
  readonly id: WarningColor;
  /** Chinese name, e.g. `'蓝色'`. */
  readonly zh: string;
  /** One-character Chinese short form, e.g. `'蓝'`. */
  readonly zhShort: string;
  /** English name, e.g. `'Blue'`. */
  readonly en: string;
  /** Display colour as `#RRGGBB`. */
  readonly hex: string;
  /** The response level the colour corresponds to. */
  readonly level: ResponseLevel;
  /** The CAP 1.2 severity the colour corresponds to. */
  readonly capSeverity: KnownCapSeverity;
  /** Two-digit level code of the 12379 / weather.com.cn scheme. */
  readonly signalLevelCode: SignalLevelCode;
}

/**
 * Every warning colour with its names, display colour, response level, CAP severity and level code.
 *
 * @example
 * ```ts
 * WARNING_COLOR_INFO.orange.zh; // '橙色'
 * WARNING_COLOR_INFO.orange.hex; // '#F28C00'
 * ```
 */
export const WARNING_COLOR_INFO: Readonly<Record<WarningColor, WarningColorInfo>> = {
  blue: {
    id: 'blue',
    zh: '蓝色',
    zhShort: '蓝',
    en: 'Blue',
    hex: '#1E6FD9',
    level: 'IV',
    capSeverity: 'Minor',
    signalLevelCode: '01',
  },
  yellow: {
    id: 'yellow',
    zh: '黄色',
    zhShort: '黄',
    en: 'Yellow',
    hex: '#F5C400',
    level: 'III',
    capSeverity: 'Moderate',
    signalLevelCode: '02',
  },
  orange: {
    id: 'orange',
    zh: '橙色',
    zhShort: '橙',
    en: 'Orange',
    hex: '#F28C00',
    level: 'II',
    capSeverity: 'Severe',
    signalLevelCode: '03',
  },
  red: {
    id: 'red',
    zh: '红色',
    zhShort: '红',
    en: 'Red',
    hex: '#D7261E',
    level: 'I',
    capSeverity: 'Extreme',
    signalLevelCode: '04',
  },
};

/** Everything known about one response level. */
export interface ResponseLevelInfo {
  /** The level id. */
  readonly id: ResponseLevel;
  /** Chinese label, e.g. `'Ⅳ级（一般）'`. */
  readonly zh: string;
  /** Chinese grade word alone, e.g. `'一般'`. */
  readonly gradeZh: string;
  /** English label, e.g. `'Level IV (general)'`. */
  readonly en: string;
  /** The Unicode Roman-numeral glyph, e.g. `'Ⅳ'` (U+2163). */
  readonly glyph: string;
  /** Ordering rank: 1 for Ⅳ (lowest) … 4 for Ⅰ (highest). */
  readonly rank: 1 | 2 | 3 | 4;
  /** The warning colour of this level. */
  readonly color: WarningColor;
}

/**
 * Every response level with its labels, glyph, rank and colour. Ⅰ is the highest level.
 *
 * @example
 * ```ts
 * RESPONSE_LEVEL_INFO.I.rank; // 4
 * RESPONSE_LEVEL_INFO.II.zh; // 'Ⅱ级（重大）'
 * ```
 */
export const RESPONSE_LEVEL_INFO: Readonly<Record<ResponseLevel, ResponseLevelInfo>> = {
  IV: { id: 'IV', zh: 'Ⅳ级（一般）', gradeZh: '一般', en: 'Level IV (general)', glyph: 'Ⅳ', rank: 1, color: 'blue' },
  III: {
    id: 'III',
    zh: 'Ⅲ级（较大）',
    gradeZh: '较大',
    en: 'Level III (relatively serious)',
    glyph: 'Ⅲ',
    rank: 2,
    color: 'yellow',
  },
  II: { id: 'II', zh: 'Ⅱ级（重大）', gradeZh: '重大', en: 'Level II (serious)', glyph: 'Ⅱ', rank: 3, color: 'orange' },
  I: {
    id: 'I',
    zh: 'Ⅰ级（特别重大）',
    gradeZh: '特别重大',
    en: 'Level I (extraordinarily serious)',
    glyph: 'Ⅰ',
    rank: 4,
    color: 'red',
  },
};

// ---------------------------------------------------------------------------------------------
// Type guards
// ---------------------------------------------------------------------------------------------

/**
 * Tells whether a value is one of the 26 type ids.
 *
 * @example
 * ```ts
 * isTypeId('flood'); // true
 * isTypeId('typhoon'); // false
 * ```
 */
export function isTypeId(value: unknown): value is TypeId {
  return typeof value === 'string' && (TYPE_IDS as readonly string[]).includes(value);
}

/**
 * Tells whether a value is one of the five category ids.
 *
 * @example
 * ```ts
 * isCategoryId('accident'); // true
 * ```
 */
export function isCategoryId(value: unknown): value is CategoryId {
  return typeof value === 'string' && (CATEGORY_IDS as readonly string[]).includes(value);
}

/**
 * Tells whether a value is one of the five stage ids.
 *
 * @example
 * ```ts
 * isStageId('rumor'); // true
 * ```
 */
export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && (STAGE_IDS as readonly string[]).includes(value);
}

/**
 * Tells whether a value is one of the four warning colours.
 *
 * @example
 * ```ts
 * isWarningColor('orange'); // true
 * isWarningColor('橙色'); // false
 * ```
 */
export function isWarningColor(value: unknown): value is WarningColor {
  return typeof value === 'string' && (WARNING_COLORS as readonly string[]).includes(value);
}

/**
 * Tells whether a value is one of the four response levels (ASCII numerals).
 *
 * @example
 * ```ts
 * isResponseLevel('III'); // true
 * ```
 */
export function isResponseLevel(value: unknown): value is ResponseLevel {
  return typeof value === 'string' && (RESPONSE_LEVELS as readonly string[]).includes(value);
}

/**
 * Tells whether a value is a CAP 1.2 severity (case-sensitive, as CAP requires).
 *
 * @example
 * ```ts
 * isCapSeverity('Severe'); // true
 * isCapSeverity('severe'); // false
 * ```
 */
export function isCapSeverity(value: unknown): value is CapSeverity {
  return typeof value === 'string' && (CAP_SEVERITIES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Types and categories
// ---------------------------------------------------------------------------------------------

/**
 * Returns the category a type belongs to.
 *
 * @example
 * ```ts
 * categoryOf('mining'); // 'accident'
 * ```
 */
export function categoryOf(type: TypeId): CategoryId {
  return TYPES[type].category;
}

/**
 * Lists the types of one category, in table order.
 *
 * @example
 * ```ts
 * typesInCategory('public-health'); // ['epidemic', 'animal-epidemic', 'food-safety']
 * ```
 */
export function typesInCategory(category: CategoryId): readonly TypeId[] {
  return TYPE_IDS.filter((type) => TYPES[type].category === category);
}

// ---------------------------------------------------------------------------------------------
// Colours, levels and CAP severities
// ---------------------------------------------------------------------------------------------

/**
 * Returns the response level of a warning colour.
 *
 * @example
 * ```ts
 * colorToLevel('orange'); // 'II'
 * ```
 */
export function colorToLevel(color: WarningColor): ResponseLevel {
  return WARNING_COLOR_INFO[color].level;
}

/**
 * Returns the warning colour of a response level.
 *
 * @example
 * ```ts
 * levelToColor('I'); // 'red'
 * ```
 */
export function levelToColor(level: ResponseLevel): WarningColor {
  return RESPONSE_LEVEL_INFO[level].color;
}

/**
 * Returns the CAP 1.2 severity of a warning colour.
 *
 * @example
 * ```ts
 * colorToCapSeverity('yellow'); // 'Moderate'
 * ```
 */
export function colorToCapSeverity(color: WarningColor): KnownCapSeverity {
  return WARNING_COLOR_INFO[color].capSeverity;
}

/**
 * Returns the warning colour of a CAP 1.2 severity, or `undefined` for `'Unknown'`.
 *
 * @example
 * ```ts
 * capSeverityToColor('Extreme'); // 'red'
 * capSeverityToColor('Unknown'); // undefined
 * ```
 */
export function capSeverityToColor(severity: CapSeverity): WarningColor | undefined {
  return WARNING_COLORS.find((color) => WARNING_COLOR_INFO[color].capSeverity === severity);
}

/**
 * Returns the warning colour of a 12379 / weather.com.cn two-digit level code
 * (`'01'` blue, `'02'` yellow, `'03'` orange, `'04'` red); `undefined` for anything else,
 * including `'00'` (白色, unknown level).
 *
 * @example
 * ```ts
 * colorFromSignalLevelCode('03'); // 'orange'
 * colorFromSignalLevelCode('00'); // undefined
 * ```
 */
export function colorFromSignalLevelCode(code: string): WarningColor | undefined {
  return WARNING_COLORS.find((color) => WARNING_COLOR_INFO[color].signalLevelCode === code);
}

/**
 * Returns the 12379 / weather.com.cn two-digit level code of a warning colour.
 *
 * @example
 * ```ts
 * signalLevelCodeOf('red'); // '04'
 * ```
 */
export function signalLevelCodeOf(color: WarningColor): SignalLevelCode {
  return WARNING_COLOR_INFO[color].signalLevelCode;
}

// ---------------------------------------------------------------------------------------------
// GB/T 35561-style codes
// ---------------------------------------------------------------------------------------------

const TYPE_BY_GB_CODE: ReadonlyMap<string, TypeId> = new Map(
  TYPE_IDS.flatMap((type) => TYPES[type].gbCodes.map((code) => [code, type] as const)),
);

/**
 * Returns the type a GB/T 35561-style warning code denotes, e.g. `'11B03'` (暴雨).
 * Accepts exactly the five-character code (a lower-case `b` is tolerated); returns `undefined`
 * for unknown codes and for `'11B01'` (台风), which no type of the taxonomy fits.
 *
 * @example
 * ```ts
 * typeFromGbCode('11B03'); // 'flood'
 * typeFromGbCode('11B01'); // undefined
 * ```
 */
export function typeFromGbCode(code: string): TypeId | undefined {
  if (code.length !== 5) return undefined;
  return TYPE_BY_GB_CODE.get(code.toUpperCase());
}

/**
 * Returns the GB/T 35561-style warning codes of a type (empty for types without one).
 *
 * @example
 * ```ts
 * gbCodesOf('fog-haze'); // ['11B17', '11B19']
 * gbCodesOf('earthquake'); // []
 * ```
 */
export function gbCodesOf(type: TypeId): readonly string[] {
  return TYPES[type].gbCodes;
}

// ---------------------------------------------------------------------------------------------
// Meteorological warning-signal codes
// ---------------------------------------------------------------------------------------------

/** One row of a meteorological warning-signal type table. */
export interface WeatherSignalCode {
  /** The signal-type code: two digits (12379 / weather.com.cn) or four digits (NMC). */
  readonly code: string;
  /** Chinese name of the signal, e.g. `'暴雨'`. */
  readonly zh: string;
  /** The type the signal denotes; `null` when no type of the taxonomy fits (台风). */
  readonly type: TypeId | null;
}

/** A decoded warning-signal code: which signal, which colour, which type. */
export interface WeatherSignal {
  /** The type the signal denotes; `null` when no type of the taxonomy fits (台风). */
  readonly type: TypeId | null;
  /** The warning colour. */
  readonly color: WarningColor;
  /** Chinese name of the signal, e.g. `'暴雨'`. */
  readonly signal: string;
}

/**
 * The 12379 / weather.com.cn two-digit signal-type codes 01–14 (the 14 signals of the CMA
 * warning-signal scheme, in its order). Codes beyond 14 are left out on purpose: third-party
 * documentation disagrees about them (e.g. 15 森林火灾 / 16 雷雨大风 in one API's notes,
 * 9x codes for 雷雨大风 and 森林火险 elsewhere), so none is asserted here.
 *
 * @example
 * ```ts
 * WEATHER_SIGNAL_CODES.find((row) => row.code === '06'); // { code: '06', zh: '沙尘暴', type: 'sandstorm' }
 * ```
 */
export const WEATHER_SIGNAL_CODES: readonly WeatherSignalCode[] = [
  { code: '01', zh: '台风', type: null },
  { code: '02', zh: '暴雨', type: 'flood' },
  { code: '03', zh: '暴雪', type: 'snow-disaster' },
  { code: '04', zh: '寒潮', type: 'cold-wave' },
  { code: '05', zh: '大风', type: 'gale' },
  { code: '06', zh: '沙尘暴', type: 'sandstorm' },
  { code: '07', zh: '高温', type: 'heat' },
  { code: '08', zh: '干旱', type: 'drought' },
  { code: '09', zh: '雷电', type: 'hail-lightning' },
  { code: '10', zh: '冰雹', type: 'hail-lightning' },
  { code: '11', zh: '霜冻', type: 'cold-wave' },
  { code: '12', zh: '大雾', type: 'fog-haze' },
  { code: '13', zh: '霾', type: 'fog-haze' },
  { code: '14', zh: '道路结冰', type: 'cold-wave' },
];

/**
 * The National Meteorological Centre's four-digit signal-type codes, as they appear in the
 * alarm icon names of nmc.cn (`p0002003.png`). This numbering is NOT the 12379 one: for
 * example NMC `0003` is 高温 where 12379 `03` is 暴雪.
 *
 * Rows 0002–0005, 0007, 0009, 0011–0013, 0015, 0021, 0024 and 0042 have been seen in real
 * NMC alarm data; 0001, 0006, 0008, 0010 and 0014 come from a published code list whose other
 * rows all agree with the observed ones. `0000` is left out: NMC uses it for several unrelated
 * signals (sea fog, sea gales, …), so it says nothing about the type.
 *
 * @example
 * ```ts
 * NMC_SIGNAL_CODES.find((row) => row.code === '0003'); // { code: '0003', zh: '高温', type: 'heat' }
 * ```
 */
export const NMC_SIGNAL_CODES: readonly WeatherSignalCode[] = [
  { code: '0001', zh: '台风', type: null },
  { code: '0002', zh: '暴雨', type: 'flood' },
  { code: '0003', zh: '高温', type: 'heat' },
  { code: '0004', zh: '寒潮', type: 'cold-wave' },
  { code: '0005', zh: '大雾', type: 'fog-haze' },
  { code: '0006', zh: '暴雪', type: 'snow-disaster' },
  { code: '0007', zh: '大风', type: 'gale' },
  { code: '0008', zh: '沙尘暴', type: 'sandstorm' },
  { code: '0009', zh: '冰雹', type: 'hail-lightning' },
  { code: '0010', zh: '干旱', type: 'drought' },
  { code: '0011', zh: '道路结冰', type: 'cold-wave' },
  { code: '0012', zh: '雷电', type: 'hail-lightning' },
  { code: '0013', zh: '霜冻', type: 'cold-wave' },
  { code: '0014', zh: '霾', type: 'fog-haze' },
  { code: '0015', zh: '雷雨大风', type: 'gale' },
  { code: '0021', zh: '地质灾害', type: 'geological' },
  { code: '0024', zh: '山洪灾害', type: 'flood' },
  { code: '0042', zh: '雷暴大风', type: 'gale' },
];

/** NMC's three-digit level suffix: the order is reversed with respect to 12379 (001 is red). */
const NMC_LEVEL_COLORS: Readonly<Record<string, WarningColor>> = {
  '001': 'red',
  '002': 'orange',
  '003': 'yellow',
  '004': 'blue',
};

const MAX_NMC_ALARM_CODE_LENGTH = 16;
const NMC_ALARM_CODE = /^p(\d{4})(\d{3})(?:\.png)?$/;
const SIGNAL_CODE = /^(\d{2})(\d{2})$/;

/**
 * Returns the type of a 12379 / weather.com.cn two-digit signal-type code, or `undefined`
 * for unknown codes and for `'01'` (台风), which no type fits.
 *
 * @example
 * ```ts
 * typeFromSignalCode('02'); // 'flood'
 * typeFromSignalCode('06'); // 'sandstorm'
 * ```
 */
export function typeFromSignalCode(code: string): TypeId | undefined {
  return WEATHER_SIGNAL_CODES.find((row) => row.code === code)?.type ?? undefined;
}

/**
 * Decodes a 12379 / weather.com.cn four-digit warning code `TTLL`: two digits of signal type
 * (see {@link WEATHER_SIGNAL_CODES}) followed by two digits of level (`01` blue … `04` red),
 * as in the file names of weather.com.cn alarm icons (`0201` = 暴雨蓝色).
 *
 * Accepts exactly four ASCII digits, nothing around them (no whitespace, no extension).
 * Returns `undefined` for any other input, an unknown type code or a level outside `01`–`04`
 * (including `00`, 白色). A typhoon code decodes with `type: null`.
 *
 * @example
 * ```ts
 * parseSignalCode('0203'); // { type: 'flood', color: 'orange', signal: '暴雨' }
 * parseSignalCode('9999'); // undefined
 * ```
 */
export function parseSignalCode(code: string): WeatherSignal | undefined {
  if (code.length !== 4) return undefined;
  const match = SIGNAL_CODE.exec(code);
  if (!match) return undefined;
  const row = WEATHER_SIGNAL_CODES.find((candidate) => candidate.code === match[1]);
  const color = colorFromSignalLevelCode(match[2] ?? '');
  if (!row || !color) return undefined;
  return { type: row.type, color, signal: row.zh };
}

/**
 * Decodes a National Meteorological Centre alarm code `pTTTTLLL`, as in nmc.cn alarm icon
 * names: a lower-case `p`, four digits of signal type (see {@link NMC_SIGNAL_CODES}, e.g.
 * `0002` 暴雨) and three digits of level, where `001` is red, `002` orange, `003` yellow and
 * `004` blue. `p0002003` is therefore 暴雨黄色.
 *
 * Accepts exactly that eight-character code, optionally followed by `.png` (the icon file
 * name, e.g. `p0002003.png`); nothing else (no path, no whitespace, no upper-case `P`).
 * Input longer than 16 characters is rejected before any matching. Returns `undefined` for
 * malformed input, type `0000`, unknown type codes and levels outside `001`–`004`.
 *
 * @example
 * ```ts
 * parseNmcAlarmCode('p0002003'); // { type: 'flood', color: 'yellow', signal: '暴雨' }
 * parseNmcAlarmCode('p0007004.png'); // { type: 'gale', color: 'blue', signal: '大风' }
 * parseNmcAlarmCode('p00'); // undefined
 * ```
 */
export function parseNmcAlarmCode(code: string): WeatherSignal | undefined {
  if (code.length > MAX_NMC_ALARM_CODE_LENGTH) return undefined;
  const match = NMC_ALARM_CODE.exec(code);
  if (!match) return undefined;
  const row = NMC_SIGNAL_CODES.find((candidate) => candidate.code === match[1]);
  const color = NMC_LEVEL_COLORS[match[2] ?? ''];
  if (!row || !color) return undefined;
  return { type: row.type, color, signal: row.zh };
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

/**
 * Returns the display name of a type; zh-CN by default.
 *
 * @example
 * ```ts
 * typeLabel('wildfire'); // '森林草原火灾'
 * typeLabel('wildfire', 'en'); // 'Forest and grassland fire'
 * ```
 */
export function typeLabel(type: TypeId, lang: LabelLanguage = 'zh-CN'): string {
  return lang === 'en' ? TYPES[type].en : TYPES[type].zh;
}

/**
 * Returns the display name of a category; zh-CN by default.
 *
 * @example
 * ```ts
 * categoryLabel('social-safety'); // '社会安全事件'
 * ```
 */
export function categoryLabel(category: CategoryId, lang: LabelLanguage = 'zh-CN'): string {
  return lang === 'en' ? CATEGORIES[category].en : CATEGORIES[category].zh;
}

/**
 * Returns the display name of a stage; zh-CN by default.
 *
 * @example
 * ```ts
 * stageLabel('response'); // '处置'
 * stageLabel('response', 'en'); // 'Response'
 * ```
 */
export function stageLabel(stage: StageId, lang: LabelLanguage = 'zh-CN'): string {
  return lang === 'en' ? STAGES[stage].en : STAGES[stage].zh;
}

/**
 * Returns the display name of a warning colour; zh-CN by default.
 *
 * @example
 * ```ts
 * colorLabel('red'); // '红色'
 * colorLabel('red', 'en'); // 'Red'
 * ```
 */
export function colorLabel(color: WarningColor, lang: LabelLanguage = 'zh-CN'): string {
  return lang === 'en' ? WARNING_COLOR_INFO[color].en : WARNING_COLOR_INFO[color].zh;
}

/**
 * Returns the display name of a response level; zh-CN by default.
 *
 * @example
 * ```ts
 * levelLabel('III'); // 'Ⅲ级（较大）'
 * levelLabel('III', 'en'); // 'Level III (relatively serious)'
 * ```
 */
export function levelLabel(level: ResponseLevel, lang: LabelLanguage = 'zh-CN'): string {
  return lang === 'en' ? RESPONSE_LEVEL_INFO[level].en : RESPONSE_LEVEL_INFO[level].zh;
}
