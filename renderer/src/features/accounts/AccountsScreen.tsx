import type { AccountDto } from '../../../../shared/contract';
import { useAppInfo, useZone } from '../../data/useAppData';
import { formatInstant } from '../../../../shared/domain/time';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { PlatformMark } from '../../ui/PlatformMark';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAccounts } from './useAccounts';

/** An account's status in words, from what the core recorded. */
function statusWords(a: AccountDto, zone: string): string {
  switch (a.status) {
    case 'connected':
      return 'Connected';
    case 'needs_reconnect':
      return `Needs reconnect${a.lastError ? `: ${a.lastError}` : ''}`;
    case 'rate_limited':
      return a.rateLimitedUntil ? `Rate limited until ${formatInstant(Date.parse(a.rateLimitedUntil), zone)}` : 'Rate limited';
    case 'disconnected':
      return 'Disconnected';
  }
}

export function AccountsScreen() {
  const { accounts, problem } = useAccounts();
  const info = useAppInfo();
  const zone = useZone();
  return (
    <Page title="Accounts" testId="accounts-screen" note="The accounts Loomcast posts to.">
      {problem ? <ProblemNote problem={problem} /> : null}
      {accounts === null && !problem ? <p className="muted">Reading accounts…</p> : null}
      {accounts && accounts.length === 0 ? (
        <div className="empty" data-testid="accounts-empty">
          <div className="empty-icon" aria-hidden="true">
            <Icon name="accounts" size={22} />
          </div>
          <h2>No accounts connected</h2>
          <p>Connecting accounts arrives together with publishing, in a later release. Until then Loomcast plans and keeps your posts, and sends nothing anywhere.</p>
          {info && !info.vault.available ? (
            <p className="empty-later">When it arrives it will need the system keychain, which isn’t available on this computer right now.</p>
          ) : null}
        </div>
      ) : null}
      {accounts && accounts.length > 0 ? (
        <ul className="account-list" data-testid="account-list">
          {accounts.map((a) => (
            <li key={a.id} className="card account" data-testid="account-card" data-status={a.status}>
              <PlatformMark platform={a.platform} />
              <div>
                <p className="account-handle">{a.displayName ?? a.handle}</p>
                <p className="muted">{a.handle}</p>
              </div>
              <p className="account-status">{statusWords(a, zone)}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
