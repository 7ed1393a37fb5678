import type { plannerChannels } from '../../../../shared/contract/features/planner';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createPlannerFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof plannerChannels> } {
  return { handlers: {} };
}
