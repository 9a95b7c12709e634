import type { Event, EventEdit } from '../../model/event.js';

/**
 * The ids the store knows events by, over the ids the clusterer gives them. After a restart the
 * clusterer is rebuilt from stored signals; an event it rebuilds under another id (its first
 * signal is older than the rebuild window, or an analyst split it) keeps its stored id and its
 * stored history of merges and splits, so nothing downstream (scores, alerts, incidents) sees a
 * new event.
 */
export interface PublicEvents {
  /** The id the store knows a clusterer event by. */
  publicId(internalId: string): string;
  /** The clusterer's id of a stored event. */
  internalId(publicId: string): string;
  /** Binds a clusterer event to a stored event, keeping the stored history before the clusterer's own. */
  bind(internalId: string, stored: Event, internalHistoryLength: number): void;
  /** Forgets a binding (the clusterer event was merged away). */
  unbind(internalId: string): void;
  /** The event as the store knows it. */
  present(event: Event): Event;
}

/** Creates an empty mapping (every id maps to itself). */
export function createPublicEvents(): PublicEvents {
  const toPublic = new Map<string, string>();
  const toInternal = new Map<string, string>();
  const history = new Map<string, { readonly before: readonly EventEdit[]; readonly skip: number }>();

  const publicId = (id: string): string => toPublic.get(id) ?? id;
  const mapEdit = (edit: EventEdit): EventEdit =>
    edit.otherEventIds.some((id) => toPublic.has(id))
      ? { ...edit, otherEventIds: edit.otherEventIds.map(publicId) }
      : edit;

  return {
    publicId,
    internalId: (id) => toInternal.get(id) ?? id,
    bind(internalId, stored, internalHistoryLength) {
      if (stored.id !== internalId) {
        toPublic.set(internalId, stored.id);
        toInternal.set(stored.id, internalId);
      }
      if (stored.history.length > 0 || internalHistoryLength > 0)
        history.set(internalId, { before: stored.history, skip: internalHistoryLength });
    },
    unbind(internalId) {
      const id = toPublic.get(internalId);
      if (id !== undefined) toInternal.delete(id);
      toPublic.delete(internalId);
      history.delete(internalId);
    },
    present(event) {
      const id = toPublic.get(event.id);
      const kept = history.get(event.id);
      const renamed = event.history.some((edit) => edit.otherEventIds.some((other) => toPublic.has(other)));
      if (id === undefined && kept === undefined && !renamed) return event;
      const own = kept ? event.history.slice(kept.skip) : event.history;
      return {
        ...event,
        id: id ?? event.id,
        history: [...(kept?.before ?? []), ...own.map(mapEdit)],
      };
    },
  };
}
