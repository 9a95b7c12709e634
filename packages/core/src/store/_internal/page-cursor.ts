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
