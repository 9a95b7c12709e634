import type { TypeId } from '../../model/taxonomy.js';

/**
 * Pairs of types whose signals can describe one happening: the same weather process, or hazards
 * one causes in the other, or types the classifier confuses on short texts. Each pair with why.
 */
const FAMILY_PAIRS: readonly (readonly [TypeId, TypeId, string])[] = [
  ['snow-disaster', 'cold-wave', '暴雪 and 寒潮 come with the same cold-air outbreak'],
  ['snow-disaster', 'gale', '白毛风 and 暴风雪 are snow driven by gale'],
  ['sandstorm', 'gale', '大风 raises the dust: one warning process, two warning types'],
  ['gale', 'hail-lightning', '雷雨大风 and hail come from one convective storm'],
  ['flood', 'hail-lightning', 'a convective storm brings hail and flash floods'],
  ['flood', 'geological', 'rain triggers the 山洪、泥石流、滑坡 it is reported with'],
  ['earthquake', 'geological', 'a quake triggers landslides and collapses'],
  ['mining', 'geological', 'ground collapse over mined-out areas (采空区塌陷)'],
  ['wildfire', 'fire', 'a grassland fire reaches buildings; short posts say only 着火了'],
  ['mining', 'hazchem', 'explosions in coal-chemical plants and mines are told alike'],
  ['mining', 'workplace', 'accidents at mine sites read like other workplace accidents'],
  ['hazchem', 'workplace', 'plant explosions and confined-space poisoning'],
  ['hazchem', 'pollution', 'a leak is reported as pollution (刺鼻气味, 死鱼)'],
  ['hazchem', 'fire', 'a chemical plant burns after an explosion'],
  ['hazchem', 'traffic', 'a tanker overturns and leaks'],
  ['infrastructure', 'fire', 'a residential gas explosion starts a fire'],
  ['infrastructure', 'hazchem', 'a gas leak is reported as a chemical leak'],
  ['epidemic', 'food-safety', 'collective poisoning first looks like an outbreak'],
  ['epidemic', 'animal-epidemic', 'zoonoses (布病, 鼠疫) are reported as both'],
  ['mass-incident', 'public-security', 'a gathering turns into a fight'],
  ['drought', 'heat', 'heat and drought are one dry spell'],
];

const FAMILY = new Map<TypeId, Set<TypeId>>();
for (const [a, b] of FAMILY_PAIRS) {
  if (!FAMILY.has(a)) FAMILY.set(a, new Set());
  if (!FAMILY.has(b)) FAMILY.set(b, new Set());
  FAMILY.get(a)!.add(b);
  FAMILY.get(b)!.add(a);
}

/** How two types relate for clustering: the same, of one family, or unrelated. */
export function typeRelation(a: TypeId, b: TypeId): 'same' | 'family' | null {
  if (a === b) return 'same';
  return FAMILY.get(a)?.has(b) ? 'family' : null;
}

const LISTS = new Map<TypeId, readonly TypeId[]>([...FAMILY].map(([type, members]) => [type, [...members]]));

/** Types of the same family as `type` (not including it). */
export function familyOf(type: TypeId): readonly TypeId[] {
  return LISTS.get(type) ?? [];
}
