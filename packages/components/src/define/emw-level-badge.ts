import { EmwLevelBadge } from '../components/level-badge/level-badge.js';

// Defining twice throws; a portal may load the bundle and a page script that both define it.
if (!customElements.get('emw-level-badge')) customElements.define('emw-level-badge', EmwLevelBadge);

declare global {
  interface HTMLElementTagNameMap {
    'emw-level-badge': EmwLevelBadge;
  }
}

export { EmwLevelBadge };
