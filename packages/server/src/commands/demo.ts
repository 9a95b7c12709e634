import { readFileSync } from 'node:fs';
import {
  analyzeText,
  CATEGORIES,
  CATEGORY_IDS,
  colorLabel,
  stageLabel,
  typesInCategory,
  typeLabel,
  type RegionPack,
} from '@emwatch/core';
import { DEMO_POSTS } from '../demo-data.js';

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
  out('');
  out('文本研判示例 (analyzeText on the bundled demo posts):');
  for (const line of readFileSync(DEMO_POSTS, 'utf8').split('\n').filter(Boolean)) {
    const post = JSON.parse(line) as { id: string; source: string; text: string };
    const analysis = analyzeText(post.text, { region: pack });
    const casualties = Object.entries(analysis.casualties)
      .filter(([kind, count]) => kind !== 'approximate' && count !== null)
      .map(([kind, count]) => `${CASUALTY_LABELS[kind] ?? kind}${count}`);
    const facts = [
      `${typeLabel(analysis.type)}${analysis.stage ? `·${stageLabel(analysis.stage)}` : ''} ${(analysis.confidence * 100).toFixed(0)}%`,
      analysis.places.length ? `地点 ${analysis.places.map((place) => place.name).join('、')}` : '',
      analysis.warningColor ? `${colorLabel(analysis.warningColor)}预警` : '',
      analysis.magnitude !== null ? `${analysis.magnitude}级` : '',
      casualties.length ? casualties.join(' ') : '',
      `依据 ${analysis.explanation
        .slice(0, 3)
        .map((e) => e.term)
        .join('/')}`,
    ].filter(Boolean);
    out(`  [${post.source}] ${post.text.slice(0, 36)}${post.text.length > 36 ? '…' : ''}`);
    out(`      → ${facts.join('  ')}`);
  }
  return 0;
}

const CASUALTY_LABELS: Readonly<Record<string, string>> = {
  deaths: '死亡',
  injured: '受伤',
  missing: '失踪',
  trapped: '被困',
};
