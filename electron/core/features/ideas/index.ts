import type { ideasChannels } from '../../../../shared/contract/features/ideas';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createIdeasFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof ideasChannels> } {
  return { handlers: {} };
}
