import { writeFile } from 'node:fs/promises';
import { createBriefing, type BriefingPeriod, type LabelLanguage, type RegionPack, type Store } from '@emwatch/core';
import { renderSvg } from '../render-svg.js';
import { buildDemoStore } from './demo-store.js';

/** Output formats of `emwatch brief`. */
export const BRIEF_FORMATS = ['md', 'html'] as const;

/** Options of {@link briefCommand}. */
export interface BriefCommandOptions {
  readonly period: BriefingPeriod;
  readonly event?: string;
  readonly lang: LabelLanguage;
  readonly format: (typeof BRIEF_FORMATS)[number];
  /** File to write; stdout when absent. */
  readonly out?: string;
  readonly region: RegionPack;
  /** Store and moment to brief from; the bundled demo data (and just after its last post) when absent. */
  readonly source?: { readonly store: Store; readonly now: Date };
  readonly timeZone?: string;
  readonly issuer?: string;
}

/**
 * `emwatch brief`: writes a 舆情日报, 周报 or 专报 as Markdown or self-contained HTML (charts
 * rendered to inline SVG). With no store configured yet, it briefs on the bundled demo posts run
 * through the pipeline; a special briefing without `--event` takes the demo's highest-scored event.
 * Resolves to the exit status: 0 written, 2 for bad input (the reason on `err`).
 */
export async function briefCommand(
  options: BriefCommandOptions,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const { store, now } = options.source ?? (await buildDemoStore(options.region));
  let event = options.event;
  if (options.period === 'special' && event === undefined) {
    const events = (await store.listEvents({ limit: 1000 })).items;
    const scored = await Promise.all(
      events.map(async (e) => ({ e, score: (await store.getScore(e.id))?.score ?? -1 })),
    );
    event = scored.sort((a, b) => b.score - a.score)[0]?.e.id;
    if (event === undefined) return (err('[emwatch] [brief] no event to write a special briefing about'), 2);
  }
  let briefing;
  try {
    briefing = await createBriefing({
      store,
      period: options.period,
      ...(event === undefined ? {} : { event }),
      now,
      lang: options.lang,
      region: options.region,
      renderSvg,
      issuer: options.issuer ?? (options.lang === 'en' ? 'emwatch demo duty room' : 'emwatch 演示值班室'),
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('EMW_')) return (err((error as Error).message), 2);
    throw error;
  }
  for (const note of briefing.notes) err(`[emwatch] [brief] ${note.code}: ${note.message}`);
  const text = options.format === 'html' ? briefing.html : briefing.markdown;
  if (options.out === undefined) {
    out(text.replace(/\n$/, ''));
    return 0;
  }
  try {
    await writeFile(options.out, text, 'utf8');
  } catch (error) {
    err(`[emwatch] [brief] cannot write ${options.out}: ${(error as Error).message}`);
    return 2;
  }
  err(
    `[emwatch] [brief] wrote ${briefing.title} (${briefing.period.start} – ${briefing.period.end}) to ${options.out}`,
  );
  return 0;
}
