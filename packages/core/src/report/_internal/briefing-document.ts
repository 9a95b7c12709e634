import type { WarningColor } from '../../model/taxonomy.js';

/** A table cell: plain text, optionally shown as a coloured level badge in HTML. */
export type DocCell = string | { readonly text: string; readonly color?: WarningColor };

/** A table column. */
export interface DocColumn {
  readonly title: string;
  readonly align?: 'left' | 'right';
}

/** One block of a briefing, rendered to Markdown and HTML alike (all text is plain, escaped by the renderer). */
export type DocBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      readonly columns: readonly DocColumn[];
      readonly rows: readonly (readonly DocCell[])[];
      /** Shown instead of an empty table. */
      readonly empty: string;
    }
  | {
      readonly kind: 'chart';
      readonly caption: string;
      /** Checked SVG markup, or absent when no renderer was given (HTML then shows only the table after it). */
      readonly svg?: string;
    };

/** A titled section. */
export interface DocSection {
  readonly title: string;
  readonly blocks: readonly DocBlock[];
}

/** A briefing as neutral blocks: one builder, two renderers, so Markdown and HTML never disagree. */
export interface BriefingDocument {
  readonly lang: 'zh-CN' | 'en';
  readonly title: string;
  /** Lines under the title: issuer and issue time, the period. */
  readonly meta: readonly string[];
  readonly sections: readonly DocSection[];
  readonly footer: string;
}

/** The text of a cell. */
export const cellText = (cell: DocCell): string => (typeof cell === 'string' ? cell : cell.text);
