// The CDN bundle: one <script type="module"> defines every element.
import './define/emw-level-badge.js';

export * from './index.js';
