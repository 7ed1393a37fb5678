import type { apiTokensChannels } from '../../../../shared/contract/features/api-tokens';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createApiTokens, type ApiTokens } from './tokens-service';

export type { ApiTokens, VerifiedToken } from './tokens-service';

export function createApiTokensFeature(deps: Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'clock'>): { service: ApiTokens; handlers: FeatureHandlers<keyof typeof apiTokensChannels> } {
  const service = createApiTokens(deps);
  return {
    service,
    handlers: {
      'apiTokens:list': () => service.list(),
      'apiTokens:create': ({ name, scope }) => service.create(name, scope),
      'apiTokens:revoke': ({ id }) => service.revoke(id),
    },
  };
}
