import { AsyncEntry } from '@napi-rs/keyring';
import type { Vault } from '../deps';

const UNAVAILABLE =
  'No system keychain is available, so Loomcast cannot keep account passwords and tokens. ' +
  'It will not store them in plain text. On Linux, install and unlock a Secret Service keyring (GNOME Keyring or KWallet).';

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) via
 * @napi-rs/keyring, one entry per account id under one service name.
 */
export function createKeyringVault(service = 'Loomcast'): Vault {
  // On Linux, only the Secret Service keeps secrets across reboots; the kernel keyring
  // (keyutils) the library may fall back to forgets them, so we never let it choose that.
  const entry = (accountId: string) => new AsyncEntry(service, accountId, { linux: { store: 'secret-service' } });
  let known: { available: true } | { available: false; reason: string; details?: string } | null = null;

  const status = async () => {
    if (known?.available) return known;
    try {
      // Only a write proves the keychain works: without a Secret Service, reads quietly
      // resolve null while writes fail.
      const probe = entry('__loomcast_probe__'); // throws at once without a D-Bus session
      await probe.setPassword('probe');
      await probe.deleteCredential();
      known = { available: true };
    } catch (err) {
      known = { available: false, reason: UNAVAILABLE, details: (err as Error).message };
    }
    return known;
  };

  const require = async () => {
    const s = await status();
    if (!s.available) throw new VaultUnavailableError(s.reason);
  };

  return {
    status,
    async set(accountId, secret) {
      await require();
      await entry(accountId).setPassword(secret);
    },
    async get(accountId) {
      await require();
      return (await entry(accountId).getPassword()) ?? null;
    },
    async delete(accountId) {
      await require();
      return entry(accountId).deleteCredential();
    },
  };
}

export class VaultUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultUnavailableError';
  }
}
