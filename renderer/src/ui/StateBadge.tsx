import { STATE_LABELS, type TargetState } from '../../../shared/domain/states';
import { Icon } from './Icon';
import { STATE_ICONS } from './state-icons';

/** A target state as an icon and a word; the tone (calm, good, needs attention) comes from CSS. */
export function StateBadge({ state, testId }: { state: TargetState; testId?: string }) {
  return (
    <span className="state-badge" data-state={state} data-testid={testId}>
      <Icon name={STATE_ICONS[state]} size={13} />
      {STATE_LABELS[state]}
    </span>
  );
}
