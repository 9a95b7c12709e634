import regionNmg from '@emwatch/region-nmg';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/golden.js';
import { sha256Hex } from '../_internal/sha256.js';
import type { RawItem } from '../model/raw-item.js';
import { capToSignals } from './cap-to-signals.js';
import { parseCap } from './parse-cap.js';

function rawOf(payload: string, url = 'https://example.org/cap/a.xml'): RawItem {
  const contentHash = sha256Hex(payload);
  return {
    id: `cap:${contentHash}`,
    sourceId: 'cap',
    fetchedAt: '2025-04-13T06:05:00+08:00',
    payload,
    provenance: { url, contentHash, status: 200 },
  };
}

const signalsOf = (payload: string) =>
  capToSignals(parseCap(payload, { region: regionNmg }).alert, rawOf(payload), 'official-warning', {
    region: regionNmg,
  });

const info = (language: string, headline: string) =>
  `<info><language>${language}</language><event>Wind</event><severity>Minor</severity><headline>${headline}</headline></info>`;
const alertWith = (infos: string, status = 'Actual') =>
  `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>id-1</identifier><sender>s</sender><sent>2025-04-13T06:00:00+08:00</sent><status>${status}</status><msgType>Alert</msgType>${infos}</alert>`;

describe('capToSignals', () => {
  it('yields the Chinese block of a zh-CN + en alert, even when English comes first', () => {
    const payload = new TextDecoder().decode(readFixture('cap/multilang-hohhot-sandstorm.xml'));
    const signals = signalsOf(payload);
    expect(signals.map((s) => [s.language, s.guid, s.title])).toEqual([
      ['zh-Hans', '15010041600000_20250408070000', '呼和浩特市气象台发布沙尘暴黄色预警信号'],
    ]);
    expect(signals[0]?.geometry).toEqual({ type: 'Point', coordinates: [111.75, 40.84] });
  });

  it('falls back to English, then to the first block’s language', () => {
    expect(signalsOf(alertWith(info('de', 'Sturm') + info('en-GB', 'Gale'))).map((s) => s.title)).toEqual(['Gale']);
    expect(signalsOf(alertWith(info('de', 'Sturm') + info('fr', 'Tempête'))).map((s) => [s.title, s.language])).toEqual(
      [['Sturm', 'und']],
    );
  });

  it('suffixes the GUID with the language when several blocks yield signals, and keeps ids distinct', () => {
    const signals = signalsOf(
      alertWith(info('zh-CN', '大风蓝色预警') + info('zh-CN', '沙尘暴蓝色预警') + info('en', 'Gale')),
    );
    expect(signals.map((s) => s.guid)).toEqual(['id-1#zh-CN', 'id-1#zh-CN-2']);
    expect(new Set(signals.map((s) => s.id)).size).toBe(2);
  });

  it('keeps a Test alert marked in its facts', () => {
    const [signal] = signalsOf(alertWith(info('en', 'Test of the system'), 'Test'));
    expect(signal?.facts?.warning?.status).toBe('Test');
  });

  it('yields one signal for a Cancel without info blocks, so its reference is not lost', () => {
    const payload = new TextDecoder().decode(readFixture('cap/cancel-unknown.xml'));
    const [signal, ...rest] = signalsOf(payload);
    expect(rest).toEqual([]);
    expect(signal?.title).toBe('锡林郭勒盟气象台解除寒潮蓝色预警信号');
    expect(signal?.facts?.warning).toEqual({
      identifier: '15250041600000_20250302090000',
      sender: '15250041600000',
      sent: '2025-03-02T09:00:00+08:00',
      status: 'Actual',
      msgType: 'Cancel',
      references: ['15250041600000,15250041600000_20250301080000,2025-03-01T08:00:00+08:00'],
      event: '',
      severity: 'Unknown',
      areas: [],
    });
  });

  it('turns escaped HTML in the description into plain text', () => {
    const [signal] = signalsOf(
      alertWith(
        '<info><language>en</language><event>Wind</event><severity>Minor</severity><description>Strong wind.&lt;br/&gt;Stay indoors &amp;amp; safe.</description></info>',
      ),
    );
    expect(signal?.text).toBe('Strong wind. Stay indoors & safe.');
  });

  it('links to the document when the info has no web address', () => {
    const [signal] = signalsOf(alertWith(info('en', 'Gale')));
    expect(signal?.url).toBe('https://example.org/cap/a.xml');
  });
});
