import { describe, expect, it } from 'vitest';
import { describeCollectorConformance } from '../../test/collector-conformance.js';
import type { PostRecord } from '../model/post-record.js';
import type { RawItem } from '../model/raw-item.js';
import {
  isCollectorIssue,
  type Collector,
  type CollectorContext,
  type CollectorIssue,
  type CursorHandle,
  type SourceCursor,
} from './collector.js';
import { replay } from './replay.js';

const T0 = Date.parse('2025-04-20T09:00:00+08:00');

/** A recorded blizzard morning: gaps of 30 and 65 minutes. */
const MORNING: PostRecord[] = [
  { id: 'p1', text: '锡林浩特开始下雪，风越来越大', publishedAt: '2025-04-13T05:10:00+08:00' },
  {
    id: 'p2',
    text: '锡林郭勒盟气象台发布暴雪黄色预警',
    publishedAt: '2025-04-13T05:40:00+08:00',
    sourceKind: 'official-warning',
  },
  { id: 'p3', text: '207国道正蓝旗段车辆滞留', publishedAt: '2025-04-13T06:45:00+08:00', sourceKind: 'media' },
];

/** A clock the test moves by hand. */
function manualClock(start = T0): { now: () => Date; set(ms: number): void; advance(ms: number): void } {
  let t = start;
  return { now: () => new Date(t), set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

function memoryCursor(): CursorHandle & { value(): SourceCursor | undefined } {
  let cursor: SourceCursor | undefined;
  return { get: async () => cursor, set: async (next) => void (cursor = next), value: () => cursor };
}

function context(cursor: CursorHandle, signal = new AbortController().signal): CollectorContext {
  return { fetch: globalThis.fetch, now: () => new Date(), signal, cursor };
}

async function collect(collector: Collector, ctx: CollectorContext): Promise<(RawItem | CollectorIssue)[]> {
  const out: (RawItem | CollectorIssue)[] = [];
  for await (const item of collector.collect(ctx)) out.push(item);
  return out;
}

const texts = (collector: Collector, items: readonly (RawItem | CollectorIssue)[]): string[] =>
  items.flatMap((item) =>
    isCollectorIssue(item) ? [`issue: ${item.reason}`] : collector.parse(item).signals.map((s) => s.text),
  );

describe('replay', () => {
  it('emits the first record at once and each next one after its recorded gap divided by the speed', async () => {
    const clock = manualClock();
    const demo = replay({ id: 'demo', items: MORNING, speed: 600, now: clock.now });
    const ctx = context(memoryCursor());
    expect(texts(demo, await collect(demo, ctx))).toEqual(['锡林浩特开始下雪，风越来越大']);
    clock.advance(2_999); // 30 recorded minutes / 600 = 3 s
    expect(await collect(demo, ctx)).toEqual([]);
    clock.advance(1);
    expect(texts(demo, await collect(demo, ctx))).toEqual(['锡林郭勒盟气象台发布暴雪黄色预警']);
    clock.advance(6_499); // 65 recorded minutes / 600 = 6.5 s
    expect(await collect(demo, ctx)).toEqual([]);
    clock.advance(1);
    expect(texts(demo, await collect(demo, ctx))).toEqual(['207国道正蓝旗段车辆滞留']);
    clock.advance(3_600_000);
    expect(await collect(demo, ctx)).toEqual([]);
  });

  it('emits everything that fell due since the last call together', async () => {
    const clock = manualClock();
    const demo = replay({ id: 'demo', items: MORNING, speed: 600, now: clock.now });
    const ctx = context(memoryCursor());
    await collect(demo, ctx);
    clock.advance(60_000);
    expect(texts(demo, await collect(demo, ctx))).toEqual([
      '锡林郭勒盟气象台发布暴雪黄色预警',
      '207国道正蓝旗段车辆滞留',
    ]);
  });

  it('keeps each record’s own source kind and uses its own for the rest', async () => {
    const clock = manualClock();
    const demo = replay({ id: 'demo', items: MORNING, speed: 600, now: clock.now });
    const ctx = context(memoryCursor());
    const first = await collect(demo, ctx);
    clock.advance(10_000);
    const rest = await collect(demo, ctx);
    const kinds = [...first, ...rest].flatMap((raw) => demo.parse(raw as RawItem).signals.map((s) => s.sourceKind));
    expect(kinds).toEqual(['social', 'official-warning', 'media']);
  });

  it('resumes after a restart at the record it stopped before, with the clock started afresh', async () => {
    const clock = manualClock();
    const cursor = memoryCursor();
    const before = replay({ id: 'demo', items: MORNING, speed: 600, now: clock.now });
    await collect(before, context(cursor));
    clock.advance(3_000);
    await collect(before, context(cursor));
    expect(cursor.value()?.position).toBe('2');

    clock.advance(3_600_000); // the process was down for an hour
    const after = replay({ id: 'demo', items: MORNING, speed: 600, now: clock.now });
    expect(texts(after, await collect(after, context(cursor)))).toEqual(['207国道正蓝旗段车辆滞留']);
    expect(cursor.value()?.position).toBe('3');
  });

  it('does not advance the cursor past a record the consumer never took', async () => {
    const clock = manualClock();
    const cursor = memoryCursor();
    const demo = replay({ id: 'demo', items: MORNING, speed: 600, now: clock.now });
    await collect(demo, context(cursor));
    clock.advance(60_000);
    for await (const item of demo.collect(context(cursor))) {
      expect(texts(demo, [item])).toEqual(['锡林郭勒盟气象台发布暴雪黄色预警']);
      break;
    }
    expect(cursor.value()?.position).toBe('1');
    expect(texts(demo, await collect(demo, context(cursor)))).toEqual([
      '锡林郭勒盟气象台发布暴雪黄色预警',
      '207国道正蓝旗段车辆滞留',
    ]);
  });

  it('shifts publication times to the replay time, keeping the offset, when rebasing', async () => {
    const clock = manualClock();
    const demo = replay({ id: 'demo', items: MORNING, speed: 600, rebase: true, now: clock.now });
    const ctx = context(memoryCursor());
    const first = await collect(demo, ctx);
    clock.advance(20_000);
    const rest = await collect(demo, ctx);
    const published = [...first, ...rest].map((raw) => demo.parse(raw as RawItem).signals[0]?.publishedAt);
    expect(published).toEqual(['2025-04-20T09:00:00+08:00', '2025-04-20T09:00:03+08:00', '2025-04-20T09:00:09+08:00']);
  });

  it('starts over after the last record when looping, giving the posts new ids', async () => {
    const clock = manualClock();
    const demo = replay({ id: 'demo', items: MORNING, speed: 600, loop: true, now: clock.now });
    const ctx = context(memoryCursor());
    const rounds: RawItem[] = [];
    for (let step = 0; step < 5; step++) {
      rounds.push(...((await collect(demo, ctx)) as RawItem[]));
      // The wrap after the last record is the mean gap: 47.5 recorded minutes = 4.75 s.
      clock.advance(5_000);
    }
    const signals = rounds.flatMap((raw) => demo.parse(raw).signals);
    expect(signals.map((signal) => signal.guid)).toEqual(['p1', 'p2', 'p3', 'p1#1', 'p2#1']);
    expect(new Set(signals.map((signal) => signal.id)).size).toBe(5);
  });

  it('waits for records due within maxWaitMs using the injected timer', async () => {
    const clock = manualClock();
    const waits: number[] = [];
    const fakeSetTimeout = ((callback: () => void, ms: number) => {
      waits.push(ms);
      clock.advance(ms);
      queueMicrotask(callback);
      return 0;
    }) as unknown as typeof setTimeout;
    const demo = replay({
      id: 'demo',
      items: MORNING,
      speed: 600,
      maxWaitMs: 10_000,
      now: clock.now,
      setTimeout: fakeSetTimeout,
      clearTimeout: (() => undefined) as typeof clearTimeout,
    });
    const out = await collect(demo, context(memoryCursor()));
    expect(out).toHaveLength(3);
    expect(waits).toEqual([3_000, 6_500]);
  });

  it('ends a wait promptly when the run is aborted', async () => {
    const demo = replay({ id: 'demo', items: MORNING, speed: 1, maxWaitMs: 3_600_000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const out = await collect(demo, context(memoryCursor(), controller.signal));
    expect(out).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reports an unusable record at its turn with the record kept, and goes on', async () => {
    const clock = manualClock();
    const items = [MORNING[0]!, { author: '无内容' } as unknown as PostRecord, MORNING[1]!];
    const demo = replay({ id: 'demo', items, speed: 600, now: clock.now });
    const ctx = context(memoryCursor());
    // Without a time of its own the bad record takes no time: it comes right after the first.
    const first = await collect(demo, ctx);
    expect(first).toHaveLength(2);
    expect(first[1]).toMatchObject({
      kind: 'issue',
      code: 'EMW_PARSE_ITEM',
      itemIndex: 1,
      quarantine: { payload: '{"author":"无内容"}' },
    });
    expect((first[1] as CollectorIssue).reason).toMatch(/^replay item 1: no text/u);
    clock.advance(3_000);
    expect(texts(demo, await collect(demo, ctx))).toEqual(['锡林郭勒盟气象台发布暴雪黄色预警']);
  });

  it('replays recorded raw items through the given parser, stamped with its own source id', async () => {
    const recorded: RawItem = {
      id: 'nmc:abc',
      sourceId: 'nmc',
      fetchedAt: '2025-04-13T05:00:00+08:00',
      payload: '{"text":"录制的原始条目"}',
      contentType: 'application/json',
      provenance: { url: 'https://example.cn/api', contentHash: 'abc' },
    };
    const parsed: string[] = [];
    const demo = replay({
      id: 'demo',
      items: [recorded],
      parse: (raw) => {
        parsed.push(`${raw.sourceId}:${raw.payload}`);
        return { signals: [], issues: [] };
      },
    });
    const [raw] = (await collect(demo, context(memoryCursor()))) as RawItem[];
    demo.parse(raw!);
    expect(raw).toMatchObject({ sourceId: 'demo', provenance: { url: 'https://example.cn/api' } });
    expect(parsed).toEqual(['demo:{"text":"录制的原始条目"}']);
  });

  it('says a recorded raw item needs a parser when none is given', async () => {
    const recorded = {
      id: 'x',
      sourceId: 'x',
      fetchedAt: '2025-04-13T05:00:00Z',
      payload: '<rss/>',
      provenance: { contentHash: 'x' },
    };
    const demo = replay({ id: 'demo', items: [recorded] });
    const [raw] = (await collect(demo, context(memoryCursor()))) as RawItem[];
    expect(demo.parse(raw!).issues[0]).toMatchObject({ code: 'EMW_PARSE_FORMAT', fatal: true });
  });

  it('refuses a speed that is not a positive number', () => {
    expect(() => replay({ id: 'demo', items: [], speed: 0 })).toThrow(
      '[emwatch] [replay] source "demo": speed must be a positive number, got 0',
    );
  });
});

describeCollectorConformance('replay', async () => {
  let t = T0;
  let accelerating = false;
  const items: PostRecord[] = [
    { id: 'c1', text: '锡林浩特开始下雪', publishedAt: '2025-04-13T05:10:00+08:00' },
    { id: 'c2', text: '正蓝旗积雪20厘米', url: 'https://example.cn/news/2', publishedAt: '2025-04-13T05:10:00+08:00' },
    { id: 'c3', text: '二连浩特口岸关闭', publishedAt: '2025-04-13T06:10:00+08:00' },
    { author: '一条坏记录' } as unknown as PostRecord,
  ];
  return {
    collector: replay({ id: 'conformance-replay', items, speed: 60 }),
    // In the broken case every reading of the clock is ten hours later, so the whole recording falls due.
    context: { now: () => new Date(accelerating ? (t += 36_000_000) : t) },
    async publish(batch) {
      if (batch === 'second') t += 120_000;
      if (batch === 'broken') accelerating = true;
    },
  };
});
