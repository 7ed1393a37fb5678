import { useState } from 'react';
import type { AccountDto, TargetDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { ProblemNote } from '../../ui/ProblemNote';
import { reconnect } from '../accounts/connect.store';
import { useAnswer } from './panel-answers';
import './unconfirmed.css';

/** How the publisher words a copy held for a sign-in (publishing/accounts-context.ts, expiredSignInReason). */
const WAITS_FOR_RECONNECT = /^Waiting for you to reconnect /;

/** The copy can't go out until its account is signed in again. */
export function waitsForSignIn(target: TargetDto, account: AccountDto | undefined): boolean {
  if (!account || ['published', 'publishing', 'unconfirmed', 'cancelled', 'draft'].includes(target.state)) return false;
  return account.status === 'needs_reconnect' || account.status === 'disconnected' || WAITS_FOR_RECONNECT.test(target.lastError ?? '');
}

/**
 * Under a copy that stopped without going out, the one button that fixes it: "Reconnect @handle"
 * when the account's sign-in is gone (the same flow as Accounts' Reconnect), else "Try again now"
 * for a failed copy and "Post it now" for a missed one (publishing:tryAgain: that copy alone, for
 * now, through the same checks as Post now). Never for an unconfirmed copy, which may be up
 * already: UnconfirmedActions asks the creator to look first.
 */
export function StoppedCopyActions({ target, account }: { target: TargetDto; account: AccountDto | undefined }) {
  const { busy, problem, answer } = useAnswer();
  const [blocked, setBlocked] = useState(false);
  const name = PLATFORM_NAMES[target.platform];
  if (waitsForSignIn(target, account)) {
    return (
      <div className="unconfirmed-actions" data-testid="copy-reconnect">
        <p>
          {name} needs {account!.handle} to sign in again{target.state === 'scheduled' ? '; this copy waits until then.' : ', then you can try again.'}
        </p>
        <div className="confirm-actions">
          <button
            type="button"
            className="btn btn-primary btn-small"
            data-testid="copy-reconnect-button"
            onClick={() => {
              reconnect(account!);
              navigate('accounts');
            }}
          >
            Reconnect {account!.handle}
          </button>
        </div>
      </div>
    );
  }
  if (target.state !== 'failed' && target.state !== 'missed') return null;
  const send = (override: boolean) =>
    answer(async () => {
      try {
        await api.call('publishing:tryAgain', { targetId: target.id, override });
        setBlocked(false);
      } catch (err) {
        // The duplicate guard's block can be passed over, on a second, explicit click.
        setBlocked(!override && err instanceof Error && err.message.includes('"Post anyway"'));
        throw err;
      }
    }, `Sending it to ${name} now`);
  const label = target.state === 'missed' ? 'Post it now' : 'Try again now';
  return (
    <div className="unconfirmed-actions" data-testid="copy-try-again-actions">
      <div className="confirm-actions">
        <button type="button" className="btn btn-primary btn-small" data-testid="copy-try-again" disabled={busy} onClick={() => void send(false)}>
          {busy ? 'Sending…' : label}
        </button>
        {blocked ? (
          <button type="button" className="btn btn-small" data-testid="copy-post-anyway" disabled={busy} onClick={() => void send(true)}>
            Post anyway
          </button>
        ) : null}
      </div>
      {problem ? <ProblemNote problem={problem} testId="copy-try-again-problem" /> : null}
    </div>
  );
}
