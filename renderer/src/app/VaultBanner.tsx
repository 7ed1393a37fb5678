import { useState } from 'react';
import { useAppInfo } from '../data/useAppData';
import { Icon } from '../ui/Icon';

/** Shown while the OS keychain can't be used: accounts can't be connected without it. */
export function VaultBanner() {
  const info = useAppInfo();
  const [hidden, setHidden] = useState(false);
  if (!info || info.vault.available || hidden) return null;
  const words = info.vault.message ?? 'Loomcast cannot keep account passwords and tokens safely right now.';
  const details = info.vault.details;
  return (
    <div className="banner" role="alert" data-testid="vault-banner">
      <Icon name="alert" />
      <div className="banner-body">
        <p>
          <strong>Keychain unavailable.</strong> {words} <span className="banner-note">Your posts and plans are not affected.</span>
        </p>
        {details ? (
          <details>
            <summary>Details</summary>
            <code>{details}</code>
          </details>
        ) : null}
      </div>
      <button type="button" className="btn btn-ghost btn-small" data-testid="vault-banner-hide" onClick={() => setHidden(true)}>
        Hide
      </button>
    </div>
  );
}
