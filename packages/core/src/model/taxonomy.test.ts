import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CATEGORY_IDS,
  NMC_SIGNAL_CODES,
  RESPONSE_LEVEL_INFO,
  RESPONSE_LEVELS,
  STAGE_IDS,
  STAGES,
  TYPE_IDS,
  TYPES,
  WARNING_COLOR_INFO,
  WARNING_COLORS,
  WEATHER_SIGNAL_CODES,
  capSeverityToColor,
  categoryLabel,
  categoryOf,
  colorFromSignalLevelCode,
  colorLabel,
  colorToCapSeverity,
  colorToLevel,
  gbCodesOf,
  isCategoryId,
  isStageId,
  isTypeId,
  isWarningColor,
  levelLabel,
  levelToColor,
  parseNmcAlarmCode,
  parseSignalCode,
  signalLevelCodeOf,
  stageLabel,
  typeFromGbCode,
  typeFromSignalCode,
  typeLabel,
  typesInCategory,
} from './taxonomy.js';

describe('type and category ids', () => {
  it('has 26 type ids, the last being none', () => {
    expect(TYPE_IDS).toHaveLength(26);
    expect(TYPE_IDS.at(-1)).toBe('none');
  });

  it('keeps the type ids in the order of the taxonomy table', () => {
    expect(TYPE_IDS.slice(0, 4)).toEqual(['flood', 'drought', 'sandstorm', 'snow-disaster']);
    expect(TYPE_IDS.slice(-3)).toEqual(['mass-incident', 'public-security', 'none']);
  });

  it('defines exactly one record per type id, keyed by its own id', () => {
    expect(Object.keys(TYPES).sort()).toEqual([...TYPE_IDS].sort());
    for (const type of TYPE_IDS) expect(TYPES[type].id).toBe(type);
  });

  it('defines exactly one record per category id, keyed by its own id', () => {
    expect(Object.keys(CATEGORIES).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const category of CATEGORY_IDS) expect(CATEGORIES[category].id).toBe(category);
  });

  it('puts mining in accident', () => {
    expect(categoryOf('mining')).toBe('accident');
  });

  it('puts epidemic in public-health', () => {
    expect(categoryOf('epidemic')).toBe('public-health');
  });

  it('puts wildfire in natural', () => {
    expect(categoryOf('wildfire')).toBe('natural');
  });

  it('puts mass-incident in social-safety', () => {
    expect(categoryOf('mass-incident')).toBe('social-safety');
  });

  it('puts the none type in the none category', () => {
    expect(categoryOf('none')).toBe('none');
  });

  it('has 13 natural, 7 accident, 3 public-health and 2 social-safety types as in the table', () => {
    expect(typesInCategory('natural')).toHaveLength(13);
    expect(typesInCategory('accident')).toEqual([
      'mining',
      'hazchem',
      'workplace',
      'fire',
      'traffic',
      'infrastructure',
      'pollution',
    ]);
    expect(typesInCategory('public-health')).toEqual(['epidemic', 'animal-epidemic', 'food-safety']);
    expect(typesInCategory('social-safety')).toEqual(['mass-incident', 'public-security']);
  });

  it('gives every type a category that exists', () => {
    for (const type of TYPE_IDS) expect(isCategoryId(TYPES[type].category)).toBe(true);
  });

  it('gives every type at least one cue word', () => {
    for (const type of TYPE_IDS) expect(TYPES[type].cues.length).toBeGreaterThan(0);
  });
});

describe('labels', () => {
  it('gives every type non-empty Chinese and English names', () => {
    for (const type of TYPE_IDS) {
      expect(TYPES[type].zh.trim()).not.toBe('');
      expect(TYPES[type].en.trim()).not.toBe('');
    }
  });

  it('gives every category non-empty Chinese and English names', () => {
    for (const category of CATEGORY_IDS) {
      expect(CATEGORIES[category].zh.trim()).not.toBe('');
      expect(CATEGORIES[category].en.trim()).not.toBe('');
    }
  });

  it('labels a type in Chinese by default', () => {
    expect(typeLabel('flood')).toBe('暴雨洪涝');
  });

  it('labels a type in English on request', () => {
    expect(typeLabel('flood', 'en')).toBe('Rainstorm and flood');
  });

  it('labels categories, stages, colours and levels in Chinese by default', () => {
    expect(categoryLabel('accident')).toBe('事故灾难');
    expect(stageLabel('rumor')).toBe('辟谣');
    expect(colorLabel('orange')).toBe('橙色');
    expect(levelLabel('I')).toBe('Ⅰ级（特别重大）');
  });

  it('labels categories, stages, colours and levels in English on request', () => {
    expect(categoryLabel('accident', 'en')).toBe('Accident / disaster');
    expect(stageLabel('warning', 'en')).toBe('Warning');
    expect(colorLabel('orange', 'en')).toBe('Orange');
    expect(levelLabel('IV', 'en')).toBe('Level IV (general)');
  });
});

describe('stages', () => {
  it('lists 辟谣 among the cue words of rumor', () => {
    expect(STAGES.rumor.cues).toContain('辟谣');
  });

  it('defines exactly one record per stage id, keyed by its own id', () => {
    expect(Object.keys(STAGES).sort()).toEqual([...STAGE_IDS].sort());
    for (const stage of STAGE_IDS) expect(STAGES[stage].id).toBe(stage);
  });
});

describe('colours, levels and CAP severities', () => {
  it('maps blue to IV and Minor', () => {
    expect(colorToLevel('blue')).toBe('IV');
    expect(colorToCapSeverity('blue')).toBe('Minor');
  });

  it('maps red to I and Extreme', () => {
    expect(colorToLevel('red')).toBe('I');
    expect(colorToCapSeverity('red')).toBe('Extreme');
  });

  it('maps yellow to III and orange to II', () => {
    expect(colorToLevel('yellow')).toBe('III');
    expect(colorToLevel('orange')).toBe('II');
  });

  it('round-trips every colour through its response level', () => {
    for (const color of WARNING_COLORS) expect(levelToColor(colorToLevel(color))).toBe(color);
  });

  it('round-trips every response level through its colour', () => {
    for (const level of RESPONSE_LEVELS) expect(colorToLevel(levelToColor(level))).toBe(level);
  });

  it('round-trips every colour through its CAP severity', () => {
    for (const color of WARNING_COLORS) expect(capSeverityToColor(colorToCapSeverity(color))).toBe(color);
  });

  it('maps the CAP severity Unknown to no colour', () => {
    expect(capSeverityToColor('Unknown')).toBeUndefined();
  });

  it('ranks the response levels from IV lowest to I highest', () => {
    expect(RESPONSE_LEVELS.map((level) => RESPONSE_LEVEL_INFO[level].rank)).toEqual([1, 2, 3, 4]);
  });

  it('uses the Unicode Roman-numeral glyphs for the levels', () => {
    expect(RESPONSE_LEVELS.map((level) => RESPONSE_LEVEL_INFO[level].glyph).join('')).toBe('ⅣⅢⅡⅠ');
  });

  it('gives each colour a distinct #RRGGBB display colour', () => {
    const hexes = WARNING_COLORS.map((color) => WARNING_COLOR_INFO[color].hex);
    for (const hex of hexes) expect(hex).toMatch(/^#[0-9A-F]{6}$/);
    expect(new Set(hexes).size).toBe(4);
  });

  it('reads the 12379 level code 03 as orange', () => {
    expect(colorFromSignalLevelCode('03')).toBe('orange');
  });

  it('reads the 12379 level code 00 (white, unknown) as no colour', () => {
    expect(colorFromSignalLevelCode('00')).toBeUndefined();
  });

  it('round-trips every colour through its 12379 level code', () => {
    for (const color of WARNING_COLORS) expect(colorFromSignalLevelCode(signalLevelCodeOf(color))).toBe(color);
  });
});

describe('GB/T 35561-style codes', () => {
  it('maps every GB code of every type back to that type', () => {
    for (const type of TYPE_IDS) {
      for (const code of gbCodesOf(type)) expect(typeFromGbCode(code)).toBe(type);
    }
  });

  it('reads 11B03 as flood', () => {
    expect(typeFromGbCode('11B03')).toBe('flood');
  });

  it('reads road icing 11B21 as cold-wave', () => {
    expect(typeFromGbCode('11B21')).toBe('cold-wave');
  });

  it('reads typhoon 11B01 as no type', () => {
    expect(typeFromGbCode('11B01')).toBeUndefined();
  });

  it('gives the 14 codes of the taxonomy table, each to one type only', () => {
    const codes = TYPE_IDS.flatMap((type) => gbCodesOf(type));
    expect(codes).toHaveLength(14);
    expect(new Set(codes).size).toBe(14);
  });
});

describe('12379 / weather.com.cn signal codes', () => {
  it('reads signal type 06 as sandstorm', () => {
    expect(typeFromSignalCode('06')).toBe('sandstorm');
  });

  it('reads signal type 02 as flood', () => {
    expect(typeFromSignalCode('02')).toBe('flood');
  });

  it('reads typhoon signal type 01 as no type', () => {
    expect(typeFromSignalCode('01')).toBeUndefined();
  });

  it('lists the signal types 01 to 14 in order', () => {
    expect(WEATHER_SIGNAL_CODES.map((row) => row.code)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '12',
      '13',
      '14',
    ]);
  });

  it('decodes 0203 as an orange rainstorm warning', () => {
    expect(parseSignalCode('0203')).toEqual({ type: 'flood', color: 'orange', signal: '暴雨' });
  });

  it('decodes 0201 as a blue rainstorm warning', () => {
    expect(parseSignalCode('0201')).toEqual({ type: 'flood', color: 'blue', signal: '暴雨' });
  });

  it('decodes a typhoon warning with no type', () => {
    expect(parseSignalCode('0104')).toEqual({ type: null, color: 'red', signal: '台风' });
  });

  it('rejects an empty code', () => {
    expect(parseSignalCode('')).toBeUndefined();
  });

  it('rejects an unknown signal type', () => {
    expect(parseSignalCode('9999')).toBeUndefined();
  });

  it('rejects the white level 00', () => {
    expect(parseSignalCode('0200')).toBeUndefined();
  });

  it('rejects a code with surrounding whitespace', () => {
    expect(parseSignalCode(' 0203')).toBeUndefined();
  });

  it('rejects a 1000-character code', () => {
    expect(parseSignalCode('0'.repeat(1000))).toBeUndefined();
  });
});

describe('NMC alarm codes', () => {
  it('decodes p0002003 as a yellow rainstorm warning (NMC level 003 is yellow)', () => {
    expect(parseNmcAlarmCode('p0002003')).toEqual({ type: 'flood', color: 'yellow', signal: '暴雨' });
  });

  it('decodes NMC level 001 as red', () => {
    expect(parseNmcAlarmCode('p0002001')?.color).toBe('red');
  });

  it('decodes NMC signal type 0003 as heat, not as the 12379 snowstorm code 03', () => {
    expect(parseNmcAlarmCode('p0003002')).toEqual({ type: 'heat', color: 'orange', signal: '高温' });
  });

  it('accepts the icon file name with its .png extension', () => {
    expect(parseNmcAlarmCode('p0007004.png')).toEqual({ type: 'gale', color: 'blue', signal: '大风' });
  });

  it('rejects an empty code', () => {
    expect(parseNmcAlarmCode('')).toBeUndefined();
  });

  it('rejects a truncated code', () => {
    expect(parseNmcAlarmCode('p00')).toBeUndefined();
  });

  it('rejects a 12379 code', () => {
    expect(parseNmcAlarmCode('9999')).toBeUndefined();
  });

  it('rejects a 1000-character code', () => {
    expect(parseNmcAlarmCode('p' + '0'.repeat(999))).toBeUndefined();
  });

  it('rejects level 005', () => {
    expect(parseNmcAlarmCode('p0002005')).toBeUndefined();
  });

  it('rejects the catch-all signal type 0000', () => {
    expect(parseNmcAlarmCode('p0000003')).toBeUndefined();
  });

  it('rejects a whole URL', () => {
    expect(parseNmcAlarmCode('https://image.nmc.cn/assets/img/alarm/p0002003.png')).toBeUndefined();
  });

  it('has no signal-type code twice', () => {
    const codes = NMC_SIGNAL_CODES.map((row) => row.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('type guards', () => {
  it('accepts a type id and rejects a near miss', () => {
    expect(isTypeId('hail-lightning')).toBe(true);
    expect(isTypeId('typhoon')).toBe(false);
  });

  it('rejects inherited object keys as type ids', () => {
    expect(isTypeId('toString')).toBe(false);
    expect(isTypeId('__proto__')).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isTypeId(42)).toBe(false);
    expect(isCategoryId(null)).toBe(false);
    expect(isStageId(undefined)).toBe(false);
    expect(isWarningColor({})).toBe(false);
  });

  it('accepts a category id, a stage id and a colour', () => {
    expect(isCategoryId('social-safety')).toBe(true);
    expect(isStageId('aftermath')).toBe(true);
    expect(isWarningColor('yellow')).toBe(true);
  });

  it('rejects a Chinese colour name as a colour id', () => {
    expect(isWarningColor('黄色')).toBe(false);
  });
});
