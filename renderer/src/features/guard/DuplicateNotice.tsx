import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { dayTime } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import type { DuplicateGuardState } from './useDuplicateGuard';
import './guard.css';

const STATE_WORDS: Record<string, string> = {
  published: 'went out on',
  publishing: 'is going out on',
  scheduled: 'is scheduled for',
  approved: 'is approved for',
  in_review: 'is waiting in review for',
};

/** Shown in the composer before scheduling: repeats to the same account, and the override for a block. */
export function DuplicateNotice({ guard, zone }: { guard: DuplicateGuardState; zone: string }) {
  const r = guard.result;
  if (!r || (r.warnings.length === 0 && r.blocks.length === 0)) return null;
  return (
    <div className="guard-notice" role="status" data-testid="guard-notice">
      <Icon name="alert" size={16} />
      <div>
        {r.warnings.length > 0 ? (
          <>
            <p className="guard-title">The same post is already planned nearby</p>
            <ul className="guard-list" data-testid="guard-warnings">
              {r.warnings.map((w) => (
                <li key={`${w.postId}:${w.platform}:${w.accountId ?? ''}`} data-testid="guard-warning">
                  {PLATFORM_NAMES[w.platform]}: the same post {STATE_WORDS[w.state] ?? `is ${w.state} for`} {dayTime(Date.parse(w.scheduledAt), zone)}.
                </li>
              ))}
            </ul>
            <p className="guard-hint muted">Repeats within {r.windowDays} days of each other are flagged. You can still schedule it.</p>
          </>
        ) : null}
        {r.blocks.length > 0 ? (
          <div data-testid="guard-blocks">
            <p className="guard-title">
              The identical post would go to {r.blocks.map((b) => `${b.accountIds.length} ${PLATFORM_NAMES[b.platform]} accounts`).join(' and ')}
            </p>
            <p className="guard-hint muted">Platforms treat the same post from several accounts as spam. Change the words for one account, or post it anyway.</p>
            {guard.overridden ? (
              <p className="guard-hint" data-testid="guard-overridden">
                You chose to post it anyway.
              </p>
            ) : (
              <button type="button" className="btn" data-testid="guard-post-anyway" onClick={guard.override}>
                Post anyway
              </button>
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}
