import { Icon } from '../../ui/Icon';
import type { StepStatus } from './first-run';

/** A step's mark: a tick when done, a dash when skipped, its number while still to do. */
export function StepMark({ status, number }: { status: StepStatus; number?: number }) {
  return (
    <span className="welcome-step-mark" aria-hidden="true" data-status={status}>
      {status === 'done' ? <Icon name="check" size={14} /> : status === 'skipped' ? '–' : number}
    </span>
  );
}
