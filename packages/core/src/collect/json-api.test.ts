import regionNmg from '@emwatch/region-nmg';
import { afterEach, describe, expect, it } from 'vitest';
import { describeCollectorConformance } from '../../test/collector-conformance.js';
import { readFixture } from '../../test/golden.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/loopback-server.js';
import { EmwatchError } from '../errors.js';
import type { Signal } from '../model/signal.js';
import { isCollectorIssue, type CollectorContext, type CollectorIssue, type SourceCursor } from './collector.js';
import { jsonApi, type JsonApiOptions } from './json-api.js';

const CMS = new TextDecoder().decode(readFixture('json-api/cms-news.json'));
const fields = { id: 'articleId', title: 'title', text: 'content', time: 'publishTime', url: 'link' } as const;

function context(): CollectorContext {
  let cursor: SourceCursor | undefined;
  return {
    fetch: globalThis.fetch,
    now: () => new Date('2025-04-05T08:30:00Z'),
    signal: new AbortController().signal,
    cursor: { get: async () => cursor, set: async (next) => void (cursor = next) },
  };
}

async function collectAll(options: JsonApiOptions): Promise<{ signals: Signal[]; issues: CollectorIssue[] }> {
  const collector = jsonApi(options);
  const out = { signals: [] as Signal[], issues: [] as CollectorIssue[] };
  for await (const item of collector.collect(context())) {
    if (isCollectorIssue(item)) {
      out.issues.push(item);
      continue;
    }
    const parsed = collector.parse(item, { region: regionNmg });
    out.signals.push(...parsed.signals);
    out.issues.push(...parsed.issues);
  }
  return out;
}

/** A body with the first `count` good items of the CMS fixture. */
function cmsWith(count: number): string {
  const body = JSON.parse(CMS) as { data: { list: unknown[] } };
  const good = body.data.list.filter((_, index) => [0, 1, 2, 7].includes(index));
  return JSON.stringify({ ...body, data: { ...body.data, list: good.slice(0, count) } });
}

describe('jsonApi', () => {
  let server: LoopbackServer;
  afterEach(async () => server?.close());

  it('fetches an API from a real server and resolves relative links against its address', async () => {
    server = await startLoopbackServer();
    server.route('/api/cms/articles', { headers: { 'content-type': 'application/json;charset=UTF-8' }, body: CMS });
    const { signals, issues } = await collectAll({
      id: 'xlgl-api',
      url: server.url('/api/cms/articles?channel=gzdt'),
      itemsPath: 'data.list',
      fields,
      allowPrivate: true,
    });
    expect(signals[0]?.url).toBe(`${server.origin}/xwzx/gzdt/202504/t20250405_10234.html`);
    expect(signals.map((s) => s.guid ?? s.title)).toHaveLength(7);
    expect(issues.every((i) => i.fatal === false)).toBe(true);
  });

  it('reads JSONP answers served as JavaScript', async () => {
    server = await startLoopbackServer();
    server.route('/api/list', {
      headers: { 'content-type': 'application/javascript' },
      body: `callback(${cmsWith(2)})`,
    });
    const { signals, issues } = await collectAll({
      id: 'xlgl-api',
      url: server.url('/api/list'),
      itemsPath: 'data.list',
      fields,
      allowPrivate: true,
    });
    expect(issues).toEqual([]);
    expect(signals.map((s) => s.title)).toEqual([
      '锡林浩特市白音锡勒牧场发生草原火灾 “明火已扑灭”',
      '东乌珠穆沁旗发布大风蓝色预警',
    ]);
  });

  it('reads times without an offset in its own time zone', async () => {
    server = await startLoopbackServer();
    server.route('/api/list', { body: '{"items":[{"t":"通报","at":"2025-04-05 08:00"}]}' });
    const { signals } = await collectAll({
      id: 'ub-api',
      url: server.url('/api/list'),
      itemsPath: 'items',
      fields: { title: 't', time: 'at' },
      timeZone: 'UTC',
      allowPrivate: true,
    });
    expect(signals[0]?.publishedAt).toBe('2025-04-05T08:00:00+00:00');
  });

  describe('options', () => {
    const valid: JsonApiOptions = {
      id: 'api',
      url: 'https://example.gov.cn/api',
      itemsPath: 'data.list',
      fields: { title: 'title' },
    };
    const messageOf = (options: unknown): string => {
      try {
        jsonApi(options as JsonApiOptions);
      } catch (error) {
        expect(error).toBeInstanceOf(EmwatchError);
        expect((error as EmwatchError).code).toBe('EMW_COLLECTOR_OPTIONS');
        return (error as Error).message;
      }
      throw new Error('expected jsonApi to throw');
    };

    it('describes itself as a json-api collector from the media', () => {
      expect(jsonApi(valid)).toMatchObject({ id: 'api', kind: 'json-api', sourceKind: 'media' });
    });

    it.each([
      [{ ...valid, itemsPath: 'data..list' }, 'option itemsPath is invalid: JSON path "data..list" has an empty name'],
      [{ ...valid, itemsPath: 42 }, 'option itemsPath must be a path string, got 42'],
      [
        { ...valid, fields: { title: 'a.__proto__.b' } },
        'option fields.title is invalid: JSON path "a.__proto__.b" uses the key "__proto__", which is refused',
      ],
      [{ ...valid, fields: { text: 'x', titel: 'title' } }, 'option fields.titel is not a known field'],
      [{ ...valid, fields: { id: 'id' } }, 'option fields must give a path for title or text'],
      [{ ...valid, fields: { title: 't', lat: 'lat' } }, 'option fields.lon is needed with the other coordinate'],
      [{ ...valid, fields: 'title' }, 'option fields must be an object'],
      [{ ...valid, timeZone: 'Asia/Hohhot' }, 'option timeZone is not a known IANA time zone: "Asia/Hohhot"'],
      [{ ...valid, id: '' }, 'option id must be a non-empty string'],
    ])('rejects bad options with a message naming the key (%#)', (options, message) => {
      expect(messageOf(options)).toContain(message);
    });
  });
});

describeCollectorConformance('jsonApi', async () => {
  const server = await startLoopbackServer();
  return {
    collector: jsonApi({
      id: 'xlgl-api',
      url: server.url('/api/list'),
      itemsPath: 'data.list',
      fields,
      allowPrivate: true,
    }),
    publish: async (batch) => {
      const body =
        batch === 'first'
          ? cmsWith(2)
          : batch === 'second'
            ? cmsWith(4)
            : '{"code":200,"data":{"list":[{"articleId":1,';
      server.route('/api/list', { headers: { 'content-type': 'application/json' }, body });
    },
    close: () => server.close(),
  };
});
