import type { TypeId } from '../../model/taxonomy.js';
import type { FactorInput, FactorResult } from './factor-input.js';

/** What the scorer knows about a type before reading any signal. */
export interface TypeRisk {
  /** Base severity 0..1: how much harm a typical occurrence of the type does in Inner Mongolia. */
  readonly severity: number;
  /** Whether official colour-graded warnings are issued for the type (the `warning` factor applies). */
  readonly warned: boolean;
}

/**
 * Base severity per type, with the reason for each value. The order of magnitude comes from how
 * often a type kills or displaces people in the region's records (sudden-onset, mass-casualty
 * hazards high; nuisance weather low); the values are deliberately coarse (steps of 0.05).
 *
 * `warned`: the meteorological types (national warning-signal codes 11B…), geological hazards
 * (地质灾害气象风险预警), grassland and forest fires (森林草原火险预警), floods and droughts
 * (水旱灾害预警), epidemics and animal epidemics (the 突发事件应对法 four-colour warnings issued by
 * health and agriculture authorities) and pollution (重污染天气 and 突发环境事件预警). Earthquakes
 * have no colour warnings (magnitude scores instead), nor do accidents and social-safety events.
 */
export const TYPE_RISK: Readonly<Record<TypeId, TypeRisk>> = {
  // Sudden, can cause mass casualties and collapse over a wide area.
  earthquake: { severity: 0.85, warned: false },
  // Explosions, toxic releases: sudden, many casualties, evacuation of neighbourhoods.
  hazchem: { severity: 0.8, warned: false },
  // Mountain torrents and river floods (扎兰屯 2023): fast, deadly, mass relocation.
  flood: { severity: 0.75, warned: true },
  // Coal and open-pit mines dominate the region's accident deaths (roof falls, slope collapses).
  mining: { severity: 0.75, warned: false },
  // Grassland fires spread with the wind across borders and counties.
  wildfire: { severity: 0.7, warned: true },
  // Infectious disease: plague and brucellosis are endemic in the region.
  epidemic: { severity: 0.7, warned: true },
  // Violent attacks: few events, high harm and public concern.
  'public-security': { severity: 0.7, warned: false },
  // White disasters (白灾) strand herders and kill livestock; blizzards close roads for days.
  'snow-disaster': { severity: 0.65, warned: true },
  // Landslides and collapses: local but deadly.
  geological: { severity: 0.65, warned: true },
  // Building, market and warehouse fires: deaths possible, usually local.
  fire: { severity: 0.6, warned: false },
  // Foot-and-mouth, avian flu, African swine fever: economic loss, culling, movement bans.
  'animal-epidemic': { severity: 0.55, warned: true },
  // Factory and construction accidents: usually one or a few casualties.
  workplace: { severity: 0.55, warned: false },
  // Road crashes, some with many casualties; railway and air rarely.
  traffic: { severity: 0.55, warned: false },
  // Gatherings and clashes: social risk rather than physical harm.
  'mass-incident': { severity: 0.55, warned: false },
  // Slow-onset, wide-area, economic loss; rarely direct casualties.
  drought: { severity: 0.5, warned: true },
  // Strong dust storms stop traffic and harm health over whole leagues.
  sandstorm: { severity: 0.5, warned: true },
  // Discharges and spills: health and ecological harm, often contested.
  pollution: { severity: 0.5, warned: true },
  // Group poisonings: several people at once, usually recoverable.
  'food-safety': { severity: 0.5, warned: false },
  // Cold waves and frost: livestock and crop losses, road icing.
  'cold-wave': { severity: 0.45, warned: true },
  // Gales knock down structures; occasional deaths.
  gale: { severity: 0.45, warned: true },
  // Hail and lightning: crop loss, occasional lightning deaths of herders.
  'hail-lightning': { severity: 0.45, warned: true },
  // Outages of power, water, heating; gas explosions in homes.
  infrastructure: { severity: 0.45, warned: false },
  // Heat waves: rarely severe in the region's climate.
  heat: { severity: 0.4, warned: true },
  // Fog and haze: traffic disruption.
  'fog-haze': { severity: 0.35, warned: true },
  // Locusts, grassland rodents, pests: slow economic loss.
  biological: { severity: 0.35, warned: false },
  // Not an emergency.
  none: { severity: 0, warned: false },
};

/** Type severity: the preset's override for the type, else the built-in base severity. */
export function typeSeverityFactor({ event, preset }: FactorInput): FactorResult {
  const value = preset.typeSeverity[event.type] ?? TYPE_RISK[event.type].severity;
  return { applies: true, value, evidence: event.signalIds.slice(0, 3), facts: { type: event.type } };
}
