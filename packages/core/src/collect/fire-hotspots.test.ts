import { runCollector } from '../../test/run-collector.js';
import regionNmg from '@emwatch/region-nmg';
import { afterEach, describe, expect, it } from 'vitest';
import { describeCollectorConformance } from '../../test/collector-conformance.js';
import { readFixture } from '../../test/golden.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/loopback-server.js';
import type { EmwatchError } from '../errors.js';
import type { RegionPack } from '../model/region-pack.js';
import type { Signal } from '../model/signal.js';
import type { CollectorContext, CollectorIssue, SourceCursor } from './collector.js';
import { fireHotspots, type FireHotspotsOptions } from './fire-hotspots.js';

const VIIRS = new TextDecoder().decode(readFixture('firms/viirs-snpp-nmg.csv'));
const MODIS = new TextDecoder().decode(readFixture('firms/modis-nmg.csv'));

function context(): CollectorContext {
  let cursor: SourceCursor | undefined;
  return {
    fetch: globalThis.fetch,
    now: () => new Date('2025-04-05T08:00:00Z'),
    signal: new AbortController().signal,
    cursor: { get: async () => cursor, set: async (next) => void (cursor = next) },
  };
}

async function collectAll(options: FireHotspotsOptions): Promise<{ signals: Signal[]; issues: CollectorIssue[] }> {
  return runCollector(fireHotspots(options), context());
}

describe('fireHotspots', () => {
  let server: LoopbackServer;
  afterEach(async () => server?.close());

  it('fetches a FIRMS CSV from a real server and keeps the fires in and near the region', async () => {
    server = await startLoopbackServer();
    server.route('/api/area/csv/KEY/MODIS_NRT/97,37,126.1,53.4/1', {
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      body: MODIS,
    });
    const { signals, issues } = await collectAll({
      id: 'firms-modis',
      url: server.url('/api/area/csv/KEY/MODIS_NRT/97,37,126.1,53.4/1'),
      region: regionNmg,
      allowPrivate: true,
    });
    expect(issues).toEqual([]);
    expect(signals.map((s) => [s.facts?.regionCodes?.[0], s.facts?.hotspot?.nearBorder ?? false])).toEqual([
      ['152525', false],
      ['150727', false],
      ['150727', true],
      ['150723', false],
    ]);
    expect(signals.every((s) => s.facts?.hintedType === 'wildfire' && s.sourceKind === 'sensor')).toBe(true);
  });

  it('keeps fires outside the region only within its borderBufferKm', async () => {
    server = await startLoopbackServer();
    server.route('/viirs.csv', { headers: { 'content-type': 'text/csv' }, body: VIIRS });
    const { signals } = await collectAll({
      id: 'firms-viirs',
      url: server.url('/viirs.csv'),
      region: regionNmg,
      borderBufferKm: 10,
      allowPrivate: true,
    });
    expect(signals.filter((s) => s.facts?.hotspot?.nearBorder).map((s) => s.title)).toEqual([
      '区外卫星监测热点：距呼伦贝尔市新巴尔虎左旗边界3公里（疑似草原火）',
    ]);
  });

  it('reports the FIRMS error text as a rejected document', async () => {
    server = await startLoopbackServer();
    server.route('/bad-key.csv', { headers: { 'content-type': 'text/plain' }, body: 'Invalid MAP_KEY.' });
    const { signals, issues } = await collectAll({
      id: 'firms-viirs',
      url: server.url('/bad-key.csv'),
      region: regionNmg,
      allowPrivate: true,
    });
    expect(signals).toEqual([]);
    expect(issues.map((i) => [i.code, i.fatal])).toEqual([['EMW_PARSE_FORMAT', true]]);
  });

  describe('options', () => {
    const valid: FireHotspotsOptions = {
      id: 'firms',
      url: 'https://firms.modaps.eosdis.nasa.gov/api/x.csv',
      region: regionNmg,
    };
    const messageOf = (options: unknown): string => {
      try {
        fireHotspots(options as FireHotspotsOptions);
      } catch (error) {
        expect((error as EmwatchError).code).toBe('EMW_COLLECTOR_OPTIONS');
        return (error as Error).message;
      }
      throw new Error('expected fireHotspots to throw');
    };

    it('describes itself as a fire-hotspots collector from a sensor', () => {
      expect(fireHotspots(valid)).toMatchObject({ id: 'firms', kind: 'fire-hotspots', sourceKind: 'sensor' });
    });

    it.each([
      [{ ...valid, region: undefined }, 'option region must be a region pack'],
      [{ ...valid, borderBufferKm: -1 }, 'option borderBufferKm must be a number from 0 to 500, got -1'],
      [{ ...valid, borderBufferKm: '30' }, 'option borderBufferKm must be a number from 0 to 500, got 30'],
      [{ ...valid, forestUnits: '150785' }, 'option forestUnits must be a list of unit codes'],
      [{ ...valid, url: '/api/x.csv' }, 'option url must be an absolute http(s) URL'],
    ])('rejects bad options with a message naming the key (%#)', (options, message) => {
      expect(messageOf(options)).toContain(message);
    });

    it('rejects a region pack without boundaries', () => {
      const bare = {
        ...regionNmg,
        id: 'bare',
        boundaries: () => ({ type: 'Topology', objects: {}, arcs: [] }),
      } as RegionPack;
      expect(messageOf({ ...valid, region: bare })).toContain(
        'option region (bare) has no county or league boundaries',
      );
    });
  });
});

describeCollectorConformance('fireHotspots', async () => {
  const server = await startLoopbackServer();
  const lines = VIIRS.split('\n');
  return {
    collector: fireHotspots({ id: 'firms', url: server.url('/viirs.csv'), region: regionNmg, allowPrivate: true }),
    publish: async (batch) => {
      // The first file holds the first good rows; the second adds the rest of the good rows.
      const body =
        batch === 'first'
          ? lines.slice(0, 6).join('\n')
          : batch === 'second'
            ? lines.slice(0, 18).join('\n')
            : '<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>';
      server.route('/viirs.csv', { headers: { 'content-type': 'text/csv' }, body });
    },
    close: () => server.close(),
  };
});
