export { blueskyClient } from './client';
export { blueskyConnector } from './session';
export { tidFromKey } from './tid';
