import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixturePath } from '../../test/golden.js';
import {
  isCollectorIssue,
  type Collector,
  type CollectorContext,
  type CollectorIssue,
  type CursorHandle,
  type SourceCursor,
} from '../collect/collector.js';
import type { RawItem } from '../model/raw-item.js';
import { replayFile } from './replay-file.js';

const RECORDING = fixturePath('replay/blizzard-2025-04-13.jsonl');
const T0 = Date.parse('2025-04-20T09:00:00+08:00');

function memoryCursor(): CursorHandle & { value(): SourceCursor | undefined } {
  let cursor: SourceCursor | undefined;
  return { get: async () => cursor, set: async (next) => void (cursor = next), value: () => cursor };
}

function clockAt(start: number): { now: () => Date; advance(ms: number): void } {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

function context(cursor: CursorHandle): CollectorContext {
  return { fetch: globalThis.fetch, now: () => new Date(), signal: new AbortController().signal, cursor };
}

async function collect(collector: Collector, ctx: CollectorContext): Promise<(RawItem | CollectorIssue)[]> {
  const out: (RawItem | CollectorIssue)[] = [];
  for await (const item of collector.collect(ctx)) out.push(item);
  return out;
}

/** What each step gave, as short labels: a post's id, or the issue's code. */
const labels = (collector: Collector, items: readonly (RawItem | CollectorIssue)[]): string[] =>
  items.flatMap((item) =>
    isCollectorIssue(item) ? [item.code] : collector.parse(item).signals.map((s) => s.guid ?? s.text),
  );

describe('replayFile', () => {
  it('replays a JSONL recording in accelerated time, reporting its broken line at its turn', async () => {
    const clock = clockAt(T0);
    const demo = replayFile({ id: 'demo', file: RECORDING, speed: 600, now: clock.now });
    const ctx = context(memoryCursor());
    const steps: string[][] = [];
    // Recorded gaps of 20, 35, 0, 55 and 40 minutes are 2, 3.5, 0, 5.5 and 4 seconds at 600×.
    for (const wait of [0, 2_000, 3_500, 5_499, 1, 4_000, 60_000]) {
      clock.advance(wait);
      steps.push(labels(demo, await collect(demo, ctx)));
    }
    expect(steps).toEqual([
      ['wb-5152001'],
      ['xlgl-qxt-20250413-0530'],
      ['wb-5152014', 'EMW_PARSE_JSON'],
      [],
      ['nmgnews-1234567'],
      ['wb-5152033'],
      [],
    ]);
  });

  it('names the broken line and keeps its text', async () => {
    const demo = replayFile({ id: 'demo', file: RECORDING, speed: 1e9, maxWaitMs: 1_000 });
    const issues = (await collect(demo, context(memoryCursor()))).filter(isCollectorIssue);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.reason).toMatch(/^blizzard-2025-04-13\.jsonl line 4: not JSON: /u);
    expect(issues[0]!.quarantine?.payload).toBe(
      '{"id":"wb-5152019","text":"207国道锡林浩特往正蓝旗方向堵死了，好多车停在路上',
    );
  });

  it('rebases the recording to the replay clock, as in the golden file', async () => {
    const clock = clockAt(T0);
    const demo = replayFile({ id: 'demo', file: RECORDING, speed: 600, rebase: true, now: clock.now });
    const ctx = context(memoryCursor());
    const raws: RawItem[] = [];
    for (let step = 0; step < 4; step++) {
      raws.push(...(await collect(demo, ctx)).filter((item): item is RawItem => !isCollectorIssue(item)));
      clock.advance(5_000);
    }
    const signals = raws.flatMap((raw) => demo.parse(raw).signals);
    expect(signals.map((signal) => signal.publishedAt)).toEqual([
      '2025-04-20T09:00:00+08:00',
      '2025-04-20T09:00:02+08:00',
      '2025-04-20T09:00:05+08:00',
      '2025-04-20T09:00:11+08:00',
      '2025-04-20T09:00:15+08:00',
    ]);
    const base = pathToFileURL(fixturePath('')).href;
    expectGolden(
      'replay/blizzard-2025-04-13.rebased',
      JSON.parse(JSON.stringify(signals).replaceAll(base, 'fixtures:')),
    );
  });

  it('resumes after a restart where it stopped', async () => {
    const clock = clockAt(T0);
    const cursor = memoryCursor();
    const before = replayFile({ id: 'demo', file: RECORDING, speed: 600, now: clock.now });
    await collect(before, context(cursor));
    clock.advance(5_500);
    expect(labels(before, await collect(before, context(cursor)))).toEqual([
      'xlgl-qxt-20250413-0530',
      'wb-5152014',
      'EMW_PARSE_JSON',
    ]);
    expect(cursor.value()?.position).toBe('4');

    clock.advance(86_400_000);
    const after = replayFile({ id: 'demo', file: RECORDING, speed: 600, now: clock.now });
    expect(labels(after, await collect(after, context(cursor)))).toEqual(['nmgnews-1234567']);
    clock.advance(4_000);
    expect(labels(after, await collect(after, context(cursor)))).toEqual(['wb-5152033']);
  });

  it('reports a missing recording as a fatal issue and reads it once it is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emwatch-replay-'));
    try {
      const file = join(dir, 'later.jsonl');
      const demo = replayFile({ id: 'demo', file });
      const first = await collect(demo, context(memoryCursor()));
      expect(first).toMatchObject([
        { code: 'EMW_SOURCE_FAILED', fatal: true, reason: `cannot load the recording: no such file: ${file}` },
      ]);
      writeFileSync(file, '{"text":"锡林浩特暴雪"}\n');
      expect(labels(demo, await collect(demo, context(memoryCursor())))).toEqual(['锡林浩特暴雪']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a recording larger than maxBytes', async () => {
    const demo = replayFile({ id: 'demo', file: RECORDING, maxBytes: 100 });
    const [issue] = (await collect(demo, context(memoryCursor()))) as CollectorIssue[];
    expect(issue!.reason).toMatch(/over the 100-byte limit for a recording$/u);
  });
});
