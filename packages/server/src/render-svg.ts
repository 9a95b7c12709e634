import { loader, logger, None, parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Options of {@link renderSvg}. */
export interface RenderSvgOptions {
  /** Longest a chart may take to render, in milliseconds; 10,000 by default. */
  readonly timeoutMs?: number;
}

// Charts in a briefing carry their data inline; a spec that asks Vega to load anything is refused,
// so rendering never reaches the network or the file system.
const refuse = (uri: unknown): never => {
  throw new Error(
    `[emwatch] [render-svg] the spec asks to load ${JSON.stringify(String(uri).slice(0, 100))}: charts must carry their data inline`,
  );
};
const noLoading = loader();
// Vega and Vega-Lite warn on the console about harmless spec details; a CLI's stdout is its output.
const quiet = logger(None);
noLoading.sanitize = async (uri: string) => refuse(uri);

/**
 * Renders a Vega-Lite spec to SVG markup headless (no browser, no canvas): what `createBriefing`
 * takes as `renderSvg` on the server. Only specs built by emwatch (e.g. `briefingTrendSpec`) are
 * meant to come here: Vega compiles a spec's expressions to code, so a spec from outside must not.
 *
 * @example
 * ```ts
 * const briefing = await createBriefing({ store, period: 'day', renderSvg });
 * const svg = await renderSvg(briefingTrendSpec(briefing.trend)); // '<svg xmlns="http://www.w3.org/2000/svg" …'
 * ```
 */
export async function renderSvg(spec: object, options: RenderSvgOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const compiled = compile(spec as TopLevelSpec, { logger: quiet }).spec;
  // Vega only logs a failed load and draws an empty chart, so a spec that wants a URL is refused before rendering.
  const url = (compiled.data ?? []).find((data) => 'url' in data && data.url !== undefined);
  if (url) refuse((url as { url: unknown }).url);
  const view = new View(parse(compiled), { renderer: 'none', loader: noLoading, logger: quiet });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      view.toSVG(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`[emwatch] [render-svg] the chart took more than ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    view.finalize();
  }
}
