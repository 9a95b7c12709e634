import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { expectGolden, readFixture } from '../../test/golden.js';
import { sha256Hex } from '../_internal/sha256.js';
import type { RawItem } from '../model/raw-item.js';
import { parseFirmsCsv } from './parse-firms-csv.js';

const FIRMS_URL = 'https://firms.modaps.eosdis.nasa.gov/api/area/csv/KEY/VIIRS_SNPP_NRT/97,37,126.1,53.4/1/2025-04-05';

function rawOf(payload: string, url = FIRMS_URL): RawItem {
  const contentHash = sha256Hex(payload);
  return {
    id: `firms:${contentHash}`,
    sourceId: 'firms',
    fetchedAt: '2025-04-05T16:00:00+08:00',
    payload,
    contentType: 'text/csv',
    encoding: 'utf-8',
    provenance: { url, contentHash, status: 200 },
  };
}

const fixture = (name: string): RawItem => rawOf(new TextDecoder().decode(readFixture(`firms/${name}`)));

describe('parseFirmsCsv with VIIRS detections', () => {
  const parsed = parseFirmsCsv(fixture('viirs-snpp-nmg.csv'), { region: regionNmg });
  const byGuidPart = (part: string) => parsed.signals.find((s) => s.guid?.includes(part));

  it('matches the golden output', () => {
    expectGolden('firms/viirs-snpp-nmg', parsed);
  });

  it('keeps a grassland fire in 东乌珠穆沁旗 with its county and league', () => {
    const fire = byGuidPart('45.63012,119.02145');
    expect(fire?.title).toBe('卫星监测热点：锡林郭勒盟东乌珠穆沁旗（疑似草原火）');
    expect(fire?.facts).toEqual({
      hintedType: 'wildfire',
      regionCodes: ['152525', '152500'],
      hotspot: { brightnessK: 345.21, frpMw: 12.35, confidence: 'n', satellite: 'N' },
    });
    expect(fire?.publishedAt).toBe('2025-04-05T13:24:00+08:00');
    expect(fire?.geometry).toEqual({ type: 'Point', coordinates: [119.02145, 45.63012] });
  });

  it('calls a fire in 根河市 a forest fire', () => {
    expect(byGuidPart('51.02236,121.47015')?.title).toBe('卫星监测热点：呼伦贝尔市根河市（疑似森林火）');
  });

  it('keeps a fire in Mongolia 14 km from the border, marked near the border, with the unit it approaches', () => {
    const fire = byGuidPart('47.6003,116.10015');
    expect(fire?.facts?.hotspot?.nearBorder).toBe(true);
    expect(fire?.facts?.regionCodes).toEqual(['150727', '150700']);
    expect(fire?.title).toBe('区外卫星监测热点：距呼伦贝尔市新巴尔虎右旗边界14公里（疑似草原火）');
    expect(fire?.text).toContain('在内蒙古自治区边界外、距呼伦贝尔市新巴尔虎右旗约14公里处');
    expect(fire?.text).toContain('有蔓延至呼伦贝尔市新巴尔虎右旗的风险');
  });

  it('calls a fire across the border from 鄂伦春自治旗 a forest fire', () => {
    const fire = byGuidPart('51.50022,124.60018');
    expect(fire?.facts?.hotspot?.nearBorder).toBe(true);
    expect(fire?.title).toContain('（疑似森林火）');
  });

  it('drops fires farther than the buffer (deep in Mongolia, Heilongjiang, Jilin) and counts them', () => {
    for (const far of ['45.90077,115.60041', '47.30012,115.20034', '46.80031,129.50027', '45.00044,125.90012'])
      expect(byGuidPart(far)).toBeUndefined();
    expect(parsed.skipped).toEqual({ outsideRegion: 4, duplicates: 1, notVegetation: 0 });
  });

  it('widens or narrows the border band with borderBufferKm', () => {
    const wide = parseFirmsCsv(fixture('viirs-snpp-nmg.csv'), { region: regionNmg, borderBufferKm: 45 });
    expect(wide.signals.filter((s) => s.facts?.hotspot?.nearBorder)).toHaveLength(5);
    const none = parseFirmsCsv(fixture('viirs-snpp-nmg.csv'), { region: regionNmg, borderBufferKm: 0 });
    expect(none.signals.filter((s) => s.facts?.hotspot?.nearBorder)).toEqual([]);
  });

  it('reports each malformed row with its line and keeps the others', () => {
    expect(parsed.issues.map((i) => [i.code, i.reason.slice(FIRMS_URL.length + 2)])).toEqual([
      ['EMW_PARSE_CSV', 'line 21: 6 fields, expected 14 as in the header'],
      ['EMW_PARSE_ITEM', 'line 19: latitude "abc" is not a number'],
      ['EMW_PARSE_ITEM', 'line 20: longitude 200.5 is outside -180…180'],
      ['EMW_PARSE_DATE', 'line 22: acq_date "2025-02-30" acq_time "524" is not a time'],
      ['EMW_PARSE_DATE', 'line 23: acq_date "2025-04-05" acq_time "2561" is not a time'],
      ['EMW_PARSE_ITEM', 'line 23: frp "n/a" is not a number (left out)'],
    ]);
    expect(parsed.issues[1]?.quarantine?.payload).toContain('abc,117.1');
    expect(parsed.signals).toHaveLength(15);
  });

  it('keeps a detection whose time is invalid, without a time', () => {
    const undated = byGuidPart('43.94011,116.07023');
    expect(undated?.publishedAt).toBeNull();
    expect(undated?.facts?.hotspot).toEqual({ brightnessK: 335.2, confidence: 'n', satellite: 'N' });
  });
});

describe('parseFirmsCsv with MODIS detections', () => {
  const parsed = parseFirmsCsv(fixture('modis-nmg.csv'), { region: regionNmg });

  it('matches the golden output', () => {
    expectGolden('firms/modis-nmg', parsed);
  });

  it('reads brightness and percentage confidence', () => {
    const [first] = parsed.signals;
    expect(first?.facts?.hotspot).toEqual({ brightnessK: 322.4, frpMw: 21.7, confidence: '64', satellite: 'Terra' });
    expect(first?.text).toBe(
      'Terra MODIS于2025年4月5日10时45分（北京时间）在锡林郭勒盟东乌珠穆沁旗（北纬45.6287度，东经119.0198度）监测到热异常点，亮温322.4K，火辐射功率21.7兆瓦，置信度64%，疑似草原火灾，待核实。',
    );
  });
});

describe('parseFirmsCsv with other input', () => {
  it('rejects an error message instead of a CSV as a whole, quoting it', () => {
    const { signals, issues } = parseFirmsCsv(fixture('invalid-map-key.txt'), { region: regionNmg });
    expect(signals).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'EMW_PARSE_FORMAT', fatal: true, url: FIRMS_URL });
    expect(issues[0]?.reason).toContain('it begins "Invalid MAP_KEY."');
    expect(issues[0]?.quarantine?.payload).toBe('Invalid MAP_KEY.\n');
  });

  it('accepts a header without rows (no fires today)', () => {
    const header =
      'latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_ti5,frp,daynight\n';
    expect(parseFirmsCsv(rawOf(header), { region: regionNmg })).toEqual({
      signals: [],
      issues: [],
      skipped: { outsideRegion: 0, duplicates: 0, notVegetation: 0 },
    });
  });

  it('skips static industrial sources marked in archive files', () => {
    const csv =
      'latitude,longitude,brightness,acq_date,acq_time,satellite,confidence,frp,type\n' +
      '40.6512,109.8301,330.5,2024-03-02,0310,Terra,80,40.2,2\n' +
      '44.5821,117.6109,330.5,2024-03-02,0310,Terra,80,40.2,0\n';
    const { signals, skipped } = parseFirmsCsv(rawOf(csv), { region: regionNmg });
    expect(signals.map((s) => s.facts?.regionCodes)).toEqual([['152526', '152500']]);
    expect(skipped.notVegetation).toBe(1);
  });

  it('uses the forest table it is given', () => {
    const csv = 'latitude,longitude,acq_date,acq_time\n44.58213,117.61094,2025-04-05,0524\n';
    const [fire] = parseFirmsCsv(rawOf(csv), { region: regionNmg, forestUnits: ['152526'] }).signals;
    expect(fire?.title).toBe('卫星监测热点：锡林郭勒盟西乌珠穆沁旗（疑似森林火）');
  });
});
