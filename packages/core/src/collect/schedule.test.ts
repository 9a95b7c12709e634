import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../test/loopback-server.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal } from '../model/signal.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { makeIssue, quarantine } from './make-issue.js';
import { makeSignal } from './make-signal.js';
import { createPollingCollector } from './_internal/polling-collector.js';
import type { Collector, CollectorIssue, ParsedItems } from './collector.js';
import { createScheduler, type Scheduler, type SchedulerOptions, type SourceRunReport } from './schedule.js';

// --- A trivial source: a JSON document {"items":[{"id","title"}]} parsed into one signal per item.

function parseItems(raw: RawItem): ParsedItems {
  let doc: { items?: { id: string; title: string }[] };
  try {
    doc = JSON.parse(raw.payload) as typeof doc;
  } catch (error) {
    const reason = `${raw.provenance.url}: ${(error as Error).message}`;
    return {
      signals: [],
      issues: [
        makeIssue('EMW_PARSE_JSON', raw.sourceId, reason, raw.fetchedAt, {
          fatal: true,
          quarantine: quarantine(raw.payload),
        }),
      ],
    };
  }
  const signals = (doc.items ?? []).map((item) =>
    makeSignal(raw, 'media', { guid: item.id, title: item.title, text: item.title, publishedAt: null }),
  );
  return { signals, issues: [] };
}

const jsonSource = (id: string, url: string): Collector =>
  createPollingCollector({
    id,
    kind: 'json-api',
    sourceKind: 'media',
    url,
    accept: 'application/json',
    allowPrivate: true,
    parse: parseItems,
  });

/** Serves the items of a feed with an ETag and Last-Modified, answering 304 to matching validators. */
function feedRoute(items: () => readonly string[]) {
  return {
    handle: (request: IncomingMessage, response: ServerResponse) => {
      const ids = items();
      const etag = `"${ids.join('.')}"`;
      const lastModified = new Date(Date.UTC(2025, 3, 13, 0, ids.length)).toUTCString();
      if (request.headers['if-none-match'] === etag || request.headers['if-modified-since'] === lastModified) {
        response.writeHead(304, { etag, 'last-modified': lastModified }).end();
        return;
      }
      const body = JSON.stringify({ items: ids.map((id) => ({ id, title: `第${id}条 暴雪预警` })) });
      response.writeHead(200, { 'content-type': 'application/json', etag, 'last-modified': lastModified }).end(body);
    },
  };
}

// --- A clock and timers the test moves by hand; network I/O stays real.

function fakeClock(startMs = Date.parse('2025-04-13T00:00:00Z')) {
  let t = startMs;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => new Date(t),
    get ms() {
      return t;
    },
    setTimeout: (fn: () => void, ms: number): unknown => {
      timers.set(++seq, { at: t + ms, fn });
      return seq;
    },
    clearTimeout: (handle: unknown) => void timers.delete(handle as number),
    /** Times of the pending timers, soonest first. */
    pending: () => [...timers.values()].map((x) => x.at).sort((a, b) => a - b),
    /** Moves the clock to the soonest timer and fires it. */
    fireNext() {
      const [id, timer] = [...timers].sort((a, b) => a[1].at - b[1].at)[0]!;
      timers.delete(id);
      t = Math.max(t, timer.at);
      timer.fn();
    },
  };
}

/** Collects run reports and lets a test wait for the next one. */
function runLog() {
  const reports: SourceRunReport[] = [];
  const waiters: ((r: SourceRunReport) => void)[] = [];
  return {
    reports,
    onRun: (report: SourceRunReport) => {
      reports.push(report);
      waiters.shift()?.(report);
    },
    next: () => new Promise<SourceRunReport>((resolve) => waiters.push(resolve)),
  };
}

/** Opens a new store instance over the same data, as a restarted process would (optionally a broken one). */
function reopen(data: Store, overrides: Partial<Store> = {}): Store {
  // Every method delegates to the shared data; closing the view leaves the data open.
  const view = Object.fromEntries(
    Object.entries(data).map(([name, method]) => [name, (method as (...args: unknown[]) => unknown).bind(data)]),
  ) as unknown as Store;
  return { ...view, close: async () => undefined, ...overrides };
}

async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let server: LoopbackServer;
let scheduler: Scheduler | undefined;
const extraServers: Server[] = [];

beforeEach(async () => {
  server = await startLoopbackServer();
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await server.close();
  for (const s of extraServers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

const schedule = (options: Partial<SchedulerOptions> & Pick<SchedulerOptions, 'sources'>): Scheduler =>
  (scheduler = createScheduler({ store: createMemoryStore(), random: () => 0.5, ...options }));

describe('createScheduler: a run', () => {
  it('stores the raw item and signals, hands only new signals on, and asks conditionally next time', async () => {
    let items = ['1', '2'];
    const seen: IncomingMessage['headers'][] = [];
    const route = feedRoute(() => items);
    server.route('/feed.json', {
      handle: (request, response) => {
        seen.push(request.headers);
        route.handle(request, response);
      },
    });
    const store = createMemoryStore();
    const delivered: string[][] = [];
    const s = schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }],
      store,
      onSignals: (signals) => void delivered.push(signals.map((x) => x.guid!)),
    });

    const [first] = await s.runOnce();
    expect(first).toMatchObject({ sourceId: 'feed', outcome: 'ok', rawItems: 1, newSignals: 2, issues: 0 });
    const [unchanged] = await s.runOnce();
    expect(unchanged).toMatchObject({ outcome: 'ok', rawItems: 0, newSignals: 0 });
    items = ['1', '2', '3'];
    const [changed] = await s.runOnce();
    expect(changed).toMatchObject({ outcome: 'ok', rawItems: 1, newSignals: 1 });

    expect(delivered).toEqual([['1', '2'], ['3']]);
    expect((await store.listSignals({ sourceId: 'feed' })).items.map((x) => x.guid).sort()).toEqual(['1', '2', '3']);
    expect(seen[1]!['if-none-match']).toBe('"1.2"');
    expect(seen[1]!['if-modified-since']).toBe('Sun, 13 Apr 2025 00:02:00 GMT');
    expect(await store.getCursor('feed')).toMatchObject({
      etag: '"1.2.3"',
      lastModified: 'Sun, 13 Apr 2025 00:03:00 GMT',
    });
  });

  it('round-trips Last-Modified alone when the server sends no ETag', async () => {
    const lastModified = 'Sun, 13 Apr 2025 06:00:00 GMT';
    const statuses: number[] = [];
    server.route('/feed.json', {
      handle: (request, response) => {
        const status = request.headers['if-modified-since'] === lastModified ? 304 : 200;
        statuses.push(status);
        response
          .writeHead(status, { 'last-modified': lastModified })
          .end(status === 200 ? '{"items":[{"id":"a","title":"a"}]}' : '');
      },
    });
    const s = schedule({ sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }] });
    await s.runOnce();
    const [again] = await s.runOnce();
    expect(statuses).toEqual([200, 304]);
    expect(again!.rawItems).toBe(0);
  });

  it('quarantines every issue with its reason and payload, and passes it to onIssue', async () => {
    server.route('/feed.json', { status: 200, headers: { 'content-type': 'application/json' }, body: '{"items": [' });
    const store = createMemoryStore();
    const issues: CollectorIssue[] = [];
    const s = schedule({
      sources: [{ collector: jsonSource('broken', server.url('/feed.json')), intervalMs: 60_000 }],
      store,
      onIssue: (issue) => void issues.push(issue),
    });
    const [run] = await s.runOnce();
    expect(run).toMatchObject({ outcome: 'failed', issues: 1, error: { code: 'EMW_PARSE_JSON' } });
    const [kept] = await store.listQuarantine({ sourceId: 'broken' });
    expect(kept!.issue.code).toBe('EMW_PARSE_JSON');
    expect(kept!.issue.reason).toContain(server.url('/feed.json'));
    expect(kept!.issue.quarantine).toMatchObject({ payload: '{"items": [', payloadEncoding: 'text' });
    expect(issues.map((i) => i.code)).toEqual(['EMW_PARSE_JSON']);
  });

  it('catches a collector that throws and keeps running the others', async () => {
    server.route(
      '/good.json',
      feedRoute(() => ['g']),
    );
    const throwing: Collector = {
      id: 'thrower',
      kind: 'rss',
      sourceKind: 'media',
      url: server.url('/thrower'),
      // eslint-disable-next-line require-yield
      async *collect() {
        throw new TypeError('Cannot read properties of undefined (reading "items")');
      },
      parse: () => ({ signals: [], issues: [] }),
    };
    const store = createMemoryStore();
    const s = schedule({
      sources: [
        { collector: throwing, intervalMs: 60_000 },
        { collector: jsonSource('good', server.url('/good.json')), intervalMs: 60_000 },
      ],
      store,
    });
    const reports = await s.runOnce();
    expect(reports.map((r) => [r.sourceId, r.outcome])).toEqual([
      ['thrower', 'failed'],
      ['good', 'ok'],
    ]);
    expect(reports[0]!.error).toEqual({
      code: 'EMW_SOURCE_FAILED',
      reason: 'rss source thrower failed: Cannot read properties of undefined (reading "items")',
    });
    expect((await store.listSignals({ sourceId: 'good' })).items).toHaveLength(1);
  });

  it('reports a parser that throws, quarantining the raw item', async () => {
    server.route(
      '/feed.json',
      feedRoute(() => ['1']),
    );
    const collector: Collector = {
      ...jsonSource('feed', server.url('/feed.json')),
      parse: () => {
        throw new RangeError('bad offset');
      },
    };
    const store = createMemoryStore();
    const [run] = await schedule({ sources: [{ collector, intervalMs: 60_000 }], store }).runOnce();
    expect(run!.error!.reason).toMatch(/^json-api parser threw on raw item feed:[0-9a-f]{64}: bad offset$/u);
    const [kept] = await store.listQuarantine();
    expect(kept!.issue.quarantine!.payload).toContain('"id":"1"');
  });

  it('keeps running a source whose onSignals consumer throws, reporting it without failing the run', async () => {
    server.route(
      '/feed.json',
      feedRoute(() => ['1']),
    );
    const issues: CollectorIssue[] = [];
    const [run] = await schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }],
      onSignals: () => {
        throw new Error('consumer down');
      },
      onIssue: (issue) => void issues.push(issue),
    }).runOnce();
    expect(run).toMatchObject({ outcome: 'ok', newSignals: 1, issues: 1 });
    expect(issues[0]!.reason).toBe('onSignals threw for 1 new signals: consumer down');
  });

  it('runs one failing source among healthy ones without disturbing them', async () => {
    server.route(
      '/a.json',
      feedRoute(() => ['a']),
    );
    server.route('/b.json', { status: 500, body: 'boom' });
    server.route(
      '/c.json',
      feedRoute(() => ['c']),
    );
    const refused = await closedPort();
    const reports = await schedule({
      sources: [
        { collector: jsonSource('a', server.url('/a.json')), intervalMs: 60_000 },
        { collector: jsonSource('b', server.url('/b.json')), intervalMs: 60_000 },
        { collector: jsonSource('refused', `http://127.0.0.1:${refused}/feed.json`), intervalMs: 60_000 },
        { collector: jsonSource('c', server.url('/c.json')), intervalMs: 60_000 },
      ],
    }).runOnce();
    expect(reports.map((r) => [r.sourceId, r.outcome, r.error?.code, r.newSignals])).toEqual([
      ['a', 'ok', undefined, 1],
      ['b', 'failed', 'EMW_FETCH_HTTP', 0],
      ['refused', 'failed', 'EMW_FETCH_NETWORK', 0],
      ['c', 'ok', undefined, 1],
    ]);
    expect(reports[2]!.error!.reason).toContain('ECONNREFUSED');
  });

  it('fails a slow source on its connect timeout and quarantines the reason', async () => {
    server.route('/slow.json', { handle: () => undefined });
    const store = createMemoryStore();
    const [run] = await schedule({
      sources: [{ collector: jsonSource('slow', server.url('/slow.json')), intervalMs: 60_000 }],
      limits: { connectTimeoutMs: 150 },
      store,
    }).runOnce();
    expect(run!.error).toEqual({
      code: 'EMW_FETCH_TIMEOUT',
      reason: `[emwatch] [fetch] ${server.url('/slow.json')}: no response within 150 ms (connect timeout)`,
    });
    expect((await store.getHealth('slow'))!.lastError!.code).toBe('EMW_FETCH_TIMEOUT');
  });

  it('fails a source over the body limit without storing anything from it', async () => {
    server.route('/big.json', { body: `{"items":[${'{"id":"x","title":"x"},'.repeat(2000)}{}]}` });
    const store = createMemoryStore();
    const [run] = await schedule({
      sources: [{ collector: jsonSource('big', server.url('/big.json')), intervalMs: 60_000 }],
      limits: { maxBytes: 10_000 },
      store,
    }).runOnce();
    expect(run!.error!.code).toBe('EMW_FETCH_TOO_LARGE');
    expect((await store.listSignals()).items).toEqual([]);
    expect((await store.listQuarantine())[0]!.issue.quarantine!.bytes).toBeGreaterThan(10_000);
  });
});

describe('createScheduler: health and timing', () => {
  it('records failures, then success, with backoff after a failure and the interval after recovery', async () => {
    let status = 500;
    server.route('/feed.json', {
      handle: (request, response) => {
        if (status === 500) return void response.writeHead(500).end('down for maintenance');
        feedRoute(() => ['1']).handle(request, response);
      },
    });
    const clock = fakeClock();
    const s = schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 300_000 }],
      backoff: { baseMs: 30_000, maxMs: 600_000 },
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
    });
    const t0 = clock.ms;

    await s.runOnce();
    let [health] = await s.health();
    expect(health).toMatchObject({
      consecutiveFailures: 1,
      lastErrorAt: new Date(t0).toISOString(),
      lastError: { code: 'EMW_FETCH_HTTP' },
      nextRunAt: new Date(t0 + 30_000).toISOString(),
    });
    expect(health!.lastSuccessAt).toBeUndefined();

    await s.runOnce();
    [health] = await s.health();
    expect(health).toMatchObject({ consecutiveFailures: 2, nextRunAt: new Date(t0 + 60_000).toISOString() });

    status = 200;
    await s.runOnce();
    [health] = await s.health();
    expect(health).toMatchObject({
      consecutiveFailures: 0,
      lastSuccessAt: new Date(t0).toISOString(),
      lastErrorAt: new Date(t0).toISOString(),
      lastError: { code: 'EMW_FETCH_HTTP' },
      nextRunAt: new Date(t0 + 300_000).toISOString(),
      itemsPerDay: { '2025-04-13': 1 },
    });
  });

  it('runs on its timers: backing off exponentially up to the cap, then back to the interval', async () => {
    let failuresLeft = 4;
    server.route('/feed.json', {
      handle: (request, response) => {
        if (failuresLeft-- > 0) return void response.writeHead(502).end();
        feedRoute(() => ['1']).handle(request, response);
      },
    });
    const clock = fakeClock();
    const log = runLog();
    const s = schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 300_000, jitter: 0 }],
      backoff: { baseMs: 30_000, maxMs: 100_000 },
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
      onRun: log.onRun,
    });
    const t0 = clock.ms;
    s.start();
    await new Promise((resolve) => setImmediate(resolve)); // health is loaded before the first timer is set
    const runAt: number[] = [];
    for (let i = 0; i < 6; i++) {
      const next = log.next();
      clock.fireNext();
      await next;
      runAt.push(clock.ms - t0);
    }
    expect(runAt).toEqual([0, 30_000, 90_000, 190_000, 290_000, 590_000]);
    expect(log.reports.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'ok', 'ok']);
  });

  it('spreads runs by the jitter fraction of the interval', async () => {
    server.route(
      '/feed.json',
      feedRoute(() => ['1']),
    );
    const clock = fakeClock();
    const randoms = [0, 1, 0.25];
    const s = schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 100_000, jitter: 0.2 }],
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
      random: () => randoms.shift() ?? 0.5,
    });
    const next = async () => (await s.runOnce())[0]!.nextRunAt;
    expect(await next()).toBe(new Date(clock.ms + 80_000).toISOString());
    expect(await next()).toBe(new Date(clock.ms + 120_000).toISOString());
    expect(await next()).toBe(new Date(clock.ms + 90_000).toISOString());
  });

  it('waits out a 429 with Retry-After in seconds before running the source again', async () => {
    let limited = true;
    server.route('/feed.json', {
      handle: (request, response) => {
        if (limited) return void response.writeHead(429, { 'retry-after': '600' }).end('too many requests');
        feedRoute(() => ['1']).handle(request, response);
      },
    });
    const clock = fakeClock();
    const log = runLog();
    const s = schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000, jitter: 0 }],
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
      onRun: log.onRun,
    });
    const t0 = clock.ms;
    s.start();
    await new Promise((resolve) => setImmediate(resolve));
    let next = log.next();
    clock.fireNext();
    expect(await next).toMatchObject({
      outcome: 'failed',
      error: { code: 'EMW_FETCH_RATE_LIMITED' },
      nextRunAt: new Date(t0 + 600_000).toISOString(),
    });
    expect(clock.pending()).toEqual([t0 + 600_000]);

    // Asked to run now, it declines without touching the server.
    const [deferred] = await s.runOnce();
    expect(deferred).toMatchObject({ outcome: 'deferred', nextRunAt: new Date(t0 + 600_000).toISOString() });
    expect(server.requests).toEqual(['/feed.json']);

    limited = false;
    next = log.next();
    clock.fireNext();
    expect(await next).toMatchObject({ outcome: 'ok', newSignals: 1 });
    expect(clock.ms).toBe(t0 + 600_000);
  });

  it('waits out a 503 with Retry-After as an HTTP date', async () => {
    const clock = fakeClock(Math.floor(Date.now() / 1000) * 1000);
    const retryAt = clock.ms + 300_000;
    server.route('/feed.json', { status: 503, headers: { 'retry-after': new Date(retryAt).toUTCString() } });
    const s = schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }],
      now: clock.now,
    });
    const [run] = await s.runOnce();
    expect(run!.error!.code).toBe('EMW_FETCH_RATE_LIMITED');
    // fetchLimited measures the date against the real clock, a few milliseconds after ours.
    expect(Date.parse(run!.nextRunAt!)).toBeGreaterThan(retryAt - 2_000);
    expect(Date.parse(run!.nextRunAt!)).toBeLessThanOrEqual(retryAt);
    expect((await s.runOnce())[0]!.outcome).toBe('deferred');
  });

  it('counts new signals per day in the monitor’s zone', async () => {
    let items = ['1', '2'];
    server.route(
      '/feed.json',
      feedRoute(() => items),
    );
    // 20:00 UTC is already the next day in Asia/Shanghai.
    const clock = fakeClock(Date.parse('2025-04-13T20:00:00Z'));
    const s = schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }],
      now: clock.now,
    });
    await s.runOnce();
    items = ['1', '2', '3'];
    await s.runOnce();
    expect((await s.health())[0]!.itemsPerDay).toEqual({ '2025-04-14': 3 });
  });

  it('shows when a started source will first run, spread by its jitter', async () => {
    const clock = fakeClock();
    const s = schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }],
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
    });
    s.start();
    await new Promise((resolve) => setImmediate(resolve));
    // random() = 0.5 of the default jitter 0.1 of a minute.
    expect((await s.health())[0]!.nextRunAt).toBe(new Date(clock.ms + 3_000).toISOString());
  });

  it('lists a source that has not run yet with empty health', async () => {
    const s = schedule({ sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }] });
    expect(await s.health()).toEqual([
      { sourceId: 'feed', url: server.url('/feed.json'), consecutiveFailures: 0, itemsPerDay: {} },
    ]);
  });
});

describe('createScheduler: concurrency', () => {
  /** One server per loopback address, each answering after a delay and counting requests in flight per host. */
  async function countingServers(hosts: readonly string[], delayMs = 30) {
    const inFlight = new Map<string, number>();
    const maxPerHost = new Map<string, number>();
    let total = 0;
    let maxTotal = 0;
    for (const host of hosts) {
      const s = createServer((request, response) => {
        inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
        maxPerHost.set(host, Math.max(maxPerHost.get(host) ?? 0, inFlight.get(host)!));
        maxTotal = Math.max(maxTotal, ++total);
        setTimeout(() => {
          inFlight.set(host, inFlight.get(host)! - 1);
          total--;
          response.end(JSON.stringify({ items: [{ id: request.url, title: `item ${request.url}` }] }));
        }, delayMs);
      });
      extraServers.push(s);
      await new Promise<void>((resolve) => s.listen(0, host, resolve));
    }
    return {
      url: (i: number, path: string) =>
        `http://${hosts[i]}:${(extraServers[extraServers.length - hosts.length + i]!.address() as AddressInfo).port}${path}`,
      maxPerHost,
      get maxTotal() {
        return maxTotal;
      },
    };
  }

  it('never runs more than perHostConcurrency sources against one host, nor more than concurrency in all', async () => {
    const hosts = ['127.0.0.1', '127.0.0.2', '127.0.0.3'];
    const servers = await countingServers(hosts);
    const sources = [];
    // Grouped by host, so without the per-host limit the first four runs would all hit the first host.
    for (let i = 0; i < 18; i++) {
      sources.push({
        collector: jsonSource(`s${i}`, servers.url(Math.floor(i / 6), `/s${i}.json`)),
        intervalMs: 60_000,
      });
    }
    const reports = await schedule({ sources, perHostConcurrency: 2, concurrency: 4 }).runOnce();
    expect(reports.every((r) => r.outcome === 'ok' && r.newSignals === 1)).toBe(true);
    expect(Math.max(...servers.maxPerHost.values())).toBe(2);
    expect(servers.maxTotal).toBe(4);
  });

  it('skips past a busy host to start sources on free ones', async () => {
    // Slow answers, so the order of finishing does not depend on a loaded machine's timing.
    const servers = await countingServers(['127.0.0.1', '127.0.0.2'], 150);
    // Four sources on the first host are queued ahead of the one on the second.
    const sources = [0, 1, 2, 3].map((i) => ({
      collector: jsonSource(`a${i}`, servers.url(0, `/a${i}`)),
      intervalMs: 60_000,
    }));
    sources.push({ collector: jsonSource('b', servers.url(1, '/b')), intervalMs: 60_000 });
    const reports = await schedule({ sources, perHostConcurrency: 1, concurrency: 8 }).runOnce();
    const finished = (id: string) => Date.parse(reports.find((r) => r.sourceId === id)!.finishedAt);
    expect(finished('b')).toBeLessThan(finished('a1'));
  });

  it('never runs a source twice at once: a second request joins the run in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.route('/feed.json', {
      handle: (request, response) => void gate.then(() => feedRoute(() => ['1']).handle(request, response)),
    });
    const s = schedule({ sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }] });
    const a = s.runOnce('feed');
    const b = s.runOnce('feed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const [[ra], [rb]] = await Promise.all([a, b]);
    expect(rb).toBe(ra);
    expect(server.requests).toEqual(['/feed.json']);
  });
});

describe('createScheduler: stopping and restarting', () => {
  it('aborts a slow fetch on stop() and resolves promptly, without counting it as a failure', async () => {
    server.route('/slow.json', { handle: () => undefined });
    const store = createMemoryStore();
    const s = schedule({
      sources: [{ collector: jsonSource('slow', server.url('/slow.json')), intervalMs: 60_000 }],
      store,
    });
    const running = s.runOnce();
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await s.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    const [run] = await running;
    expect(run!.outcome).toBe('aborted');
    expect(await store.getHealth('slow')).toBeUndefined();
    expect(await store.listQuarantine()).toEqual([]);
  });

  it('stops the timers: nothing runs after stop()', async () => {
    server.route(
      '/feed.json',
      feedRoute(() => ['1']),
    );
    const clock = fakeClock();
    const s = schedule({
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }],
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
    });
    s.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(clock.pending()).toHaveLength(1);
    await s.stop();
    expect(clock.pending()).toEqual([]);
  });

  it('resumes from the persisted cursor after a restart, neither repeating nor skipping items', async () => {
    let items = ['1', '2'];
    server.route(
      '/feed.json',
      feedRoute(() => items),
    );
    const data = createMemoryStore();
    const delivered: string[] = [];
    const start = (store: Store) =>
      createScheduler({
        sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 }],
        store,
        onSignals: (signals: readonly Signal[]) => void delivered.push(...signals.map((x) => x.guid!)),
      });

    const first = start(reopen(data));
    await first.runOnce();
    await first.stop();

    items = ['1', '2', '3'];
    const second = start(reopen(data));
    const [run] = await second.runOnce();
    expect(run).toMatchObject({ rawItems: 1, newSignals: 1 });
    await second.stop();

    const third = start(reopen(data));
    expect((await third.runOnce())[0]).toMatchObject({ rawItems: 0, newSignals: 0 });

    expect(delivered).toEqual(['1', '2', '3']);
    expect((await data.listSignals()).items).toHaveLength(3);
    expect(server.requests).toHaveLength(3);
  });

  it('fetches again after a run that failed to store its signals, so nothing is skipped', async () => {
    server.route(
      '/feed.json',
      feedRoute(() => ['1', '2']),
    );
    const data = createMemoryStore();
    const source = { collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 60_000 };
    const broken = reopen(data, {
      putSignals: async () => {
        throw new Error('disk full');
      },
    });
    const [failed] = await createScheduler({ sources: [source], store: broken }).runOnce();
    expect(failed).toMatchObject({ outcome: 'failed', error: { code: 'EMW_SOURCE_FAILED' } });
    expect(failed!.error!.reason).toContain('disk full');
    expect(await data.getCursor('feed')).toBeUndefined();

    const [recovered] = await createScheduler({ sources: [source], store: reopen(data) }).runOnce();
    expect(recovered).toMatchObject({ outcome: 'ok', rawItems: 1, newSignals: 2 });
  });

  it('keeps a stored next run in the future after a restart instead of polling at once', async () => {
    server.route(
      '/feed.json',
      feedRoute(() => ['1']),
    );
    const clock = fakeClock();
    const data = createMemoryStore();
    const options = {
      sources: [{ collector: jsonSource('feed', server.url('/feed.json')), intervalMs: 600_000 }],
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
    };
    await createScheduler({ ...options, store: reopen(data) }).runOnce();
    const restarted = (scheduler = createScheduler({ ...options, store: reopen(data) }));
    restarted.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(clock.pending()).toEqual([Date.parse((await data.getHealth('feed'))!.nextRunAt!)]);
  });
});

describe('createScheduler: options', () => {
  const collector = () => jsonSource('feed', 'http://127.0.0.1:9/feed.json');

  it('refuses repeated source ids', () => {
    expect(() =>
      createScheduler({
        sources: [
          { collector: collector(), intervalMs: 1000 },
          { collector: collector(), intervalMs: 1000 },
        ],
        store: createMemoryStore(),
      }),
    ).toThrow('[emwatch] [scheduler] sources[1] repeats the source id "feed"; ids must be unique');
  });

  it('refuses a missing interval, a jitter outside 0..1 and a zero concurrency', () => {
    const store = createMemoryStore();
    expect(() => createScheduler({ sources: [{ collector: collector(), intervalMs: 0 }], store })).toThrow(
      /sources\[0\]\.intervalMs must be a positive number/u,
    );
    expect(() => createScheduler({ sources: [{ collector: collector(), intervalMs: 1, jitter: 2 }], store })).toThrow(
      /sources\[0\]\.jitter must be a number from 0 to 1/u,
    );
    expect(() => createScheduler({ sources: [], store, concurrency: 0 })).toThrow(
      /concurrency must be a positive integer/u,
    );
  });

  it('rejects runOnce for a source it does not have', async () => {
    await expect(createScheduler({ sources: [], store: createMemoryStore() }).runOnce('nope')).rejects.toThrow(
      '[emwatch] [scheduler] no source with id "nope"',
    );
  });
});
