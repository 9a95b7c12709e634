import type { IsoDateTime } from '../model/iso-date-time.js';
import type { LabelLanguage } from '../model/taxonomy.js';

/**
 * A Vega-Lite specification as plain JSON (core never imports Vega: the server, or a page with
 * vega-embed, renders it).
 */
export type VegaLiteSpec = Readonly<Record<string, unknown>>;

/** One bucket of a briefing's trend chart. */
export interface BriefingTrendPoint {
  /** Start of the bucket (ISO 8601 with offset). */
  readonly start: IsoDateTime;
  /** Axis label, e.g. `'4月12日08时'` or `'04-12'`. */
  readonly label: string;
  /** Messages (signals) published in the bucket. */
  readonly signals: number;
  /** Events first seen in the bucket. */
  readonly newEvents: number;
}

/** One bar of a briefing's breakdown chart (by type or by source kind). */
export interface BriefingCountRow {
  /** Stable key, e.g. a type id. */
  readonly key: string;
  /** Display label, e.g. `'沙尘暴'`. */
  readonly label: string;
  /** The count shown. */
  readonly count: number;
}

/** Options of the briefing spec builders. */
export interface BriefingSpecOptions {
  /** Axis titles' language; zh-CN by default. */
  readonly lang?: LabelLanguage;
  /** Plot width in pixels; 640 by default. */
  readonly width?: number;
}

const FONT = 'Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif';
const ACCENT = '#B71C1C';
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const TEXT: Readonly<Record<LabelLanguage, Readonly<Record<'bucket' | 'signals' | 'events' | 'count', string>>>> = {
  'zh-CN': { bucket: '时段', signals: '信息量（条）', events: '事件数（起）', count: '数量' },
  en: { bucket: 'Period', signals: 'Messages', events: 'Events', count: 'Count' },
};

// Fonts and a white background for print; animations and interaction mean nothing in an SVG on paper.
const config = (): Record<string, unknown> => ({
  font: FONT,
  background: '#ffffff',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelFont: FONT, titleFont: FONT, gridColor: '#E5E6EB' },
  title: { font: FONT, fontSize: 14 },
});

/**
 * The trend chart of a briefing: messages per bucket as bars, in bucket order.
 *
 * @example
 * ```ts
 * const spec = briefingTrendSpec([{ start: '2024-04-12T08:00:00+08:00', label: '4月12日08时', signals: 3, newEvents: 1 }]);
 * spec.mark; // { type: 'bar', color: '#B71C1C', … }
 * ```
 */
export function briefingTrendSpec(
  points: readonly BriefingTrendPoint[],
  options: BriefingSpecOptions = {},
): VegaLiteSpec {
  const text = TEXT[options.lang ?? 'zh-CN'];
  return {
    $schema: SCHEMA,
    width: options.width ?? 640,
    height: 200,
    data: {
      values: points.map((p) => ({ start: p.start, label: p.label, signals: p.signals, newEvents: p.newEvents })),
    },
    mark: { type: 'bar', color: ACCENT, tooltip: false },
    encoding: {
      x: {
        field: 'label',
        type: 'ordinal',
        sort: null,
        title: text.bucket,
        axis: { labelAngle: points.length > 8 ? -45 : 0, labelOverlap: true },
      },
      y: { field: 'signals', type: 'quantitative', title: text.signals, axis: { tickMinStep: 1, format: 'd' } },
    },
    config: config(),
  };
}

/**
 * The breakdown chart of a briefing: one horizontal bar per row, largest first, with its count
 * written at the bar's end.
 *
 * @example
 * ```ts
 * const spec = briefingTypeSpec([{ key: 'sandstorm', label: '沙尘暴', count: 2 }]);
 * (spec.encoding as { y: { title: string } }).y.title; // '事件类型'
 * ```
 */
export function briefingTypeSpec(
  rows: readonly BriefingCountRow[],
  options: BriefingSpecOptions & {
    /** Title of the category axis; `'事件类型'` / `'Type'` by default. */
    readonly axisTitle?: string;
    /** Title of the count axis; events by default. */
    readonly countTitle?: string;
  } = {},
): VegaLiteSpec {
  const lang = options.lang ?? 'zh-CN';
  const text = TEXT[lang];
  return {
    $schema: SCHEMA,
    width: options.width ?? 640,
    height: Math.max(40, rows.length * 24),
    data: { values: rows.map((r) => ({ key: r.key, label: r.label, count: r.count })) },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: { field: 'count', order: 'descending' },
        title: options.axisTitle ?? (lang === 'en' ? 'Type' : '事件类型'),
      },
      x: {
        field: 'count',
        type: 'quantitative',
        title: options.countTitle ?? text.events,
        axis: { tickMinStep: 1, format: 'd' },
      },
    },
    layer: [
      { mark: { type: 'bar', color: ACCENT, tooltip: false } },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: { text: { field: 'count', type: 'quantitative' } },
      },
    ],
    config: config(),
  };
}
