import type { TargetState } from '../../../../shared/domain/states';
import type { FeatureDeps } from '../types';

/**
 * One copy that stopped goes out at this instant, the creator's choice (Try again now, or Send it
 * again after they looked for an unconfirmed one): into `scheduled` for now, where the gates run
 * in the move and the scheduler is woken, with a fresh set of attempts and nothing left of the
 * attempt that stopped (its error, its marker: a TikTok publish_id the platform forgot, an
 * expired YouTube session, would otherwise hold the new send as unconfirmed). False when the copy
 * was no longer in `from`.
 */
export function scheduleCopyNow(d: Pick<FeatureDeps, 'targets' | 'clock' | 'zone'>, targetId: string, from: TargetState | readonly TargetState[], why: string): boolean {
  const moved = d.targets.transition([targetId], from, 'scheduled', why, {
    scheduledAt: d.clock.now(),
    zone: d.zone(),
    attempts: 'reset',
    nextAttemptAt: null,
    lastError: null,
    lastErrorDetails: null,
    attemptMarker: null,
  });
  return moved.length === 1;
}
