// Sub-path imports on purpose: `natural`'s main entry loads mongoose, pg and redis (77 MB,
// about a second, dotenv banners on stdout); these two files load in about 70 ms and print nothing.
import { PorterStemmer } from 'natural/lib/natural/stemmers/index.js';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/index.js';
import type { Evidence, EvidenceSource } from '../model/text-analysis.js';
import type { StageId, TypeId } from '../model/taxonomy.js';

/** What {@link classifyEnglish} decided about an English text. */
export interface EnglishClassification {
  /** The most likely type; `'none'` when no hazard is named, or for drills and anniversaries. */
  readonly type: TypeId;
  /** The stage the text describes, or `null` when it does not tell. */
  readonly stage: StageId | null;
  /** How sure the lexicon is, 0..1: a logistic function of the winning margin, not a calibrated probability. */
  readonly confidence: number;
  /** Every matched cue, strongest first; cues for another type, and stage cues, carry their `label`. */
  readonly explanation: readonly Evidence[];
}

/** A cue line: words and phrases of one label and weight, separated by commas. */
type CueLine<Label extends string> = readonly [label: Label, weight: number, phrases: string];

// A label for cues that make a hazard text not an emergency (drills, anniversaries), and one for
// phrases matched only so that their words are not read as cues (exercise caution).
type TypeCueLabel = TypeId | 'non-event' | 'ignore';

// Written as plain English: phrases are tokenised and Porter-stemmed once, on first use, so
// "flooding", "floods" and "flooded" all match "flood". Phrases win over their words
// (a "forest fire" is a wildfire, not a building fire; "lightning strike" is not a strike).
const TYPE_CUES: readonly CueLine<TypeCueLabel>[] = [
  ['flood', 3.5, 'flash flood, levee breach, dam breach, dam failure, ice jam'],
  ['flood', 3, 'flood, inundation, inundated, torrential rain, waterlogging'],
  ['flood', 2, 'heavy rain, rainstorm, downpour, overflowing river'],
  ['drought', 3, 'drought, dry spell, water shortage'],
  ['sandstorm', 3, 'sandstorm, sand storm, dust storm, duststorm, haboob'],
  ['sandstorm', 2, 'blowing dust, blowing sand, floating dust'],
  ['snow-disaster', 3, 'blizzard, snowstorm, snow storm, dzud, winter storm, heavy snow, heavy snowfall'],
  ['snow-disaster', 2, 'avalanche, snowfall, snowdrift'],
  ['snow-disaster', 1, 'snow'],
  ['cold-wave', 3, 'cold wave, cold snap, extreme cold, hard freeze'],
  ['cold-wave', 2.5, 'cold spell, frost, freezing rain, black ice, icy roads, ice storm'],
  ['cold-wave', 2, 'freeze, wind chill'],
  ['gale', 3, 'gale, windstorm, tornado, high wind, strong wind, damaging wind'],
  ['gale', 2, 'squall, gust'],
  ['hail-lightning', 3, 'hail, hailstorm, hailstone, severe thunderstorm, lightning strike'],
  ['hail-lightning', 2.5, 'thunderstorm, lightning'],
  ['heat', 3, 'heat wave, heatwave, extreme heat, excessive heat, heatstroke, heat stroke'],
  ['heat', 2, 'high temperature, heat advisory'],
  ['heat', 1, 'heat'],
  ['fog-haze', 3, 'dense fog, heavy fog, smog'],
  ['fog-haze', 2.5, 'fog, haze'],
  ['fog-haze', 1.5, 'poor visibility, low visibility'],
  ['earthquake', 3, 'earthquake, quake, temblor, aftershock'],
  ['earthquake', 2, 'tremor, seismic, epicenter, epicentre'],
  ['earthquake', 1.5, 'magnitude'],
  ['geological', 3, 'landslide, mudslide, mudflow, mud flow, debris flow, rockfall, rock fall'],
  ['geological', 2.5, 'sinkhole, ground collapse, ground subsidence'],
  ['wildfire', 3.5, 'forest fire, grassland fire, grass fire, steppe fire, prairie fire, brush fire, bush fire'],
  ['wildfire', 3, 'wildfire, wild fire, bushfire, red flag warning'],
  ['biological', 3, 'locust, locust swarm, armyworm, infestation, pest outbreak'],
  ['biological', 2, 'pest, grasshopper, rodent'],
  ['mining', 4, 'coal mine, mine collapse, mine flood, mining accident, colliery, tailings dam'],
  ['mining', 2.5, 'miner, gas outburst, tailings, open pit'],
  ['mining', 2, 'mine, mining'],
  ['hazchem', 3.5, 'chemical leak, chemical plant, chemical explosion, hazardous material, hazmat, toxic gas'],
  ['hazchem', 3, 'ammonia leak, chlorine leak, petrochemical, refinery'],
  ['hazchem', 1.5, 'chemical, fireworks, storage tank, explosion, blast'],
  ['workplace', 3, 'industrial accident, workplace accident, construction site, crane collapse, scaffolding collapse'],
  ['workplace', 2.5, 'dust explosion, scaffolding, factory accident'],
  ['fire', 3, 'building fire, house fire, apartment fire, residential fire, warehouse fire, market fire'],
  ['fire', 3, 'factory fire, hotel fire, vehicle fire, blaze'],
  ['fire', 1.5, 'fire, flames'],
  ['traffic', 3.5, 'plane crash, car crash, bus crash, train crash, traffic accident, road accident, pileup'],
  ['traffic', 3, 'derail, derailment, collision, capsize, shipwreck'],
  ['traffic', 2, 'crash, collide, overturned'],
  ['infrastructure', 3, 'power outage, power cut, blackout, bridge collapse, building collapse, gas explosion'],
  ['infrastructure', 2.5, 'outage, gas leak, water outage, burst pipe, pipeline burst, elevator'],
  ['infrastructure', 1, 'collapse'],
  ['pollution', 3.5, 'oil spill, toxic waste, fish kill, dead fish'],
  ['pollution', 2.5, 'pollution, contamination, contaminated, sewage, wastewater, spill'],
  ['pollution', 1.5, 'discharge, emission'],
  ['epidemic', 3, 'epidemic, pandemic, plague, cholera, brucellosis, covid, coronavirus, measles'],
  ['epidemic', 3, 'dengue, ebola, mpox, anthrax'],
  ['epidemic', 2.5, 'outbreak, influenza, flu'],
  ['epidemic', 2, 'infection, infected, virus, disease'],
  ['animal-epidemic', 4.5, 'avian influenza, bird flu, african swine fever, foot and mouth, foot and mouth disease'],
  ['animal-epidemic', 4.5, 'peste des petits ruminants, lumpy skin disease, sheep pox'],
  ['animal-epidemic', 3, 'swine fever, animal disease, h5n1, h5n6, h7n9'],
  ['animal-epidemic', 2, 'livestock, poultry, cull'],
  ['food-safety', 4, 'food poisoning, contaminated food, tainted food'],
  ['food-safety', 3, 'food safety, poisoning'],
  ['mass-incident', 3.5, 'stampede, crowd crush'],
  ['mass-incident', 3, 'protest, riot, unrest, wage arrears'],
  ['mass-incident', 2, 'demonstration, clash, petition'],
  ['public-security', 4, 'mass shooting, terror attack, terrorist attack, knife attack'],
  ['public-security', 3, 'shooting, gunman, gunfire, stabbing, terrorism, terrorist, bombing, hostage'],
  ['public-security', 2.5, 'bomb, homicide, murder'],
  ['non-event', 3, 'drill, exercise, simulation, rehearsal, mock, test alert, test message, anniversary, commemorate'],
  ['non-event', 2, 'memorial'],
  ['ignore', 0, 'exercise caution, exercise care, oil drilling, drilling rig, drilling platform, mock up'],
];

const STAGE_CUES: readonly CueLine<StageId>[] = [
  ['warning', 2.5, 'warning, watch, advisory, forecast, forecasted'],
  ['warning', 1.5, 'alert, expected, likely, threat, prepare'],
  ['warning', 0.5, 'issued, possible'],
  ['occurring', 2, 'struck, strikes, hit, hits, occurred, ongoing, broke out, breaks out, raging'],
  ['occurring', 1.5, 'trap, trapped, kill, killed, dead, injured, missing, felt'],
  ['response', 2.5, 'evacuate, evacuation, rescue, rescuers, emergency response, extinguished, firefighters'],
  ['response', 1.5, 'relief, deployed, contained, shelter, search'],
  ['aftermath', 2.5, 'aftermath, recovery, reconstruction, rebuild, restored, reopened, compensation'],
  ['aftermath', 2, 'investigation, lifted, cancelled, canceled'],
  ['rumor', 3, 'rumor, rumour, hoax, debunk, misinformation, false report, fake news'],
  ['rumor', 2, 'unfounded, fake'],
];

// USGS and EMSC titles start with the magnitude: "M 5.1 - 12 km NE of Baotou, China".
const MAGNITUDE_TITLE = /\bM(?:w|wp|L|b|s)?\s?[1-9]\.\d\b/;
const MAGNITUDE_RULE_WEIGHT = 3;
const MAGNITUDE_STAGE_WEIGHT = 1.5;

const MIN_TYPE_SCORE = 1.5;
const MIN_STAGE_SCORE = 1.5;
// Long bulletins are cut: the hazard is named in the headline or lead.
const MAX_TEXT_LENGTH = 5000;

interface Cue<Label extends string> {
  readonly label: Label;
  readonly weight: number;
}

interface CueTable<Label extends string> {
  readonly cues: ReadonlyMap<string, Cue<Label>>;
  readonly longest: number;
}

interface Found<Label extends string> {
  readonly term: string;
  readonly label: Label;
  readonly weight: number;
  readonly source: EvidenceSource;
}

let tokenizer: WordTokenizer | undefined;
let typeTable: CueTable<TypeCueLabel> | undefined;
let stageTable: CueTable<StageId> | undefined;

function tokenize(text: string): string[] {
  tokenizer ??= new WordTokenizer();
  return tokenizer.tokenize(text).filter((token) => token !== '');
}

function stem(token: string): string {
  return PorterStemmer.stem(token);
}

function buildTable<Label extends string>(lines: readonly CueLine<Label>[]): CueTable<Label> {
  const cues = new Map<string, Cue<Label>>();
  let longest = 1;
  for (const [label, weight, phrases] of lines) {
    for (const phrase of phrases.split(',')) {
      const stems = tokenize(phrase).map(stem);
      if (stems.length === 0) continue;
      longest = Math.max(longest, stems.length);
      cues.set(stems.join(' '), { label, weight });
    }
  }
  return { cues, longest };
}

/** Finds cues left to right, the longest phrase first, each token used once. */
function findCues<Label extends string>(
  tokens: readonly string[],
  stems: readonly string[],
  table: CueTable<Label>,
): Found<Label>[] {
  const found: Found<Label>[] = [];
  let index = 0;
  while (index < stems.length) {
    let length = Math.min(table.longest, stems.length - index);
    for (; length > 0; length--) {
      const cue = table.cues.get(stems.slice(index, index + length).join(' '));
      if (cue) {
        const term = tokens.slice(index, index + length).join(' ');
        found.push({ term, label: cue.label, weight: cue.weight, source: 'lexicon' });
        break;
      }
    }
    index += Math.max(length, 1);
  }
  return found;
}

function sumByLabel<Label extends string>(found: readonly Found<Label>[]): [Label, number][] {
  const scores = new Map<Label, number>();
  for (const { label, weight } of found) scores.set(label, (scores.get(label) ?? 0) + weight);
  return [...scores].sort((a, b) => b[1] - a[1]);
}

function logistic(value: number): number {
  return Math.round(1000 / (1 + Math.exp(-value))) / 1000;
}

/**
 * Classifies an English emergency text (GDACS, USGS, ReliefWeb titles and summaries) into a
 * taxonomy type and stage with a stemmed English lexicon, explaining the decision.
 *
 * Tokenises with natural's `WordTokenizer` and stems with its `PorterStemmer`, then matches
 * hazard and stage cues, longest phrase first. USGS-style magnitude titles (`M 5.1 - …`)
 * count as an earthquake. A type needs a score of 1.5; a drill, exercise or anniversary cue
 * turns a hazard into `'none'`. `confidence` is `1 / (1 + e^-(best - second - 1))` for a
 * hazard, `1 / (1 + e^-(2 - best))` when no hazard reaches 1.5, and `1 / (1 + e^-drill)` for a
 * drill: a ranking aid, not a calibrated probability. Node only (natural does not run in browsers).
 *
 * @example
 * ```ts
 * import { classifyEnglish } from '@emwatch/core/node';
 *
 * const result = classifyEnglish('Flash flood warning issued for Ordos');
 * result.type; // 'flood'
 * result.stage; // 'warning'
 * result.explanation[0]; // { term: 'Flash flood', source: 'lexicon', weight: 3.5 }
 * ```
 */
export function classifyEnglish(text: string): EnglishClassification {
  const head = text.slice(0, MAX_TEXT_LENGTH);
  const tokens = tokenize(head);
  const stems = tokens.map(stem);
  typeTable ??= buildTable(TYPE_CUES);
  stageTable ??= buildTable(STAGE_CUES);

  const typeCues = findCues(tokens, stems, typeTable).filter((cue) => cue.label !== 'ignore');
  const stageCues = findCues(tokens, stems, stageTable);
  const magnitude = MAGNITUDE_TITLE.exec(head);
  if (magnitude) {
    const term = magnitude[0];
    typeCues.push({ term, label: 'earthquake', weight: MAGNITUDE_RULE_WEIGHT, source: 'rule' });
    stageCues.push({ term, label: 'occurring', weight: MAGNITUDE_STAGE_WEIGHT, source: 'rule' });
  }

  const typeScores = sumByLabel(typeCues);
  const hazards = typeScores.filter(([label]) => label !== 'non-event');
  const nonEvent = typeScores.find(([label]) => label === 'non-event')?.[1] ?? 0;
  const [best, second] = hazards;
  let type: TypeId = 'none';
  let confidence: number;
  if (!best || best[1] < MIN_TYPE_SCORE) {
    confidence = logistic(2 - (best?.[1] ?? 0));
  } else if (nonEvent > 0) {
    confidence = logistic(nonEvent);
  } else {
    type = best[0] as TypeId;
    confidence = logistic(best[1] - (second?.[1] ?? 0) - 1);
  }

  const [bestStage] = sumByLabel(stageCues);
  const stage = type !== 'none' && bestStage && bestStage[1] >= MIN_STAGE_SCORE ? bestStage[0] : null;

  const decided: string = type === 'none' ? 'non-event' : type;
  const explanation = [
    ...typeCues.map(({ term, label, weight, source }): Evidence => {
      if (label === decided) return { term, source, weight };
      return { term, source, weight, label: label === 'non-event' ? 'none' : (label as TypeId) };
    }),
    ...stageCues.map(({ term, label, weight, source }): Evidence => ({ term, source, weight, label })),
  ].sort((a, b) => b.weight - a.weight);

  return { type, stage, confidence, explanation };
}
