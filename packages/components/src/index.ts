export { EmwLevelBadge, parseLevel } from './components/level-badge/level-badge.js';
export { LocaleController, type UiLanguage } from './controllers/locale-controller.js';
