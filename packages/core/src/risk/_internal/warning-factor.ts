import type { SourceKind } from '../../model/signal.js';
import { WARNING_COLORS, type WarningColor } from '../../model/taxonomy.js';
import { highestColor, resolveWarnings } from './active-warnings.js';
import { evidenceOf, type FactorInput, type FactorResult } from './factor-input.js';
import { TYPE_RISK } from './type-severity.js';

/** Value of each warning colour: blue 0.25 … red 1, evenly spaced like the four levels. */
export const COLOR_VALUE: Readonly<Record<WarningColor, number>> = { blue: 0.25, yellow: 0.5, orange: 0.75, red: 1 };

// How far a colour merely written in a message is trusted, by who wrote it: a post retelling a
// warning may get the colour wrong; an official channel quoting it does not.
const TEXT_TRUST: Readonly<Record<SourceKind, number>> = {
  'official-warning': 1,
  'official-news': 1,
  sensor: 1,
  media: 0.9,
  social: 0.7,
};

const OFFICIAL: ReadonlySet<SourceKind> = new Set(['official-warning', 'official-news']);

/** The warning factor and the colour that may floor the level. */
export interface WarningOutcome {
  readonly result: FactorResult;
  /** Colour of an officially issued warning in force, or `null`. */
  readonly floorColor: WarningColor | null;
  readonly floorEvidence: readonly string[];
}

/**
 * Official warning colour. When the event's signals include structured official warnings (CAP),
 * only they count: they are replayed in order so an Update replaces and a Cancel withdraws what
 * it references, tests and exercises are ignored, expired warnings are not in force, and the
 * highest colour in force is the value. Colours merely written in texts are then ignored too,
 * since they echo those warnings and no Cancel can withdraw them. Without structured warnings,
 * colours stated in texts count, discounted by who states them. Without signals, the event's
 * own `warningColor` is used.
 */
export function warningFactor({ event, views, nowMs }: FactorInput): WarningOutcome {
  const applies = TYPE_RISK[event.type].warned;
  if (views?.some((view) => view.warning !== undefined)) {
    const state = resolveWarnings(views, nowMs);
    const color = highestColor(state.active.map((w) => w.color));
    const evidence = state.active
      .filter((w) => w.color === color)
      .map((w) => w.signalId)
      .slice(0, 10);
    return {
      result: {
        applies,
        value: color ? COLOR_VALUE[color] : 0,
        evidence,
        facts: {
          color,
          source: 'cap',
          inForce: state.active.length,
          cancelled: state.cancelled.length,
          replaced: state.replaced.length,
          expired: state.expired.length,
        },
      },
      floorColor: color,
      floorEvidence: evidence,
    };
  }
  if (views) {
    let best = 0;
    let bestColor: WarningColor | null = null;
    for (const view of views) {
      if (!view.asserting) continue;
      const color = view.facts().warningColor;
      if (!color) continue;
      const value = COLOR_VALUE[color] * TEXT_TRUST[view.kind];
      if (value > best) {
        best = value;
        bestColor = color;
      }
    }
    const stating = views.filter((view) => view.asserting && view.facts().warningColor === bestColor && bestColor);
    const official = views.filter((view) => view.asserting && OFFICIAL.has(view.kind) && view.facts().warningColor);
    const floorColor = highestColor(official.map((view) => view.facts().warningColor));
    return {
      result: { applies, value: best, evidence: evidenceOf(stating), facts: { color: bestColor, source: 'text' } },
      floorColor,
      floorEvidence: evidenceOf(official.filter((view) => view.facts().warningColor === floorColor)),
    };
  }
  const color = event.warningColor;
  return {
    result: { applies, value: color ? COLOR_VALUE[color] : 0, evidence: [], facts: { color, source: 'event' } },
    floorColor: null,
    floorEvidence: [],
  };
}

/** Rank of a colour, blue 0 … red 3. */
export const colorRank = (color: WarningColor): number => WARNING_COLORS.indexOf(color);
