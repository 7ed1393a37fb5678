import type { mediaLibraryChannels } from '../../../../shared/contract/features/mediaLibrary';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createMediaLibraryFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof mediaLibraryChannels> } {
  return { handlers: {} };
}
