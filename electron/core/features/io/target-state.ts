import type { TargetState } from '../../../../shared/domain/states';

/**
 * The state an imported copy moves to once saved: it waits in Review, like every post the
 * creator did not write in the composer, unless they turned on "imported posts skip review";
 * then it is scheduled directly (through the same gates as any scheduled post).
 */
export function importedTargetState(skipReview: boolean): TargetState {
  return skipReview ? 'scheduled' : 'in_review';
}
