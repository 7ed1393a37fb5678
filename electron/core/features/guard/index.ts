import type { guardChannels } from '../../../../shared/contract/features/guard';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { checkDuplicates } from '../../posts/duplicate-check';
import { readGuardSettings, writeGuardSettings } from './guard-settings';

export { assertNotDuplicate, checkDuplicates, type DuplicateQuery } from '../../posts/duplicate-check';

/** Duplicate guard: the same words and media to the same account nearby, or to two accounts of one platform. */
export function createGuardFeature(deps: Pick<FeatureDeps, 'audit' | 'clock' | 'db' | 'events' | 'log'>): { handlers: FeatureHandlers<keyof typeof guardChannels> } {
  return {
    handlers: {
      'guard:check': (input) => checkDuplicates(deps, input),
      'guard:settings': () => readGuardSettings(deps),
      'guard:setSettings': (input) => writeGuardSettings(deps, input),
    },
  };
}
