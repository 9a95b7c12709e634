import regionNmg from '@emwatch/region-nmg';
import { afterEach, describe, expect, it } from 'vitest';
import { runCollector } from '../../test/run-collector.js';
import { describeCollectorConformance } from '../../test/collector-conformance.js';
import { readFixture } from '../../test/golden.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/loopback-server.js';
import { readSharedFixture } from '../../test/shared-fixtures.js';
import { EmwatchError } from '../errors.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal } from '../model/signal.js';
import { readCapIndex } from '../parse/_internal/cap-index.js';
import { parseXml } from '../parse/xml.js';
import { cap, type CapOptions } from './cap.js';
import type { CollectorContext, CollectorIssue, SourceCursor } from './collector.js';

const fixture = (name: string): string => new TextDecoder().decode(readFixture(`cap/${name}`));
const CAP_XML = { 'content-type': 'application/cap+xml; charset=utf-8' };
const ATOM = { 'content-type': 'application/atom+xml; charset=utf-8' };

function atomIndex(entries: readonly { id: string; href: string; updated?: string }[]): string {
  const body = entries
    .map(
      (e) =>
        `<entry><id>${e.id}</id><title>${e.id}</title><updated>${e.updated ?? '2025-04-13T06:00:00+08:00'}</updated><link type="application/cap+xml" href="${e.href}"/></entry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>CAP</title><updated>2025-04-13T06:00:00+08:00</updated>${body}</feed>`;
}

function context(store: { value?: SourceCursor } = {}, signal = new AbortController().signal): CollectorContext {
  return {
    fetch: globalThis.fetch,
    now: () => new Date('2025-04-13T06:05:00+08:00'),
    signal,
    cursor: { get: async () => store.value, set: async (next) => void (store.value = next) },
  };
}

interface Run {
  raws: RawItem[];
  signals: Signal[];
  issues: CollectorIssue[];
}

async function runOnce(options: CapOptions, ctx: CollectorContext): Promise<Run> {
  const collector = cap(options);
  return runCollector(collector, ctx, { region: regionNmg });
}

describeCollectorConformance('cap', async () => {
  const server = await startLoopbackServer();
  server.route('/alerts/orange.xml', { headers: CAP_XML, body: fixture('cma-xlgl-blizzard-orange.xml') });
  server.route('/alerts/gale.xml', { headers: CAP_XML, body: fixture('national-kerqin-gale.xml') });
  server.route('/alerts/red.xml', { headers: CAP_XML, body: fixture('cma-xlgl-blizzard-update.xml') });
  const first = [
    { id: 'orange', href: 'alerts/orange.xml' },
    { id: 'gale', href: 'alerts/gale.xml' },
  ];
  return {
    collector: cap({ id: 'nmg-cap', url: server.url('/index.atom'), allowPrivate: true }),
    parseOptions: { region: regionNmg },
    async publish(batch) {
      if (batch === 'broken')
        server.route('/index.atom', { headers: ATOM, body: '<feed><entry><id>x</id><link href="a.xml"' });
      else
        server.route('/index.atom', {
          headers: ATOM,
          body: atomIndex(batch === 'first' ? first : [{ id: 'red', href: 'alerts/red.xml' }, ...first]),
        });
    },
    close: () => server.close(),
  };
});

describe('cap', () => {
  let server: LoopbackServer;
  afterEach(async () => server?.close());

  it('fetches a single CAP document and yields its signal', async () => {
    server = await startLoopbackServer();
    server.route('/cap/gale.xml', { headers: CAP_XML, body: fixture('national-kerqin-gale.xml') });
    const { raws, signals, issues } = await runOnce(
      { id: 'kerqin', url: server.url('/cap/gale.xml'), allowPrivate: true },
      context(),
    );
    expect(issues).toEqual([]);
    expect(raws.map((r) => r.contentType)).toEqual(['application/cap+xml']);
    expect(signals.map((s) => [s.sourceKind, s.title, s.facts?.hintedType, s.facts?.regionCodes])).toEqual([
      ['official-warning', '科尔沁区气象台发布大风橙色预警', 'gale', ['150502', '150521', '150500']],
    ]);
  });

  it('follows an Atom index: resolves relative links, yields each document, reports the entry without link', async () => {
    server = await startLoopbackServer();
    server.route('/feeds/index.atom', { headers: ATOM, body: fixture('index.atom') });
    server.route('/feeds/alerts/cma-xlgl-blizzard-orange.xml', {
      headers: CAP_XML,
      body: fixture('cma-xlgl-blizzard-orange.xml'),
    });
    server.route('/feeds/alerts/national-kerqin-gale.xml', {
      headers: CAP_XML,
      body: fixture('national-kerqin-gale.xml'),
    });
    server.route('/feeds/alerts/test-status.xml', { headers: CAP_XML, body: fixture('test-status.xml') });
    const { raws, signals, issues } = await runOnce(
      { id: 'nmg-cap', url: server.url('/feeds/index.atom'), allowPrivate: true },
      context(),
    );
    expect(raws).toHaveLength(4);
    expect(signals.map((s) => [s.guid, s.facts?.warning?.status])).toEqual([
      ['15250041600000_20250411080000', 'Actual'],
      ['15050241600000_20250413060000', 'Actual'],
      ['15000041600000_TEST_20250415100000', 'Test'],
    ]);
    expect(issues.map((i) => [i.code, i.itemIndex, i.reason])).toEqual([
      ['EMW_PARSE_ITEM', 3, `${server.url('/feeds/index.atom')}: index entry 3 has no link to a CAP document`],
    ]);
  });

  it('fetches nothing but the index on the next run when the index is unchanged', async () => {
    server = await startLoopbackServer();
    server.route('/index.atom', { headers: ATOM, body: atomIndex([{ id: 'a', href: '/a.xml' }]) });
    server.route('/a.xml', { headers: CAP_XML, body: fixture('cma-xlgl-blizzard-orange.xml') });
    const store: { value?: SourceCursor } = {};
    await runOnce({ id: 'idx', url: server.url('/index.atom'), allowPrivate: true }, context(store));
    const again = await runOnce({ id: 'idx', url: server.url('/index.atom'), allowPrivate: true }, context(store));
    expect(again.raws).toEqual([]);
    expect(server.requests).toEqual(['/index.atom', '/a.xml', '/index.atom']);
  });

  it('fetches only the new entry when the index grows', async () => {
    server = await startLoopbackServer();
    server.route('/a.xml', { headers: CAP_XML, body: fixture('cma-xlgl-blizzard-orange.xml') });
    server.route('/b.xml', { headers: CAP_XML, body: fixture('cma-xlgl-blizzard-update.xml') });
    server.route('/index.atom', { headers: ATOM, body: atomIndex([{ id: 'a', href: '/a.xml' }]) });
    const store: { value?: SourceCursor } = {};
    const options = { id: 'idx', url: server.url('/index.atom'), allowPrivate: true };
    await runOnce(options, context(store));
    server.route('/index.atom', {
      headers: ATOM,
      body: atomIndex([
        { id: 'b', href: '/b.xml' },
        { id: 'a', href: '/a.xml' },
      ]),
    });
    const second = await runOnce(options, context(store));
    expect(second.signals.map((s) => s.facts?.warning?.msgType)).toEqual(['Update']);
    expect(server.requests).toEqual(['/index.atom', '/a.xml', '/index.atom', '/b.xml']);
  });

  it('reports a failing entry and goes on with the others, then retries only it', async () => {
    server = await startLoopbackServer();
    server.route('/index.atom', {
      headers: ATOM,
      body: atomIndex([
        { id: 'gone', href: '/gone.xml' },
        { id: 'a', href: '/a.xml' },
      ]),
    });
    server.route('/a.xml', { headers: CAP_XML, body: fixture('cma-xlgl-blizzard-orange.xml') });
    const store: { value?: SourceCursor } = {};
    const options = { id: 'idx', url: server.url('/index.atom'), allowPrivate: true };
    const first = await runOnce(options, context(store));
    expect(first.signals).toHaveLength(1);
    expect(first.issues.map((i) => [i.code, i.status, i.itemIndex])).toEqual([['EMW_FETCH_HTTP', 404, 0]]);
    expect(first.issues[0]?.reason).toMatch(/^index entry 0 \(gone\): /u);
    const second = await runOnce(options, context(store));
    expect(second.raws.map((r) => r.provenance.url)).toEqual([server.url('/index.atom')]);
    expect(server.requests).toEqual(['/index.atom', '/gone.xml', '/a.xml', '/index.atom', '/gone.xml']);
  });

  it('gives up on an entry after three failed runs, and says so', async () => {
    server = await startLoopbackServer();
    server.route('/index.atom', { headers: ATOM, body: atomIndex([{ id: 'gone', href: '/gone.xml' }]) });
    const store: { value?: SourceCursor } = {};
    const options = { id: 'idx', url: server.url('/index.atom'), allowPrivate: true };
    const reasons: string[] = [];
    for (let run = 0; run < 4; run += 1)
      reasons.push(...(await runOnce(options, context(store))).issues.map((i) => i.reason));
    expect(reasons).toHaveLength(3);
    expect(reasons[2]).toMatch(/; given up after 3 attempts$/u);
    expect(server.requests.filter((path) => path === '/gone.xml')).toHaveLength(3);
  });

  it('fetches at most maxEntries documents per run and the rest on the next', async () => {
    server = await startLoopbackServer();
    server.route('/a.xml', { headers: CAP_XML, body: fixture('cma-xlgl-blizzard-orange.xml') });
    server.route('/b.xml', { headers: CAP_XML, body: fixture('national-kerqin-gale.xml') });
    server.route('/index.atom', {
      headers: ATOM,
      body: atomIndex([
        { id: 'a', href: '/a.xml' },
        { id: 'b', href: '/b.xml' },
      ]),
    });
    const store: { value?: SourceCursor } = {};
    const options = { id: 'idx', url: server.url('/index.atom'), allowPrivate: true, maxEntries: 1 };
    const first = await runOnce(options, context(store));
    const second = await runOnce(options, context(store));
    const third = await runOnce(options, context(store));
    expect([first, second, third].map((run) => run.signals.map((s) => s.guid))).toEqual([
      ['15250041600000_20250411080000'],
      ['15050241600000_20250413060000'],
      [],
    ]);
  });

  it('refuses a linked document on a private address unless the source allows it', async () => {
    server = await startLoopbackServer();
    server.route('/index.atom', { headers: ATOM, body: atomIndex([{ id: 'a', href: server.url('/a.xml') }]) });
    server.route('/a.xml', { headers: CAP_XML, body: fixture('cma-xlgl-blizzard-orange.xml') });
    const host = new URL(server.origin).host;
    const { issues } = await runOnce({ id: 'idx', url: server.url('/index.atom'), allowPrivate: [host] }, context());
    expect(issues).toEqual([]);
    const blocked = await runOnce({ id: 'idx', url: 'http://localhost:1/index.atom' }, context());
    expect(blocked.issues.map((i) => i.code)).toEqual(['EMW_FETCH_BLOCKED']);
  });

  it('reports a broken CAP document with its bytes kept, and no signal', async () => {
    server = await startLoopbackServer();
    server.route('/cap/broken.xml', { headers: CAP_XML, body: fixture('truncated.xml') });
    const { signals, issues } = await runOnce(
      { id: 'b', url: server.url('/cap/broken.xml'), allowPrivate: true },
      context(),
    );
    expect(signals).toEqual([]);
    expect(issues.map((i) => [i.code, i.fatal, i.url])).toEqual([
      ['EMW_PARSE_XML', true, server.url('/cap/broken.xml')],
    ]);
    expect(issues[0]?.quarantine?.payload).toBe(fixture('truncated.xml'));
  });

  it('turns CAP problems into item issues that do not stop the signal', async () => {
    server = await startLoopbackServer();
    server.route('/cap/gdacs.xml', { headers: CAP_XML, body: readSharedFixture('cap/gdacs-cap_1023542.xml') });
    const { signals, issues } = await runOnce(
      { id: 'gdacs', url: server.url('/cap/gdacs.xml'), allowPrivate: true },
      context(),
    );
    expect(signals.map((s) => s.facts?.hintedType)).toEqual(['wildfire']);
    expect(issues.map((i) => [i.code, i.fatal])).toEqual([['EMW_CAP_INVALID', false]]);
    expect(issues[0]?.reason).toContain('CAP GDACS_WF_1023542_5: info 1 (en-US): area 1: polygon 1:');
  });

  it('rejects bad options at construction', () => {
    expect(() => cap({ id: 'x', url: 'ftp://example.org/cap.xml' })).toThrow(EmwatchError);
    expect(() => cap({ id: 'x', url: 'https://example.org/cap.xml', maxEntries: 0 })).toThrow(
      '[emwatch] [cap] [x] option maxEntries must be an integer from 1 to 1000, got 0',
    );
  });
});

describe('readCapIndex', () => {
  it('reads the BoM RSS index of CAP documents', () => {
    const root = parseXml(new TextDecoder().decode(readSharedFixture('cap/au-bom-en.rss.xml')));
    expect(readCapIndex(root)).toEqual({
      kind: 'rss',
      entries: [
        {
          id: 'AusBoM-IDW20100-2026-01-01T05:01:02+00:00',
          link: 'https://severeweather.wmo.int/v2/cap-alerts/au-bom-en/2026/01/01/05/01/02-dc6fc32e272f13d57f3fb683aa6bd3b8.xml',
          index: 0,
          updated: 'Thu, 01 Jan 2026 05:09:13 +0000',
        },
      ],
      unlinked: [],
    });
  });

  it('prefers the CAP-typed link of an Atom entry', () => {
    const index = readCapIndex(parseXml(fixture('index.atom')));
    expect(index?.entries.map((e) => e.link)).toEqual([
      'alerts/cma-xlgl-blizzard-orange.xml',
      'alerts/national-kerqin-gale.xml',
      'alerts/test-status.xml',
    ]);
    expect(index?.unlinked).toEqual([3]);
  });
});
