import type { Topology } from './geo.js';

/** Administrative level of a region unit, from the province down to the county. */
export type RegionLevel = 'province' | 'league' | 'county';

/** Level at which a region pack ships boundaries. */
export type BoundaryLevel = Exclude<RegionLevel, 'province'>;

/** How a written form of a place name relates to its unit. */
export type RegionNameKind = 'name' | 'short' | 'alias';

/**
 * One administrative unit of a region pack: the province itself, a league-level unit
 * (盟/地级市) or a county-level unit (旗/县/区/县级市).
 */
export interface RegionUnit {
  /** GB/T 2260 six-digit administrative division code, e.g. `'152525'` for 东乌珠穆沁旗. */
  readonly code: string;
  /** Full official Chinese name, e.g. `'东乌珠穆沁旗'`. */
  readonly name: string;
  /** Administrative level. */
  readonly level: RegionLevel;
  /** Code of the unit one level up; `null` for the province. */
  readonly parent: string | null;
  /** Official short forms used in documents, e.g. `['东乌珠穆沁']`. */
  readonly shortNames: readonly string[];
  /** Forms people really write in news and posts, e.g. `['东乌旗', '东乌']`. */
  readonly aliases: readonly string[];
  /** Hanyu Pinyin of the full name without tones, syllables joined, e.g. `'dongwuzhumuqinqi'`. */
  readonly pinyin: string;
  /** English name where one is established (always for the province and leagues), e.g. `'Xilingol League'`. */
  readonly nameEn?: string;
  /** A representative point `[longitude, latitude]` in WGS-84 that lies inside the unit. */
  readonly centroid: readonly [number, number];
  /** Resident population (7th national census, 2020); `null` when unknown. */
  readonly population: number | null;
  /**
   * Those of `name`, `shortNames` and `aliases` that also denote something else (a place elsewhere
   * in China, a river, an ordinary word), so text extraction must ask for context before using them.
   */
  readonly ambiguousNames: readonly string[];
}

/** One written form of a unit's name, as used for dictionary matching of places in text. */
export interface RegionName {
  /** The written form, e.g. `'锡盟'`. */
  readonly text: string;
  /** Code of the unit it denotes. */
  readonly code: string;
  /** Whether this is the full name, an official short form or a colloquial alias. */
  readonly kind: RegionNameKind;
  /** True when the form also means something outside this region pack (see {@link RegionUnit.ambiguousNames}). */
  readonly ambiguous: boolean;
}

/**
 * A region pack: the administrative units of one province (or any region) with lookups and
 * boundaries. Core never depends on a particular pack; build one with `createRegionPack`.
 */
export interface RegionPack {
  /** Stable identifier, e.g. `'nmg'`. */
  readonly id: string;
  /** Chinese name of the region, e.g. `'内蒙古自治区'`. */
  readonly name: string;
  /** English name of the region. */
  readonly nameEn: string;
  /** Code of the root unit (the province). */
  readonly root: string;
  /** Every unit: the root first, then leagues and counties in code order. */
  readonly units: readonly RegionUnit[];
  /** Every written form of every unit's name, longest first (ready for dictionary matching). */
  readonly names: readonly RegionName[];
  /** Attribution and licence of the boundary data. */
  readonly attribution: string;
  /** The unit with this code, if any. */
  byCode(code: string): RegionUnit | undefined;
  /** The unit a full name, short name or alias denotes, if any. */
  byName(name: string): RegionUnit | undefined;
  /** The units directly below this one, in code order. */
  children(code: string): readonly RegionUnit[];
  /** The unit directly above this one, if any. */
  parent(code: string): RegionUnit | undefined;
  /** True when `code` is `ancestor` itself or lies below it. */
  contains(ancestor: string, code: string): boolean;
  /**
   * Boundaries at one level as TopoJSON with a single object named after the level
   * (`objects.league` or `objects.county`), each geometry's `id` being the unit code.
   */
  boundaries(level: BoundaryLevel): Topology;
}
