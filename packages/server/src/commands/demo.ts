import { CATEGORIES, CATEGORY_IDS, typesInCategory, typeLabel, type RegionPack } from '@emwatch/core';

/**
 * `emwatch demo` (what `npm start` runs until the monitor lands): shows the region pack and the
 * label set the pipeline speaks, read from the packages themselves.
 */
export function demoCommand(pack: RegionPack, out: (text: string) => void): number {
  const leagues = pack.children(pack.root);
  const counties = leagues.flatMap((league) => pack.children(league.code));
  out(`emwatch · ${pack.name}（${pack.nameEn}）`);
  out(
    `区域包 ${pack.id}: ${leagues.length} 个盟市, ${counties.length} 个旗县（市、区）, ${pack.names.length} 个地名写法`,
  );
  for (const league of leagues) {
    const [lon, lat] = league.centroid;
    out(
      `  ${league.code} ${league.name.padEnd(6, '　')} ${String(pack.children(league.code).length).padStart(2)} 旗县  ` +
        `人口 ${((league.population ?? 0) / 10_000).toFixed(1).padStart(5)}万  中心 ${lon.toFixed(2)}°E ${lat.toFixed(2)}°N`,
    );
  }
  out('事件分类 (taxonomy):');
  for (const category of CATEGORY_IDS) {
    const types = typesInCategory(category).map((type) => typeLabel(type));
    out(`  ${CATEGORIES[category].zh}: ${types.join('、')}`);
  }
  out(`边界数据: ${pack.attribution}`);
  return 0;
}
