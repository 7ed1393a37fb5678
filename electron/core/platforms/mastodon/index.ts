export { mastodonClient } from './client';
export { mastodonConnector, registerMastodonApp } from './connector';
export { fetchInstanceLimits, type InstanceLimits } from './instance';
