import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { expectGolden, readFixture } from '../../test/golden.js';
import { sha256Hex } from '../_internal/sha256.js';
import type { RawItem } from '../model/raw-item.js';
import { parseQuake } from './parse-quake.js';

function rawOf(payload: string, url: string): RawItem {
  const contentHash = sha256Hex(payload);
  return {
    id: `quakes:${contentHash}`,
    sourceId: 'quakes',
    fetchedAt: '2025-04-13T16:00:30+08:00',
    payload,
    contentType: 'application/json',
    encoding: 'utf-8',
    provenance: { url, contentHash, status: 200 },
  };
}

const fixture = (name: string, url: string): RawItem =>
  rawOf(new TextDecoder().decode(readFixture(`quake/${name}`)), url);

const USGS_URL = 'https://earthquake.usgs.gov/earthquakes/feed/v1.0/summary/2.5_day.geojson';
const CENC_URL = 'https://www.ceic.ac.cn/ajax/speedsearch?num=1&page=1';

describe('parseQuake with USGS GeoJSON', () => {
  const usgs = fixture('usgs-2.5_day.geojson', USGS_URL);

  it('matches the golden output for a 2.5_day summary feed', () => {
    expectGolden('quake/usgs-2.5_day', parseQuake(usgs, { format: 'usgs-geojson', region: regionNmg }));
  });

  it('keeps the USGS title, the catalogue id as GUID and the epicentre as geometry', () => {
    const [first] = parseQuake(usgs, { format: 'usgs-geojson' }).signals;
    expect(first?.title).toBe('M 4.6 - 35 km NE of Baotou, China');
    expect(first?.guid).toBe('us7000pk3m');
    expect(first?.geometry).toEqual({ type: 'Point', coordinates: [110.1873, 40.8952] });
    expect(first?.facts?.quake).toEqual({ magnitude: 4.6, magnitudeType: 'mb', depthKm: 10, catalogId: 'us7000pk3m' });
    expect(first?.publishedAt).toBe('2025-04-13T14:12:30+08:00');
    expect(first?.url).toBe('https://earthquake.usgs.gov/earthquakes/eventpage/us7000pk3m');
  });

  it('names the county and league of an epicentre inside the region', () => {
    const [first] = parseQuake(usgs, { format: 'usgs-geojson', region: regionNmg }).signals;
    expect(first?.facts?.regionCodes).toEqual(['150222', '150200']);
  });

  it('gives region codes only when a region is given', () => {
    const [first] = parseQuake(usgs, { format: 'usgs-geojson' }).signals;
    expect(first?.facts?.regionCodes).toBeUndefined();
    expect(first?.facts?.hintedType).toBe('earthquake');
  });

  it('does not hint a quarry blast as an earthquake', () => {
    const blast = parseQuake(usgs, { format: 'usgs-geojson' }).signals.find((s) => s.guid === 'tx2025hfyv');
    expect(blast?.facts?.hintedType).toBeUndefined();
    expect(blast?.facts?.quake?.magnitude).toBe(2.6);
  });

  it('skips reports below the minimum magnitude and counts them', () => {
    const { signals, issues, skipped } = parseQuake(usgs, { format: 'usgs-geojson', minMagnitude: 4.6 });
    expect(signals.map((s) => s.facts?.quake?.magnitude)).toEqual([4.6, 4.9, 5.3, 4.7]);
    expect(skipped.belowMinimum).toBe(3);
    expect(issues).toEqual([]);
  });

  it('reads the JSONP variant (.geojsonp) like the plain feed', () => {
    const jsonp = rawOf(`eqfeed_callback(${usgs.payload});`, USGS_URL.replace('.geojson', '.geojsonp'));
    expect(parseQuake(jsonp, { format: 'usgs-geojson' }).signals.map((s) => s.guid)).toEqual(
      parseQuake(usgs, { format: 'usgs-geojson' }).signals.map((s) => s.guid),
    );
  });

  it('reads a single Feature, as the detail feed serves it', () => {
    const feature = (JSON.parse(usgs.payload) as { features: unknown[] }).features[0];
    const { signals } = parseQuake(rawOf(JSON.stringify(feature), USGS_URL), { format: 'usgs-geojson' });
    expect(signals.map((s) => s.guid)).toEqual(['us7000pk3m']);
  });

  describe('with bad features', () => {
    const bad = fixture(
      'usgs-bad-items.geojson',
      'https://earthquake.usgs.gov/earthquakes/feed/v1.0/summary/all_hour.geojson',
    );
    const parsed = parseQuake(bad, { format: 'usgs-geojson', region: regionNmg });

    it('matches the golden output', () => {
      expectGolden('quake/usgs-bad-items', parsed);
    });

    it('rejects an out-of-range latitude with a reason naming the feature and the value', () => {
      const issue = parsed.issues.find((i) => i.itemIndex === 1);
      expect(issue?.code).toBe('EMW_PARSE_ITEM');
      expect(issue?.reason).toContain('feature 1 (us7000pk9b): latitude 123.4 is outside -90…90');
      expect(issue?.quarantine?.payload).toContain('"us7000pk9b"');
    });

    it('reads magnitude, coordinates and depth written as strings', () => {
      const hailar = parsed.signals.find((s) => s.guid === 'us7000pk9d');
      expect(hailar?.facts?.quake).toEqual({
        magnitude: 4.8,
        magnitudeType: 'mb',
        depthKm: 15.2,
        catalogId: 'us7000pk9d',
      });
      expect(hailar?.geometry?.coordinates).toEqual([120.0311, 49.6523]);
    });

    it('keeps a report with a bad time, without a time, and reports the date', () => {
      const noTime = parsed.signals.find((s) => s.guid === 'us7000pk9e');
      expect(noTime?.publishedAt).toBeNull();
      expect(parsed.issues.find((i) => i.itemIndex === 4)?.code).toBe('EMW_PARSE_DATE');
    });

    it('skips deleted events and repeated ids without calling them problems', () => {
      expect(parsed.skipped).toEqual({ belowMinimum: 0, duplicates: 1, deleted: 1 });
      expect(parsed.signals.map((s) => s.guid)).toEqual(['us7000pk9d', 'us7000pk9e']);
    });

    it('reports every bad feature once and keeps the rest', () => {
      expect(parsed.issues.map((i) => [i.itemIndex, i.code])).toEqual([
        [0, 'EMW_PARSE_ITEM'],
        [1, 'EMW_PARSE_ITEM'],
        [2, 'EMW_PARSE_ITEM'],
        [4, 'EMW_PARSE_DATE'],
        [7, 'EMW_PARSE_ITEM'],
        [8, 'EMW_PARSE_ITEM'],
      ]);
    });
  });
});

describe('parseQuake with CENC JSON', () => {
  const cenc = fixture('cenc-speedsearch.jsonp', CENC_URL);

  it('matches the golden output for a JSONP speedsearch answer', () => {
    expectGolden('quake/cenc-speedsearch', parseQuake(cenc, { format: 'cenc-json', region: regionNmg }));
  });

  it('writes a Chinese title and CENC’s own wording', () => {
    const [first] = parseQuake(cenc, { format: 'cenc-json' }).signals;
    expect(first?.title).toBe('内蒙古包头市土默特右旗发生3.1级地震');
    expect(first?.text).toBe(
      '中国地震台网测定：2025年4月13日06时12分在内蒙古包头市土默特右旗（北纬40.52度，东经110.53度）发生3.1级地震，震源深度10千米。',
    );
    expect(first?.language).toBe('zh-Hans');
    expect(first?.outlet).toBe('中国地震台网中心');
  });

  it('reads O_TIME as Beijing time whatever zone the caller reads other dates in', () => {
    const [first] = parseQuake(cenc, { format: 'cenc-json', timeZone: 'UTC' }).signals;
    expect(first?.publishedAt).toBe('2025-04-13T06:12:30+08:00');
  });

  it('maps the epicentre to 土默特右旗 and 包头市', () => {
    const [first] = parseQuake(cenc, { format: 'cenc-json', region: regionNmg }).signals;
    expect(first?.facts).toEqual({
      hintedType: 'earthquake',
      regionCodes: ['150221', '150200'],
      quake: { magnitude: 3.1, magnitudeType: 'M', depthKm: 10, catalogId: 'CC20250413061230' },
    });
    expect(first?.url).toBe('https://news.ceic.ac.cn/CC20250413061230.html');
  });

  it('says so when the solution is automatic', () => {
    const hailar = parseQuake(cenc, { format: 'cenc-json' }).signals.find((s) => s.guid === 'CC20250412042916');
    expect(hailar?.text.startsWith('中国地震台网自动测定：')).toBe(true);
  });

  it('reads a bare list with JSON numbers like the speedsearch strings', () => {
    const bare = parseQuake(fixture('cenc-google.json', 'https://news.ceic.ac.cn/ajax/google'), {
      format: 'cenc-json',
    });
    const wrapped = parseQuake(cenc, { format: 'cenc-json' }).signals.slice(0, 3);
    expect(bare.issues).toEqual([]);
    expect(bare.signals.map((s) => [s.title, s.text, s.geometry, s.facts])).toEqual(
      wrapped.map((s) => [s.title, s.text, s.geometry, s.facts]),
    );
  });

  it('unwraps a JSONP answer without a callback name', () => {
    const body = cenc.payload.slice(cenc.payload.indexOf('('));
    expect(parseQuake(rawOf(body, CENC_URL), { format: 'cenc-json' }).signals).toHaveLength(7);
  });

  it('never runs the text around the JSON', () => {
    const hostile = rawOf('alert(1);cb({"shuju":[]})', CENC_URL);
    const { signals, issues } = parseQuake(hostile, { format: 'cenc-json' });
    expect(signals).toEqual([]);
    expect(issues.map((i) => [i.code, i.fatal])).toEqual([['EMW_PARSE_JSON', true]]);
  });

  it('skips reports below the minimum magnitude', () => {
    const { signals, skipped } = parseQuake(cenc, { format: 'cenc-json', minMagnitude: 3 });
    expect(signals.map((s) => s.facts?.quake?.magnitude)).toEqual([3.1, 3.3, 4.5, 4.2, 5.6]);
    expect(skipped.belowMinimum).toBe(2);
  });

  describe('with bad records', () => {
    const parsed = parseQuake(fixture('cenc-bad-items.json', CENC_URL), { format: 'cenc-json', region: regionNmg });

    it('matches the golden output', () => {
      expectGolden('quake/cenc-bad-items', parsed);
    });

    it('names the field and the value in each reason', () => {
      expect(parsed.issues.map((i) => i.reason.slice(CENC_URL.length + 2))).toEqual([
        'record 0 (CC20250413070102): has no magnitude (M)',
        'record 1 (CC20250413070203): EPI_LAT 91.5 is outside -90…90',
        'record 2 (CC20250413070304): O_TIME "2025-13-45 99:00:00" is not a date',
        'record 3 (CC20250413070405): EPI_LON "東經110度" is not a number',
        'record 4: "地震" is not an object',
        'record 6 (CC20250413070607): EPI_DEPTH "十" is not a number',
      ]);
    });

    it('keeps the good and the undated records', () => {
      expect(parsed.signals.map((s) => [s.guid, s.publishedAt])).toEqual([
        ['CC20250413070304', null],
        ['CC20250413070506', '2025-04-13T07:05:06+08:00'],
      ]);
    });

    it('leaves the depth out when it is empty', () => {
      const noDepth = parsed.signals.find((s) => s.guid === 'CC20250413070506');
      expect(noDepth?.facts?.quake).toEqual({ magnitude: 3, magnitudeType: 'M', catalogId: 'CC20250413070506' });
      expect(noDepth?.text).toBe(
        '中国地震台网测定：2025年4月13日07时05分在内蒙古呼和浩特市土默特左旗（北纬40.83度，东经111.75度）发生3.0级地震。',
      );
    });
  });
});

describe('parseQuake with documents it cannot read', () => {
  it('rejects a truncated body as a whole, keeping it in quarantine', () => {
    const truncated = rawOf('{"type":"FeatureCollection","features":[{"type":"Feature","prop', USGS_URL);
    const { signals, issues } = parseQuake(truncated, { format: 'usgs-geojson' });
    expect(signals).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'EMW_PARSE_JSON', fatal: true, url: USGS_URL, sourceId: 'quakes' });
    expect(issues[0]?.reason).toMatch(/^https:\/\/earthquake\.usgs\.gov\/\S+: is not JSON/u);
    expect(issues[0]?.quarantine?.payload).toBe(truncated.payload);
  });

  it('rejects JSON of another shape with EMW_PARSE_FORMAT', () => {
    const { issues } = parseQuake(rawOf('{"status":"ok","data":{}}', CENC_URL), { format: 'cenc-json' });
    expect(issues.map((i) => [i.code, i.fatal])).toEqual([['EMW_PARSE_FORMAT', true]]);
    const usgs = parseQuake(rawOf('[1,2,3]', USGS_URL), { format: 'usgs-geojson' });
    expect(usgs.issues.map((i) => i.code)).toEqual(['EMW_PARSE_FORMAT']);
  });

  it('accepts an empty list without problems', () => {
    expect(parseQuake(rawOf('{"num":0,"shuju":[]}', CENC_URL), { format: 'cenc-json' })).toEqual({
      signals: [],
      issues: [],
      skipped: { belowMinimum: 0, duplicates: 0, deleted: 0 },
    });
  });
});
