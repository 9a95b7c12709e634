import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../model/geo.js';
import { createPointLocator } from './locate-point.js';
import { createRegionPack } from './create-region-pack.js';

const locator = createPointLocator(regionNmg);

describe('createPointLocator with the Inner Mongolia pack', () => {
  it('puts a point in Xilinhot in 锡林浩特市 and 锡林郭勒盟', () => {
    expect(locator.locate(116.07, 43.94)).toEqual(['152502', '152500']);
  });

  it('puts Genhe, in the Greater Khingan forest, in 根河市 and 呼伦贝尔市', () => {
    expect(locator.locate(121.52, 50.78)).toEqual(['150785', '150700']);
  });

  it('finds nothing for Ulaanbaatar', () => {
    expect(locator.locate(106.92, 47.92)).toEqual([]);
  });

  it('gives distance 0 inside the region', () => {
    expect(locator.distanceToRegionKm(116.07, 43.94)).toBe(0);
  });

  it('measures Zamyn-Üüd, across the border from Erenhot, a few kilometres outside', () => {
    expect(locator.locate(111.9, 43.72)).toEqual([]);
    const km = locator.distanceToRegionKm(111.9, 43.72);
    expect(km).toBeGreaterThan(0.5);
    expect(km).toBeLessThan(10);
  });

  it('measures Choibalsan about 74 km from the border of 新巴尔虎右旗', () => {
    expect(locator.distanceToRegionKm(114.53, 48.07)).toBeCloseTo(74, 0);
    expect(locator.nearestUnit(114.53, 48.07)?.codes).toEqual(['150727', '150700']);
  });

  it('names the unit a point inside lies in as its nearest, at distance 0', () => {
    expect(locator.nearestUnit(116.07, 43.94)).toEqual({ codes: ['152502', '152500'], distanceKm: 0 });
  });

  it('measures Beijing about 200 km south of the region', () => {
    const km = locator.distanceToRegionKm(116.4, 39.9);
    expect(km).toBeGreaterThan(150);
    expect(km).toBeLessThan(260);
  });

  it('gives every county centroid its own county and league', () => {
    const wrong = regionNmg.units
      .filter((u) => u.level === 'county')
      .filter((u) => locator.locate(u.centroid[0], u.centroid[1]).join() !== `${u.code},${u.parent}`)
      .map((u) => u.name);
    expect(wrong).toEqual([]);
  });

  it('spans Inner Mongolia’s extent in its bounding box', () => {
    const [minLon, minLat, maxLon, maxLat] = locator.bbox;
    expect(minLon).toBeCloseTo(97.17, 1);
    expect(minLat).toBeCloseTo(37.41, 1);
    expect(maxLon).toBeCloseTo(126.07, 1);
    expect(maxLat).toBeCloseTo(53.34, 1);
  });

  it('treats non-finite coordinates as outside', () => {
    expect(locator.locate(Number.NaN, 43)).toEqual([]);
    expect(locator.distanceToRegionKm(Number.POSITIVE_INFINITY, 43)).toBe(Infinity);
    expect(locator.nearestUnit(Number.NaN, Number.NaN)).toBeUndefined();
  });
});

describe('createPointLocator with a hand-made pack', () => {
  // A square league of two counties; the western county has a square hole (an enclave of nothing).
  const topology: Topology = {
    type: 'Topology',
    objects: {
      league: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', id: '990100', arcs: [[0]] }] },
      county: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', id: '990101', arcs: [[1, 2], [3]] },
          { type: 'Polygon', id: '990102', arcs: [[4, ~2]] },
        ],
      },
    },
    arcs: [
      [
        [0, 0],
        [0, 2],
        [2, 2],
        [2, 0],
        [0, 0],
      ],
      [
        [1, 0],
        [0, 0],
        [0, 2],
        [1, 2],
      ],
      [
        [1, 2],
        [1, 0],
      ],
      [
        [0.25, 0.75],
        [0.75, 0.75],
        [0.75, 1.25],
        [0.25, 1.25],
        [0.25, 0.75],
      ],
      [
        [1, 2],
        [2, 2],
        [2, 0],
        [1, 0],
      ],
    ],
  };
  const unit = (code: string, level: 'province' | 'league' | 'county', parent: string | null) => ({
    code,
    name: code,
    level,
    parent,
    shortNames: [],
    aliases: [],
    pinyin: code,
    population: null,
    centroid: [0.1, 0.1] as const,
  });
  const pack = createRegionPack({
    id: 'square',
    name: 'square',
    nameEn: 'Square',
    units: [
      unit('990000', 'province', null),
      unit('990100', 'league', '990000'),
      unit('990101', 'county', '990100'),
      unit('990102', 'county', '990100'),
    ],
    boundaries: topology,
    attribution: 'test',
  });
  const square = createPointLocator(pack);

  it('tells the two counties apart', () => {
    expect(square.locate(0.1, 0.1)).toEqual(['990101', '990100']);
    expect(square.locate(1.5, 1)).toEqual(['990102', '990100']);
  });

  it('leaves a point in a county’s hole outside that county', () => {
    expect(square.locate(0.5, 1)).toEqual(['990100']);
  });

  it('measures the distance to the outer boundary, not to the line between counties', () => {
    // 0.1° east of the square at latitude 1°: about 11.1 km.
    expect(square.distanceToRegionKm(2.1, 1)).toBeCloseTo(0.1 * 111.195 * Math.cos(Math.PI / 180), 2);
    expect(square.nearestUnit(2.1, 1)?.codes).toEqual(['990102', '990100']);
    expect(square.nearestUnit(-0.1, 1)?.codes).toEqual(['990101', '990100']);
  });
});
