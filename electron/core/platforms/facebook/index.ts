import type { OAuthConnector } from '../types';
import { createFacebookConnector } from './connector';

export { FACEBOOK_GRAPH, GRAPH_VERSION } from './api';
export { facebookClient } from './client';
export { createFacebookConnector, type FacebookConnectorOptions } from './connector';

/** Connects the first Page granted; createFacebookConnector({ pageId }) picks another. */
export const facebookConnector: OAuthConnector = createFacebookConnector();
