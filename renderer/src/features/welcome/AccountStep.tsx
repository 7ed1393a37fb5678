import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { useSettings } from '../../data/useAppData';
import { Icon } from '../../ui/Icon';
import { ConnectPanel } from '../accounts/ConnectPanel';
import { openConnect, useConnectStore } from '../accounts/connect.store';
import { useAccounts } from '../accounts/useAccounts';
import '../accounts/accounts.css';
import { markStep } from './first-run';

/** Step 2: the same "Connect account" panel as on Accounts, right here. */
export function AccountStep({ onDone, onSkip }: { onDone: () => void; onSkip: () => void }) {
  const settings = useSettings();
  const { accounts } = useAccounts();
  const connecting = useConnectStore((s) => s.open);
  const connected = accounts ?? [];

  const next = async () => {
    await markStep(settings, 'account');
    onDone();
  };

  return (
    <div className="welcome-step" data-testid="welcome-account">
      {connected.length ? (
        <>
          <p>Connected:</p>
          <ul className="welcome-list" data-testid="welcome-accounts">
            {connected.map((a) => (
              <li key={a.id}>
                <strong>{a.handle}</strong> on {PLATFORM_NAMES[a.platform]}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          Loomcast publishes from this computer to the accounts you connect. Bluesky needs an app password; Mastodon asks you to approve Loomcast on your server; the others need
          your own developer app first (<a href="#/settings/developer-apps">Settings → Developer apps</a>). Tokens stay in your system keychain.
        </p>
      )}
      {connecting ? <ConnectPanel /> : null}
      <div className="welcome-actions">
        {connected.length ? (
          <button type="button" className="btn btn-primary" data-testid="welcome-account-next" onClick={() => void next()}>
            Continue
          </button>
        ) : null}
        {!connecting ? (
          <button type="button" className={connected.length ? 'btn' : 'btn btn-primary'} data-testid="welcome-connect" onClick={() => openConnect()}>
            <Icon name="plus" />
            {connected.length ? 'Connect another' : 'Connect an account'}
          </button>
        ) : null}
        {!connected.length ? (
          <button type="button" className="btn btn-ghost" data-testid="welcome-skip" onClick={onSkip}>
            Skip for now
          </button>
        ) : null}
      </div>
    </div>
  );
}
