import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/golden.js';
import { sha256Hex } from '../_internal/sha256.js';
import type { Signal } from '../model/signal.js';
import { capToSignals } from '../parse/cap-to-signals.js';
import { parseCap } from '../parse/parse-cap.js';
import { createCapAlertBook } from './cap-references.js';

function signalOf(name: string): Signal {
  const payload = new TextDecoder().decode(readFixture(`cap/${name}`));
  const contentHash = sha256Hex(payload);
  const raw = {
    id: `cap:${contentHash}`,
    sourceId: 'nmg-cap',
    fetchedAt: '2025-04-13T06:05:00+08:00',
    payload,
    provenance: { url: `https://example.org/cap/${name}`, contentHash, status: 200 },
  };
  const [signal] = capToSignals(parseCap(payload).alert, raw, 'official-warning');
  if (!signal) throw new Error(`${name} yields no signal`);
  return signal;
}

const clock = (iso: string) => () => new Date(iso);

describe('createCapAlertBook', () => {
  it('makes a new alert active', () => {
    const book = createCapAlertBook({ now: clock('2025-04-11T09:00:00+08:00') });
    const orange = signalOf('cma-xlgl-blizzard-orange.xml');
    expect(book.apply(orange)).toEqual({ outcome: 'added', replaced: [], issues: [] });
    expect(book.active()).toEqual([orange]);
  });

  it('replaces the referenced alert with its Update', () => {
    const book = createCapAlertBook({ now: clock('2025-04-11T15:00:00+08:00') });
    const orange = signalOf('cma-xlgl-blizzard-orange.xml');
    const red = signalOf('cma-xlgl-blizzard-update.xml');
    book.apply(orange);
    expect(book.apply(red)).toEqual({ outcome: 'added', replaced: [orange], issues: [] });
    expect(book.active().map((s) => s.guid)).toEqual(['15250041600000_20250411140000']);
  });

  it('removes the referenced alert on Cancel, matching a reference whose sent has a space', () => {
    const book = createCapAlertBook({ now: clock('2025-04-13T21:00:00+08:00') });
    const gale = signalOf('national-kerqin-gale.xml');
    book.apply(gale);
    expect(book.apply(signalOf('national-kerqin-gale-cancel.xml'))).toEqual({
      outcome: 'cancelled',
      replaced: [gale],
      issues: [],
    });
    expect(book.active()).toEqual([]);
  });

  it('reports a Cancel for an alert never seen, and keeps it', () => {
    const book = createCapAlertBook({ now: clock('2025-03-02T09:05:00+08:00') });
    const result = book.apply(signalOf('cancel-unknown.xml'));
    expect(result.outcome).toBe('cancelled');
    expect(result.issues).toEqual([
      {
        kind: 'issue',
        code: 'EMW_CAP_UNKNOWN_REFERENCE',
        sourceId: 'nmg-cap',
        url: 'https://example.org/cap/cancel-unknown.xml',
        reason:
          'Cancel 15250041600000_20250302090000 refers to alert 15250041600000_20250301080000 of 15250041600000, never seen; applied all the same',
        at: '2025-03-02T01:05:00.000Z',
      },
    ]);
  });

  it('keeps an alert cancelled before it arrived inactive', () => {
    const book = createCapAlertBook({ now: clock('2025-04-13T21:00:00+08:00') });
    expect(book.apply(signalOf('national-kerqin-gale-cancel.xml')).issues).toHaveLength(1);
    expect(book.apply(signalOf('national-kerqin-gale.xml')).outcome).toBe('superseded');
    expect(book.active()).toEqual([]);
  });

  it('adds an Update of an unknown alert, with an issue', () => {
    const book = createCapAlertBook({ now: clock('2025-04-11T15:00:00+08:00') });
    const result = book.apply(signalOf('cma-xlgl-blizzard-update.xml'));
    expect(result.outcome).toBe('added');
    expect(result.issues.map((issue) => issue.code)).toEqual(['EMW_CAP_UNKNOWN_REFERENCE']);
    expect(book.active()).toHaveLength(1);
  });

  it('drops an alert from the active set once it expires', () => {
    let now = new Date('2025-04-11T09:00:00+08:00');
    const book = createCapAlertBook({ now: () => now });
    book.apply(signalOf('cma-xlgl-blizzard-orange.xml'));
    now = new Date('2025-04-12T08:00:01+08:00');
    expect(book.active()).toEqual([]);
  });

  it('does not activate an alert that has already expired', () => {
    const book = createCapAlertBook({ now: clock('2025-05-01T00:00:00+08:00') });
    expect(book.apply(signalOf('cma-xlgl-blizzard-orange.xml')).outcome).toBe('expired');
  });

  it('never makes a Test alert active', () => {
    const book = createCapAlertBook({ now: clock('2025-04-15T10:05:00+08:00') });
    expect(book.apply(signalOf('test-status.xml')).outcome).toBe('ignored');
    expect(book.active()).toEqual([]);
  });

  it('changes nothing when the same signals are applied twice', () => {
    const book = createCapAlertBook({ now: clock('2025-04-11T15:00:00+08:00') });
    const orange = signalOf('cma-xlgl-blizzard-orange.xml');
    const red = signalOf('cma-xlgl-blizzard-update.xml');
    for (const signal of [orange, red, orange, red]) book.apply(signal);
    expect(book.active()).toEqual([red]);
  });

  it('ignores an alert that references itself instead of cancelling it', () => {
    const book = createCapAlertBook({ now: clock('2025-04-13T06:10:00+08:00') });
    const payload = `<alert><identifier>SMG-1</identifier><sender>smg</sender><sent>2025-04-13T05:52:12+08:00</sent><status>Actual</status><msgType>Update</msgType><references>smg,SMG-1,2025-04-13T05:52:12+08:00</references><info><language>en</language><event>Monsoon</event><severity>Moderate</severity></info></alert>`;
    const contentHash = sha256Hex(payload);
    const [signal] = capToSignals(
      parseCap(payload).alert,
      { id: 'x', sourceId: 'smg', fetchedAt: '2025-04-13T06:00:00+08:00', payload, provenance: { contentHash } },
      'official-warning',
    );
    expect(book.apply(signal!)).toEqual({ outcome: 'added', replaced: [], issues: [] });
  });

  it('keeps at most maxActive alerts, dropping the oldest', () => {
    const book = createCapAlertBook({ now: clock('2025-04-11T09:00:00+08:00'), maxActive: 1 });
    book.apply(signalOf('cma-xlgl-blizzard-orange.xml'));
    book.apply(signalOf('national-kerqin-gale.xml'));
    expect(book.active().map((s) => s.guid)).toEqual(['15050241600000_20250413060000']);
  });
});
