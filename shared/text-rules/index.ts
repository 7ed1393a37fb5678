// Per-platform text rules shared by the Electron main process and the renderer.
// Browser-safe: no Node modules (twitter-text is plain JavaScript).
export type { Field, Measure, MeasureOptions, Platform, Unit } from './types';
export { PLATFORMS, PLATFORM_NAMES } from './types';
export { measure } from './measure';
export { countGraphemes, utf8Length } from './counting';
export { extractHashtags, extractMentions, extractUrls } from './entities';
export { firstLink } from './first-link';
export { escapeLinkedInCommentary, LINKEDIN_RESERVED_CHARACTERS } from './linkedin';
export { PLATFORM_FIELDS } from './platforms';
