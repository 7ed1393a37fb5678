import type { calendarChannels } from '../../../../shared/contract/features/calendar';
import type { FeatureDeps, FeatureHandlers } from '../types';

export function createCalendarFeature(_deps: FeatureDeps): { handlers: FeatureHandlers<keyof typeof calendarChannels> } {
  return { handlers: {} };
}
