import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/_internal/sha256.js';
import {
  COLLECTOR_KINDS,
  type Collector,
  type CollectorContext,
  type ParseOptions,
  type SourceCursor,
} from '../src/collect/collector.js';
import { COLLECTOR_ISSUE_CODES } from '../src/collect/issue-codes.js';
import { LANGUAGE_TAGS, SOURCE_KINDS } from '../src/model/signal.js';
import { runCollector, type CollectorRun } from './run-collector.js';

/**
 * How the suite drives one adapter: the collector under test and a way to make its source
 * publish a first batch, a second batch with new entries, and broken input.
 */
export interface CollectorHarness {
  readonly collector: Collector;
  publish(batch: 'first' | 'second' | 'broken'): Promise<void>;
  /** Context overrides (e.g. a clock for replays); fetch is the platform's by default. */
  readonly context?: Partial<CollectorContext>;
  readonly parseOptions?: ParseOptions;
  close?(): Promise<void>;
}

const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/u;

/** One source's cursor kept in memory between runs, as a store would keep it. */
function memoryCursor(): CollectorContext['cursor'] {
  let cursor: SourceCursor | undefined;
  return {
    get: async () => cursor,
    set: async (next) => {
      cursor = next;
    },
  };
}

async function run(
  harness: CollectorHarness,
  cursor: CollectorContext['cursor'],
  signal = new AbortController().signal,
): Promise<CollectorRun> {
  const ctx: CollectorContext = { fetch: globalThis.fetch, now: () => new Date(), signal, cursor, ...harness.context };
  return runCollector(harness.collector, ctx, harness.parseOptions);
}

/**
 * The behaviour every collector must have, whatever its source: run against each adapter.
 */
export function describeCollectorConformance(name: string, open: () => Promise<CollectorHarness>): void {
  describe(`${name} collector conformance`, () => {
    let harness: CollectorHarness | undefined;
    const start = async (): Promise<CollectorHarness> => (harness = await open());
    afterEach(async () => {
      await harness?.close?.();
      await harness?.collector.dispose?.();
      harness = undefined;
    });

    it('declares its id, a known kind and a source kind', async () => {
      const { collector } = await start();
      expect(collector.id).toMatch(/\S/u);
      expect(COLLECTOR_KINDS).toContain(collector.kind);
      expect(SOURCE_KINDS).toContain(collector.sourceKind);
    });

    it('turns what the source published into raw items and well-formed signals that carry its id', async () => {
      const h = await start();
      await h.publish('first');
      const { raws, signals, issues } = await run(h, memoryCursor());
      expect(issues).toEqual([]);
      expect(raws.length).toBeGreaterThan(0);
      expect(signals.length).toBeGreaterThan(0);
      for (const raw of raws) {
        expect(raw.sourceId).toBe(h.collector.id);
        expect(raw.fetchedAt).toMatch(ISO_WITH_OFFSET);
        expect(raw.provenance.contentHash).toBe(sha256Hex(raw.payload));
      }
      const rawIds = new Set(raws.map((r) => r.id));
      for (const s of signals) {
        expect(s.id).toMatch(/^sig:[0-9a-f]{32}$/u);
        expect(s.sourceId).toBe(h.collector.id);
        expect(SOURCE_KINDS).toContain(s.sourceKind);
        expect(rawIds.has(s.rawItemId)).toBe(true);
        expect(LANGUAGE_TAGS).toContain(s.language);
        expect(s.collectedAt).toMatch(ISO_WITH_OFFSET);
        if (s.publishedAt !== null) expect(s.publishedAt).toMatch(ISO_WITH_OFFSET);
        expect(`${s.title ?? ''}${s.text}`.trim()).not.toBe('');
        if (s.url !== undefined) expect(s.url).toMatch(/^https?:\/\//u);
      }
      expect(new Set(signals.map((s) => s.id)).size).toBe(signals.length);
    });

    it('parses the same raw item to the same signals every time', async () => {
      const h = await start();
      await h.publish('first');
      const { raws } = await run(h, memoryCursor());
      for (const raw of raws)
        expect(h.collector.parse(raw, h.parseOptions)).toEqual(h.collector.parse(raw, h.parseOptions));
    });

    it('delivers nothing again when the source has not changed', async () => {
      const h = await start();
      await h.publish('first');
      const cursor = memoryCursor();
      const first = await run(h, cursor);
      const again = await run(h, cursor);
      const seen = new Set(first.signals.map((s) => s.id));
      expect(again.issues).toEqual([]);
      expect(again.signals.filter((s) => !seen.has(s.id))).toEqual([]);
    });

    it('delivers the new entries after the source changes, with stable ids for the old ones', async () => {
      const h = await start();
      await h.publish('first');
      const cursor = memoryCursor();
      const first = await run(h, cursor);
      await h.publish('second');
      const second = await run(h, cursor);
      const seen = new Set(first.signals.map((s) => s.id));
      expect(second.signals.some((s) => !seen.has(s.id))).toBe(true);
    });

    it('reports broken input as issues with a stable code and the input kept, without throwing', async () => {
      const h = await start();
      await h.publish('broken');
      const { issues } = await run(h, memoryCursor());
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(Object.keys(COLLECTOR_ISSUE_CODES)).toContain(issue.code);
        expect(issue.sourceId).toBe(h.collector.id);
        expect(issue.reason).toMatch(/\S{3}/u);
        expect(issue.at).toMatch(ISO_WITH_OFFSET);
      }
      expect(issues.some((i) => (i.quarantine?.payload.length ?? 0) > 0)).toBe(true);
    });

    it('ends promptly without throwing when the run is aborted', async () => {
      const h = await start();
      await h.publish('first');
      const controller = new AbortController();
      controller.abort();
      const started = Date.now();
      await run(h, memoryCursor(), controller.signal);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });
}
