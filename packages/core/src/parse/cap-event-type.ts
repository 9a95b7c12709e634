import { parseNmcAlarmCode, parseSignalCode, typeFromGbCode, type TypeId } from '../model/taxonomy.js';
import type { CapValue } from './parse-cap.js';

/** What {@link capEventType} reads of an info block (a `CapInfo` fits). */
export interface CapEventTypeInput {
  /** `event`, e.g. `'暴雪橙色预警'` or `'Severe Thunderstorm Warning'`. */
  readonly event: string;
  readonly eventCodes?: readonly CapValue[];
  readonly parameters?: readonly CapValue[];
  readonly headline?: string;
}

/** `null`: a known hazard that no taxonomy type fits (typhoons, as in taxonomy.ts), which stops the search. */
type Outcome = TypeId | null;

// Chinese (Simplified and Traditional) event words. The longest word found wins, so 雷雨大风 is a
// gale and 低温雨雪冰冻 a cold wave, not a snow disaster.
const CHINESE_WORDS: readonly (readonly [string, Outcome])[] = [
  ['台风', null],
  ['颱風', null],
  ['熱帶氣旋', null],
  ['热带气旋', null],
  ['暴雨', 'flood'],
  ['洪水', 'flood'],
  ['洪涝', 'flood'],
  ['山洪', 'flood'],
  ['内涝', 'flood'],
  ['渍涝', 'flood'],
  ['凌汛', 'flood'],
  ['水浸', 'flood'],
  ['风暴潮', 'flood'],
  ['風暴潮', 'flood'],
  ['暴雪', 'snow-disaster'],
  ['雪灾', 'snow-disaster'],
  ['白灾', 'snow-disaster'],
  ['暴风雪', 'snow-disaster'],
  ['寒潮', 'cold-wave'],
  ['低温', 'cold-wave'],
  ['霜冻', 'cold-wave'],
  ['道路结冰', 'cold-wave'],
  ['冰冻', 'cold-wave'],
  ['寒冷', 'cold-wave'],
  ['大风', 'gale'],
  ['大風', 'gale'],
  ['強風', 'gale'],
  ['强风', 'gale'],
  ['季候風', 'gale'],
  ['季候风', 'gale'],
  ['雷雨大风', 'gale'],
  ['雷暴大风', 'gale'],
  ['龙卷风', 'gale'],
  ['沙尘暴', 'sandstorm'],
  ['沙塵暴', 'sandstorm'],
  ['沙尘', 'sandstorm'],
  ['扬沙', 'sandstorm'],
  ['浮尘', 'sandstorm'],
  ['高温', 'heat'],
  ['酷熱', 'heat'],
  ['干旱', 'drought'],
  ['雷电', 'hail-lightning'],
  ['雷暴', 'hail-lightning'],
  ['冰雹', 'hail-lightning'],
  ['强对流', 'hail-lightning'],
  ['大雾', 'fog-haze'],
  ['浓雾', 'fog-haze'],
  ['霾', 'fog-haze'],
  ['地震', 'earthquake'],
  // A tsunami is a seismic sea wave; the taxonomy has no ocean type, so it is filed with earthquakes.
  ['海啸', 'earthquake'],
  ['地质灾害', 'geological'],
  ['滑坡', 'geological'],
  ['泥石流', 'geological'],
  ['崩塌', 'geological'],
  ['山泥傾瀉', 'geological'],
  // 森林火险 / 草原火险 / 森林(草原)火险 warnings are about forest and grassland fires (taxonomy.md).
  ['火险', 'wildfire'],
  ['森林火灾', 'wildfire'],
  ['草原火灾', 'wildfire'],
  ['火灾', 'fire'],
  ['危化品', 'hazchem'],
  ['传染病', 'epidemic'],
  ['动物疫情', 'animal-epidemic'],
  ['食物中毒', 'food-safety'],
];

// English event words (NWS, BoM, Met Éireann, GDACS, Meteoalarm), matched as whole words.
const ENGLISH_WORDS: readonly (readonly [string, Outcome])[] = [
  ['tropical cyclone', null],
  ['tropical storm', null],
  ['hurricane', null],
  ['typhoon', null],
  ['severe thunderstorm', 'hail-lightning'],
  ['thunderstorm', 'hail-lightning'],
  ['lightning', 'hail-lightning'],
  ['hail', 'hail-lightning'],
  ['tornado', 'gale'],
  ['small craft', 'gale'],
  ['gale', 'gale'],
  ['wind', 'gale'],
  ['squall', 'gale'],
  ['flash flood', 'flood'],
  ['flood', 'flood'],
  ['flooding', 'flood'],
  ['heavy rain', 'flood'],
  ['rainfall', 'flood'],
  ['rain', 'flood'],
  ['storm surge', 'flood'],
  ['blizzard', 'snow-disaster'],
  ['snow', 'snow-disaster'],
  ['snowfall', 'snow-disaster'],
  ['winter storm', 'snow-disaster'],
  ['freezing rain', 'cold-wave'],
  ['icing', 'cold-wave'],
  ['ice', 'cold-wave'],
  ['frost', 'cold-wave'],
  ['freeze', 'cold-wave'],
  ['cold', 'cold-wave'],
  ['wind chill', 'cold-wave'],
  ['dust storm', 'sandstorm'],
  ['sandstorm', 'sandstorm'],
  ['sand storm', 'sandstorm'],
  ['dust', 'sandstorm'],
  ['heat', 'heat'],
  ['heatwave', 'heat'],
  ['high temperature', 'heat'],
  ['fog', 'fog-haze'],
  ['smog', 'fog-haze'],
  ['haze', 'fog-haze'],
  ['drought', 'drought'],
  ['earthquake', 'earthquake'],
  ['tsunami', 'earthquake'],
  ['wildfire', 'wildfire'],
  ['bushfire', 'wildfire'],
  ['bush fire', 'wildfire'],
  ['forest fire', 'wildfire'],
  ['grass fire', 'wildfire'],
  ['grassfire', 'wildfire'],
  ['fire weather', 'wildfire'],
  ['red flag', 'wildfire'],
  ['fire', 'fire'],
  ['landslide', 'geological'],
  ['mudslide', 'geological'],
  ['debris flow', 'geological'],
  ['falling rocks', 'geological'],
  ['rockfall', 'geological'],
  ['hazardous materials', 'hazchem'],
  ['chemical', 'hazchem'],
  ['epidemic', 'epidemic'],
];

// Russian event words (Roshydromet CAP), for the region's northern neighbours; matched as prefixes
// (снег also finds снегопад), so short stems that begin other words (град, градус) are left out.
const RUSSIAN_WORDS: readonly (readonly [string, Outcome])[] = [
  ['ветер', 'gale'],
  ['метель', 'snow-disaster'],
  ['снег', 'snow-disaster'],
  ['гололед', 'cold-wave'],
  ['гололёд', 'cold-wave'],
  ['мороз', 'cold-wave'],
  ['заморозки', 'cold-wave'],
  ['гроза', 'hail-lightning'],
  ['ливень', 'flood'],
  ['дождь', 'flood'],
  ['паводок', 'flood'],
  ['наводнение', 'flood'],
  ['жара', 'heat'],
  ['туман', 'fog-haze'],
  ['пожароопасность', 'wildfire'],
  ['землетрясение', 'earthquake'],
];

const byLength = (list: readonly (readonly [string, Outcome])[]): (readonly [string, Outcome])[] =>
  [...list].sort((a, b) => b[0].length - a[0].length);
const CHINESE = byLength(CHINESE_WORDS);
const RUSSIAN = byLength(RUSSIAN_WORDS).map(([word, type]) => [new RegExp(`(?<!\\p{L})${word}`, 'iu'), type] as const);
const ENGLISH = byLength(ENGLISH_WORDS).map(
  ([word, type]) => [new RegExp(`\\b${word.replace(/ /g, '[\\s-]+')}s?\\b`, 'i'), type] as const,
);

/** Meteoalarm `awareness_type` ("1; Wind"), a language-independent hazard number. */
const AWARENESS_TYPES: Readonly<Record<string, Outcome>> = {
  '1': 'gale',
  '2': 'snow-disaster',
  '3': 'hail-lightning',
  '4': 'fog-haze',
  '5': 'heat',
  '6': 'cold-wave',
  '7': 'flood',
  '8': 'wildfire',
  '10': 'flood',
  '12': 'flood',
  '13': 'flood',
};

/** GDACS `eventtype` parameter. */
const GDACS_TYPES: Readonly<Record<string, Outcome>> = {
  EQ: 'earthquake',
  TS: 'earthquake',
  TC: null,
  FL: 'flood',
  DR: 'drought',
  WF: 'wildfire',
};

const SIGNAL_CODE_NAME = /signal|12379|weather|预警|信号/i;

function fromCodes(codes: readonly CapValue[]): Outcome | undefined {
  for (const { name, value } of codes) {
    const code = value.trim();
    if (code.length === 5 && /^\d\dB\d\d$/i.test(code)) {
      // 11B01 (台风) is a known code that no type fits.
      return typeFromGbCode(code) ?? (code.toUpperCase() === '11B01' ? null : undefined);
    }
    const nmc = parseNmcAlarmCode(code);
    if (nmc) return nmc.type;
    if (SIGNAL_CODE_NAME.test(name)) {
      const signal = parseSignalCode(code);
      if (signal) return signal.type;
    }
  }
  return undefined;
}

function fromParameters(parameters: readonly CapValue[]): Outcome | undefined {
  for (const { name, value } of parameters) {
    if (name === 'awareness_type') {
      const number = /^\s*(\d+)\s*;/.exec(value)?.[1];
      if (number !== undefined && number in AWARENESS_TYPES) return AWARENESS_TYPES[number];
    }
    if (name === 'eventtype' && value.trim() in GDACS_TYPES) return GDACS_TYPES[value.trim()];
  }
  return undefined;
}

function fromWords(text: string): Outcome | undefined {
  if (!text) return undefined;
  for (const [word, type] of CHINESE) if (text.includes(word)) return type;
  for (const [pattern, type] of RUSSIAN) if (pattern.test(text)) return type;
  let best: { length: number; type: Outcome } | undefined;
  for (const [pattern, type] of ENGLISH) {
    const match = pattern.exec(text);
    if (match && (!best || match[0].length > best.length)) best = { length: match[0].length, type };
  }
  return best?.type;
}

/**
 * The taxonomy type a CAP info block denotes, through the cross-walks of `taxonomy.ts`: event
 * codes first (GB/T 35561-style `11B06`, NMC `p0007004`, 12379 `0501`), then Meteoalarm and GDACS
 * hazard parameters, then event words in Chinese (Simplified and Traditional), English and Russian,
 * then the same words in the headline. Typhoons and tropical cyclones are known but fit no type;
 * unknown events give `undefined` (never a guess).
 *
 * @example
 * ```ts
 * capEventType({ event: '暴雪黄色预警' }); // 'snow-disaster'
 * capEventType({ event: '', eventCodes: [{ name: 'eventType', value: '11B06' }] }); // 'gale'
 * capEventType({ event: 'Severe Thunderstorm Warning' }); // 'hail-lightning'
 * capEventType({ event: 'Tropical Cyclone' }); // undefined
 * ```
 */
export function capEventType(info: CapEventTypeInput): TypeId | undefined {
  for (const outcome of [
    () => fromCodes(info.eventCodes ?? []),
    () => fromParameters(info.parameters ?? []),
    () => fromWords(info.event),
    () => fromWords(info.headline ?? ''),
  ]) {
    const type = outcome();
    if (type !== undefined) return type ?? undefined;
  }
  return undefined;
}
