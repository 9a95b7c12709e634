import type { RawItem } from '../../model/raw-item.js';
import type { SourceKind } from '../../model/signal.js';
import type {
  Collector,
  CollectorContext,
  CollectorIssue,
  CollectorKind,
  ParsedItems,
  ParseOptions,
} from '../collector.js';
import { fetchDocument } from '../fetch-document.js';

export interface PollingCollectorOptions {
  readonly id: string;
  readonly kind: CollectorKind;
  readonly sourceKind: SourceKind;
  readonly url: string;
  readonly accept: string;
  readonly allowPrivate?: boolean | readonly string[];
  readonly parse: (raw: RawItem, options?: ParseOptions) => ParsedItems;
}

/**
 * The shape shared by every adapter that polls one address: conditional GET with the source's
 * cursor, one raw item per changed document, and the cursor advanced only after the consumer
 * has taken the item (the generator resumes when the next value is asked for), so a crash
 * in between re-fetches instead of skipping.
 */
export function createPollingCollector(options: PollingCollectorOptions): Collector {
  const { id, kind, sourceKind, url, accept, allowPrivate, parse } = options;
  return {
    id,
    kind,
    sourceKind,
    url,
    parse,
    async *collect(ctx: CollectorContext): AsyncIterable<RawItem | CollectorIssue> {
      const cursor = await ctx.cursor.get();
      const fetched = await fetchDocument(ctx, { sourceId: id, url, accept, allowPrivate, cursor });
      if (fetched.kind === 'unchanged') return;
      if (fetched.kind === 'issue') {
        yield fetched.issue;
        return;
      }
      // Never mojibake silently: a contradicted charset declaration is reported with the item.
      yield* fetched.warnings;
      yield fetched.raw;
      // Validators are replaced, not merged: a response without an ETag must not keep the old one.
      await ctx.cursor.set({ ...(cursor?.position ? { position: cursor.position } : {}), ...fetched.cursor });
    },
  };
}
