import regionNmg from '@emwatch/region-nmg';
import { afterEach, describe, expect, it } from 'vitest';
import { runCollector } from '../../test/run-collector.js';
import { describeCollectorConformance } from '../../test/collector-conformance.js';
import { readFixture } from '../../test/golden.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/loopback-server.js';
import { EmwatchError } from '../errors.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal } from '../model/signal.js';
import type { CollectorContext, CollectorIssue, SourceCursor } from './collector.js';
import { quakeFeed, type QuakeFeedOptions } from './quake-feed.js';

const text = (name: string): string => new TextDecoder().decode(readFixture(`quake/${name}`));
const USGS = text('usgs-2.5_day.geojson');
const CENC = text('cenc-speedsearch.jsonp');

/** The USGS fixture cut to its first `count` features, as the feed looked earlier in the day. */
function usgsWith(count: number): string {
  const collection = JSON.parse(USGS) as { features: unknown[] };
  return JSON.stringify({ ...collection, features: collection.features.slice(0, count) });
}

function context(cursor: { value?: SourceCursor } = {}): CollectorContext {
  return {
    fetch: globalThis.fetch,
    now: () => new Date('2025-04-13T08:00:30Z'),
    signal: new AbortController().signal,
    cursor: { get: async () => cursor.value, set: async (next) => void (cursor.value = next) },
  };
}

async function collectAll(
  options: QuakeFeedOptions,
  ctx = context(),
): Promise<{ raws: RawItem[]; signals: Signal[]; issues: CollectorIssue[] }> {
  const collector = quakeFeed(options);
  return runCollector(collector, ctx, { region: regionNmg });
}

describe('quakeFeed', () => {
  let server: LoopbackServer;
  afterEach(async () => server?.close());

  it('fetches a USGS feed from a real server and yields its quakes', async () => {
    server = await startLoopbackServer();
    server.route('/summary/2.5_day.geojson', {
      headers: { 'content-type': 'application/geo+json', etag: '"usgs-1"' },
      body: USGS,
    });
    const { raws, signals, issues } = await collectAll({
      id: 'usgs',
      url: server.url('/summary/2.5_day.geojson'),
      format: 'usgs-geojson',
      allowPrivate: true,
    });
    expect(issues).toEqual([]);
    expect(raws.map((r) => [r.contentType, r.provenance.etag])).toEqual([['application/geo+json', '"usgs-1"']]);
    expect(signals.map((s) => s.guid)).toEqual([
      'us7000pk3m',
      'us7000pk2x',
      'us7000pk1q',
      'us7000pk0d',
      'us7000pjzz',
      'us7000pjyk',
      'tx2025hfyv',
    ]);
    expect(signals[0]?.facts?.regionCodes).toEqual(['150222', '150200']);
  });

  it('fetches CENC JSONP served as text/javascript and applies the minimum magnitude', async () => {
    server = await startLoopbackServer();
    server.route('/ajax/speedsearch', { headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: CENC });
    const { signals, issues } = await collectAll({
      id: 'cenc',
      url: server.url('/ajax/speedsearch?num=1&page=1'),
      format: 'cenc-json',
      minMagnitude: 3,
      allowPrivate: [new URL(server.origin).host],
    });
    expect(issues).toEqual([]);
    expect(signals.map((s) => s.title)).toEqual([
      '内蒙古包头市土默特右旗发生3.1级地震',
      '内蒙古阿拉善盟阿拉善左旗发生3.3级地震',
      '蒙古发生4.5级地震',
      '新疆喀什地区伽师县发生4.2级地震',
      '日本本州东海岸附近海域发生5.6级地震',
    ]);
    expect(signals[0]?.sourceKind).toBe('sensor');
  });

  it('sends the validators of the last response and yields nothing on 304', async () => {
    server = await startLoopbackServer();
    const seen: (string | undefined)[] = [];
    server.route('/feed.geojson', {
      handle: (request, response) => {
        seen.push(request.headers['if-none-match']);
        if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
        response.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end(USGS);
      },
    });
    const cursor: { value?: SourceCursor } = {};
    const options = {
      id: 'usgs',
      url: server.url('/feed.geojson'),
      format: 'usgs-geojson',
      allowPrivate: true,
    } as const;
    const first = await collectAll(options, context(cursor));
    const second = await collectAll(options, context(cursor));
    expect(first.signals).toHaveLength(7);
    expect(second).toEqual({ raws: [], signals: [], issues: [] });
    expect(seen).toEqual([undefined, '"v1"']);
  });

  it('refuses a loopback address unless the source allows it', async () => {
    server = await startLoopbackServer();
    server.route('/feed.geojson', { body: USGS });
    const { raws, issues } = await collectAll({ id: 'usgs', url: server.url('/feed.geojson'), format: 'usgs-geojson' });
    expect(raws).toEqual([]);
    expect(issues.map((i) => [i.code, i.sourceId, i.fatal])).toEqual([['EMW_FETCH_BLOCKED', 'usgs', true]]);
    expect(server.requests).toEqual([]);
  });

  it('reports a server error with its status and the body kept', async () => {
    server = await startLoopbackServer();
    server.route('/feed.geojson', { status: 503, body: 'Service Unavailable' });
    const { issues } = await collectAll({
      id: 'usgs',
      url: server.url('/feed.geojson'),
      format: 'usgs-geojson',
      allowPrivate: true,
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ status: 503, fatal: true, url: server.url('/feed.geojson') });
    expect(issues[0]?.quarantine?.payload).toBe(btoa('Service Unavailable'));
  });

  describe('options', () => {
    const valid: QuakeFeedOptions = {
      id: 'usgs',
      url: 'https://earthquake.usgs.gov/feed.geojson',
      format: 'usgs-geojson',
    };
    const messageOf = (options: unknown): string => {
      try {
        quakeFeed(options as QuakeFeedOptions);
      } catch (error) {
        expect(error).toBeInstanceOf(EmwatchError);
        expect((error as EmwatchError).code).toBe('EMW_COLLECTOR_OPTIONS');
        return (error as Error).message;
      }
      throw new Error('expected quakeFeed to throw');
    };

    it('describes itself as a quake-feed collector from a sensor', () => {
      expect(quakeFeed(valid)).toMatchObject({ id: 'usgs', kind: 'quake-feed', sourceKind: 'sensor', url: valid.url });
    });

    it.each([
      [{ ...valid, id: ' ' }, 'option id must be a non-empty string'],
      [
        { ...valid, url: 'earthquake.usgs.gov/feed' },
        'option url must be an absolute http(s) URL, got "earthquake.usgs.gov/feed"',
      ],
      [{ ...valid, url: 'ftp://example.org/feed' }, 'option url must use http or https'],
      [{ ...valid, format: 'quakeml' }, 'option format must be one of usgs-geojson, cenc-json, got "quakeml"'],
      [{ ...valid, minMagnitude: Number.NaN }, 'option minMagnitude must be a number up to 10, got NaN'],
      [{ ...valid, sourceKind: 'satellite' }, 'option sourceKind must be one of'],
      [{ ...valid, allowPrivate: 'yes' }, 'option allowPrivate must be a boolean or a list of host names'],
    ])('rejects bad options with a message naming the key (%#)', (options, message) => {
      expect(messageOf(options)).toContain(message);
    });

    it('names the source in the message', () => {
      expect(messageOf({ ...valid, format: 'x' })).toMatch(/^\[emwatch\] \[quake-feed\] \[usgs\] /u);
    });
  });
});

describeCollectorConformance('quakeFeed (USGS)', async () => {
  const server = await startLoopbackServer();
  return {
    collector: quakeFeed({ id: 'usgs', url: server.url('/feed.geojson'), format: 'usgs-geojson', allowPrivate: true }),
    parseOptions: { region: regionNmg },
    publish: async (batch) => {
      const body = batch === 'first' ? usgsWith(4) : batch === 'second' ? USGS : USGS.slice(0, 700);
      server.route('/feed.geojson', { headers: { 'content-type': 'application/geo+json' }, body });
    },
    close: () => server.close(),
  };
});

describeCollectorConformance('quakeFeed (CENC)', async () => {
  const server = await startLoopbackServer();
  return {
    collector: quakeFeed({ id: 'cenc', url: server.url('/ajax/speedsearch'), format: 'cenc-json', allowPrivate: true }),
    publish: async (batch) => {
      const list = (JSON.parse(CENC.slice(CENC.indexOf('(') + 1, -1)) as { shuju: unknown[] }).shuju;
      const body =
        batch === 'first'
          ? `cb(${JSON.stringify({ num: 3, shuju: list.slice(0, 3) })})`
          : batch === 'second'
            ? CENC
            : '<html><head><title>502 Bad Gateway</title></head></html>';
      server.route('/ajax/speedsearch', { headers: { 'content-type': 'text/javascript' }, body });
    },
    close: () => server.close(),
  };
});
