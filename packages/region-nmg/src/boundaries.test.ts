import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology as TopoTopology } from 'topojson-specification';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { geometryContains, signedArea, polygonsOf } from '../scripts/geometry.js';
import regionNmg from './index.js';

type Polygonal = FeatureCollection<Polygon | MultiPolygon>;
const featuresAt = (level: 'league' | 'county'): Polygonal => {
  const topology = regionNmg.boundaries(level) as unknown as TopoTopology;
  return feature(topology, topology.objects[level]!) as Polygonal;
};
const leagues = featuresAt('league');
const counties = featuresAt('county');
const geometryOf = (collection: Polygonal, code: string) => collection.features.find((f) => f.id === code)!.geometry;

describe('Inner Mongolia boundaries', () => {
  it('have one league feature per league, keyed by code', () => {
    const codes = leagues.features.map((f) => f.id).sort();
    expect(codes).toEqual(
      regionNmg.units
        .filter((u) => u.level === 'league')
        .map((u) => u.code)
        .sort(),
    );
  });

  it('have one county feature per county, keyed by code', () => {
    const codes = counties.features.map((f) => f.id).sort();
    expect(codes).toHaveLength(103);
    expect(codes).toEqual(
      regionNmg.units
        .filter((u) => u.level === 'county')
        .map((u) => u.code)
        .sort(),
    );
  });

  it('put every county centroid inside its own county and its league', () => {
    const outside = regionNmg.units
      .filter((u) => u.level === 'county')
      .filter(
        (u) =>
          !geometryContains(geometryOf(counties, u.code), u.centroid) ||
          !geometryContains(geometryOf(leagues, u.parent!), u.centroid),
      )
      .map((u) => u.name);
    expect(outside).toEqual([]);
  });

  it('put every league centroid inside the league', () => {
    const outside = regionNmg.units
      .filter((u) => u.level === 'league')
      .filter((u) => !geometryContains(geometryOf(leagues, u.code), u.centroid));
    expect(outside).toEqual([]);
  });

  it('lie in WGS-84 within Inner Mongolia’s extent', () => {
    // The province spans about 97.2°–126.1° E and 37.4°–53.4° N.
    for (const unit of regionNmg.units) {
      expect(unit.centroid[0]).toBeGreaterThan(97);
      expect(unit.centroid[0]).toBeLessThan(126.2);
      expect(unit.centroid[1]).toBeGreaterThan(37.3);
      expect(unit.centroid[1]).toBeLessThan(53.5);
    }
  });

  it('wind exterior rings clockwise as d3-geo expects', () => {
    for (const f of [...leagues.features, ...counties.features]) {
      for (const rings of polygonsOf(f.geometry)) expect(signedArea(rings[0]!)).toBeLessThan(0);
    }
  });

  it('stay under 150 KB for both levels together', () => {
    const bytes = readFileSync(new URL('./data/boundaries.json', import.meta.url)).byteLength;
    expect(bytes).toBeLessThan(150 * 1024);
  });

  it('render in a Vega-Lite geoshape as 103 county shapes, none covering the whole globe', async () => {
    const spec: vegaLite.TopLevelSpec = {
      width: 400,
      height: 300,
      data: { values: regionNmg.boundaries('county'), format: { type: 'topojson', feature: 'county' } },
      projection: { type: 'mercator' },
      mark: { type: 'geoshape', stroke: 'white' },
    };
    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
    await view.runAsync();
    const svg = await view.toSVG();
    // Every path but the view's background rectangle is a county.
    const paths = (svg.match(/<path [^>]*d="M[^"]+"/g) ?? []).filter((path) => !path.includes('class="background"'));
    expect(paths).toHaveLength(103);
    // A reversed ring is drawn by d3 as the sphere minus the shape: a path as large as the view.
    const areas = (view.scenegraph() as unknown as { root: SceneNode }).root;
    const sizes = collectBounds(areas).map((b) => (b.x2 - b.x1) * (b.y2 - b.y1));
    expect(sizes).toHaveLength(103);
    expect(Math.max(...sizes)).toBeLessThan(400 * 300 * 0.25);
    view.finalize();
  });
});

interface SceneNode {
  marktype?: string;
  items?: SceneNode[];
  bounds?: { x1: number; y1: number; x2: number; y2: number };
}
function collectBounds(node: SceneNode): { x1: number; y1: number; x2: number; y2: number }[] {
  if (node.marktype === 'shape') return (node.items ?? []).map((item) => item.bounds!);
  return (node.items ?? []).flatMap(collectBounds);
}
