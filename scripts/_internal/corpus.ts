// Reads corpus/*.jsonl and assigns each example to a split by a stable hash of its text, so the
// test split never leaks into training however the files are reordered.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Casualties, StageId, TypeId } from '@emwatch/core';

export interface CorpusExample {
  readonly text: string;
  readonly type: TypeId;
  readonly stage: StageId | null;
  readonly places: readonly string[];
  readonly casualties?: Casualties;
  readonly style: string;
  readonly file: string;
  readonly split: 'train' | 'dev' | 'test' | 'holdout';
}

export const CORPUS_DIR = new URL('../../corpus/', import.meta.url).pathname;

/** FNV-1a of the text → 20 % test, 10 % dev, 70 % train. */
export function splitOf(text: string): CorpusExample['split'] {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const bucket = (h >>> 0) % 10;
  return bucket < 2 ? 'test' : bucket === 2 ? 'dev' : 'train';
}

/** Paths of the `.jsonl` files directly in `dir`, sorted; none when the folder does not exist. */
export function jsonlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(dir, name));
}

export function readCorpus(dir = CORPUS_DIR): CorpusExample[] {
  const examples: CorpusExample[] = [];
  for (const path of jsonlFiles(dir)) {
    const file = basename(path);
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const example = JSON.parse(line) as Omit<CorpusExample, 'file' | 'split'> & { split?: 'train' };
      // An explicit `"split": "train"` moves a text that was shown to corpus writers out of the test split.
      examples.push({ ...example, file, split: example.split ?? splitOf(example.text) });
    }
  }
  return examples;
}

/**
 * The independent held-out set (`corpus/holdout/`): texts written without seeing the corpus or the
 * model's errors. Never trained on; `npm run eval` reports it separately.
 */
export function readHoldout(dir = join(CORPUS_DIR, 'holdout')): CorpusExample[] {
  return readCorpus(dir).map((example) => ({ ...example, split: 'holdout' as const }));
}
