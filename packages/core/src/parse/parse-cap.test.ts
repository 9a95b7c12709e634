import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { expectGolden, readFixture } from '../../test/golden.js';
import { readSharedFixture, sharedFixtureNames } from '../../test/shared-fixtures.js';
import { sha256Hex } from '../_internal/sha256.js';
import { EmwatchError } from '../errors.js';
import type { RawItem } from '../model/raw-item.js';
import { capToSignals } from './cap-to-signals.js';
import { parseCap, type CapParseResult } from './parse-cap.js';

const decoder = new TextDecoder();
const ownFixture = (name: string): string => decoder.decode(readFixture(`cap/${name}`));

function rawItem(name: string, payload: string): RawItem {
  const contentHash = sha256Hex(payload);
  return {
    id: `cap-test:${contentHash}`,
    sourceId: 'cap-test',
    fetchedAt: '2025-04-13T06:05:00+08:00',
    payload,
    contentType: 'application/cap+xml',
    encoding: 'utf-8',
    provenance: { url: `https://example.org/cap/${name}`, contentHash, status: 200 },
  };
}

/** Long rings (NOAA and MoWaS draw hundreds of points) are summarised so goldens stay reviewable. */
const isPoint = (p: unknown): boolean => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number');
const isRingOf = (r: unknown): r is unknown[][] => Array.isArray(r) && r.length > 0 && r.every(isPoint);

function summariseRings(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length > 10 && value.every(isRingOf)) {
      return { rings: value.length, points: value.reduce((sum: number, ring: unknown[]) => sum + ring.length, 0) };
    }
    if (value.length > 12 && value.every(isPoint))
      return { points: value.length, first: value[0], last: value[value.length - 1] };
    return value.map(summariseRings);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, summariseRings(entry)]));
  }
  return value;
}

/** Parse and signals of one document, or how it was rejected, as one reviewable value. */
function outcome(name: string, text: string): unknown {
  let result: CapParseResult;
  try {
    result = parseCap(text, { region: regionNmg });
  } catch (error) {
    if (!(error instanceof EmwatchError)) throw error;
    return { rejected: { code: error.code, message: error.message } };
  }
  const signals = capToSignals(result.alert, rawItem(name, text), 'official-warning', { region: regionNmg });
  return summariseRings({ alert: result.alert, problems: result.problems, signals });
}

function rejection(text: string): EmwatchError {
  try {
    parseCap(text);
  } catch (error) {
    if (error instanceof EmwatchError) return error;
    throw error;
  }
  throw new Error('expected parseCap to reject the document');
}

describe('parseCap on every shared real-world CAP fixture', () => {
  const names = sharedFixtureNames('cap').filter((name) => name !== 'NOTICE.md');

  it('finds the shared fixtures', () => {
    expect(names.length).toBe(20);
  });

  for (const name of names) {
    it(`parses or rejects ${name} with a clear reason`, () => {
      const text = decoder.decode(readSharedFixture(`cap/${name}`));
      expectGolden(`cap/shared/${name}`, outcome(name, text));
    });
  }

  it('rejects the BoM RSS file as an index of CAP documents, pointing at cap()', () => {
    const error = rejection(decoder.decode(readSharedFixture('cap/au-bom-en.rss.xml')));
    expect(error.code).toBe('EMW_PARSE_FORMAT');
    expect(error.message).toBe(
      'RSS index of 1 CAP document(s), not a CAP alert: collect it with cap({ url }), which fetches each linked document',
    );
  });

  it('rejects the MoWaS GeoJSON as area geometry without alert fields', () => {
    const error = rejection(decoder.decode(readSharedFixture('cap/mow.DE-HE-KS-SE106-20250313-106-001.geojson')));
    expect(error.code).toBe('EMW_PARSE_FORMAT');
    expect(error.message).toContain(
      'GeoJSON FeatureCollection of 25 area geometries for warning mow.DE-HE-KS-SE106-20250313-106-001',
    );
  });

  it('reads the MoWaS CAP-JSON like its XML twin', () => {
    const fromJson = parseCap(decoder.decode(readSharedFixture('cap/mow.DE-HE-KS-SE106-20250313-106-001.json'))).alert;
    const fromXml = parseCap(decoder.decode(readSharedFixture('cap/mow.DE-HE-KS-SE106-20250313-106-001.xml'))).alert;
    expect(fromJson.format).toBe('cap-json');
    expect(fromJson.identifier).toBe(fromXml.identifier);
    expect(fromJson.sent).toBe(fromXml.sent);
    expect(fromJson.msgType).toBe('Cancel');
    expect(fromJson.references).toEqual(fromXml.references);
    expect(fromJson.infos.map((info) => info.language)).toEqual([
      'DE',
      'DE-LS',
      'EN',
      'AR',
      'ES',
      'FR',
      'PL',
      'RU',
      'TR',
    ]);
  });

  it('takes the Alertswiss JSON sent time, with offset, from its own reference', () => {
    const { alert } = parseCap(decoder.decode(readSharedFixture('cap/alertswiss-POA-1222963954-5.json')));
    expect(alert.format).toBe('alertswiss-json');
    expect(alert.sent).toBe('2025-05-20T12:41:48+02:00');
    expect(alert.infos[0]?.areas[0]?.polygons[0]?.[0]).toEqual([9.00866, 46.0536]);
  });

  it('marks the Alertswiss technical test JSON as a Test', () => {
    expect(parseCap(decoder.decode(readSharedFixture('cap/alertswiss-TEST-1163.json'))).alert.status).toBe('Test');
  });

  it('reports the GDACS ring with stray parentheses and keeps the rest of the alert', () => {
    const { alert, problems } = parseCap(decoder.decode(readSharedFixture('cap/gdacs-cap_1023542.xml')));
    expect(alert.infos[0]?.event).toBe('Forest Fires');
    expect(problems).toEqual([
      {
        code: 'EMW_CAP_INVALID',
        reason:
          'info 1 (en-US): area 1: polygon 1: polygon point "8.72977),-68.13409" is not "latitude,longitude" in degrees',
      },
    ]);
  });
});

describe('parseCap on the project’s Chinese fixtures', () => {
  const names = [
    'cma-xlgl-blizzard-orange.xml',
    'cma-xlgl-blizzard-update.xml',
    'national-kerqin-gale.xml',
    'national-kerqin-gale-cancel.xml',
    'cancel-unknown.xml',
    'test-status.xml',
    'multilang-hohhot-sandstorm.xml',
    'traditional-hk-rainstorm.xml',
  ];
  for (const name of names) {
    it(`matches the golden output of ${name}`, () => {
      expectGolden(`cap/${name}`, outcome(name, ownFixture(name)));
    });
  }

  it('reads the CMA-style alert with its GB/T 2260 geocodes as region units', () => {
    const { alert, problems } = parseCap(ownFixture('cma-xlgl-blizzard-orange.xml'), { region: regionNmg });
    expect(problems).toEqual([]);
    expect(alert.namespace).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    const info = alert.infos[0]!;
    expect(info.color).toBe('orange');
    expect(info.regionCodes).toEqual(['152502', '152525', '152526']);
    expect(info.areas[0]?.polygons[0]?.[0]).toEqual([115.52, 45.02]);
  });

  it('reads the national release system variant: no namespace, sendTime with a space, colour severity, eventType', () => {
    const { alert, problems } = parseCap(ownFixture('national-kerqin-gale.xml'), { region: regionNmg });
    expect(problems).toEqual([]);
    expect(alert.namespace).toBeUndefined();
    expect(alert.sent).toBe('2025-04-13T06:00:00+08:00');
    const info = alert.infos[0]!;
    expect(info.severity).toBe('Severe');
    expect(info.severityText).toBe('橙色');
    expect(info.color).toBe('orange');
    expect(info.eventCodes).toEqual([{ name: 'eventType', value: '11B06' }]);
    expect(info.expires).toBe('2025-04-14T06:00:00+08:00');
    expect(alert.extensions).toEqual([{ name: 'senderCode', value: '15050241600000' }]);
  });

  it('maps 12-digit geocodes to counties, and an unknown county to its league', () => {
    const info = parseCap(ownFixture('national-kerqin-gale.xml'), { region: regionNmg }).alert.infos[0]!;
    expect(info.areas[0]?.geocodes).toEqual([
      { name: '', value: '150502000000' },
      { name: '', value: '150521000000' },
      { name: '', value: '150571000000' },
    ]);
    expect(info.regionCodes).toEqual(['150502', '150521', '150500']);
  });

  it('reads a reference triple whose sent time has a space', () => {
    const { alert } = parseCap(ownFixture('national-kerqin-gale-cancel.xml'));
    expect(alert.references).toEqual([
      {
        sender: '通辽市科尔沁区气象台',
        identifier: '15050241600000_20250413060000',
        sent: '2025-04-13T06:00:00+08:00',
        raw: '通辽市科尔沁区气象台,15050241600000_20250413060000,2025-04-13 06:00:00',
      },
    ]);
  });

  it('gives no region codes without a region pack', () => {
    expect(parseCap(ownFixture('national-kerqin-gale.xml')).alert.infos[0]?.regionCodes).toEqual([]);
  });

  it('reads a national-system date without offset in the configured zone', () => {
    expect(parseCap(ownFixture('national-kerqin-gale.xml'), { timeZone: 'UTC' }).alert.sent).toBe(
      '2025-04-13T06:00:00+00:00',
    );
  });
});

describe('parseCap on malformed and hostile input', () => {
  it('rejects truncated XML, naming where it ends', () => {
    const error = rejection(ownFixture('truncated.xml'));
    expect(error.code).toBe('EMW_PARSE_XML');
    expect(error.message).toContain('the input ends before <alert>, <info>, <headline> are closed (truncated?)');
  });

  it('rejects an XXE alert without reading the named file', () => {
    const error = rejection(ownFixture('xxe.xml'));
    expect(error.code).toBe('EMW_PARSE_XML');
    expect(error.message).toBe(
      'not well-formed XML at line 3, column 3: the DOCTYPE declares entities, which emwatch refuses (no entity expansion, no external entities)',
    );
  });

  it('rejects an entity bomb before expanding anything', () => {
    const started = performance.now();
    const error = rejection(ownFixture('entity-bomb.xml'));
    expect(error.message).toContain('the DOCTYPE declares entities');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('rejects an alert without identifier as invalid CAP', () => {
    const error = rejection('<alert><sent>2025-04-13T06:00:00+08:00</sent></alert>');
    expect(error.code).toBe('EMW_CAP_INVALID');
    expect(error.message).toBe('CAP alert has no identifier');
  });

  it('rejects an alert whose sent is not a date and has no effective time', () => {
    const error = rejection('<alert><identifier>x1</identifier><sent>昨天</sent></alert>');
    expect(error.message).toBe('CAP alert x1: sent "昨天" is not a date and no effective or onset time stands for it');
  });

  it('rejects another XML document, naming its root', () => {
    expect(rejection('<html><body>404</body></html>').message).toBe('root element <html> is not a CAP <alert>');
  });

  it('rejects JSON that is not an alert', () => {
    expect(rejection('{"type":"Feature"}').message).toBe(
      'JSON document is not a CAP alert: no identifier with sent, msgType or info',
    );
  });

  it('reports bad fields and keeps the alert', () => {
    const { alert, problems } = parseCap(
      `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x2</identifier><sender>s</sender>
       <sent>2025-04-13T06:00:00+08:00</sent><status>Rehearsal</status><msgType>Update</msgType>
       <info><language>en</language><event>Wind</event><severity>Catastrophic</severity><expires>soon</expires>
       <area><areaDesc>a</areaDesc><polygon>40,110 41,110 41,111</polygon><circle>40,110</circle><altitude>high</altitude></area></info></alert>`,
    );
    expect(alert.status).toBe('Draft');
    expect(alert.infos[0]?.severity).toBe('Unknown');
    expect(alert.infos[0]?.areas[0]?.polygons).toEqual([
      [
        [110, 40],
        [110, 41],
        [111, 41],
        [110, 40],
      ],
    ]);
    expect(problems.map((p) => `${p.code}: ${p.reason}`)).toEqual([
      'EMW_CAP_INVALID: status "Rehearsal" is not a CAP status; taken as Draft',
      'EMW_CAP_INVALID: info 1 (en): severity "Catastrophic" is neither a CAP severity nor a warning colour',
      'EMW_CAP_INVALID: info 1 (en): area 1: polygon 1 was not closed; closed it',
      'EMW_CAP_INVALID: info 1 (en): area 1: circle 1: circle "40,110" is not "latitude,longitude radius"',
      'EMW_CAP_INVALID: info 1 (en): area 1: altitude "high" is not a number',
      'EMW_PARSE_DATE: info 1 (en): expires "soon" is not a date',
      'EMW_CAP_INVALID: Update without references: it replaces nothing',
    ]);
  });
});
