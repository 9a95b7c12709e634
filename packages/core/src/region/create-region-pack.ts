import { EmwatchError } from '../errors.js';
import type { LonLat, Topology } from '../model/geo.js';
import type { BoundaryLevel, RegionName, RegionPack, RegionUnit } from '../model/region-pack.js';

/** A unit as a region pack's data file writes it: everything but the derived fields may be given. */
export interface RegionUnitDefinition extends Omit<RegionUnit, 'centroid' | 'ambiguousNames'> {
  /** Representative point; when omitted it must come from {@link CreateRegionPackOptions.centroids}. */
  readonly centroid?: LonLat;
  /** See {@link RegionUnit.ambiguousNames}; defaults to none. */
  readonly ambiguousNames?: readonly string[];
}

/** Options of {@link createRegionPack}. */
export interface CreateRegionPackOptions {
  /** Stable identifier, e.g. `'nmg'`. */
  readonly id: string;
  /** Chinese name of the region. */
  readonly name: string;
  /** English name of the region. */
  readonly nameEn: string;
  /** Every unit, including exactly one of level `'province'` (the root). */
  readonly units: readonly RegionUnitDefinition[];
  /** Representative points by unit code, for units whose definition has none. */
  readonly centroids?: Readonly<Record<string, LonLat>>;
  /**
   * One topology holding an object per boundary level (`objects.league`, `objects.county`),
   * geometries keyed by unit code in `id`.
   */
  readonly boundaries: Topology;
  /** Attribution and licence of the boundary data. */
  readonly attribution: string;
}

/**
 * Builds a {@link RegionPack} from a unit list and boundaries, checking the data once so that
 * a broken pack fails at load with a message naming the unit, not later during extraction.
 *
 * @example
 * const pack = createRegionPack({ id: 'nmg', name: '内蒙古自治区', nameEn: 'Inner Mongolia', units, boundaries, attribution });
 * pack.byName('锡盟')?.code; // '152500'
 */
export function createRegionPack(options: CreateRegionPackOptions): RegionPack {
  const fail = (reason: string): never => {
    throw new EmwatchError('EMW_REGION_INVALID', `[emwatch] [region ${options.id}] ${reason}`);
  };
  const byCode = new Map<string, RegionUnit>();
  const childrenOf = new Map<string, RegionUnit[]>();
  const nameToCode = new Map<string, string>();
  const names: RegionName[] = [];
  let root: string | undefined;

  const units = [...options.units]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((definition): RegionUnit => {
      const centroid = definition.centroid ?? options.centroids?.[definition.code];
      if (!centroid) fail(`unit ${definition.code} ${definition.name} has no centroid`);
      return { ...definition, centroid: centroid as LonLat, ambiguousNames: definition.ambiguousNames ?? [] };
    });

  for (const unit of units) {
    if (!/^\d{6}$/.test(unit.code)) fail(`unit code ${JSON.stringify(unit.code)} is not six digits`);
    if (byCode.has(unit.code)) fail(`unit code ${unit.code} appears twice`);
    byCode.set(unit.code, unit);
    if (unit.level === 'province') {
      if (root !== undefined) fail(`both ${root} and ${unit.code} are of level province`);
      root = unit.code;
    }
    const forms: [string, RegionName['kind']][] = [
      [unit.name, 'name'],
      ...unit.shortNames.map((text): [string, RegionName['kind']] => [text, 'short']),
      ...unit.aliases.map((text): [string, RegionName['kind']] => [text, 'alias']),
    ];
    for (const [text, kind] of forms) {
      const other = nameToCode.get(text);
      if (other !== undefined && other !== unit.code) fail(`name ${text} denotes both ${other} and ${unit.code}`);
      if (other !== undefined) continue;
      nameToCode.set(text, unit.code);
      names.push({ text, code: unit.code, kind, ambiguous: unit.ambiguousNames.includes(text) });
    }
    for (const text of unit.ambiguousNames) {
      if (!forms.some(([form]) => form === text))
        fail(`unit ${unit.code} marks ${text} ambiguous but has no such name`);
    }
  }
  if (root === undefined) fail('has no unit of level province');

  for (const unit of units) {
    if (unit.parent === null) continue;
    if (!byCode.has(unit.parent)) fail(`unit ${unit.code} ${unit.name} has unknown parent ${unit.parent}`);
    const siblings = childrenOf.get(unit.parent) ?? [];
    siblings.push(unit);
    childrenOf.set(unit.parent, siblings);
  }
  names.sort((a, b) => b.text.length - a.text.length || a.text.localeCompare(b.text));

  const topologies = new Map<BoundaryLevel, Topology>();
  const boundaries = (level: BoundaryLevel): Topology => {
    let topology = topologies.get(level);
    if (!topology) {
      const object = options.boundaries.objects[level];
      if (!object) return fail(`has no boundaries at level ${level}`);
      // A topology per level shares the arcs array, so this costs one small object.
      topology = { ...options.boundaries, objects: { [level]: object } };
      topologies.set(level, topology);
    }
    return topology;
  };

  const parent = (code: string): RegionUnit | undefined => {
    const up = byCode.get(code)?.parent;
    return up == null ? undefined : byCode.get(up);
  };

  return {
    id: options.id,
    name: options.name,
    nameEn: options.nameEn,
    root: root as string,
    units,
    names,
    attribution: options.attribution,
    byCode: (code) => byCode.get(code),
    byName: (name) => {
      const code = nameToCode.get(name.trim());
      return code === undefined ? undefined : byCode.get(code);
    },
    children: (code) => childrenOf.get(code) ?? [],
    parent,
    contains: (ancestor, code) => {
      for (let unit = byCode.get(code); unit; unit = parent(unit.code)) {
        if (unit.code === ancestor) return true;
      }
      return false;
    },
    boundaries,
  };
}
