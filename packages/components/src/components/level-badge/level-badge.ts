import {
  colorToLevel,
  isTypeId,
  isWarningColor,
  levelToColor,
  RESPONSE_LEVEL_INFO,
  typeLabel,
  WARNING_COLOR_INFO,
  type ResponseLevel,
  type WarningColor,
} from '@emwatch/core';
import { html, LitElement, type PropertyDeclarations } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { levelBadgeStyles } from './level-badge.styles.js';

// Text on yellow and orange must be dark to stay readable (WCAG AA contrast).
const INK: Readonly<Record<WarningColor, string>> = {
  blue: '#ffffff',
  yellow: '#1a1a1a',
  orange: '#1a1a1a',
  red: '#ffffff',
};
const BACKGROUND: Readonly<Record<WarningColor, string>> = {
  ...Object.fromEntries(Object.values(WARNING_COLOR_INFO).map((info) => [info.id, info.hex])),
  // The official blue is too light for white text at badge size; this is the same hue darker.
  blue: '#1559B3',
} as Record<WarningColor, string>;

/** Reads `level` as a warning colour or a response level; anything else is unknown. */
export function parseLevel(value: string | undefined): WarningColor | undefined {
  if (!value) return undefined;
  const normalised = value.trim();
  if (isWarningColor(normalised.toLowerCase())) return normalised.toLowerCase() as WarningColor;
  const roman = normalised.toUpperCase().replace('Ⅳ', 'IV').replace('Ⅲ', 'III').replace('Ⅱ', 'II').replace('Ⅰ', 'I');
  return roman in RESPONSE_LEVEL_INFO ? levelToColor(roman as ResponseLevel) : undefined;
}

/**
 * A warning level badge: the official warning colour with its Chinese (or English) name and the
 * matching response level, e.g. 「沙尘暴橙色预警 · Ⅱ级」.
 *
 * @summary Warning colour and response level as a coloured label.
 * @tag emw-level-badge
 *
 * @csspart badge - The coloured label.
 * @csspart response-level - The response level (Ⅱ级 / Level II) inside the label.
 *
 * @cssproperty --emw-font-family - Font stack; defaults to system fonts with CJK fallbacks.
 * @cssproperty --emw-radius - Corner radius.
 * @cssproperty --emw-level-badge-font-size - Font size of the badge.
 */
export class EmwLevelBadge extends LitElement {
  static override styles = levelBadgeStyles;

  static override properties: PropertyDeclarations = {
    level: { type: String, reflect: true },
    hazard: { type: String },
  };

  /** Warning colour (`blue`, `yellow`, `orange`, `red`) or response level (`IV`…`I`, or Ⅳ…Ⅰ). */
  declare level: string | undefined;

  /** Optional hazard type id from the taxonomy (e.g. `sandstorm`), named before the colour. */
  declare hazard: string | undefined;

  private readonly locale = new LocaleController(this);

  override render() {
    const color = parseLevel(this.level);
    const en = this.locale.language === 'en';
    const hazard = this.hazard && isTypeId(this.hazard) ? typeLabel(this.hazard, this.locale.language) : undefined;
    if (!color) {
      return html`<span part="badge">${en ? 'Level unknown' : '级别未知'}</span>`;
    }
    const info = WARNING_COLOR_INFO[color];
    const level = RESPONSE_LEVEL_INFO[colorToLevel(color)];
    const name = en ? `${hazard ? `${hazard} ` : ''}${info.en} warning` : `${hazard ?? ''}${info.zh}预警`;
    const colours = { background: BACKGROUND[color], color: INK[color] };
    return html`<span part="badge" style=${styleMap(colours)}
      >${name}<span part="response-level">· ${en ? `Level ${level.id}` : `${level.glyph}级`}</span></span
    >`;
  }
}
