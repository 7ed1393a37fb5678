import type { composeChannels } from '../../../../shared/contract/features/compose';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createOverrides } from './overrides';

export function createComposeFeature(deps: Pick<FeatureDeps, 'audit' | 'db' | 'posts' | 'targets'>): { handlers: FeatureHandlers<keyof typeof composeChannels> } {
  const overrides = createOverrides(deps);
  return {
    handlers: {
      'compose:setOverrides': (input) => overrides.setOverrides(input),
    },
  };
}
