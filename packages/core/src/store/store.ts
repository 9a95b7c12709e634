import type { CollectorIssue, SourceCursor } from '../collect/collector.js';
import type { CollectorIssueCode } from '../collect/issue-codes.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RawItem } from '../model/raw-item.js';
import type { Signal, SourceKind } from '../model/signal.js';

/** How a source has been doing, for the health page and for backoff. */
export interface SourceHealth {
  readonly sourceId: string;
  readonly url?: string;
  /** Last run that completed without a fatal issue. */
  readonly lastSuccessAt?: IsoDateTime;
  /** Last run that ended in a fatal issue. */
  readonly lastErrorAt?: IsoDateTime;
  readonly lastError?: { readonly code: CollectorIssueCode; readonly reason: string };
  /** Fatal failures in a row (0 after a success). */
  readonly consecutiveFailures: number;
  /** New signals per day (`YYYY-MM-DD` in the monitor's zone → count), the last 30 days. */
  readonly itemsPerDay: Readonly<Record<string, number>>;
  /** When the scheduler will next run the source. */
  readonly nextRunAt?: IsoDateTime;
}

/** A kept issue with the input that caused it. */
export interface QuarantineEntry {
  /** Store-assigned id. */
  readonly id: string;
  readonly issue: CollectorIssue;
}

/** Filters for {@link Store.listSignals}; all optional, combined with AND. */
export interface SignalQuery {
  readonly sourceId?: string;
  readonly sourceKind?: SourceKind;
  /** Inclusive lower bound on `publishedAt` (else `collectedAt` when there is no publication time). */
  readonly since?: IsoDateTime;
  /** Exclusive upper bound, same field. */
  readonly until?: IsoDateTime;
  /** Page size; 100 by default, at most 1,000. */
  readonly limit?: number;
  /** Opaque cursor from a previous page's `next`. */
  readonly after?: string;
}

/** One page of results, newest first. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `after` to get the next page; absent on the last page. */
  readonly next?: string;
}

/**
 * Where the monitor keeps what it collected: raw items, signals, cursors, quarantine and source
 * health. The memory store ships in core; SQLite and PostgreSQL stores in `@emwatch/server`.
 * Every implementation passes the same conformance suite. Writes are idempotent: storing an
 * item or signal a second time changes nothing, so a re-run after a crash never duplicates.
 */
export interface Store {
  /** Keeps a raw item; resolves to false when an item with this id was already kept. */
  putRawItem(item: RawItem): Promise<boolean>;
  getRawItem(id: string): Promise<RawItem | undefined>;
  /** Keeps signals; resolves to the ids that were new (in input order). */
  putSignals(signals: readonly Signal[]): Promise<readonly string[]>;
  getSignal(id: string): Promise<Signal | undefined>;
  listSignals(query?: SignalQuery): Promise<Page<Signal>>;
  getCursor(sourceId: string): Promise<SourceCursor | undefined>;
  setCursor(sourceId: string, cursor: SourceCursor): Promise<void>;
  /** Keeps an issue (with its quarantined payload, if any); resolves to the entry's id. */
  putQuarantine(issue: CollectorIssue): Promise<string>;
  listQuarantine(query?: { readonly sourceId?: string; readonly limit?: number }): Promise<readonly QuarantineEntry[]>;
  /** Removes an entry once an operator has dealt with it; resolves to false if it was not there. */
  deleteQuarantine(id: string): Promise<boolean>;
  getHealth(sourceId: string): Promise<SourceHealth | undefined>;
  setHealth(health: SourceHealth): Promise<void>;
  listHealth(): Promise<readonly SourceHealth[]>;
  /** Releases connections and file handles. */
  close(): Promise<void>;
}
