import type { WarningFacts } from '../../model/signal.js';
import { capSeverityToColor, WARNING_COLORS, type WarningColor } from '../../model/taxonomy.js';
import type { SignalView } from './signal-view.js';

/** A warning still in force at the scoring time. */
export interface ActiveWarning {
  readonly signalId: string;
  readonly warning: WarningFacts;
  readonly color: WarningColor | null;
}

/** The official warnings in force, and what happened to the others. */
export interface WarningState {
  readonly active: readonly ActiveWarning[];
  /** Ids of the signals whose warnings a later Cancel withdrew. */
  readonly cancelled: readonly string[];
  /** Ids of the signals whose warnings a later Update replaced. */
  readonly replaced: readonly string[];
  /** Ids of the signals whose warnings expired before the scoring time. */
  readonly expired: readonly string[];
}

/** Key of a CAP alert: sender and identifier (identifiers are unique per sender). */
const keyOf = (warning: WarningFacts): string => `${warning.sender},${warning.identifier}`;

/** `references` entries are `sender,identifier,sent` triples (or, loosely, bare identifiers of the same sender). */
function referencedKey(reference: string, sender: string): string {
  const parts = reference.split(',').map((part) => part.trim());
  return parts.length >= 2 ? `${parts[0]},${parts[1]}` : `${sender},${parts[0]}`;
}

const colorOf = (warning: WarningFacts): WarningColor | null =>
  warning.color ?? capSeverityToColor(warning.severity) ?? null;

/**
 * Replays the real (status `Actual`) CAP messages among the signals in the order they were sent:
 * an Alert adds a warning, an Update replaces the warnings it references, a Cancel withdraws them.
 * A Cancel or Update without references (invalid CAP, but seen in the wild) applies to the earlier
 * warnings of the same sender with the same event code, or the same event text when there is no
 * code. Messages sent after `nowMs` are not yet known; warnings expired by `nowMs` are not in force.
 */
export function resolveWarnings(views: readonly SignalView[], nowMs: number): WarningState {
  const messages = views
    .filter((view) => view.warning !== undefined)
    .map((view) => ({ view, warning: view.warning!, sent: Date.parse(view.warning!.sent) }))
    .map((m) => ({ ...m, sent: Number.isFinite(m.sent) ? m.sent : m.view.ms }))
    .filter((m) => !(m.sent > nowMs))
    .sort(
      (a, b) =>
        (a.sent || 0) - (b.sent || 0) ||
        (a.warning.identifier < b.warning.identifier ? -1 : a.warning.identifier > b.warning.identifier ? 1 : 0) ||
        (a.view.signal.id < b.view.signal.id ? -1 : 1),
    );
  const active = new Map<string, { signalId: string; warning: WarningFacts }>();
  const cancelled: string[] = [];
  const replaced: string[] = [];
  for (const { view, warning } of messages) {
    if (warning.msgType !== 'Alert' && warning.msgType !== 'Update' && warning.msgType !== 'Cancel') continue;
    if (warning.msgType !== 'Alert') {
      const targets =
        warning.references.length > 0
          ? warning.references.map((reference) => referencedKey(reference, warning.sender))
          : [...active.entries()]
              .filter(
                ([, other]) =>
                  other.warning.sender === warning.sender &&
                  (warning.eventCode
                    ? other.warning.eventCode === warning.eventCode
                    : other.warning.event === warning.event),
              )
              .map(([key]) => key);
      for (const key of targets) {
        const target = active.get(key);
        // A message that references itself replaces nothing.
        if (!target || key === keyOf(warning)) continue;
        active.delete(key);
        (warning.msgType === 'Cancel' ? cancelled : replaced).push(target.signalId);
      }
    }
    if (warning.msgType !== 'Cancel') active.set(keyOf(warning), { signalId: view.signal.id, warning });
  }
  const expired: string[] = [];
  const inForce: ActiveWarning[] = [];
  for (const { signalId, warning } of active.values()) {
    const expires = warning.expires ? Date.parse(warning.expires) : Number.NaN;
    if (Number.isFinite(expires) && expires <= nowMs) expired.push(signalId);
    else inForce.push({ signalId, warning, color: colorOf(warning) });
  }
  return { active: inForce, cancelled, replaced, expired };
}

/** The highest of some colours, or `null`. */
export function highestColor(colors: Iterable<WarningColor | null>): WarningColor | null {
  let best = -1;
  for (const color of colors) if (color) best = Math.max(best, WARNING_COLORS.indexOf(color));
  return best < 0 ? null : WARNING_COLORS[best]!;
}
