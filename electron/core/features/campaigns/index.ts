import type { campaignsChannels } from '../../../../shared/contract/features/campaigns';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createCampaignsFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof campaignsChannels> } {
  return { handlers: {} };
}
