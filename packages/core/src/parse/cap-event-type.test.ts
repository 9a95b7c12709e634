import { describe, expect, it } from 'vitest';
import { capEventType } from './cap-event-type.js';

describe('capEventType from event codes', () => {
  it.each([
    ['11B04', 'snow-disaster'],
    ['11B06', 'gale'],
    ['11b03', 'flood'],
    ['11B20', 'gale'],
    ['11B07', 'sandstorm'],
  ])('maps the national eventType %s to %s', (value, type) => {
    expect(capEventType({ event: '', eventCodes: [{ name: 'eventType', value }] })).toBe(type);
  });

  it('maps an NMC alarm code', () => {
    expect(capEventType({ event: '', eventCodes: [{ name: 'NMC', value: 'p0008002' }] })).toBe('sandstorm');
  });

  it('maps a 12379 signal code only under a signal-code name', () => {
    expect(capEventType({ event: '', eventCodes: [{ name: '12379', value: '0302' }] })).toBe('snow-disaster');
    expect(capEventType({ event: '', eventCodes: [{ name: 'KZSTD', value: '0302' }] })).toBeUndefined();
  });

  it('stops at a typhoon code, which no type fits, even when the event names wind', () => {
    expect(capEventType({ event: '台风大风', eventCodes: [{ name: 'eventType', value: '11B01' }] })).toBeUndefined();
  });

  it('prefers the code to the words', () => {
    expect(capEventType({ event: '大风', eventCodes: [{ name: 'eventType', value: '11B04' }] })).toBe('snow-disaster');
  });
});

describe('capEventType from parameters', () => {
  it('reads the Meteoalarm awareness type', () => {
    expect(capEventType({ event: 'Ветер', parameters: [{ name: 'awareness_type', value: '8; forest-fire' }] })).toBe(
      'wildfire',
    );
  });

  it('reads the GDACS event type', () => {
    expect(capEventType({ event: 'Alert', parameters: [{ name: 'eventtype', value: 'DR' }] })).toBe('drought');
  });
});

describe('capEventType from Chinese event words', () => {
  it.each([
    ['暴雪黄色预警', 'snow-disaster'],
    ['大风', 'gale'],
    ['雷雨大风', 'gale'],
    ['沙尘暴', 'sandstorm'],
    ['森林火险', 'wildfire'],
    ['草原火险', 'wildfire'],
    ['森林（草原）火险', 'wildfire'],
    ['城市火灾', 'fire'],
    ['低温雨雪冰冻', 'cold-wave'],
    ['道路结冰', 'cold-wave'],
    ['暴雨', 'flood'],
    ['霾', 'fog-haze'],
    ['强烈季候風信號', 'gale'],
    ['暴雨警告信號', 'flood'],
    ['地质灾害气象风险', 'geological'],
  ])('maps %s to %s', (event, type) => {
    expect(capEventType({ event })).toBe(type);
  });

  it('knows a typhoon and gives no type', () => {
    expect(capEventType({ event: '台风蓝色预警' })).toBeUndefined();
  });
});

describe('capEventType from English and Russian event words', () => {
  it.each([
    ['Severe Thunderstorm Warning', 'hail-lightning'],
    ['Flood Watch', 'flood'],
    ['Flash Floods', 'flood'],
    ['Earthquake', 'earthquake'],
    ['Tsunami Warning', 'earthquake'],
    ['Bushfire', 'wildfire'],
    ['Forest Fires', 'wildfire'],
    ['Excessive Heat Warning', 'heat'],
    ['Small Craft', 'gale'],
    ['High Wind Watch', 'gale'],
    ['Freezing rain, icing', 'cold-wave'],
    ['Winter Storm Warning', 'snow-disaster'],
    ['Dense Fog Advisory', 'fog-haze'],
    ['Falling rocks, landslide', 'geological'],
    ['Ветер', 'gale'],
    ['Сильный снегопад', 'snow-disaster'],
  ])('maps %s to %s', (event, type) => {
    expect(capEventType({ event })).toBe(type);
  });

  it('knows a tropical cyclone and gives no type, whatever the headline says of wind', () => {
    expect(capEventType({ event: 'Tropical Cyclone', headline: 'Category 1 (120 km/h) wind speeds' })).toBeUndefined();
  });

  it('falls back to the headline when the event says nothing', () => {
    expect(capEventType({ event: 'Other incident', headline: 'Danger of forest fire' })).toBe('wildfire');
  });

  it('gives undefined for an event it does not know instead of guessing', () => {
    expect(capEventType({ event: 'Special Weather Statement' })).toBeUndefined();
    expect(capEventType({ event: 'Gefahrendurchsage' })).toBeUndefined();
    expect(capEventType({ event: 'Notice of windows cleaning' })).toBeUndefined();
  });
});
