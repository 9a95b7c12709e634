import type { CollectorIssue, SourceCursor } from '../collect/collector.js';
import { EmwatchError } from '../errors.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal } from '../model/signal.js';
import type { Alert } from '../model/alert.js';
import type { Event } from '../model/event.js';
import type { Incident } from '../model/incident.js';
import type { RiskScore } from '../model/risk-score.js';
import { pageLimit, paginate, signalTime } from './_internal/page-cursor.js';
import type { Page, QuarantineEntry, SignalQuery, SourceHealth, Store } from './store.js';

/** Options of {@link createMemoryStore}. */
export interface CreateMemoryStoreOptions {
  /** Quarantine entries kept; the oldest are dropped past it (a memory store must stay bounded). 10,000 by default. */
  readonly maxQuarantine?: number;
}

const time = (iso: string): number => Date.parse(iso);

/**
 * A {@link Store} held in memory: for tests, browsers and short demos. Everything is lost when
 * the process ends; use the SQLite store of `@emwatch/server` to keep data.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.putSignals([signal]); // ['sig:…']
 * (await store.listSignals({ sourceId: 'nmc' })).items.length; // 1
 * ```
 */
export function createMemoryStore(options: CreateMemoryStoreOptions = {}): Store {
  const maxQuarantine = options.maxQuarantine ?? 10_000;
  if (!Number.isInteger(maxQuarantine) || maxQuarantine < 1) {
    throw new EmwatchError(
      'EMW_STORE_OPTIONS',
      `[emwatch] [memory-store] maxQuarantine must be a positive integer, got ${String(maxQuarantine)}`,
    );
  }
  const rawItems = new Map<string, RawItem>();
  const signals = new Map<string, Signal>();
  const cursors = new Map<string, SourceCursor>();
  const quarantine = new Map<string, CollectorIssue>();
  const health = new Map<string, SourceHealth>();
  const events = new Map<string, Event>();
  const scores = new Map<string, RiskScore>();
  const alerts = new Map<string, Alert>();
  const incidents = new Map<string, Incident>();
  const state = new Map<string, unknown>();
  let quarantineSeq = 0;
  let closed = false;
  const open = (): void => {
    if (closed) throw new EmwatchError('EMW_STORE_CLOSED', '[emwatch] [memory-store] the store is closed');
  };
  // Records are frozen copies: a caller mutating what it passed or got back cannot change the store.
  const keep = <T>(value: T): T => structuredClone(value);

  return {
    async putRawItem(item) {
      open();
      if (rawItems.has(item.id)) return false;
      rawItems.set(item.id, keep(item));
      return true;
    },
    async getRawItem(id) {
      open();
      const item = rawItems.get(id);
      return item && keep(item);
    },
    async putSignals(list) {
      open();
      const added: string[] = [];
      for (const signal of list) {
        if (signals.has(signal.id)) continue;
        signals.set(signal.id, keep(signal));
        added.push(signal.id);
      }
      return added;
    },
    async getSignal(id) {
      open();
      const signal = signals.get(id);
      return signal && keep(signal);
    },
    async listSignals(query: SignalQuery = {}): Promise<Page<Signal>> {
      open();
      const since = query.since === undefined ? undefined : Date.parse(query.since);
      const until = query.until === undefined ? undefined : Date.parse(query.until);
      const matches = [...signals.values()].filter((s) => {
        if (query.sourceId !== undefined && s.sourceId !== query.sourceId) return false;
        if (query.sourceKind !== undefined && s.sourceKind !== query.sourceKind) return false;
        const t = signalTime(s);
        return (since === undefined || t >= since) && (until === undefined || t < until);
      });
      const page = paginate(matches, signalTime, query);
      return { ...page, items: page.items.map(keep) };
    },
    async getCursor(sourceId) {
      open();
      const cursor = cursors.get(sourceId);
      return cursor && keep(cursor);
    },
    async setCursor(sourceId, cursor) {
      open();
      cursors.set(sourceId, keep(cursor));
    },
    async putQuarantine(issue) {
      open();
      const id = `q${(++quarantineSeq).toString().padStart(8, '0')}`;
      quarantine.set(id, keep(issue));
      if (quarantine.size > maxQuarantine) quarantine.delete(quarantine.keys().next().value as string);
      return id;
    },
    async listQuarantine(query = {}): Promise<readonly QuarantineEntry[]> {
      open();
      const limit = pageLimit(query.limit);
      const out: QuarantineEntry[] = [];
      // Newest first: the latest problems are what an operator looks at.
      for (const [id, issue] of [...quarantine].reverse()) {
        if (query.sourceId !== undefined && issue.sourceId !== query.sourceId) continue;
        out.push({ id, issue: keep(issue) });
        if (out.length === limit) break;
      }
      return out;
    },
    async deleteQuarantine(id) {
      open();
      return quarantine.delete(id);
    },
    async getHealth(sourceId) {
      open();
      const entry = health.get(sourceId);
      return entry && keep(entry);
    },
    async setHealth(entry) {
      open();
      health.set(entry.sourceId, keep(entry));
    },
    async listHealth() {
      open();
      return [...health.values()].sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1)).map(keep);
    },
    async putEvent(event) {
      open();
      events.set(event.id, keep(event));
    },
    async getEvent(id) {
      open();
      const event = events.get(id);
      return event && keep(event);
    },
    async listEvents(query = {}): Promise<Page<Event>> {
      open();
      const since = query.since === undefined ? undefined : time(query.since);
      const until = query.until === undefined ? undefined : time(query.until);
      const matches = [...events.values()].filter(
        (e) =>
          (query.type === undefined || e.type === query.type) &&
          (query.place === undefined || e.places.includes(query.place)) &&
          (since === undefined || time(e.lastUpdate) >= since) &&
          (until === undefined || time(e.firstSeen) < until),
      );
      const page = paginate(matches, (e) => time(e.lastUpdate), query);
      return { ...page, items: page.items.map(keep) };
    },
    async deleteEvent(id) {
      open();
      scores.delete(id);
      return events.delete(id);
    },
    async putScore(score) {
      open();
      scores.set(score.eventId, keep(score));
    },
    async getScore(eventId) {
      open();
      const score = scores.get(eventId);
      return score && keep(score);
    },
    async putAlert(alert) {
      open();
      alerts.set(alert.id, keep(alert));
    },
    async getAlert(id) {
      open();
      const alert = alerts.get(id);
      return alert && keep(alert);
    },
    async listAlerts(query = {}): Promise<Page<Alert>> {
      open();
      const since = query.since === undefined ? undefined : time(query.since);
      const matches = [...alerts.values()].filter(
        (a) =>
          (query.status === undefined || a.status === query.status) &&
          (query.eventId === undefined || a.eventId === query.eventId) &&
          (since === undefined || time(a.createdAt) >= since),
      );
      const page = paginate(matches, (a) => time(a.createdAt), query);
      return { ...page, items: page.items.map(keep) };
    },
    async putIncident(incident) {
      open();
      incidents.set(incident.id, keep(incident));
    },
    async getIncident(id) {
      open();
      const incident = incidents.get(id);
      return incident && keep(incident);
    },
    async listIncidents(query = {}): Promise<Page<Incident>> {
      open();
      const matches = [...incidents.values()].filter(
        (i) =>
          (query.state === undefined || i.state === query.state) &&
          (query.eventId === undefined || i.eventId === query.eventId),
      );
      const page = paginate(matches, (i) => time(i.updatedAt), query);
      return { ...page, items: page.items.map(keep) };
    },
    async getState(key) {
      open();
      return keep(state.get(key));
    },
    async setState(key, value) {
      open();
      // JSON round trip: what a persistent store keeps is JSON, so the memory store keeps no more.
      state.set(key, value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
    },
    async close() {
      closed = true;
    },
  };
}
