import type { TargetState } from '../../../shared/domain/states';
import { Icon, type IconName } from './Icon';

/**
 * One icon per post state, used by every view that shows one (calendar chips, the list, the
 * panel, filters): failed, unconfirmed and missed each have their own shape, not one warning sign.
 */
export const STATE_ICONS: Readonly<Record<TargetState, IconName>> = {
  draft: 'draft',
  in_review: 'review',
  approved: 'approved',
  scheduled: 'clock',
  publishing: 'send',
  published: 'check',
  failed: 'failed',
  unconfirmed: 'unconfirmed',
  missed: 'missed',
  cancelled: 'cancelled',
};

/** A state's icon alone (its word is said by the label around it); coloured by `.state-icon[data-state]`. */
export function StateIcon({ state, size = 12 }: { state: TargetState; size?: number }) {
  return <Icon name={STATE_ICONS[state]} size={size} className="state-icon" state={state} />;
}
