import type { RegionPack } from '../../model/region-pack.js';
import type { Signal, SourceKind, WarningFacts } from '../../model/signal.js';
import type { WarningColor } from '../../model/taxonomy.js';
import type { Casualties } from '../../model/text-analysis.js';
import type { ScoringAnalysis } from '../score.js';
import { extractCasualties } from '../../text/extract/casualties.js';
import { extractMagnitude } from '../../text/extract/magnitude.js';
import { extractPlaces } from '../../text/extract/places.js';
import { extractWarningColor } from '../../text/extract/warning.js';

/** What a signal's text states, as the scorer needs it. */
export interface TextFacts {
  readonly casualties: Casualties | null;
  readonly warningColor: WarningColor | null;
  readonly magnitude: number | null;
  readonly places: readonly string[];
}

/** One signal as the scorer sees it. */
export interface SignalView {
  readonly signal: Signal;
  /** `publishedAt`, else `collectedAt`, in ms; `NaN` sorts last. */
  readonly ms: number;
  readonly kind: SourceKind;
  /** The CAP fields when the signal is a real (status `Actual`) official warning message. */
  readonly warning: WarningFacts | undefined;
  /**
   * Whether the signal asserts the event: false for CAP tests, exercises, drafts and system
   * messages, and for Cancel, Ack and Error messages (a Cancel says the hazard is over; it must
   * not add authority or corroboration).
   */
  readonly asserting: boolean;
  /** What its text states (from the given analysis, else extracted on first use). */
  facts(): TextFacts;
}

// Text beyond this is not read for facts: a news article states its figures early.
const MAX_TEXT = 20_000;

function textOf(signal: Signal): string {
  const text = signal.title ? `${signal.title}\n${signal.text}` : signal.text;
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

function timeOf(signal: Signal): number {
  const ms = Date.parse(signal.publishedAt ?? signal.collectedAt);
  return Number.isFinite(ms) ? ms : Number.NaN;
}

/**
 * Views of the signals in a canonical order (time, then id), so that every result derived from
 * them is independent of the order the caller passed them in. Duplicate ids are kept once.
 */
export function viewSignals(
  signals: readonly Signal[],
  analyses: ReadonlyMap<string, ScoringAnalysis> | undefined,
  region: RegionPack | undefined,
): SignalView[] {
  const seen = new Set<string>();
  const views: SignalView[] = [];
  for (const signal of signals) {
    if (seen.has(signal.id)) continue;
    seen.add(signal.id);
    const capFacts = signal.facts?.warning;
    const warning = capFacts && capFacts.status === 'Actual' ? capFacts : undefined;
    const asserting = capFacts
      ? capFacts.status === 'Actual' && (capFacts.msgType === 'Alert' || capFacts.msgType === 'Update')
      : true;
    let cached: TextFacts | undefined;
    views.push({
      signal,
      ms: timeOf(signal),
      kind: signal.sourceKind,
      warning,
      asserting,
      facts() {
        if (cached) return cached;
        const given = analyses?.get(signal.id);
        let text: string | undefined;
        const read = (): string => (text ??= textOf(signal));
        cached = {
          casualties: given?.casualties ?? extractCasualties(read()),
          warningColor: given?.warningColor !== undefined ? given.warningColor : extractWarningColor(read()),
          magnitude: given?.magnitude !== undefined ? given.magnitude : extractMagnitude(read()),
          places: given?.places
            ? given.places.map((place) => place.code)
            : region
              ? extractPlaces(read(), { region }).map((place) => place.code)
              : [],
        };
        return cached;
      },
    });
  }
  return views.sort((a, b) => {
    const at = Number.isNaN(a.ms) ? Infinity : a.ms;
    const bt = Number.isNaN(b.ms) ? Infinity : b.ms;
    return at - bt || (a.signal.id < b.signal.id ? -1 : a.signal.id > b.signal.id ? 1 : 0);
  });
}
