import { describe, expect, it } from 'vitest';
import { expectGolden, readFixture } from '../../test/golden.js';
import { FEED_FIXTURES, goldenName } from '../../test/fixtures/feeds/feed-fixtures.js';
import { readSharedFixture } from '../../test/shared-fixtures.js';
import { EmwatchError } from '../errors.js';
import { decodeBody } from './decode-body.js';
import { MAX_ENTRY_SOURCE_BYTES, parseFeed, type FeedParseResult } from './parse-feed.js';

const text = (name: string): string => decodeBody(readFixture(`feeds/${name}`)).text;
const parse = (name: string): FeedParseResult => {
  const url = FEED_FIXTURES.find(([fixture]) => fixture === name)?.[1];
  return parseFeed(text(name), { baseUrl: url });
};

function thrown(run: () => unknown): EmwatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof EmwatchError) return error;
    throw error;
  }
  throw new Error('expected an EmwatchError');
}

const rss = (items: string, channel = '<title>t</title><link>http://yjglj.xlgl.gov.cn/</link>'): string =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>${channel}${items}</channel></rss>`;

describe('parseFeed golden outputs', () => {
  it.each(FEED_FIXTURES)('matches the golden output for %s', (name) => {
    expectGolden(goldenName(name, 'parse-feed'), parse(name));
  });
});

describe('parseFeed with RSS 2.0', () => {
  it('reads a GBK government feed declared as gb2312, with relative links resolved against the channel link', () => {
    const { feed, problems } = parse('xlgl-yjglj-gbk.rss.xml');

    expect(feed.format).toBe('rss-2.0');
    expect(feed.title).toBe('锡林郭勒盟应急管理局 - 工作动态');
    expect(feed.entries[0]).toMatchObject({
      guid: 'xlgl-yjglj-3012345',
      link: 'http://yjglj.xlgl.gov.cn/gzdt/202504/t20250413_3012345.html',
      title: '锡林郭勒盟发布森林草原火险橙色预警',
      author: '锡林郭勒盟应急管理局',
      categories: ['工作动态'],
    });
    expect(problems).toEqual([]);
  });

  it('reads dates written without a zone in Asia/Shanghai, including Chinese forms', () => {
    const { feed } = parse('xlgl-yjglj-gbk.rss.xml');

    expect(feed.entries.map((e) => e.publishedAt)).toEqual([
      '2025-04-13T09:30:00+08:00',
      '2025-04-12T15:20:00+08:00',
      '2025-04-11T23:05:00+08:00',
      '2025-04-10T17:45:12+08:00',
    ]);
  });

  it('reads zoneless dates in the configured time zone', () => {
    const { feed } = parseFeed(text('xlgl-yjglj-gbk.rss.xml'), { timeZone: 'UTC' });

    expect(feed.entries[0]?.publishedAt).toBe('2025-04-13T09:30:00+00:00');
  });

  it('turns HTML descriptions, escaped or in CDATA, into plain text', () => {
    const { feed } = parse('xlgl-yjglj-gbk.rss.xml');

    expect(feed.entries[0]?.text).toBe(
      '据气象部门预测，4月13日至15日，我盟大部地区气温回升，多大风天气，最大风力可达7至8级，草原火险等级高。' +
        '盟森林草原防灭火指挥部办公室发布森林草原火险橙色预警，请各旗县市（区）严格落实野外火源管控措施，加强巡护，严防草原火灾发生。\n' +
        '火情报警电话：12119。',
    );
    expect(feed.entries[2]?.text).toMatch(/^4月11日18时40分许，正蓝旗上都镇境内发生草原火灾。/u);
    expect(feed.entries[2]?.text).not.toContain('<p>');
  });

  it('prefers content:encoded to the description and drops scripts, styles and comments', () => {
    const [first] = parse('nmgfire-rss20-georss.xml').feed.entries;

    expect(first?.text).toBe(
      '4月13日9时许，蒙古国境内草原火蔓延至我区东乌珠穆沁旗额吉淖尔镇边境地区。接报后，自治区森林草原防灭火指挥部立即启动应急预案，' +
        '调派专业扑火队员、森林消防队员共计1,200余人赶赴火场，在边境线附近开设隔离带。\n' +
        '目前，火场风力5至6级，扑救工作正在进行中，未造成人员伤亡。',
    );
  });

  it('reads georss:point and geo:lat/geo:long as [lon, lat]', () => {
    const { entries } = parse('nmgfire-rss20-georss.xml').feed;

    expect(entries[0]?.point).toEqual([118.9436, 45.6108]);
    expect(entries[1]?.point).toEqual([116.9075, 48.3312]);
  });

  it('reports a location out of range and keeps the entry without a point', () => {
    const { feed, problems } = parse('nmgfire-rss20-georss.xml');

    expect(feed.entries[2]?.point).toBeUndefined();
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'EMW_PARSE_ITEM',
        itemIndex: 2,
        reason:
          'item 2 "阿拉善盟额济纳旗胡杨林区火情处置情况": location "41.95 201.07" is not a latitude and longitude; the entry keeps no point',
      }),
    );
  });

  it('drops a javascript: link with a problem and keeps the entry', () => {
    const { feed, problems } = parse('nmgfire-rss20-georss.xml');

    expect(feed.entries[2]).toMatchObject({ guid: 'hqtb-2570511', title: '阿拉善盟额济纳旗胡杨林区火情处置情况' });
    expect(feed.entries[2]?.link).toBeUndefined();
    expect(problems[0]?.reason).toBe(
      'item 2 "阿拉善盟额济纳旗胡杨林区火情处置情况": link "javascript:void(0)" is not an http(s) address; dropped',
    );
  });

  it('reads enclosures and media:content as enclosures with absolute URLs and byte lengths', () => {
    expect(parse('nmgfire-rss20-georss.xml').feed.entries[0]?.enclosures).toEqual([
      { url: 'https://yjglt.nmg.gov.cn/zwgk/hqtb/202504/W020250413_fire.jpg', type: 'image/jpeg', length: 184320 },
      { url: 'https://yjglt.nmg.gov.cn/zwgk/hqtb/202504/W020250413_map.png', type: 'image/png', length: 90112 },
    ]);
  });

  it('takes the link from an ignored <link href> beside the channel link (the BoM shape)', () => {
    const { feed } = parseFeed(new TextDecoder().decode(readSharedFixture('cap/au-bom-en.rss.xml')));

    expect(feed.link).toBe('https://severeweather.wmo.int/v2/cap-alerts/au-bom-en/rss.xml');
  });

  it('reads the real BoM alert feed from the shared fixtures', () => {
    const { feed, problems } = parseFeed(new TextDecoder().decode(readSharedFixture('cap/au-bom-en.rss.xml')));

    expect(feed.format).toBe('rss-2.0');
    expect(feed.title).toBe('Latest Official Public alerts in English for Bureau of Meteorology');
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]).toMatchObject({
      guid: 'AusBoM-IDW20100-2026-01-01T05:01:02+00:00',
      link: 'https://severeweather.wmo.int/v2/cap-alerts/au-bom-en/2026/01/01/05/01/02-dc6fc32e272f13d57f3fb683aa6bd3b8.xml',
      publishedAt: '2026-01-01T05:09:13+00:00',
      text: '',
    });
    expect(feed.entries[0]?.title).toMatch(/^Strong Wind Warning for coastal waters between Wallal and Cape Preston/u);
    expect(problems).toEqual([]);
  });

  it('uses a permalink GUID as the link when the item has none', () => {
    const { feed } = parseFeed(rss('<item><title>大风</title><guid>http://yjglj.xlgl.gov.cn/a/1.html</guid></item>'));

    expect(feed.entries[0]?.link).toBe('http://yjglj.xlgl.gov.cn/a/1.html');
  });

  it('reads the name out of an RSS author written as email (name)', () => {
    const { feed } = parseFeed(
      rss('<item><title>大风</title><author>yjj@xlgl.gov.cn (锡盟应急管理局)</author></item>'),
    );

    expect(feed.entries[0]?.author).toBe('锡盟应急管理局');
  });

  it('resolves relative links against the fetch address when the channel gives no link', () => {
    const { feed } = parseFeed(rss('<item><title>大风</title><link>/a/1.html</link></item>', '<title>t</title>'), {
      baseUrl: 'https://yjglt.nmg.gov.cn/rss.xml',
    });

    expect(feed.entries[0]?.link).toBe('https://yjglt.nmg.gov.cn/a/1.html');
  });

  it('reports a relative link it cannot resolve', () => {
    const { feed, problems } = parseFeed(
      rss('<item><title>大风</title><link>/a/1.html</link></item>', '<title>t</title>'),
    );

    expect(feed.entries[0]?.link).toBeUndefined();
    expect(problems[0]?.reason).toBe(
      'item 0 "大风": link "/a/1.html" is not an http(s) address and the feed gives no base to resolve it; dropped',
    );
  });

  it('reads module elements whose prefix the feed forgot to declare', () => {
    const { feed } = parseFeed(
      rss(
        '<item><title>大风</title><dc:date>2025-04-13T06:00:00+08:00</dc:date><dc:creator>锡盟气象台</dc:creator></item>',
      ),
    );

    expect(feed.entries[0]).toMatchObject({ publishedAt: '2025-04-13T06:00:00+08:00', author: '锡盟气象台' });
  });

  it('reports and drops an item with no title, text or link', () => {
    const { feed, problems } = parseFeed(rss('<item><guid>x-1</guid></item><item><title>大风</title></item>'));

    expect(feed.entries.map((e) => e.title)).toEqual(['大风']);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'EMW_PARSE_ITEM',
        itemIndex: 0,
        reason: 'item 0: has no title, text or link; dropped',
      }),
    );
  });
});

describe('parseFeed with RSS 0.91 and RSS 1.0', () => {
  it('reads RSS 0.91 behind its public DOCTYPE and reports the dates it lacks', () => {
    const { feed, problems } = parse('nmgqx-rss091.xml');

    expect(feed.format).toBe('rss-0.9x');
    expect(feed.entries).toHaveLength(3);
    expect(feed.entries.every((e) => e.publishedAt === null)).toBe(true);
    expect(problems.map((p) => [p.code, p.itemIndex])).toEqual([
      ['EMW_PARSE_DATE', 0],
      ['EMW_PARSE_DATE', 1],
      ['EMW_PARSE_DATE', 2],
    ]);
    expect(problems[0]?.reason).toBe('item 0 "呼伦贝尔市气象台发布暴雪黄色预警信号": no pubDate or dc:date');
  });

  it('reads RSS 1.0 with dc:date, dc:creator and dc:subject, and rdf:about as the GUID', () => {
    const { feed } = parse('nmgdzj-rss10.rdf');

    expect(feed.format).toBe('rss-1.0');
    expect(feed.entries[0]).toMatchObject({
      guid: 'http://www.nmgdzj.gov.cn/dzsb/202504/t20250413_61234.html',
      publishedAt: '2025-04-13T06:12:30+08:00',
      author: '内蒙古自治区地震局',
      categories: ['地震速报', '包头市'],
    });
  });

  it('reads RSS 0.90 (the Netscape RDF namespace) as rss-0.9x', () => {
    const { feed } = parseFeed(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">' +
        '<channel><title>内蒙古新闻</title><link>http://www.nmg.gov.cn/</link></channel>' +
        '<item><title>呼和浩特迎来今冬首场降雪</title><link>http://www.nmg.gov.cn/a/1.html</link></item></rdf:RDF>',
    );

    expect(feed.format).toBe('rss-0.9x');
    expect(feed.entries[0]?.title).toBe('呼和浩特迎来今冬首场降雪');
  });
});

describe('parseFeed with Atom 1.0', () => {
  it('resolves links through xml:base on the feed, the entry and the link', () => {
    const { feed } = parse('hlbe-atom10.xml');

    expect(feed.link).toBe('https://www.hlbe.gov.cn/yjgl/');
    expect(feed.entries.map((e) => e.link)).toEqual([
      'https://www.hlbe.gov.cn/yjgl/202501/t20250108_1893201.html',
      'https://www.hlbe.gov.cn/yjgl/202501/t20250106_1892877.html',
      'https://www.hlbe.gov.cn/en/news/202501/t20250105_1892650.html',
    ]);
  });

  it('reads html and xhtml text constructs as plain text, keeping the xhtml in order', () => {
    const { entries } = parse('hlbe-atom10.xml').feed;

    expect(entries[0]?.title).toBe('根河市遭遇-50.2℃极寒天气，供暖保障平稳');
    expect(entries[1]?.text).toBe(
      '受暴风雪天气影响，满洲里公路口岸于1月6日14时起临时关闭，恢复通关时间另行通知。\n请过往司机关注口岸通告，合理安排行程。',
    );
  });

  it('takes updated as the publication time when published is missing', () => {
    const { entries } = parse('hlbe-atom10.xml').feed;

    expect(entries[1]?.publishedAt).toBe('2025-01-06T16:45:00+08:00');
    expect(entries[1]?.updatedAt).toBeUndefined();
    expect(entries[0]).toMatchObject({
      publishedAt: '2025-01-08T08:10:00+08:00',
      updatedAt: '2025-01-08T09:30:00+08:00',
    });
  });

  it('reads category labels, authors and enclosure links', () => {
    expect(parse('hlbe-atom10.xml').feed.entries[0]).toMatchObject({
      author: '根河市融媒体中心',
      categories: ['寒潮低温'],
      enclosures: [
        { url: 'https://www.hlbe.gov.cn/yjgl/202501/W020250108_gh.jpg', type: 'image/jpeg', length: 241664 },
      ],
    });
  });
});

describe('parseFeed with JSON Feed 1.1', () => {
  it('reads items with relative URLs, HTML content, tags and attachments', () => {
    const { feed } = parse('baotou-qxt-jsonfeed11.json');

    expect(feed.format).toBe('json-feed-1.1');
    expect(feed.entries[0]).toMatchObject({
      guid: 'bt-20250413-0600-dfl',
      link: 'http://nm.cma.gov.cn/baotou/yjxx/202504/t20250413_6890012.html',
      categories: ['大风', '黄色预警'],
      enclosures: [{ url: 'http://nm.cma.gov.cn/baotou/yjxx/202504/dfl_yellow.png', type: 'image/png', length: 5321 }],
    });
    expect(feed.entries[0]?.text).toContain('将出现6～7级西北风');
  });

  it('reads zoneless JSON Feed dates in Asia/Shanghai', () => {
    expect(parse('baotou-qxt-jsonfeed11.json').feed.entries[1]).toMatchObject({
      publishedAt: '2025-04-12T16:30:00+08:00',
      updatedAt: '2025-04-12T18:05:00+08:00',
    });
  });

  it('reports an item that is not an object and keeps the others', () => {
    const { feed, problems } = parse('baotou-qxt-jsonfeed11.json');

    expect(feed.entries).toHaveLength(3);
    expect(problems[0]).toEqual({
      code: 'EMW_PARSE_ITEM',
      reason: 'item 2: is null, not an object; dropped',
      itemIndex: 2,
      source: 'null',
    });
  });

  it('rejects JSON that is not a JSON Feed, naming what it found', () => {
    const error = thrown(() => parseFeed('{"type":"FeatureCollection","features":[]}'));

    expect(error.code).toBe('EMW_PARSE_FORMAT');
    expect(error.message).toBe(
      'JSON document is not a JSON Feed: found an object with keys "type, features", not "version": "https://jsonfeed.org/version/1.1"',
    );
  });

  it('rejects a JSON Feed that is not valid JSON', () => {
    const error = thrown(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": ['));

    expect(error.code).toBe('EMW_PARSE_JSON');
    expect(error.message).toMatch(/^not valid JSON: /u);
  });
});

describe('parseFeed with broken input', () => {
  it('salvages the complete items of a truncated feed and reports the cut one with its markup', () => {
    const { feed, problems } = parse('tongliao-truncated.rss.xml');

    expect(feed.title).toBe('通辽市应急管理局');
    expect(feed.entries.map((e) => e.guid)).toEqual(['tl-1001', 'tl-0998']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ code: 'EMW_PARSE_XML' });
    expect(problems[0]?.reason).toMatch(/truncated\?\); read 2 of 3 items one by one$/u);
    expect(problems[1]).toMatchObject({
      code: 'EMW_PARSE_XML',
      itemIndex: 2,
      reason: 'item 2 (line 21) is incomplete: the document ends inside it (truncated?); dropped',
    });
    expect(problems[1]?.source).toMatch(/^<item>\n<title>奈曼旗转移山洪灾害危险区群众<\/title>/u);
  });

  it('keeps the other items when one item is not well-formed', () => {
    const { feed, problems } = parse('baotou-broken-item.rss.xml');

    expect(feed.entries.map((e) => e.guid)).toEqual(['bt-701', 'bt-695']);
    expect(problems[1]).toMatchObject({
      code: 'EMW_PARSE_XML',
      itemIndex: 1,
      reason:
        "item 1 (line 14) is not well-formed XML: Expected closing tag 'br' instead of closing tag 'description'; dropped",
    });
    expect(problems[1]?.source).toContain('<description>4月11日7时20分许，昆都仑区某小区一居民楼发生燃气爆炸');
  });

  it('reads a feed whose declared charset is wrong once decodeBody has found the right one', () => {
    const decoded = decodeBody(readFixture('feeds/wulanchabu-wrong-charset.rss.xml'));
    const { feed } = parseFeed(decoded.text);

    expect(decoded.encoding).toBe('gb18030');
    expect(feed.entries.map((e) => e.title)).toEqual(['乌兰察布市启动防汛四级应急响应', '卓资县转移受威胁群众326人']);
  });

  it('leaves missing and unparseable dates null and names the item and the value', () => {
    const { feed, problems } = parse('ordos-bad-dates.rss.xml');

    expect(feed.entries.map((e) => e.publishedAt)).toEqual(['2025-04-12T10:00:00+00:00', null, null, null]);
    expect(problems.map((p) => p.reason)).toEqual([
      'item 1 "伊金霍洛旗一化工企业发生泄漏，无人员伤亡": pubDate "昨天 10:00" is not a date',
      'item 2 "东胜区开展危险化学品运输车辆专项整治": pubDate "2025-04-31 08:00" is not a date',
      'item 3 "达拉特旗召开非煤矿山安全生产警示教育会": no pubDate or dc:date',
    ]);
    expect(problems.every((p) => p.code === 'EMW_PARSE_DATE')).toBe(true);
  });

  it('collapses an identical repeat and keeps a different entry under a repeated GUID with a derived one', () => {
    const { feed, problems } = parse('chifeng-duplicate-guids.rss.xml');

    expect(feed.entries.map((e) => e.guid)).toEqual(['cf-tfsj-2233', 'cf-tfsj-2240', 'cf-tfsj-2240#b69fa52e']);
    expect(problems.map((p) => [p.code, p.itemIndex])).toEqual([
      ['EMW_PARSE_ITEM', 1],
      ['EMW_PARSE_ITEM', 3],
    ]);
    expect(problems[1]?.reason).toBe(
      'item 3 "宁城县山洪灾害转移群众情况（续报）": guid "cf-tfsj-2240" is also used by item 2 with different content; kept as guid "cf-tfsj-2240#b69fa52e"',
    );
  });

  it('keeps the markup of an entry with a problem, bounded to 64 KiB', () => {
    const long = '内'.repeat(40_000);
    const { feed } = parseFeed(
      rss(`<item><title>大风</title><description>${long}</description><pubDate>昨天</pubDate></item>`),
    );

    const source = feed.entries[0]?.source ?? '';
    expect(source.startsWith('<item><title>大风</title><description>内内')).toBe(true);
    expect(new TextEncoder().encode(source).byteLength).toBeLessThanOrEqual(MAX_ENTRY_SOURCE_BYTES);
    expect(new TextEncoder().encode(source).byteLength).toBeGreaterThan(MAX_ENTRY_SOURCE_BYTES - 3);
  });

  it('rejects an HTML page, naming its root element', () => {
    const error = thrown(() => parseFeed(text('not-a-feed.html')));

    expect(error.code).toBe('EMW_PARSE_FORMAT');
    expect(error.message).toBe('root element <html> is not a feed (expected <rss>, <rdf:RDF> or <feed>)');
  });

  it('rejects a well-formed XML document that is not a feed', () => {
    const error = thrown(() =>
      parseFeed('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><status>Actual</status></alert>'),
    );

    expect(error.code).toBe('EMW_PARSE_FORMAT');
    expect(error.message).toMatch(/^root element <alert> is not a feed/u);
  });

  it('rejects a feed whose XML is broken before any complete item', () => {
    const error = thrown(() => parseFeed('<rss version="2.0"><channel><title>t</title><item><title>大风'));

    expect(error.code).toBe('EMW_PARSE_XML');
  });

  it('keeps the reason short when a hostile document leaves thousands of elements open', () => {
    const error = thrown(() => parseFeed(`<rss version="2.0"><channel>${'<item>'.repeat(10_000)}`));

    expect(error.code).toBe('EMW_PARSE_XML');
    expect(error.message).toMatch(
      /^not well-formed XML at line 1, column 1: the input ends before <rss>, <channel>, <item>/u,
    );
    expect(error.message.length).toBeLessThanOrEqual(401);
  });

  it('refuses a feed that declares entities instead of reading its items one by one', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<rss version="2.0"><channel><title>t</title><item><title>&b;</title></item></channel></rss>';

    expect(thrown(() => parseFeed(bomb)).code).toBe('EMW_PARSE_XML');
  });

  it('rejects an empty document and one that is neither XML nor JSON', () => {
    expect(thrown(() => parseFeed(' \n ')).message).toBe('the document is empty');
    expect(thrown(() => parseFeed('Service Unavailable')).message).toBe(
      'the document is neither XML nor JSON: it starts with "Service Unavailable"',
    );
  });
});

describe('parseFeed with entries that have neither GUID nor link', () => {
  it('collapses an identical repeat', () => {
    const item =
      '<item><title>大风</title><description>阵风9级</description><pubDate>2025-04-13 06:00</pubDate></item>';
    const { feed, problems } = parseFeed(rss(item + item));

    expect(feed.entries).toHaveLength(1);
    expect(problems[0]?.reason).toBe('item 1 "大风": repeats item 0 (same title and text, same content); dropped');
  });

  it('tells apart two entries with the same title and text but different dates', () => {
    const { feed, problems } = parseFeed(
      rss(
        '<item><title>大风</title><pubDate>2025-04-13 06:00</pubDate></item>' +
          '<item><title>大风</title><pubDate>2025-04-14 06:00</pubDate></item>',
      ),
    );

    expect(feed.entries.map((e) => e.guid)).toEqual([undefined, expect.stringMatching(/^#[0-9a-f]{8}$/u)]);
    expect(problems[0]?.reason).toMatch(
      /^item 1 "大风": title and text are also used by item 0 with different content; kept as guid "#[0-9a-f]{8}"$/u,
    );
  });
});
