import { EmwatchError } from '../../errors.js';
import type { Signal } from '../../model/signal.js';

/** The instant a signal is ordered by: its publication time, else when it was collected (ms since epoch). */
export function signalTime(signal: Pick<Signal, 'publishedAt' | 'collectedAt'>): number {
  return Date.parse(signal.publishedAt ?? signal.collectedAt);
}

/** An opaque page cursor: the last row's time and id, so every store pages the same way. */
export function encodePageCursor(time: number, id: string): string {
  return btoa(encodeURIComponent(JSON.stringify([time, id])));
}

/** Reads a page cursor; a tampered or foreign one is a clear error, not a silently empty page. */
export function decodePageCursor(cursor: string): { time: number; id: string } {
  try {
    const value: unknown = JSON.parse(decodeURIComponent(atob(cursor)));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { time: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new EmwatchError(
    'EMW_STORE_CURSOR',
    `[emwatch] [store] page cursor ${JSON.stringify(cursor.slice(0, 40))} is not one this store issued`,
  );
}

/**
 * One page of records ordered newest first by `timeOf`, ties by id descending, after an optional
 * cursor: the paging every store implements, so pages never skip or repeat while rows arrive.
 */
export function paginate<T extends { readonly id: string }>(
  records: Iterable<T>,
  timeOf: (record: T) => number,
  query: { readonly limit?: number; readonly after?: string },
): { items: T[]; next?: string } {
  const limit = pageLimit(query.limit);
  const after = query.after === undefined ? undefined : decodePageCursor(query.after);
  const matches = [...records]
    .filter((r) => {
      if (!after) return true;
      const t = timeOf(r);
      return t < after.time || (t === after.time && r.id < after.id);
    })
    .sort((a, b) => timeOf(b) - timeOf(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const items = matches.slice(0, limit);
  const last = items.at(-1);
  return matches.length > limit && last ? { items, next: encodePageCursor(timeOf(last), last.id) } : { items };
}

/** A page size within 1..1,000; 100 when not given. */
export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(limit ?? 100)), 1000);
}
