import type { reviewChannels } from '../../../../shared/contract/features/review';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createReviewFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof reviewChannels> } {
  return { handlers: {} };
}
