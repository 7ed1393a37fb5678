import { AsyncEntry } from '@napi-rs/keyring';
import { systemClock, type Clock, type Vault } from '../deps';

const UNAVAILABLE =
  'No system keychain is available, so Loomcast cannot keep account passwords and tokens. ' +
  'It will not store them in plain text. On Linux, install and unlock a Secret Service keyring (GNOME Keyring or KWallet).';

const DEFAULT_TIMEOUT_MS = 10_000;

const noAnswer = (ms: number) =>
  `The system keychain did not answer within ${Math.round(ms / 1000)} s, so Loomcast cannot keep account passwords and tokens right now. ` +
  'It will not store them in plain text, and will ask the keychain again next time. On Linux, check that your Secret Service keyring (GNOME Keyring or KWallet) is running and unlocked.';

/** The part of @napi-rs/keyring's AsyncEntry the vault uses; tests may pass their own. */
export interface KeyringEntry {
  setPassword(password: string): Promise<void>;
  getPassword(): Promise<string | null | undefined>;
  deleteCredential(): Promise<boolean>;
}

export interface KeyringVaultOptions {
  /** How long any keychain call may take before it counts as unanswered; 10 s by default. */
  timeoutMs?: number;
  /** The timer for that bound (the system clock unless a test moves its own). */
  clock?: Pick<Clock, 'setTimer'>;
  /** Makes the entry for one account id; @napi-rs/keyring's Secret Service entry by default. */
  entry?: (service: string, accountId: string) => KeyringEntry;
}

type Status = Awaited<ReturnType<Vault['status']>>;

// On Linux, only the Secret Service keeps secrets across reboots; the kernel keyring
// (keyutils) the library may fall back to forgets them, so we never let it choose that.
const keyringEntry = (service: string, accountId: string): KeyringEntry => new AsyncEntry(service, accountId, { linux: { store: 'secret-service' } });

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) via
 * @napi-rs/keyring, one entry per account id under one service name. No call waits forever:
 * a keychain that does not answer within the timeout (a wedged gnome-keyring waiting on a
 * prompt that never comes) is reported unavailable, and the next status() asks again.
 */
export function createKeyringVault(service = 'Loomcast', opts: KeyringVaultOptions = {}): Vault {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = opts.clock ?? systemClock;
  const makeEntry = opts.entry ?? keyringEntry;
  const entry = (accountId: string) => makeEntry(service, accountId);
  let known: Status | null = null;
  let probing: Promise<Status> | null = null;

  /** `work`, unless the keychain has not answered within the timeout: then a VaultTimeoutError. */
  const bounded = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const cancel = clock.setTimer(timeoutMs, () => reject(new VaultTimeoutError(noAnswer(timeoutMs))));
      // entry() throws at once without a D-Bus session; that is an answer too.
      Promise.resolve()
        .then(work)
        .then(resolve, reject)
        .finally(cancel);
    });

  const probe = async (): Promise<Status> => {
    try {
      // Only a write proves the keychain works: without a Secret Service, reads quietly
      // resolve null while writes fail.
      await bounded(async () => {
        const p = entry('__loomcast_probe__');
        await p.setPassword('probe');
        await p.deleteCredential();
      });
      return (known = { available: true });
    } catch (err) {
      // Neither an answer of "no" nor silence is kept: a later status() asks again.
      known = null;
      if (err instanceof VaultTimeoutError) return { available: false, reason: err.message };
      return { available: false, reason: UNAVAILABLE, details: (err as Error).message };
    }
  };

  const status = async (): Promise<Status> => {
    if (known?.available) return known;
    // Callers arriving together share one probe rather than each asking a slow keychain.
    probing ??= probe().finally(() => (probing = null));
    return probing;
  };

  const require = async () => {
    const s = await status();
    if (!s.available) throw new VaultUnavailableError(s.reason);
  };

  /** A keychain call; one that goes unanswered makes the vault probe again next time. */
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    await require();
    try {
      return await bounded(work);
    } catch (err) {
      if (!(err instanceof VaultTimeoutError)) throw err;
      known = null;
      throw new VaultUnavailableError(err.message);
    }
  };

  return {
    status,
    set: (accountId, secret) => call(() => entry(accountId).setPassword(secret)),
    get: (accountId) => call(async () => (await entry(accountId).getPassword()) ?? null),
    delete: (accountId) => call(() => entry(accountId).deleteCredential()),
  };
}

export class VaultUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultUnavailableError';
  }
}

/** The keychain did not answer in time (internal: callers see VaultUnavailableError or status()). */
class VaultTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultTimeoutError';
  }
}
