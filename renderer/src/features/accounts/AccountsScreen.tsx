import { useAppInfo, useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import { usePostLists } from '../../data/usePosts';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { AccountCard } from './AccountCard';
import { ConnectPanel } from './ConnectPanel';
import { openConnect, useConnectStore } from './connect.store';
import { useAccounts } from './useAccounts';
import './accounts.css';

function EmptyAccounts({ vaultMissing }: { vaultMissing: boolean }) {
  return (
    <div className="empty" data-testid="accounts-empty">
      <div className="empty-icon" aria-hidden="true">
        <Icon name="accounts" size={22} />
      </div>
      <h2>No accounts connected yet</h2>
      <p>Connect the accounts you post to, and Loomcast publishes your scheduled posts to them on time, from this computer. Until then, posts wait in your calendar and nothing is sent.</p>
      <ul className="empty-steps">
        <li>
          <strong>Bluesky:</strong> your handle and an app password.
        </li>
        <li>
          <strong>Mastodon:</strong> your server’s address; you approve Loomcast there.
        </li>
        <li>
          <strong>X, LinkedIn, Facebook, Instagram, Threads, TikTok, YouTube, Pinterest:</strong> first add your own developer app in <a href="#/settings/developer-apps">Settings → Developer apps</a>,
          then sign in.
        </li>
      </ul>
      <p className="empty-later">Passwords and tokens are kept in your system keychain, never in Loomcast’s database.</p>
      {vaultMissing ? (
        <p className="empty-later warn-text" data-testid="accounts-vault-note">
          The system keychain isn’t available right now (see the notice above), so connecting an account will fail until it is.
        </p>
      ) : null}
      <button type="button" className="btn btn-primary" data-testid="accounts-empty-connect" onClick={() => openConnect()}>
        <Icon name="plus" />
        Connect your first account
      </button>
    </div>
  );
}

export function AccountsScreen() {
  const { accounts, problem } = useAccounts();
  // Copies waiting to go out per account, counted by the core: what disconnecting would leave without a way out.
  const { waiting } = usePostLists();
  const connecting = useConnectStore((s) => s.open);
  const info = useAppInfo();
  const zone = useZone();
  const now = useNow();

  return (
    <Page
      title="Accounts"
      testId="accounts-screen"
      note="Where your scheduled posts go out. Tokens stay in your system keychain."
      actions={
        <button type="button" className="btn btn-primary" data-testid="accounts-connect" aria-expanded={connecting} onClick={() => openConnect()}>
          <Icon name="plus" />
          Connect account
        </button>
      }
    >
      <div className="accounts">
        {connecting ? <ConnectPanel /> : null}
        {problem ? <ProblemNote problem={problem} testId="accounts-problem" /> : null}
        {accounts === null && !problem ? <p className="muted">Reading accounts…</p> : null}
        {accounts && accounts.length === 0 && !connecting ? <EmptyAccounts vaultMissing={!!info && !info.vault.available} /> : null}
        {accounts && accounts.length > 0 ? (
          <section aria-labelledby="accounts-list-title">
            <h2 id="accounts-list-title" className="section-title">
              Your accounts <span className="count">{accounts.length}</span>
            </h2>
            <ul className="account-cards" data-testid="account-list">
              {accounts.map((a) => (
                <AccountCard key={a.id} account={a} zone={zone} now={now} waiting={waiting?.[a.id] ?? 0} />
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Page>
  );
}
