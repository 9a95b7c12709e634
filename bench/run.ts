// Runs every benchmark in bench/ one after another (they share the machine; never in parallel).
import { readdirSync } from 'node:fs';

const here = new URL('.', import.meta.url);
for (const file of readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()) {
  console.log(`# ${file}`);
  await import(new URL(file, here).href);
}
