import type { TargetState } from '../../../../shared/domain/states';

/**
 * The state an imported copy starts in. Imports go straight onto the schedule: the review queue
 * isn't built yet. When it is, this is the one place to send imported posts to `in_review`
 * (or to `approved` when the creator auto-approves their own hand-written posts).
 */
export function importedTargetState(): TargetState {
  return 'scheduled';
}
