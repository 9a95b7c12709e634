import { readFileSync } from 'node:fs';
import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { analyzeText, createDeduper, createEventClusterer, type Signal, type SourceKind } from '../src/index.js';

// Issue 5's targets, on the team's labelled sets in corpus/dedup/ (the holdout files were never tuned on).
interface Row {
  readonly id: string;
  readonly text: string;
  readonly publishedAt: string;
  readonly group?: string;
  readonly event?: string;
  readonly sourceKind?: SourceKind;
}

const read = (name: string): Row[] =>
  readFileSync(new URL(`../../../corpus/dedup/${name}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);

/** Pairwise F1: every pair of items is a true pair when the labels agree. */
function pairwiseF1(gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): number {
  const ids = [...gold.keys()];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const same = gold.get(ids[i]!) === gold.get(ids[j]!);
      const guessed = predicted.get(ids[i]!) === predicted.get(ids[j]!);
      if (same && guessed) tp++;
      else if (guessed) fp++;
      else if (same) fn++;
    }
  }
  return (2 * tp) / (2 * tp + fp + fn);
}

function duplicateF1(name: string): number {
  const deduper = createDeduper({ region: regionNmg });
  const gold = new Map<string, string>();
  const predicted = new Map<string, string>();
  for (const row of read(name)) {
    gold.set(row.id, row.group ?? row.id);
    predicted.set(row.id, deduper.add(row).duplicateOf ?? row.id);
  }
  return pairwiseF1(gold, predicted);
}

function eventF1(name: string): number {
  const clusterer = createEventClusterer({ region: regionNmg });
  const gold = new Map<string, string>();
  for (const row of read(name)) {
    const signal: Signal = {
      id: row.id,
      sourceId: 'labelled-set',
      sourceKind: row.sourceKind ?? 'social',
      text: row.text,
      language: 'zh-Hans',
      publishedAt: row.publishedAt,
      collectedAt: row.publishedAt,
      rawItemId: 'labelled-set',
    };
    clusterer.add(signal, analyzeText(row.text, { region: regionNmg }));
    gold.set(row.id, row.event ?? row.id);
  }
  const predicted = new Map<string, string>();
  for (const event of clusterer.events()) for (const id of event.signalIds) predicted.set(id, event.id);
  return pairwiseF1(gold, predicted);
}

describe('near-duplicates and events on the labelled sets', () => {
  it('finds reposts and edited copies with pairwise F1 of at least 0.9', () => {
    expect(duplicateF1('reposts')).toBeGreaterThanOrEqual(0.9);
    expect(duplicateF1('reposts-holdout')).toBeGreaterThanOrEqual(0.9);
  });

  it('groups differently worded reports of one happening with pairwise F1 of at least 0.85', () => {
    expect(eventF1('events')).toBeGreaterThanOrEqual(0.85);
    expect(eventF1('events-holdout')).toBeGreaterThanOrEqual(0.85);
  });
});
