import type { PlatformClient } from '../types';
import { createPinterestClient } from './client';

export const pinterestClient: PlatformClient = createPinterestClient();
export { createPinterestClient } from './client';
export { pinterestConnector, PINTEREST_SCOPES } from './connector';
