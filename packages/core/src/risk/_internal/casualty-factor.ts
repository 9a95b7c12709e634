import type { Casualties } from '../../model/text-analysis.js';
import { casualtyLevel, type CasualtyGrade } from '../levels.js';
import { clamp01, evidenceOf, type FactorInput, type FactorResult } from './factor-input.js';

type Kind = 'deaths' | 'injured' | 'missing' | 'trapped';
const KINDS: readonly Kind[] = ['deaths', 'injured', 'missing', 'trapped'];

// A kind stated only approximately (多人受伤, 十余人死亡) counts as this many people for the
// value (more than one, the least "多" can mean); it reaches no grade on its own.
const APPROXIMATE_COUNT = 2;

const LN_31 = Math.log(31);
const LN_101 = Math.log(101);

/**
 * The casualty value, 0..1, on a log scale anchored at the production-safety grades: deaths
 * (missing included) ln(1+n)/ln(31), so 1 → 0.2, 3 → 0.4, 10 → 0.7, 30 → 1; injured
 * 0.85 · ln(1+n)/ln(101) (10 → 0.44, 100 → 0.85: text counts include light injuries); trapped
 * 0.8 · ln(1+n)/ln(31) (lives at risk, often rescued). The largest of the three; each is
 * non-decreasing in its count, so more deaths never lower the value.
 */
export function casualtyValue(casualties: Casualties): {
  value: number;
  parts: { deaths: number; injured: number; trapped: number };
} {
  const n = counts(casualties);
  const parts = {
    deaths: clamp01(Math.log1p(n.deaths + n.missing) / LN_31),
    injured: 0.85 * clamp01(Math.log1p(n.injured) / LN_101),
    trapped: 0.8 * clamp01(Math.log1p(n.trapped) / LN_31),
  };
  return { value: Math.max(parts.deaths, parts.injured, parts.trapped), parts };
}

/** Counts per kind: stated, else {@link APPROXIMATE_COUNT} when stated approximately, else 0. */
function counts(casualties: Casualties): Record<Kind, number> {
  const approximate = casualties.approximate;
  const count = (kind: Kind): number => {
    const stated = casualties[kind];
    if (stated !== null) return Math.max(0, stated);
    return approximate?.includes(kind) ? APPROXIMATE_COUNT : 0;
  };
  return { deaths: count('deaths'), injured: count('injured'), missing: count('missing'), trapped: count('trapped') };
}

/** The casualty factor and the grade that may floor the level. */
export interface CasualtyOutcome {
  readonly result: FactorResult;
  /** Grade of the counts stated by credible sources (not social posts alone). */
  readonly floor: CasualtyGrade;
  readonly floorEvidence: readonly string[];
}

const maxCount = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

/**
 * Casualties: the event's largest stated counts; the evidence is the signals stating the count
 * that decided the value. The grade that floors the level counts only figures stated by
 * official sources, sensors or media: a figure only social posts give raises the value but
 * cannot by itself put an event at 重大 or 特别重大 (it may be a rumour, see the stage factor).
 */
export function casualtyFactor({ event, views }: FactorInput): CasualtyOutcome {
  const { value, parts } = casualtyValue(event.casualties);
  const grade = casualtyLevel(event.casualties);
  const deciding = (Object.keys(parts) as (keyof typeof parts)[]).filter((part) => parts[part] === value && value > 0);
  const decidingKinds = new Set<Kind>(
    deciding.flatMap((part) => (part === 'deaths' ? ['deaths', 'missing'] : [part]) as Kind[]),
  );
  const states = (found: Casualties | null, kinds: Iterable<Kind>): boolean =>
    found !== null &&
    [...kinds].some((kind) => (event.casualties[kind] ?? 0) > 0 && found[kind] === event.casualties[kind]);
  const evidence = views ? evidenceOf(views.filter((view) => states(view.facts().casualties, decidingKinds))) : [];

  let floor = grade;
  let floorEvidence: string[] = evidence;
  if (views) {
    let credible: Casualties = { deaths: null, injured: null, missing: null, trapped: null };
    const sources = views.filter(
      (view) => view.asserting && view.kind !== 'social' && view.facts().casualties !== null,
    );
    for (const view of sources) {
      const found = view.facts().casualties!;
      credible = {
        deaths: maxCount(credible.deaths, found.deaths),
        injured: maxCount(credible.injured, found.injured),
        missing: maxCount(credible.missing, found.missing),
        trapped: maxCount(credible.trapped, found.trapped),
      };
    }
    floor = casualtyLevel(credible);
    const basis: Kind[] = floor.basis === 'deaths' ? ['deaths', 'missing'] : floor.basis ? [floor.basis] : [];
    floorEvidence = evidenceOf(
      sources.filter((view) =>
        basis.some((kind) => (credible[kind] ?? 0) > 0 && view.facts().casualties![kind] === credible[kind]),
      ),
    );
  }
  return {
    result: {
      applies: true,
      value,
      evidence,
      facts: {
        deaths: event.casualties.deaths,
        injured: event.casualties.injured,
        missing: event.casualties.missing,
        trapped: event.casualties.trapped,
        approximate: (event.casualties.approximate ?? []).join(',') || null,
        grade: grade.level,
        credibleGrade: floor.level,
        ...(value > 0 && ![...KINDS].some((kind) => (event.casualties[kind] ?? 0) > 0)
          ? { assumedCount: Math.max(...KINDS.map((k) => counts(event.casualties)[k])) }
          : {}),
      },
    },
    floor,
    floorEvidence,
  };
}
