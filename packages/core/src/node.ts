// The Node-only entry, `@emwatch/core/node`: what needs Node or Node-only packages (natural).
// An explicit export list, like the main entry.
export { classifyEnglish, type EnglishClassification } from './node/classify-english.js';
export { resolveHost } from './node/resolve-host.js';
export { emailChannel, type EmailChannelOptions } from './node/email-channel.js';
export { importFile, type ImportFileOptions } from './node/import-file.js';
export { replayFile, type ReplayFileOptions } from './node/replay-file.js';
