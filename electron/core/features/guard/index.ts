import type { guardChannels } from '../../../../shared/contract/features/guard';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createGuardFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof guardChannels> } {
  return { handlers: {} };
}
