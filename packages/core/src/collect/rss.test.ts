import regionNmg from '@emwatch/region-nmg';
import { afterEach, describe, expect, it } from 'vitest';
import { runCollector } from '../../test/run-collector.js';
import { describeCollectorConformance } from '../../test/collector-conformance.js';
import { FEED_FIXTURES, goldenName } from '../../test/fixtures/feeds/feed-fixtures.js';
import { expectGolden, readFixture } from '../../test/golden.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/loopback-server.js';
import { sha256Hex } from '../_internal/sha256.js';
import { EmwatchError } from '../errors.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal } from '../model/signal.js';
import { decodeBody } from '../parse/decode-body.js';
import type { CollectorContext, CollectorIssue, SourceCursor } from './collector.js';
import { rss, type RssOptions } from './rss.js';

/** A fixture as fetchDocument would have delivered it. */
function rawOf(name: string, url: string): RawItem {
  const decoded = decodeBody(readFixture(`feeds/${name}`));
  const contentHash = sha256Hex(decoded.text);
  return {
    id: `feed:${contentHash}`,
    sourceId: 'feed',
    fetchedAt: '2025-04-13T11:30:00+08:00',
    payload: decoded.text,
    contentType: name.endsWith('.json') ? 'application/feed+json' : 'application/rss+xml',
    encoding: decoded.encoding,
    provenance: { url, contentHash, status: 200 },
  };
}

function context(cursor: { value?: SourceCursor } = {}): CollectorContext {
  return {
    fetch: globalThis.fetch,
    now: () => new Date('2025-04-13T03:30:00Z'),
    signal: new AbortController().signal,
    cursor: { get: async () => cursor.value, set: async (next) => void (cursor.value = next) },
  };
}

async function collectAll(
  options: RssOptions,
  ctx = context(),
): Promise<{ raws: RawItem[]; signals: Signal[]; issues: CollectorIssue[] }> {
  const collector = rss(options);
  return runCollector(collector, ctx, { region: regionNmg });
}

const feedCollector = rss({ id: 'feed', url: 'http://example.org/feed.xml', sourceKind: 'official-news' });

describe('rss().parse golden outputs', () => {
  it.each(FEED_FIXTURES)('matches the golden output for %s', (name, url) => {
    expectGolden(goldenName(name, 'rss'), feedCollector.parse(rawOf(name, url), { region: regionNmg }));
  });
});

describe('rss().parse', () => {
  it('makes one signal per entry with the feed title as outlet and the source kind configured', () => {
    const { signals, issues } = feedCollector.parse(
      rawOf('xlgl-yjglj-gbk.rss.xml', 'http://yjglj.xlgl.gov.cn/rss/gzdt.xml'),
    );

    expect(issues).toEqual([]);
    expect(signals).toHaveLength(4);
    expect(signals[0]).toMatchObject({
      sourceId: 'feed',
      sourceKind: 'official-news',
      url: 'http://yjglj.xlgl.gov.cn/gzdt/202504/t20250413_3012345.html',
      title: '锡林郭勒盟发布森林草原火险橙色预警',
      language: 'zh-Hans',
      publishedAt: '2025-04-13T09:30:00+08:00',
      collectedAt: '2025-04-13T11:30:00+08:00',
      author: '锡林郭勒盟应急管理局',
      outlet: '锡林郭勒盟应急管理局 - 工作动态',
      guid: 'xlgl-yjglj-3012345',
    });
  });

  it('gives an entry with a point its geometry and, with a region pack, the units it lies in', () => {
    const { signals } = feedCollector.parse(
      rawOf('nmgfire-rss20-georss.xml', 'https://yjglt.nmg.gov.cn/zwgk/hqtb/rss.xml'),
      {
        region: regionNmg,
      },
    );

    expect(signals[0]?.geometry).toEqual({ type: 'Point', coordinates: [118.9436, 45.6108] });
    expect(signals[0]?.facts?.regionCodes).toEqual(['152525', '152500']);
    expect(signals[2]?.geometry).toBeUndefined();
  });

  it('gives no region codes without a region pack', () => {
    const { signals } = feedCollector.parse(
      rawOf('nmgfire-rss20-georss.xml', 'https://yjglt.nmg.gov.cn/zwgk/hqtb/rss.xml'),
    );

    expect(signals[0]?.facts).toBeUndefined();
  });

  it('keeps the complete entries of a truncated feed and quarantines the cut one', () => {
    const { signals, issues } = feedCollector.parse(
      rawOf('tongliao-truncated.rss.xml', 'http://yjglj.tongliao.gov.cn/rss/tzgg.xml'),
    );

    expect(signals.map((s) => s.guid)).toEqual(['tl-1001', 'tl-0998']);
    expect(issues.map((i) => [i.code, i.itemIndex, i.fatal])).toEqual([
      ['EMW_PARSE_XML', undefined, false],
      ['EMW_PARSE_XML', 2, false],
    ]);
    expect(issues[1]?.quarantine).toMatchObject({ payloadEncoding: 'text', truncated: false, encoding: 'utf-8' });
    expect(issues[1]?.quarantine?.payload).toMatch(/^<item>\n<title>奈曼旗转移山洪灾害危险区群众/u);
    expect(issues[0]?.quarantine?.payload).toMatch(/^<\?xml/u);
  });

  it('turns a missing date into an issue naming the item, and a signal without a time', () => {
    const { signals, issues } = feedCollector.parse(
      rawOf('ordos-bad-dates.rss.xml', 'http://yjj.ordos.gov.cn/rss/aqsc.xml'),
    );

    expect(signals.map((s) => s.publishedAt)).toEqual(['2025-04-12T10:00:00+00:00', null, null, null]);
    expect(issues[0]).toEqual({
      kind: 'issue',
      code: 'EMW_PARSE_DATE',
      sourceId: 'feed',
      url: 'http://yjj.ordos.gov.cn/rss/aqsc.xml',
      reason: 'item 1 "伊金霍洛旗一化工企业发生泄漏，无人员伤亡": pubDate "昨天 10:00" is not a date',
      at: '2025-04-13T11:30:00+08:00',
      fatal: false,
      itemIndex: 1,
      quarantine: expect.objectContaining({ payloadEncoding: 'text', contentType: 'application/rss+xml' }),
    });
  });

  it('gives the entries under a repeated GUID distinct signal ids', () => {
    const { signals } = feedCollector.parse(
      rawOf('chifeng-duplicate-guids.rss.xml', 'http://yjglj.chifeng.gov.cn/rss/tfsj.xml'),
    );

    expect(signals).toHaveLength(3);
    expect(new Set(signals.map((s) => s.id)).size).toBe(3);
  });

  it('rejects an HTML page as one fatal issue with the page quarantined', () => {
    const raw = rawOf('not-a-feed.html', 'https://yjglt.nmg.gov.cn/rss.xml');

    const { signals, issues } = feedCollector.parse(raw);

    expect(signals).toEqual([]);
    expect(issues).toEqual([
      {
        kind: 'issue',
        code: 'EMW_PARSE_FORMAT',
        sourceId: 'feed',
        url: 'https://yjglt.nmg.gov.cn/rss.xml',
        reason: 'root element <html> is not a feed (expected <rss>, <rdf:RDF> or <feed>)',
        at: '2025-04-13T11:30:00+08:00',
        fatal: true,
        quarantine: {
          payload: raw.payload,
          payloadEncoding: 'text',
          bytes: new TextEncoder().encode(raw.payload).byteLength,
          truncated: false,
          contentType: 'application/rss+xml',
          encoding: 'utf-8',
        },
      },
    ]);
  });

  it('parses the same raw item to the same signals every time', () => {
    const raw = rawOf('hlbe-atom10.xml', 'https://www.hlbe.gov.cn/yjgl/atom.xml');

    expect(feedCollector.parse(raw)).toEqual(feedCollector.parse(raw));
  });
});

describe('rss() collecting from a server', () => {
  let server: LoopbackServer;
  afterEach(async () => server?.close());

  it('fetches a GBK feed served without a charset and decodes it by its XML declaration', async () => {
    server = await startLoopbackServer();
    server.route('/rss/gzdt.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: readFixture('feeds/xlgl-yjglj-gbk.rss.xml'),
    });

    const { raws, signals, issues } = await collectAll({
      id: 'xlgl',
      url: server.url('/rss/gzdt.xml'),
      allowPrivate: true,
    });

    expect(issues).toEqual([]);
    expect(raws.map((r) => [r.encoding, r.contentType])).toEqual([['gb18030', 'application/rss+xml']]);
    expect(signals.map((s) => s.title)).toEqual([
      '锡林郭勒盟发布森林草原火险橙色预警',
      '西乌珠穆沁旗开展春季草原防灭火应急演练',
      '正蓝旗“4·11”草原火灾明火已全部扑灭',
      '锡林浩特市召开安全生产和防灾减灾工作会议',
    ]);
    expect(signals[0]?.sourceKind).toBe('media');
  });

  it('reads a feed whose declared charset is wrong', async () => {
    server = await startLoopbackServer();
    server.route('/rss.xml', {
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: readFixture('feeds/wulanchabu-wrong-charset.rss.xml'),
    });

    const { raws, signals } = await collectAll({ id: 'wlcb', url: server.url('/rss.xml'), allowPrivate: true });

    expect(raws[0]?.encoding).toBe('gb18030');
    expect(signals.map((s) => s.title)).toEqual(['乌兰察布市启动防汛四级应急响应', '卓资县转移受威胁群众326人']);
  });

  it('asks for feed types and yields nothing when the server answers 304 to its validators', async () => {
    server = await startLoopbackServer();
    const seen: { accept?: string; etag?: string }[] = [];
    const body = readFixture('feeds/hlbe-atom10.xml');
    server.route('/yjgl/atom.xml', {
      handle: (request, response) => {
        seen.push({ accept: request.headers.accept, etag: request.headers['if-none-match'] });
        if (request.headers['if-none-match'] === '"hlbe-7"') return void response.writeHead(304).end();
        response.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8', etag: '"hlbe-7"' }).end(body);
      },
    });
    const cursor: { value?: SourceCursor } = {};
    const options = { id: 'hlbe', url: server.url('/yjgl/atom.xml'), allowPrivate: true } as const;

    const first = await collectAll(options, context(cursor));
    const second = await collectAll(options, context(cursor));

    expect(first.signals).toHaveLength(3);
    expect(second).toEqual({ raws: [], signals: [], issues: [] });
    expect(seen.map((s) => s.etag)).toEqual([undefined, '"hlbe-7"']);
    expect(seen[0]?.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml, application\/feed\+json/u);
  });

  it('collects a JSON Feed through the same adapter', async () => {
    server = await startLoopbackServer();
    server.route('/baotou/feed.json', {
      headers: { 'content-type': 'application/feed+json' },
      body: readFixture('feeds/baotou-qxt-jsonfeed11.json'),
    });

    const { signals, issues } = await collectAll({
      id: 'btqx',
      url: server.url('/baotou/feed.json'),
      allowPrivate: true,
    });

    expect(signals.map((s) => s.guid)).toEqual(['bt-20250413-0600-dfl', 'bt-20250412-1630-sc', 'bt-20250411-0900-hx']);
    expect(signals[0]?.url).toBe('http://nm.cma.gov.cn/baotou/yjxx/202504/t20250413_6890012.html');
    expect(issues.map((i) => [i.code, i.itemIndex])).toEqual([
      ['EMW_PARSE_ITEM', 2],
      ['EMW_PARSE_ITEM', 3],
    ]);
  });

  it('refuses a loopback feed unless the source allows it', async () => {
    server = await startLoopbackServer();
    server.route('/rss.xml', { body: readFixture('feeds/ordos-bad-dates.rss.xml') });

    const { raws, issues } = await collectAll({ id: 'ordos', url: server.url('/rss.xml') });

    expect(raws).toEqual([]);
    expect(issues.map((i) => [i.code, i.fatal])).toEqual([['EMW_FETCH_BLOCKED', true]]);
    expect(server.requests).toEqual([]);
  });
});

describe('rss() options', () => {
  const valid: RssOptions = { id: 'xlgl', url: 'http://yjglj.xlgl.gov.cn/rss/gzdt.xml' };
  const messageOf = (options: unknown): string => {
    try {
      rss(options as RssOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(EmwatchError);
      expect((error as EmwatchError).code).toBe('EMW_COLLECTOR_OPTIONS');
      return (error as Error).message;
    }
    throw new Error('expected rss() to throw');
  };

  it('describes itself as an rss collector of media by default', () => {
    expect(rss(valid)).toMatchObject({ id: 'xlgl', kind: 'rss', sourceKind: 'media', url: valid.url });
  });

  it.each([
    [{ ...valid, id: '' }, '[emwatch] [rss] option id must be a non-empty string'],
    [
      { ...valid, url: '/rss/gzdt.xml' },
      '[emwatch] [rss] [xlgl] option url must be an absolute http(s) URL, got "/rss/gzdt.xml"',
    ],
    [{ ...valid, url: 'file:///etc/passwd' }, '[emwatch] [rss] [xlgl] option url must use http or https'],
    [{ ...valid, sourceKind: 'blog' }, '[emwatch] [rss] [xlgl] option sourceKind must be one of'],
    [
      { ...valid, allowPrivate: 1 },
      '[emwatch] [rss] [xlgl] option allowPrivate must be a boolean or a list of host names',
    ],
  ])('rejects bad options with a message naming the source and the key (%#)', (options, message) => {
    expect(messageOf(options)).toContain(message);
  });
});

describeCollectorConformance('rss', async () => {
  const server = await startLoopbackServer();
  // The fire-report feed without its entry that has problems (a javascript: link, a bad point).
  const second = new TextDecoder()
    .decode(readFixture('feeds/nmgfire-rss20-georss.xml'))
    .replace(/<item>\s*<title>阿拉善[\s\S]*?<\/item>\s*/u, '');
  // The same feed before its newest entry was published.
  const first = second.replace(/<item>[\s\S]*?<\/item>\s*/u, '');
  // Cut off inside the second entry.
  const broken = second.slice(0, second.indexOf('新巴尔虎右旗草原火灾已扑灭'));
  return {
    collector: rss({
      id: 'nmg-hqtb',
      url: server.url('/zwgk/hqtb/rss.xml'),
      sourceKind: 'official-news',
      allowPrivate: true,
    }),
    parseOptions: { region: regionNmg },
    publish: async (batch) => {
      const body = batch === 'first' ? first : batch === 'second' ? second : broken;
      server.route('/zwgk/hqtb/rss.xml', { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body });
    },
    close: () => server.close(),
  };
});
