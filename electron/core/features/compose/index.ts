import type { composeChannels } from '../../../../shared/contract/features/compose';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createOverrides } from './overrides';
import { createPublishNow } from './publish-now';

export function createComposeFeature(deps: Pick<FeatureDeps, 'audit' | 'db' | 'posts' | 'targets' | 'clock' | 'settings' | 'zone'>): { handlers: FeatureHandlers<keyof typeof composeChannels> } {
  const overrides = createOverrides(deps);
  const now = createPublishNow(deps);
  return {
    handlers: {
      'compose:setOverrides': (input) => overrides.setOverrides(input),
      'compose:publishNow': (input) => now.publishNow(input),
    },
  };
}
