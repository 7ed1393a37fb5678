import type { plannerChannels } from '../../../../shared/contract/features/planner';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createPlanCommit } from './commit';
import { createPlanBuilder } from './plan';
import { createProvenance } from './provenance';

export function createPlannerFeature(deps: Pick<FeatureDeps, 'audit' | 'capabilities' | 'clock' | 'db' | 'posts' | 'targets' | 'zone'>): { handlers: FeatureHandlers<keyof typeof plannerChannels> } {
  const plan = createPlanBuilder(deps);
  const commit = createPlanCommit(deps, plan);
  const provenance = createProvenance(deps);
  return {
    handlers: {
      'planner:preview': (input) => ({ items: plan(input).map(({ epochMs: _e, parts: _p, campaignId: _c, writing: _w, ...item }) => item) }),
      'planner:commit': (input) => commit(input),
      'planner:provenance': (input) => provenance(input),
    },
  };
}
