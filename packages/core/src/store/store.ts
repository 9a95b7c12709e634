import type { CollectorIssue, SourceCursor } from '../collect/collector.js';
import type { CollectorIssueCode } from '../collect/issue-codes.js';
import type { Alert, AlertStatus } from '../model/alert.js';
import type { Event } from '../model/event.js';
import type { Incident, IncidentState } from '../model/incident.js';
import type { IsoDateTime } from '../model/iso-date-time.js';
import type { RiskScore } from '../model/risk-score.js';
import type { TypeId } from '../model/taxonomy.js';
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

/** Filters for {@link Store.listEvents}; all optional, combined with AND. Newest `lastUpdate` first. */
export interface EventQuery {
  readonly type?: TypeId;
  /** Events with at least one place equal to this unit code (descendants are the caller's to expand). */
  readonly place?: string;
  /** Inclusive lower bound on `lastUpdate`. */
  readonly since?: IsoDateTime;
  /** Exclusive upper bound on `firstSeen`. */
  readonly until?: IsoDateTime;
  readonly limit?: number;
  readonly after?: string;
}

/** Filters for {@link Store.listAlerts}; newest `createdAt` first. */
export interface AlertQuery {
  readonly status?: AlertStatus;
  readonly eventId?: string;
  readonly since?: IsoDateTime;
  readonly limit?: number;
  readonly after?: string;
}

/** Filters for {@link Store.listIncidents}; most recently updated first. */
export interface IncidentQuery {
  readonly state?: IncidentState;
  readonly eventId?: string;
  readonly limit?: number;
  readonly after?: string;
}

/** One page of results, newest first. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `after` to get the next page; absent on the last page. */
  readonly next?: string;
}

/**
 * Where the monitor keeps what it collected and decided: raw items, signals, cursors, quarantine,
 * source health, events, scores, alerts, incidents and stage state. The memory store ships in core; SQLite and PostgreSQL stores in `@emwatch/server`.
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
  /** Keeps an event, replacing the stored one with the same id (events change as signals arrive). */
  putEvent(event: Event): Promise<void>;
  getEvent(id: string): Promise<Event | undefined>;
  listEvents(query?: EventQuery): Promise<Page<Event>>;
  /** Removes an event (merged into another); resolves to false if it was not there. */
  deleteEvent(id: string): Promise<boolean>;
  /** Keeps an event's latest score, replacing the previous one. */
  putScore(score: RiskScore): Promise<void>;
  getScore(eventId: string): Promise<RiskScore | undefined>;
  /** Keeps an alert, replacing the stored one with the same id (acknowledgements, deliveries). */
  putAlert(alert: Alert): Promise<void>;
  getAlert(id: string): Promise<Alert | undefined>;
  listAlerts(query?: AlertQuery): Promise<Page<Alert>>;
  /** Keeps an incident, replacing the stored one with the same id (its audit log only grows). */
  putIncident(incident: Incident): Promise<void>;
  getIncident(id: string): Promise<Incident | undefined>;
  listIncidents(query?: IncidentQuery): Promise<Page<Incident>>;
  /** A small named JSON slot for stage state that must survive restarts (burst baselines, clusterer). */
  getState(key: string): Promise<unknown>;
  setState(key: string, value: unknown): Promise<void>;
  /** Releases connections and file handles. */
  close(): Promise<void>;
}
