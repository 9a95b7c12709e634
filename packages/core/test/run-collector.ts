import {
  isCollectorIssue,
  type Collector,
  type CollectorContext,
  type CollectorIssue,
  type ParseOptions,
} from '../src/collect/collector.js';
import type { RawItem } from '../src/model/raw-item.js';
import type { Signal } from '../src/model/signal.js';

/** What one run of a collector gave: its raw items, their signals, and every issue on the way. */
export interface CollectorRun {
  raws: RawItem[];
  signals: Signal[];
  issues: CollectorIssue[];
}

/** Runs a collector once, as the scheduler would, parsing each raw item as it arrives. */
export async function runCollector(
  collector: Collector,
  ctx: CollectorContext,
  parseOptions?: ParseOptions,
): Promise<CollectorRun> {
  const out: CollectorRun = { raws: [], signals: [], issues: [] };
  for await (const item of collector.collect(ctx)) {
    if (isCollectorIssue(item)) {
      out.issues.push(item);
      continue;
    }
    out.raws.push(item);
    const parsed = collector.parse(item, parseOptions);
    out.signals.push(...parsed.signals);
    out.issues.push(...parsed.issues);
  }
  return out;
}
