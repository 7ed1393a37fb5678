import type { plannerChannels } from '../../../../shared/contract/features/planner';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createPlanCommit } from './commit';
import { createPlanBuilder } from './plan';

export function createPlannerFeature(deps: Pick<FeatureDeps, 'audit' | 'clock' | 'db' | 'posts' | 'targets' | 'zone'>): { handlers: FeatureHandlers<keyof typeof plannerChannels> } {
  const plan = createPlanBuilder(deps);
  const commit = createPlanCommit(deps, plan);
  return {
    handlers: {
      'planner:preview': (input) => ({ items: plan(input).map(({ epochMs: _e, parts: _p, ...item }) => item) }),
      'planner:commit': (input) => commit(input),
    },
  };
}
