import type { composeChannels } from '../../../../shared/contract/features/compose';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createComposeFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof composeChannels> } {
  return { handlers: {} };
}
