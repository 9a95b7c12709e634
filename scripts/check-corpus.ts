// Validates corpus/*.jsonl: every line parses, uses taxonomy ids and real region codes, and the
// counts per type meet the targets. Prints one line per problem with file and line number.
//   node --conditions=source --import tsx scripts/check-corpus.ts [files…]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isStageId, isTypeId, TYPE_IDS } from '@emwatch/core';
import regionNmg from '@emwatch/region-nmg';
import { jsonlFiles } from './_internal/corpus.js';

const STYLES = new Set(['wire', 'notice', 'warning', 'weibo', 'followup', 'refutation']);
const CASUALTY_KEYS = ['deaths', 'injured', 'missing', 'trapped'];
const dir = new URL('../corpus/', import.meta.url).pathname;
// The holdout is checked with the rest, so a holdout text that repeats a training text is caught.
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [...jsonlFiles(dir), ...jsonlFiles(join(dir, 'holdout'))];

const problems: string[] = [];
const counts = new Map<string, number>();
const seen = new Map<string, string>();
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (!line.trim()) return;
      const where = `${file.split('/').pop()}:${index + 1}`;
      let example: Record<string, unknown>;
      try {
        example = JSON.parse(line);
      } catch (error) {
        problems.push(`${where}: not JSON (${(error as Error).message})`);
        return;
      }
      const { text, type, stage, places, casualties, style, split } = example;
      if (split !== undefined && split !== 'train') problems.push(`${where}: split may only be "train"`);
      if (typeof text !== 'string' || text.length < 8 || text.length > 260)
        problems.push(`${where}: text must be 8–260 characters`);
      if (!isTypeId(type)) problems.push(`${where}: unknown type ${JSON.stringify(type)}`);
      if (type === 'none' ? stage !== null : !isStageId(stage))
        problems.push(`${where}: bad stage ${JSON.stringify(stage)} for ${String(type)}`);
      if (!STYLES.has(style as string)) problems.push(`${where}: unknown style ${JSON.stringify(style)}`);
      if (!Array.isArray(places)) problems.push(`${where}: places must be an array`);
      else
        for (const code of places)
          if (!regionNmg.byCode(String(code)) || code === '150000')
            problems.push(`${where}: unknown place code ${code}`);
      if (casualties !== undefined) {
        const value = casualties as Record<string, unknown>;
        for (const key of CASUALTY_KEYS) {
          const v = value?.[key];
          if (!(v === null || (Number.isInteger(v) && (v as number) >= 0)))
            problems.push(`${where}: casualties.${key} must be a count or null`);
        }
      }
      if (typeof text === 'string') {
        const other = seen.get(text);
        if (other) problems.push(`${where}: duplicate of ${other}`);
        seen.set(text, where);
      }
      counts.set(String(type), (counts.get(String(type)) ?? 0) + 1);
    });
}
for (const problem of problems) console.log(problem);
const summary = TYPE_IDS.map((type) => `${type} ${counts.get(type) ?? 0}`).join(', ');
console.log(`${problems.length} problems; ${[...counts.values()].reduce((a, b) => a + b, 0)} examples: ${summary}`);
process.exitCode = problems.length ? 1 : 0;
