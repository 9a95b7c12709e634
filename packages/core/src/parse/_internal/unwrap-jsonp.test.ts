import { describe, expect, it } from 'vitest';
import { unwrapJsonp } from './unwrap-jsonp.js';

describe('unwrapJsonp', () => {
  it.each([
    ['jQuery1830_1744({"num":1})', '{"num":1}'],
    ['eqfeed_callback({"type":"FeatureCollection"});', '{"type":"FeatureCollection"}'],
    ['window.cb.done ( [1,2] ) ;', '[1,2]'],
    ['/**/ cb({"a":1})', '{"a":1}'],
    ['({"shuju":[]})', '{"shuju":[]}'],
    ['\uFEFF  {"a":1}  ', '{"a":1}'],
  ])('takes the JSON out of %s', (body, json) => {
    expect(unwrapJsonp(body)).toBe(json);
  });

  it.each(['alert(1);cb({})', 'cb({}) + 1', 'new Function("x")({})', '<html></html>'])(
    'leaves %s as it is, for JSON.parse to refuse',
    (body) => {
      expect(unwrapJsonp(body)).toBe(body);
      expect(() => JSON.parse(unwrapJsonp(body))).toThrow();
    },
  );
});
