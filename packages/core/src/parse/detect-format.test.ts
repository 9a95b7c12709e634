import { describe, expect, it } from 'vitest';
import { readSharedFixture, sharedFixtureNames } from '../../test/shared-fixtures.js';
import { detectFormat } from './detect-format.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('detectFormat', () => {
  it('sees a CAP alert by its root element, with or without namespace and prolog', () => {
    expect(
      detectFormat('\uFEFF<?xml version="1.0"?>\n<!-- x --><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>'),
    ).toBe('cap');
    expect(detectFormat('<alert><identifier>1</identifier><sendTime>2025-04-13 06:00:00</sendTime></alert>')).toBe(
      'cap',
    );
    expect(detectFormat('<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"/>')).toBe('cap');
  });

  it('tells a CAP index from a news feed by what its entries point at', () => {
    expect(
      detectFormat(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link type="application/cap+xml" href="a.xml"/></entry></feed>',
      ),
    ).toBe('cap');
    expect(
      detectFormat('<rss version="2.0"><channel><item><title>呼伦贝尔市发布山洪预警</title></item></channel></rss>'),
    ).toBe('rss');
    expect(detectFormat('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel/></rdf:RDF>')).toBe(
      'rss',
    );
  });

  it('reads JSON shapes: JSON Feed, USGS GeoJSON, CENC lists (also as JSONP), other JSON', () => {
    expect(detectFormat('{"version":"https://jsonfeed.org/version/1.1","items":[]}')).toBe('rss');
    expect(detectFormat('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"mag":4.6}}]}')).toBe(
      'usgs-geojson',
    );
    expect(detectFormat('jQuery1830({"num":1,"shuju":[{"M":"3.1","O_TIME":"2025-04-13 06:12:30"}]});')).toBe(
      'cenc-json',
    );
    expect(detectFormat('[{"M":3.1,"O_TIME":"2025-04-13 06:12:30"}]')).toBe('cenc-json');
    expect(detectFormat('{"data":{"list":[{"title":"x"}]}}')).toBe('json');
  });

  it('says nothing for HTML error pages and broken text', () => {
    expect(detectFormat('<!DOCTYPE html><html><body>404</body></html>')).toBeUndefined();
    expect(detectFormat('{"unterminated": ')).toBeUndefined();
    expect(detectFormat('')).toBeUndefined();
  });

  it('recognises every shared real-world CAP sample as CAP or a feed of CAP', () => {
    const formats = Object.fromEntries(
      sharedFixtureNames('cap')
        .filter((n) => n !== 'NOTICE.md')
        .map((n) => [n, detectFormat(text(readSharedFixture(`cap/${n}`)))]),
    );
    for (const [name, format] of Object.entries(formats)) {
      // The German MoWaS GeoJSON is only the alert's area: plain GeoJSON, not a quake feed.
      expect({ name, format }).toEqual({ name, format: name.endsWith('.geojson') ? 'json' : 'cap' });
    }
  });
});
