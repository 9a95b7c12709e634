import { describe, expect, it } from 'vitest';
import { EmwatchError } from '../errors.js';
import type { Topology } from '../model/geo.js';
import { createRegionPack, type RegionUnitDefinition } from './create-region-pack.js';

// A made-up two-level region: enough to check lookups without depending on a real pack.
const units: RegionUnitDefinition[] = [
  {
    code: '990000',
    name: '示例省',
    level: 'province',
    parent: null,
    shortNames: ['示例'],
    aliases: [],
    pinyin: 'shilisheng',
    population: 300,
  },
  {
    code: '990100',
    name: '甲市',
    level: 'league',
    parent: '990000',
    shortNames: [],
    aliases: ['甲'],
    pinyin: 'jiashi',
    population: 200,
  },
  {
    code: '990102',
    name: '城关区',
    level: 'county',
    parent: '990100',
    shortNames: ['城关'],
    aliases: [],
    pinyin: 'chengguanqu',
    population: 120,
    ambiguousNames: ['城关区', '城关'],
  },
  {
    code: '990121',
    name: '乙旗',
    level: 'county',
    parent: '990100',
    shortNames: [],
    aliases: ['乙'],
    pinyin: 'yiqi',
    population: 80,
  },
];
const centroids = {
  '990000': [100, 40],
  '990100': [100, 40],
  '990102': [100.1, 40.1],
  '990121': [99.9, 39.9],
} as const;
const boundaries: Topology = {
  type: 'Topology',
  arcs: [
    [
      [0, 0],
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
    ],
  ],
  objects: {
    league: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', id: '990100', arcs: [[0]] }] },
    county: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', id: '990102', arcs: [[0]] }] },
  },
};
const pack = createRegionPack({
  id: 'demo',
  name: '示例省',
  nameEn: 'Example',
  units,
  centroids,
  boundaries,
  attribution: 'test',
});

describe('createRegionPack', () => {
  it('finds the root unit', () => {
    expect(pack.root).toBe('990000');
  });

  it('resolves full names, short names and aliases to the same unit', () => {
    expect(pack.byName('乙旗')?.code).toBe('990121');
    expect(pack.byName('乙')?.code).toBe('990121');
    expect(pack.byName('城关')?.code).toBe('990102');
  });

  it('returns nothing for a name it does not know', () => {
    expect(pack.byName('丙县')).toBeUndefined();
  });

  it('lists children in code order and finds the parent', () => {
    expect(pack.children('990100').map((u) => u.code)).toEqual(['990102', '990121']);
    expect(pack.parent('990121')?.code).toBe('990100');
    expect(pack.parent('990000')).toBeUndefined();
  });

  it('knows which units lie below another', () => {
    expect(pack.contains('990000', '990121')).toBe(true);
    expect(pack.contains('990100', '990100')).toBe(true);
    expect(pack.contains('990121', '990100')).toBe(false);
  });

  it('marks ambiguous written forms and sorts names longest first', () => {
    expect(pack.names.find((n) => n.text === '城关')).toEqual({
      text: '城关',
      code: '990102',
      kind: 'short',
      ambiguous: true,
    });
    expect(pack.names.find((n) => n.text === '乙')?.ambiguous).toBe(false);
    const lengths = pack.names.map((n) => n.text.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });

  it('takes centroids from the table when a unit has none of its own', () => {
    expect(pack.byCode('990102')?.centroid).toEqual([100.1, 40.1]);
  });

  it('gives boundaries at one level as a topology with one object named after the level', () => {
    expect(Object.keys(pack.boundaries('county').objects)).toEqual(['county']);
    expect(pack.boundaries('county').arcs).toBe(boundaries.arcs);
  });

  it('rejects a name that denotes two units, naming both', () => {
    const clash = units.map((u) => (u.code === '990121' ? { ...u, aliases: ['城关'] } : u));
    expect(() =>
      createRegionPack({
        id: 'demo',
        name: '示例省',
        nameEn: 'Example',
        units: clash,
        centroids,
        boundaries,
        attribution: '',
      }),
    ).toThrow(/name 城关 denotes both 990102 and 990121/);
  });

  it('rejects a unit whose parent does not exist, with a stable error code', () => {
    const orphan = [...units, { ...units[3]!, code: '990122', name: '丁旗', aliases: [], parent: '990200' }];
    const attempt = () =>
      createRegionPack({
        id: 'demo',
        name: '示例省',
        nameEn: 'Example',
        units: orphan,
        centroids: { ...centroids, '990122': [1, 1] },
        boundaries,
        attribution: '',
      });
    expect(attempt).toThrow(EmwatchError);
    expect(attempt).toThrow(/unit 990122 丁旗 has unknown parent 990200/);
  });

  it('rejects an ambiguous mark on a name the unit does not have', () => {
    const wrong = units.map((u) => (u.code === '990121' ? { ...u, ambiguousNames: ['戊'] } : u));
    expect(() =>
      createRegionPack({
        id: 'demo',
        name: '示例省',
        nameEn: 'Example',
        units: wrong,
        centroids,
        boundaries,
        attribution: '',
      }),
    ).toThrow(/marks 戊 ambiguous but has no such name/);
  });
});
