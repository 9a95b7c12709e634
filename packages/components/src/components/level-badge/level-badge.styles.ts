import { css } from 'lit';

export const levelBadgeStyles = css`
  :host {
    display: inline-block;
    font-family: var(--emw-font-family, system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif);
    font-size: var(--emw-level-badge-font-size, 0.875rem);
    line-height: 1.5;
  }
  [part='badge'] {
    display: inline-flex;
    gap: 0.35em;
    align-items: center;
    padding: 0.1em 0.6em;
    border-radius: var(--emw-radius, 0.25em);
    background: var(--emw-level-badge-background, #5f6b7a);
    color: var(--emw-level-badge-color, #ffffff);
    white-space: nowrap;
    word-break: keep-all;
  }
  [part='response-level'] {
    font-variant-numeric: tabular-nums;
  }
`;
