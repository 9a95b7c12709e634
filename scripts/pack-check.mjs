// Checks the packages as a user gets them: packs each workspace with `npm pack`, installs the
// tarballs into a scratch project outside the repository, and imports them there. Catches a
// missing `files` entry, a wrong `exports` map or a dist that imports a source file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'emwatch-pack-'));
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

try {
  for (const pkg of ['core', 'region-nmg', 'server']) {
    run('npm', ['pack', '--silent', '--pack-destination', scratch], join(root, 'packages', pkg));
  }
  const tarballs = readdirSync(scratch).filter((name) => name.endsWith('.tgz'));
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--silent', ...tarballs.map((name) => `./${name}`)], scratch);

  writeFileSync(
    join(scratch, 'check.mjs'),
    `import regionNmg from '@emwatch/region-nmg';
import { TYPES, WARNING_COLOR_INFO, analyzeText, categoryOf, typeFromGbCode } from '@emwatch/core';
import { classifyEnglish } from '@emwatch/core/node';
const checks = {
  'region pack loads 116 units': regionNmg.units.length === 116,
  'alias 锡盟 resolves': regionNmg.byName('锡盟')?.code === '152500',
  'boundaries ship': regionNmg.boundaries('county').objects.county.geometries.length === 103,
  'taxonomy imports': TYPES.mining.zh === '矿山事故' && categoryOf('wildfire') === 'natural',
  'cross-walk works': typeFromGbCode('11B07') === 'sandstorm' && WARNING_COLOR_INFO.red.level === 'I',
  'shipped model analyses text': analyzeText('锡盟东乌旗遭遇白灾，3名牧民被困', { region: regionNmg }).type === 'snow-disaster',
  'node entry classifies English': classifyEnglish('Coal mine collapse traps 12 miners').type === 'mining',
};
const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([name]) => name);
if (failed.length) { console.error('[pack-check] failed: ' + failed.join(', ')); process.exit(1); }
console.log('[pack-check] ' + Object.keys(checks).length + ' checks passed on installed tarballs');
`,
  );
  process.stdout.write(run('node', ['check.mjs'], scratch));
  const bin = join(scratch, 'node_modules/.bin/emwatch');
  const region = run(bin, ['regions', '东乌旗'], scratch);
  if (!region.includes('"code":"152525"'))
    throw new Error(`[pack-check] the emwatch bin did not resolve 东乌旗: ${region}`);
  writeFileSync(join(scratch, 'posts.jsonl'), '{"id":"p1","text":"乌海一煤矿发生透水事故，5名矿工被困"}\n');
  const analysis = JSON.parse(run(bin, ['analyze', 'posts.jsonl'], scratch));
  if (analysis.id !== 'p1' || analysis.type !== 'mining' || analysis.casualties.trapped !== 5)
    throw new Error(`[pack-check] emwatch analyze gave ${JSON.stringify(analysis)}`);
  const demo = run(bin, ['demo'], scratch);
  if (!demo.includes('矿山事故'))
    throw new Error(`[pack-check] emwatch demo did not analyse its bundled posts: ${demo}`);
  console.log('[pack-check] the emwatch bin runs from the installed tarball (regions, analyze, demo)');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
