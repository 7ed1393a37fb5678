import type { OAuthConnector, PlatformClient } from '../types';
import { createLinkedInClient } from './client';
import { createLinkedInConnector } from './connector';

export { LINKEDIN_API, LINKEDIN_VERSION, LINKEDIN_WWW, nextMidnightUtc } from './api';
export { createLinkedInClient, type LinkedInClientOptions } from './client';
export { createLinkedInConnector, type LinkedInConnectorOptions } from './connector';

export const linkedinClient: PlatformClient = createLinkedInClient();
/** The standard code flow with the app's client secret; use createLinkedInConnector({ pkce: true }) for PKCE apps. */
export const linkedinConnector: OAuthConnector = createLinkedInConnector();
