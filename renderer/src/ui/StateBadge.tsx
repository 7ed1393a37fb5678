import { STATE_LABELS, type TargetState } from '../../../shared/domain/states';
import { Icon, type IconName } from './Icon';

const ICONS: Record<TargetState, IconName> = {
  draft: 'draft',
  in_review: 'review',
  approved: 'check',
  scheduled: 'clock',
  publishing: 'clock',
  published: 'check',
  failed: 'alert',
  unconfirmed: 'alert',
  missed: 'alert',
  cancelled: 'close',
};

/** A target state as an icon and a word; the tone (calm, good, needs attention) comes from CSS. */
export function StateBadge({ state, testId }: { state: TargetState; testId?: string }) {
  return (
    <span className="state-badge" data-state={state} data-testid={testId}>
      <Icon name={ICONS[state]} size={13} />
      {STATE_LABELS[state]}
    </span>
  );
}
