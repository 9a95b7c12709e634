import { afterEach, describe, expect, it } from 'vitest';
import type { CollectorIssue } from '../src/collect/collector.js';
import type { Alert } from '../src/model/alert.js';
import type { Event } from '../src/model/event.js';
import type { Incident } from '../src/model/incident.js';
import type { RiskScore } from '../src/model/risk-score.js';
import type { RawItem } from '../src/model/raw-item.js';
import type { Signal } from '../src/model/signal.js';
import type { SourceHealth, Store } from '../src/store/store.js';

/** How the suite gets a store: a fresh empty one, and optionally the same data opened again. */
export interface StoreHarness {
  readonly store: Store;
  /** Closes `store` and opens a new instance over the same data (persistent stores only). */
  readonly reopen?: () => Promise<Store>;
  /** Removes whatever the harness created (files, schemas). */
  readonly cleanup?: () => Promise<void>;
}

const raw = (n: number): RawItem => ({
  id: `nmc:${n.toString(16).padStart(64, '0')}`,
  sourceId: 'nmc',
  fetchedAt: '2025-04-13T06:00:00+08:00',
  payload: `<rss><channel><item><title>第${n}条</title></item></channel></rss>`,
  contentType: 'application/rss+xml',
  encoding: 'utf-8',
  provenance: { url: 'https://example.org/rss.xml', contentHash: n.toString(16).padStart(64, '0'), status: 200 },
});

const signal = (n: number, overrides: Partial<Signal> = {}): Signal => ({
  id: `sig:${n.toString().padStart(4, '0')}`,
  sourceId: 'nmc',
  sourceKind: 'official-warning',
  title: `锡林郭勒盟气象台发布暴雪预警 ${n}`,
  text: '预计未来24小时东乌珠穆沁旗有暴雪。',
  language: 'zh-Hans',
  // One hour apart, so order by time is known.
  publishedAt: new Date(Date.UTC(2025, 0, 1, n)).toISOString(),
  collectedAt: '2025-04-13T06:00:00+08:00',
  rawItemId: raw(1).id,
  ...overrides,
});

const issue = (sourceId: string, reason: string): CollectorIssue => ({
  kind: 'issue',
  code: 'EMW_PARSE_XML',
  sourceId,
  url: 'https://example.org/rss.xml',
  reason,
  at: '2025-04-13T06:00:00+08:00',
  fatal: true,
  quarantine: { payload: '<rss><channel><item>', payloadEncoding: 'text', bytes: 20, truncated: false },
});

const hour = (n: number): string => new Date(Date.UTC(2025, 0, 1, n)).toISOString();

const event = (n: number, overrides: Partial<Event> = {}): Event => ({
  id: `evt:${n}`,
  title: `西乌旗草原火灾 ${n}`,
  type: 'wildfire',
  category: 'natural',
  stage: 'response',
  firstSeen: hour(n),
  lastUpdate: hour(n + 1),
  signalIds: [signal(n).id],
  signalCount: 1,
  repostCount: 3,
  sourcesByKind: { 'official-news': 1 },
  places: ['152526', '152500'],
  casualties: { deaths: null, injured: 2, missing: null, trapped: null },
  magnitude: null,
  warningColor: null,
  timeline: [{ at: hour(n), stage: 'occurring', signalId: signal(n).id }],
  history: [],
  ...overrides,
});

const score = (eventId: string, value: number): RiskScore => ({
  eventId,
  score: value,
  level: value >= 60 ? 'II' : 'III',
  color: value >= 60 ? 'orange' : 'yellow',
  factors: [{ id: 'hazard', label: '灾种基础', value: 1, weight: value, contribution: value, evidence: [] }],
  computedAt: hour(3),
  preset: 'default',
});

const alert = (n: number, overrides: Partial<Alert> = {}): Alert => ({
  id: `alr:${n}`,
  eventId: `evt:${n}`,
  ruleId: 'wildfire',
  level: 'III',
  color: 'yellow',
  score: 45,
  title: `【黄色】西乌旗草原火灾 ${n}`,
  createdAt: hour(n),
  status: 'open',
  escalations: 0,
  deliveries: [{ channelId: 'console', at: hour(n), status: 'sent', attempt: 1 }],
  ...overrides,
});

const incident = (n: number, overrides: Partial<Incident> = {}): Incident => ({
  id: `inc:${n}`,
  eventId: `evt:${n}`,
  title: `西乌旗草原火灾 ${n}`,
  state: 'reported',
  createdAt: hour(n),
  updatedAt: hour(n),
  notes: [],
  audit: [{ at: hour(n), actor: 'duty-officer-1', action: 'create' }],
  ...overrides,
});

/**
 * The behaviour every {@link Store} must have, run against each implementation (memory here,
 * SQLite and PostgreSQL in `@emwatch/server`).
 */
export function describeStoreConformance(name: string, open: () => Promise<StoreHarness>): void {
  describe(`${name} store conformance`, () => {
    let harness: StoreHarness | undefined;
    const start = async (): Promise<Store> => {
      harness = await open();
      return harness.store;
    };
    afterEach(async () => {
      await harness?.store.close().catch(() => undefined);
      await harness?.cleanup?.();
      harness = undefined;
    });

    it('keeps a raw item once and returns it unchanged', async () => {
      const store = await start();
      expect(await store.putRawItem(raw(1))).toBe(true);
      expect(await store.putRawItem(raw(1))).toBe(false);
      expect(await store.getRawItem(raw(1).id)).toEqual(raw(1));
      expect(await store.getRawItem('nmc:missing')).toBeUndefined();
    });

    it('reports only the signals that were new', async () => {
      const store = await start();
      expect(await store.putSignals([signal(1), signal(2)])).toEqual([signal(1).id, signal(2).id]);
      expect(await store.putSignals([signal(2), signal(3)])).toEqual([signal(3).id]);
      expect(await store.getSignal(signal(3).id)).toEqual(signal(3));
    });

    it('round-trips every optional signal field, facts included', async () => {
      const store = await start();
      const full = signal(4, {
        url: 'https://example.org/a.html',
        author: '锡林郭勒盟气象台',
        outlet: '中国气象局',
        guid: 'urn:oid:2.49.0.1.156.0.2025.4.13.6',
        geometry: { type: 'Point', coordinates: [116.97, 45.51] },
        facts: {
          hintedType: 'snow-disaster',
          regionCodes: ['152525', '152500'],
          warning: {
            identifier: 'a1',
            sender: 'cma',
            sent: '2025-04-13T06:00:00+08:00',
            status: 'Actual',
            msgType: 'Alert',
            references: [],
            event: '暴雪橙色预警',
            severity: 'Severe',
            color: 'orange',
            areas: [
              {
                description: '东乌珠穆沁旗',
                polygons: [],
                circles: [],
                geocodes: [{ name: 'GB/T 2260', value: '152525' }],
              },
            ],
          },
        },
      });
      await store.putSignals([full]);
      expect(await store.getSignal(full.id)).toEqual(full);
    });

    it('does not let a caller change a stored signal through its own object', async () => {
      const store = await start();
      const mutable = { ...signal(1) } as { -readonly [K in keyof Signal]: Signal[K] };
      await store.putSignals([mutable]);
      mutable.text = 'changed';
      expect((await store.getSignal(mutable.id))?.text).toBe(signal(1).text);
    });

    it('lists signals newest first and pages through them without gaps or repeats', async () => {
      const store = await start();
      await store.putSignals([1, 2, 3, 4, 5].map((n) => signal(n)));
      const first = await store.listSignals({ limit: 2 });
      expect(first.items.map((s) => s.id)).toEqual([signal(5).id, signal(4).id]);
      const second = await store.listSignals({ limit: 2, after: first.next });
      const third = await store.listSignals({ limit: 2, after: second.next });
      expect([...second.items, ...third.items].map((s) => s.id)).toEqual([signal(3).id, signal(2).id, signal(1).id]);
      expect(third.next).toBeUndefined();
    });

    it('filters signals by source, kind and time range', async () => {
      const store = await start();
      await store.putSignals([
        signal(1),
        signal(2, { sourceId: 'weibo', sourceKind: 'social' }),
        signal(3),
        signal(4, { publishedAt: null, collectedAt: new Date(Date.UTC(2025, 0, 1, 4)).toISOString() }),
      ]);
      expect((await store.listSignals({ sourceId: 'weibo' })).items.map((s) => s.id)).toEqual([signal(2).id]);
      expect((await store.listSignals({ sourceKind: 'official-warning' })).items).toHaveLength(3);
      const window = await store.listSignals({
        since: new Date(Date.UTC(2025, 0, 1, 2)).toISOString(),
        until: new Date(Date.UTC(2025, 0, 1, 4)).toISOString(),
      });
      expect(window.items.map((s) => s.id)).toEqual([signal(3).id, signal(2).id]);
      // Without a publication time the collection time orders and filters.
      expect(
        (await store.listSignals({ since: new Date(Date.UTC(2025, 0, 1, 4)).toISOString() })).items.map((s) => s.id),
      ).toEqual([signal(4).id]);
    });

    it('refuses a page cursor it did not issue with a clear error', async () => {
      const store = await start();
      await expect(store.listSignals({ after: 'not-a-cursor' })).rejects.toThrow(/page cursor/u);
    });

    it('keeps one cursor per source and replaces it on write', async () => {
      const store = await start();
      expect(await store.getCursor('nmc')).toBeUndefined();
      await store.setCursor('nmc', { etag: '"a"', updatedAt: '2025-04-13T06:00:00+08:00' });
      await store.setCursor('nmc', {
        lastModified: 'Sun, 13 Apr 2025 06:00:00 GMT',
        updatedAt: '2025-04-13T06:05:00+08:00',
      });
      expect(await store.getCursor('nmc')).toEqual({
        lastModified: 'Sun, 13 Apr 2025 06:00:00 GMT',
        updatedAt: '2025-04-13T06:05:00+08:00',
      });
      expect(await store.getCursor('other')).toBeUndefined();
    });

    it('keeps quarantined issues with their payload, newest first, until deleted', async () => {
      const store = await start();
      const a = await store.putQuarantine(issue('nmc', 'first'));
      const b = await store.putQuarantine(issue('weibo', 'second'));
      expect(a).not.toBe(b);
      expect((await store.listQuarantine()).map((e) => e.issue.reason)).toEqual(['second', 'first']);
      expect(await store.listQuarantine({ sourceId: 'nmc' })).toEqual([{ id: a, issue: issue('nmc', 'first') }]);
      expect(await store.deleteQuarantine(a)).toBe(true);
      expect(await store.deleteQuarantine(a)).toBe(false);
      expect((await store.listQuarantine()).map((e) => e.id)).toEqual([b]);
    });

    it('keeps source health per source', async () => {
      const store = await start();
      const health: SourceHealth = {
        sourceId: 'nmc',
        url: 'https://example.org/rss.xml',
        lastErrorAt: '2025-04-13T06:00:00+08:00',
        lastError: { code: 'EMW_FETCH_TIMEOUT', reason: 'no response within 10000 ms' },
        consecutiveFailures: 2,
        itemsPerDay: { '2025-04-12': 14, '2025-04-13': 3 },
      };
      await store.setHealth(health);
      await store.setHealth({ sourceId: 'cenc', consecutiveFailures: 0, itemsPerDay: {} });
      expect(await store.getHealth('nmc')).toEqual(health);
      expect((await store.listHealth()).map((h) => h.sourceId)).toEqual(['cenc', 'nmc']);
    });

    it('replaces an event on write, filters by type, place and time, and deletes it with its score', async () => {
      const store = await start();
      await store.putEvent(event(1));
      await store.putEvent(event(2, { type: 'flood', places: ['150783'] }));
      await store.putEvent(event(1, { signalCount: 5 }));
      expect((await store.getEvent('evt:1'))?.signalCount).toBe(5);
      expect((await store.listEvents()).items.map((e) => e.id)).toEqual(['evt:2', 'evt:1']);
      expect((await store.listEvents({ type: 'flood' })).items.map((e) => e.id)).toEqual(['evt:2']);
      expect((await store.listEvents({ place: '152500' })).items.map((e) => e.id)).toEqual(['evt:1']);
      expect((await store.listEvents({ since: hour(3) })).items.map((e) => e.id)).toEqual(['evt:2']);
      await store.putScore(score('evt:1', 40));
      await store.putScore(score('evt:1', 65));
      expect(await store.getScore('evt:1')).toEqual(score('evt:1', 65));
      expect(await store.deleteEvent('evt:1')).toBe(true);
      expect(await store.getEvent('evt:1')).toBeUndefined();
      expect(await store.getScore('evt:1')).toBeUndefined();
      expect(await store.deleteEvent('evt:1')).toBe(false);
    });

    it('pages events newest first without gaps or repeats', async () => {
      const store = await start();
      for (const n of [1, 2, 3, 4, 5]) await store.putEvent(event(n));
      const first = await store.listEvents({ limit: 2 });
      const rest = await store.listEvents({ limit: 10, after: first.next });
      expect([...first.items, ...rest.items].map((e) => e.id)).toEqual(['evt:5', 'evt:4', 'evt:3', 'evt:2', 'evt:1']);
    });

    it('keeps alerts with their deliveries and filters them by status and event', async () => {
      const store = await start();
      await store.putAlert(alert(1));
      await store.putAlert(alert(2));
      await store.putAlert(alert(1, { status: 'acknowledged', acknowledgedBy: '值班员张三', acknowledgedAt: hour(2) }));
      expect(await store.getAlert('alr:1')).toEqual(
        alert(1, { status: 'acknowledged', acknowledgedBy: '值班员张三', acknowledgedAt: hour(2) }),
      );
      expect((await store.listAlerts({ status: 'open' })).items.map((a) => a.id)).toEqual(['alr:2']);
      expect((await store.listAlerts({ eventId: 'evt:1' })).items.map((a) => a.id)).toEqual(['alr:1']);
      expect((await store.listAlerts()).items.map((a) => a.id)).toEqual(['alr:2', 'alr:1']);
    });

    it('keeps incidents with their audit log, most recently updated first', async () => {
      const store = await start();
      await store.putIncident(incident(1));
      await store.putIncident(incident(2));
      const moved = incident(1, {
        state: 'verifying',
        updatedAt: hour(5),
        audit: [
          ...incident(1).audit,
          { at: hour(5), actor: 'duty-officer-1', action: 'transition', from: 'reported', to: 'verifying' },
        ],
      });
      await store.putIncident(moved);
      expect(await store.getIncident('inc:1')).toEqual(moved);
      expect((await store.listIncidents()).items.map((i) => i.id)).toEqual(['inc:1', 'inc:2']);
      expect((await store.listIncidents({ state: 'reported' })).items.map((i) => i.id)).toEqual(['inc:2']);
    });

    it('keeps named JSON state and forgets nothing else', async () => {
      const store = await start();
      expect(await store.getState('burst')).toBeUndefined();
      await store.setState('burst', { keys: { '152525|snow-disaster': [1, 2, 3] }, at: hour(1) });
      expect(await store.getState('burst')).toEqual({ keys: { '152525|snow-disaster': [1, 2, 3] }, at: hour(1) });
    });

    it('refuses to work after close', async () => {
      const store = await start();
      await store.close();
      await expect(store.putSignals([signal(1)])).rejects.toThrow(/closed/u);
    });

    it('still has everything after being opened again, when it persists', async (context) => {
      const store = await start();
      if (!harness?.reopen) return context.skip();
      await store.putRawItem(raw(1));
      await store.putSignals([signal(1)]);
      await store.setCursor('nmc', { etag: '"a"', updatedAt: '2025-04-13T06:00:00+08:00' });
      await store.putQuarantine(issue('nmc', 'kept'));
      await store.putEvent(event(1));
      await store.putAlert(alert(1));
      await store.putIncident(incident(1));
      await store.setState('burst', { n: 1 });
      const again = await harness.reopen();
      harness = { ...harness, store: again };
      expect(await again.getRawItem(raw(1).id)).toEqual(raw(1));
      expect(await again.putSignals([signal(1)])).toEqual([]);
      expect((await again.getCursor('nmc'))?.etag).toBe('"a"');
      expect((await again.listQuarantine()).map((e) => e.issue.reason)).toEqual(['kept']);
      expect(await again.getEvent('evt:1')).toEqual(event(1));
      expect(await again.getAlert('alr:1')).toEqual(alert(1));
      expect(await again.getIncident('inc:1')).toEqual(incident(1));
      expect(await again.getState('burst')).toEqual({ n: 1 });
    });
  });
}
