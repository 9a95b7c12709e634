import type { RegionPack, RegionUnit } from '@emwatch/core';

/** Formats a population as 万 (ten thousands), the way Chinese statistics give it. */
function wan(population: number | null): string {
  return population === null ? '—' : `${(population / 10_000).toFixed(1)}万`;
}

function line(unit: RegionUnit, indent: string): string {
  const forms = [...unit.shortNames, ...unit.aliases].join('、');
  return `${indent}${unit.code} ${unit.name}${unit.nameEn ? ` (${unit.nameEn})` : ''}  人口 ${wan(unit.population)}${forms ? `  又称 ${forms}` : ''}`;
}

/**
 * `emwatch regions [name|code]`: with a query, the unit it denotes as JSON (or an error naming
 * the query); without, the tree of leagues and counties.
 */
export function regionsCommand(pack: RegionPack, query: string | undefined, out: (text: string) => void): number {
  if (query !== undefined) {
    const unit = /^\d{6}$/.test(query) ? pack.byCode(query) : pack.byName(query);
    if (!unit) {
      out(`[emwatch] [regions] no unit of ${pack.name} is called ${JSON.stringify(query)}`);
      return 1;
    }
    const ambiguous = pack.names.some((n) => n.text === query && n.ambiguous);
    out(JSON.stringify({ ...unit, ambiguousQuery: ambiguous, children: pack.children(unit.code).map((c) => c.code) }));
    return 0;
  }
  const root = pack.byCode(pack.root)!;
  out(line(root, ''));
  for (const league of pack.children(root.code)) {
    out(line(league, '  '));
    for (const county of pack.children(league.code)) out(line(county, '    '));
  }
  return 0;
}
