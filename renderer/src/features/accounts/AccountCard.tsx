import { useEffect, useRef, useState } from 'react';
import type { AccountDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { plural } from '../../lib/format';
import { Icon, type IconName } from '../../ui/Icon';
import { PlatformMark } from '../../ui/PlatformMark';
import { ProblemNote } from '../../ui/ProblemNote';
import { PostingTimes } from '../posting-times/PostingTimes';
import { setPostingTimesOpen, useQueueStore } from '../posting-times/queue.store';
import { accountStatus, needsReconnectButton, type StatusTone } from './account-status';
import { reconnect } from './connect.store';
import { disconnectAccount } from './useAccounts';

const TONE_ICON: Record<StatusTone, IconName> = { ok: 'check', wait: 'clock', attention: 'alert' };

function DisconnectConfirm({ account, waiting, onCancel }: { account: AccountDto; waiting: number; onCancel: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  const name = PLATFORM_NAMES[account.platform];
  const confirm = async () => {
    setBusy(true);
    try {
      await disconnectAccount(account.id);
      showToast(`${account.handle} disconnected. Its tokens were deleted from your keychain.`);
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };
  return (
    <div className="confirm account-confirm" role="group" aria-labelledby={`disconnect-${account.id}`} data-testid="disconnect-confirm">
      <p id={`disconnect-${account.id}`}>
        <strong>Disconnect {account.handle}?</strong> Loomcast deletes its tokens from your keychain and stops posting to it.{' '}
        {waiting > 0
          ? `Its ${plural(waiting, 'scheduled post')} will wait: nothing is sent, and when they’re due they’re held until you connect a ${name} account again.`
          : `Posts you schedule for ${name} later wait until you connect a ${name} account again.`}
      </p>
      {problem ? <ProblemNote problem={problem} /> : null}
      <div className="confirm-actions">
        <button type="button" className="btn btn-danger" data-testid="confirm-disconnect" disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Disconnecting…' : 'Disconnect'}
        </button>
        <button ref={keep} type="button" className="btn" data-testid="cancel-disconnect" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}

/** One account: who it is, its status in words, and the one button that fixes it. */
export function AccountCard({ account, zone, now, waiting }: { account: AccountDto; zone: string; now: number; waiting: number }) {
  const [confirming, setConfirming] = useState(false);
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const timesOpen = useQueueStore((s) => !!s.open[account.id]);
  const timesButton = useRef<HTMLButtonElement>(null);
  const status = accountStatus(account, zone, now);
  const needsFix = needsReconnectButton(account);
  const meta = [waiting > 0 ? `${plural(waiting, 'post')} waiting to go out` : 'Nothing waiting to go out', status.tone === 'wait' ? 'posts wait and go out after that' : null].filter(Boolean);

  return (
    <li className="card account-card" data-testid="account-card" data-account-id={account.id} data-status={account.status} data-platform={account.platform}>
      <div className="account-main">
        <PlatformMark platform={account.platform} compact />
        <p className="account-who">
          <span className="account-name">{account.displayName ?? account.handle}</span>
          {account.displayName && account.displayName !== account.handle ? <span className="account-handle">{account.handle}</span> : null}
        </p>
        <p className="account-status" data-tone={status.tone} data-testid="account-status" title={status.tone === 'wait' ? `Times in ${zone}` : undefined}>
          <Icon name={TONE_ICON[status.tone]} size={14} />
          <span>{status.words}</span>
        </p>
        <p className="account-meta">{meta.join(' · ')}</p>
      </div>
      <div className="account-actions" role="group" aria-label={`${account.displayName ?? account.handle} on ${PLATFORM_NAMES[account.platform]}`}>
        {needsFix ? (
          <button type="button" className="btn btn-primary" data-testid="account-reconnect" onClick={() => reconnect(account)}>
            Reconnect
          </button>
        ) : null}
        <button
          ref={timesButton}
          type="button"
          className="btn btn-small"
          data-testid="account-posting-times"
          aria-expanded={timesOpen}
          aria-controls={`posting-times-${account.id}`}
          onClick={() => setPostingTimesOpen(account.id, !timesOpen)}
        >
          Posting times
        </button>
        {confirming ? null : (
          <button ref={disconnectButton} type="button" className="btn btn-ghost btn-small" data-testid="account-disconnect" onClick={() => setConfirming(true)}>
            Disconnect
          </button>
        )}
      </div>
      {timesOpen ? (
        <div id={`posting-times-${account.id}`} className="account-posting-times">
          <PostingTimes
            account={account}
            onClose={() => {
              setPostingTimesOpen(account.id, false);
              requestAnimationFrame(() => timesButton.current?.focus());
            }}
          />
        </div>
      ) : null}
      {confirming ? (
        <DisconnectConfirm
          account={account}
          waiting={waiting}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => disconnectButton.current?.focus());
          }}
        />
      ) : null}
    </li>
  );
}
