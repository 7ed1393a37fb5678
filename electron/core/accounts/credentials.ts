import type { Vault } from '../deps';
import type { Credentials } from '../platforms/types';

/**
 * Credentials are JSON in the vault entry of their account; the keychain is the only place they
 * are stored. A keychain read takes milliseconds and the keychain answers one call at a time, so
 * what was read is kept in this process's memory per account (never on disk) until this store
 * saves or deletes that account's entry. Every writer of an account's entry goes through here.
 */
export function createCredentialStore(vault: Vault) {
  const cache = new Map<string, Credentials>();
  const reading = new Map<string, Promise<Credentials | null>>();
  /** Bumped by every save or delete, so a read that started before one is never kept after it. */
  const generation = new Map<string, number>();
  const genOf = (accountId: string) => generation.get(accountId) ?? 0;
  const forget = (accountId: string) => {
    cache.delete(accountId);
    reading.delete(accountId);
    generation.set(accountId, genOf(accountId) + 1);
  };

  const read = async (accountId: string): Promise<Credentials | null> => {
    const raw = await vault.get(accountId);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Credentials;
      return typeof parsed.accessToken === 'string' ? parsed : null;
    } catch {
      return null;
    }
  };

  const write = async (accountId: string, raw: string): Promise<void> => {
    forget(accountId);
    try {
      await vault.set(accountId, raw);
    } finally {
      // Also after a failed write: what the keychain holds now is unknown, so ask it next time.
      forget(accountId);
    }
  };
  const remove = async (accountId: string): Promise<boolean> => {
    forget(accountId);
    try {
      return await vault.delete(accountId);
    } finally {
      forget(accountId);
    }
  };

  return {
    /** The account's credentials: from memory after the first read, from the keychain otherwise. */
    load(accountId: string): Promise<Credentials | null> {
      const known = cache.get(accountId);
      if (known) return Promise.resolve(known);
      const running = reading.get(accountId);
      if (running) return running;
      const started = genOf(accountId);
      const p = read(accountId).finally(() => {
        if (reading.get(accountId) === p) reading.delete(accountId);
      });
      reading.set(accountId, p);
      // Missing or unreadable credentials are not kept: the next look asks the keychain again.
      void p.then(
        (found) => {
          if (found && genOf(accountId) === started) cache.set(accountId, found);
        },
        () => {},
      );
      return p;
    },
    save: (accountId: string, credentials: Credentials): Promise<void> => write(accountId, JSON.stringify(credentials)),
    /**
     * Saves `credentials` over the account's entry, keeping what it held to put back with `undo`
     * (a reconnect whose database write was refused after the keychain took the new sign-in).
     * `beforeWrite` runs once the old entry is read, just before the write: a throw there writes nothing.
     */
    async replace(accountId: string, credentials: Credentials, beforeWrite: () => void = () => {}): Promise<{ undo(): Promise<void> }> {
      const before = await vault.get(accountId);
      beforeWrite();
      await write(accountId, JSON.stringify(credentials));
      return { undo: () => (before === null ? remove(accountId).then(() => {}) : write(accountId, before)) };
    },
    /** Deletes the account's keychain entry; true if there was one. */
    delete: remove,
  };
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;
