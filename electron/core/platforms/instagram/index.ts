export { instagramClient, createInstagramClient, type InstagramClientOptions } from './client';
export { instagramConnector, INSTAGRAM_SCOPES } from './connector';
export { IG_GRAPH_VERSION } from './api';
