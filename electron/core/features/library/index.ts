import type { libraryChannels } from '../../../../shared/contract/features/library';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createLibraryFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof libraryChannels> } {
  return { handlers: {} };
}
