import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { expectGolden, readFixture } from '../../test/golden.js';
import { sha256Hex } from '../_internal/sha256.js';
import type { RawItem } from '../model/raw-item.js';
import { parseJsonApi, type JsonApiFields } from './parse-json-api.js';

const API_URL = 'https://www.xlgl.gov.cn/api/cms/articles?channel=gzdt&pageNo=1';

function rawOf(payload: string, url = API_URL): RawItem {
  const contentHash = sha256Hex(payload);
  return {
    id: `xlgl-api:${contentHash}`,
    sourceId: 'xlgl-api',
    fetchedAt: '2025-04-05T16:30:00+08:00',
    payload,
    contentType: 'application/json',
    encoding: 'utf-8',
    provenance: { url, contentHash, status: 200 },
  };
}

const fields: JsonApiFields = {
  id: 'articleId',
  title: 'title',
  text: 'content',
  time: 'publishTime',
  url: 'link',
  lat: 'location.lat',
  lon: 'location.lng',
};
const cms = rawOf(new TextDecoder().decode(readFixture('json-api/cms-news.json')));
const parsed = parseJsonApi(cms, { itemsPath: 'data.list', fields, region: regionNmg });

describe('parseJsonApi', () => {
  it('matches the golden output for a CMS news API', () => {
    expectGolden('json-api/cms-news', parsed);
  });

  it('maps an item’s fields, turning HTML into plain text and resolving a relative link', () => {
    const [first] = parsed.signals;
    expect(first).toMatchObject({
      guid: '10234',
      title: '锡林浩特市白音锡勒牧场发生草原火灾 “明火已扑灭”',
      text: '4月5日14时许，锡林浩特市白音锡勒牧场发生草原火灾。 接报后，当地立即组织扑救，16时明火已被扑灭，无人员伤亡。',
      url: 'https://www.xlgl.gov.cn/xwzx/gzdt/202504/t20250405_10234.html',
      publishedAt: '2025-04-05T16:20:00+08:00',
      sourceKind: 'media',
      language: 'zh-Hans',
      geometry: { type: 'Point', coordinates: [116.07, 43.93] },
      facts: { regionCodes: ['152502', '152500'] },
    });
  });

  it('reads Unix milliseconds and Chinese dates', () => {
    expect(parsed.signals.find((s) => s.guid === '10233')?.publishedAt).toBe('2025-04-05T10:00:00+08:00');
    expect(parsed.signals.find((s) => s.guid === '10232')?.publishedAt).toBe('2025-04-04T09:30:00+08:00');
  });

  it('resolves ./ links against the API address', () => {
    expect(parsed.signals.find((s) => s.guid === '10232')?.url).toBe(
      'https://www.xlgl.gov.cn/api/cms/t20250404_10232.html',
    );
  });

  it('reports each bad item or field with its index and keeps the rest', () => {
    expect(parsed.issues.map((i) => [i.itemIndex, i.code, i.reason.slice(API_URL.length + 2)])).toEqual([
      [3, 'EMW_PARSE_ITEM', 'item 3: "广告位" is not an object'],
      [4, 'EMW_PARSE_ITEM', 'item 4: has no title at "title" or text at "content"'],
      [5, 'EMW_PARSE_ITEM', 'item 5: url "javascript:void(0)" is not an http(s) link (left out)'],
      [5, 'EMW_PARSE_ITEM', 'item 5: lat 144.02 is outside -90…90 (no location kept)'],
      [6, 'EMW_PARSE_ITEM', 'item 6: title at "title" is {"zh":"标题是对象"}, not a string or number (left out)'],
      [6, 'EMW_PARSE_DATE', 'item 6: time "昨天" is not a date'],
      [7, 'EMW_PARSE_DATE', 'item 7: has no time at "publishTime"'],
      [9, 'EMW_PARSE_ITEM', 'item 9: id at "articleId" is true, not a string or number (left out)'],
      [9, 'EMW_PARSE_ITEM', 'item 9: lat "北纬42" is not a number (no location kept)'],
    ]);
    expect(parsed.issues[0]?.quarantine?.payload).toBe('"广告位"');
  });

  it('keeps items whose bad fields were left out, and skips a repeated id', () => {
    expect(parsed.signals.map((s) => s.guid ?? s.title)).toEqual([
      '10234',
      '10233',
      '10232',
      '10230',
      '10229',
      '10228',
      '多伦县发布森林火险橙色预警',
    ]);
    expect(parsed.skipped).toEqual({ duplicates: 1 });
    const noTitle = parsed.signals.find((s) => s.guid === '10229');
    expect(noTitle?.title).toBeUndefined();
    expect(noTitle?.publishedAt).toBeNull();
  });

  it('unwraps JSONP by its shape', () => {
    const jsonp = parseJsonApi(rawOf(`/**/ jsonp_1744(${cms.payload});`), { itemsPath: 'data.list', fields });
    expect(jsonp.signals.map((s) => s.id)).toEqual(
      parseJsonApi(cms, { itemsPath: 'data.list', fields }).signals.map((s) => s.id),
    );
  });

  it('reads a body that is itself the array with an empty itemsPath', () => {
    const { signals, issues } = parseJsonApi(rawOf('[{"t":"乌兰察布市发布寒潮预警"}]'), {
      itemsPath: '',
      fields: { title: 't' },
    });
    expect(issues).toEqual([]);
    expect(signals.map((s) => [s.title, s.publishedAt])).toEqual([['乌兰察布市发布寒潮预警', null]]);
  });

  it('reads times in the zone it is given', () => {
    const { signals } = parseJsonApi(rawOf('[{"t":"通报","at":"2025-04-05 08:00"}]'), {
      itemsPath: '',
      fields: { title: 't', time: 'at' },
      timeZone: 'Asia/Ulaanbaatar',
    });
    expect(signals[0]?.publishedAt).toBe('2025-04-05T08:00:00+08:00');
    const utc = parseJsonApi(rawOf('[{"t":"通报","at":"2025-04-05 08:00"}]'), {
      itemsPath: '',
      fields: { title: 't', time: 'at' },
      timeZone: 'UTC',
    });
    expect(utc.signals[0]?.publishedAt).toBe('2025-04-05T08:00:00+00:00');
  });

  it('rejects a body whose itemsPath is not an array, as a whole', () => {
    const { signals, issues } = parseJsonApi(rawOf('{"code":500,"msg":"系统繁忙"}'), {
      itemsPath: 'data.list',
      fields,
    });
    expect(signals).toEqual([]);
    expect(issues.map((i) => [i.code, i.fatal, i.reason])).toEqual([
      ['EMW_PARSE_FORMAT', true, `${API_URL}: itemsPath "data.list" finds nothing, not an array of items`],
    ]);
    expect(issues[0]?.quarantine?.payload).toBe('{"code":500,"msg":"系统繁忙"}');
  });

  it('rejects a body that is not JSON, as a whole', () => {
    const { issues } = parseJsonApi(rawOf('<html><body>502 Bad Gateway</body></html>'), {
      itemsPath: 'data.list',
      fields,
    });
    expect(issues.map((i) => [i.code, i.fatal])).toEqual([['EMW_PARSE_JSON', true]]);
  });

  it('never reads through __proto__ in the body', () => {
    const { signals } = parseJsonApi(rawOf('[{"__proto__":{"title":"污染"},"text":"正文"}]'), {
      itemsPath: '',
      fields: { title: 'title', text: 'text' },
    });
    expect(signals.map((s) => [s.title, s.text])).toEqual([[undefined, '正文']]);
  });
});
