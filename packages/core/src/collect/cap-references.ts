import type { Signal } from '../model/signal.js';
import type { CollectorIssue } from './collector.js';
import { makeIssue } from './make-issue.js';

/** What applying one signal to a {@link CapAlertBook} did. */
export interface CapApplyResult {
  /**
   * - `added`: a new alert (or an Update) is now active;
   * - `cancelled`: a Cancel removed the alerts it references;
   * - `superseded`: the alert arrived after an Update or Cancel that already replaced it, so it stays inactive;
   * - `expired`: the alert's `expires` has passed;
   * - `ignored`: not a real, actionable warning (no CAP facts, status other than Actual, Ack, Error).
   */
  readonly outcome: 'added' | 'cancelled' | 'superseded' | 'expired' | 'ignored';
  /** Active signals this one replaced or cancelled. */
  readonly replaced: readonly Signal[];
  /** `EMW_CAP_UNKNOWN_REFERENCE` for each referenced alert never seen; the signal itself is still applied. */
  readonly issues: readonly CollectorIssue[];
}

/** The active official warnings, kept current as CAP Alerts, Updates and Cancels arrive. */
export interface CapAlertBook {
  /** Applies one signal (a CAP alert's signal, with `facts.warning`). */
  apply(signal: Signal): CapApplyResult;
  /** The alerts in force now: not cancelled, not replaced, not expired. */
  active(): Signal[];
}

/** Options of {@link createCapAlertBook}. */
export interface CapAlertBookOptions {
  /** The clock that decides expiry; `() => new Date()` by default. */
  readonly now?: () => Date;
  /** Most alerts kept active; the oldest are dropped beyond it. 10 000 by default. */
  readonly maxActive?: number;
  /** Most replaced or cancelled alert keys remembered, so late arrivals stay inactive. 10 000 by default. */
  readonly maxRetired?: number;
}

const keyOf = (sender: string, identifier: string): string => `${sender}\u0000${identifier}`;

/** The `sender,identifier` keys a warning's references name (triples `sender,identifier,sent`). */
function referencedKeys(references: readonly string[]): string[] {
  return references.flatMap((reference) => {
    const [sender, identifier] = reference.split(',');
    return sender && identifier ? [keyOf(sender, identifier)] : [];
  });
}

const expiredAt = (signal: Signal, now: Date): boolean => {
  const expires = signal.facts?.warning?.expires;
  return expires !== undefined && Date.parse(expires) <= now.getTime();
};

/** Adds to a bounded insertion-ordered set, dropping the oldest entries beyond `max`. */
function remember(set: Set<string>, key: string, max: number): void {
  set.delete(key);
  set.add(key);
  for (const oldest of set) {
    if (set.size <= max) break;
    set.delete(oldest);
  }
}

/**
 * Creates a book of active CAP warnings. An Update replaces the alerts it references (by sender
 * and identifier) and becomes active itself; a Cancel removes them; an expired alert leaves the
 * active set; a Test, Exercise, System or Draft alert is never active. An Update or Cancel that
 * references an alert never seen is applied all the same (its references are remembered, so the
 * original stays inactive if it arrives late) and reported as `EMW_CAP_UNKNOWN_REFERENCE`.
 * Applying the same signal twice changes nothing.
 *
 * @example
 * ```ts
 * const book = createCapAlertBook();
 * book.apply(blizzardOrange); // { outcome: 'added', replaced: [], issues: [] }
 * book.apply(blizzardRedUpdate).replaced; // [blizzardOrange]
 * book.active(); // [blizzardRedUpdate]
 * ```
 */
export function createCapAlertBook(options: CapAlertBookOptions = {}): CapAlertBook {
  const now = options.now ?? (() => new Date());
  const maxActive = options.maxActive ?? 10_000;
  const maxRetired = options.maxRetired ?? 10_000;
  /** Active alerts by sender+identifier; an alert with several signals (languages) keeps them all. */
  const activeAlerts = new Map<string, Signal[]>();
  const retired = new Set<string>();

  function retire(keys: readonly string[], ownKey: string): { replaced: Signal[]; unknown: string[] } {
    const replaced: Signal[] = [];
    const unknown: string[] = [];
    for (const key of keys) {
      // Some publishers list the alert's own triple in references (Alertswiss, Macao SMG).
      if (key === ownKey) continue;
      const signals = activeAlerts.get(key);
      if (signals) {
        replaced.push(...signals);
        activeAlerts.delete(key);
      } else if (!retired.has(key)) unknown.push(key);
      remember(retired, key, maxRetired);
    }
    return { replaced, unknown };
  }

  function activate(key: string, signal: Signal): void {
    const others = (activeAlerts.get(key) ?? []).filter((s) => s.id !== signal.id);
    activeAlerts.delete(key);
    activeAlerts.set(key, [...others, signal]);
    for (const oldest of activeAlerts.keys()) {
      if (activeAlerts.size <= maxActive) break;
      activeAlerts.delete(oldest);
    }
  }

  return {
    apply(signal) {
      const warning = signal.facts?.warning;
      const ignored: CapApplyResult = { outcome: 'ignored', replaced: [], issues: [] };
      if (!warning || warning.status !== 'Actual' || warning.msgType === 'Ack' || warning.msgType === 'Error')
        return ignored;
      const at = now();
      const ownKey = keyOf(warning.sender, warning.identifier);
      const { replaced, unknown } =
        warning.msgType === 'Alert'
          ? { replaced: [], unknown: [] }
          : retire(referencedKeys(warning.references), ownKey);
      const issues = unknown.map((key) => {
        const [sender, identifier] = key.split('\u0000');
        return makeIssue(
          'EMW_CAP_UNKNOWN_REFERENCE',
          signal.sourceId,
          `${warning.msgType} ${warning.identifier} refers to alert ${identifier} of ${sender}, never seen; applied all the same`,
          at,
          signal.url ? { url: signal.url } : {},
        );
      });
      if (warning.msgType === 'Cancel') {
        // The Cancel itself is retired too, so a re-delivered copy changes nothing.
        remember(retired, ownKey, maxRetired);
        return { outcome: 'cancelled', replaced, issues };
      }
      if (retired.has(ownKey)) return { outcome: 'superseded', replaced, issues };
      if (expiredAt(signal, at)) return { outcome: 'expired', replaced, issues };
      activate(ownKey, signal);
      return { outcome: 'added', replaced, issues };
    },
    active() {
      const at = now();
      const result: Signal[] = [];
      for (const [key, signals] of activeAlerts) {
        const live = signals.filter((signal) => !expiredAt(signal, at));
        if (live.length === 0) activeAlerts.delete(key);
        else {
          if (live.length !== signals.length) activeAlerts.set(key, live);
          result.push(...live);
        }
      }
      return result;
    },
  };
}
