import type { CollectorIssue, SourceCursor } from '../collect/collector.js';
import { EmwatchError } from '../errors.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal } from '../model/signal.js';
import { decodePageCursor, encodePageCursor, signalTime } from './_internal/page-cursor.js';
import type { Page, QuarantineEntry, SignalQuery, SourceHealth, Store } from './store.js';

/** Options of {@link createMemoryStore}. */
export interface CreateMemoryStoreOptions {
  /** Quarantine entries kept; the oldest are dropped past it (a memory store must stay bounded). 10,000 by default. */
  readonly maxQuarantine?: number;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Newest first by time, then by id, so pages are stable while new rows arrive. */
function compareSignals(a: Signal, b: Signal): number {
  const ta = signalTime(a);
  const tb = signalTime(b);
  if (ta !== tb) return ta < tb ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

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
      const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
      const after = query.after === undefined ? undefined : decodePageCursor(query.after);
      const since = query.since === undefined ? undefined : Date.parse(query.since);
      const until = query.until === undefined ? undefined : Date.parse(query.until);
      const matches = [...signals.values()]
        .filter((s) => {
          if (query.sourceId !== undefined && s.sourceId !== query.sourceId) return false;
          if (query.sourceKind !== undefined && s.sourceKind !== query.sourceKind) return false;
          const t = signalTime(s);
          if (since !== undefined && t < since) return false;
          if (until !== undefined && t >= until) return false;
          if (after && (t > after.time || (t === after.time && s.id >= after.id))) return false;
          return true;
        })
        .sort(compareSignals);
      const items = matches.slice(0, limit).map(keep);
      const last = items.at(-1);
      return matches.length > limit && last ? { items, next: encodePageCursor(signalTime(last), last.id) } : { items };
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
      const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
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
    async close() {
      closed = true;
    },
  };
}
