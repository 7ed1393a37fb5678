/** X (API v2): the client the scheduler publishes through and the connector that adds accounts. */
import type { OAuthConnector, PlatformClient } from '../types';
import { createXClient } from './client';
import { createXConnector } from './connector';

export { createXClient, type XClientOptions } from './client';
export { createXConnector, type XConnectorOptions } from './connector';
export { normaliseForMatch } from './reconcile';

export const xClient: PlatformClient = createXClient();
export const xConnector: OAuthConnector = createXConnector();
