import type { ioChannels } from '../../../../shared/contract/features/io';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createIoFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof ioChannels> } {
  return { handlers: {} };
}
