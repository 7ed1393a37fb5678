import type { queueChannels } from '../../../../shared/contract/features/queue';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createQueueFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof queueChannels> } {
  return { handlers: {} };
}
