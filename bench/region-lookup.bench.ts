// How much the region pack's indexed lookups buy over scanning the unit list, which is what
// every caller would otherwise do for each place name met in a post.
import regionNmg from '@emwatch/region-nmg';
import { measure, report } from './_internal/measure.js';

const queries = regionNmg.names.map((n) => n.text);
let cursor = 0;
const next = () => queries[cursor++ % queries.length]!;

const scan = (name: string) =>
  regionNmg.units.find((u) => u.name === name || u.shortNames.includes(name) || u.aliases.includes(name));

const baseline = measure('linear scan of units', () => scan(next()));
report(
  measure('byName', () => regionNmg.byName(next())),
  baseline,
);
report(
  measure('contains (county in league)', () => regionNmg.contains('152500', '152525')),
  measure('parent walk by scan', () => {
    let code: string | null = '152525';
    while (code && code !== '152500') code = regionNmg.units.find((u) => u.code === code)?.parent ?? null;
    return code;
  }),
);
