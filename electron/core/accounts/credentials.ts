import type { Vault } from '../deps';
import type { Credentials } from '../platforms/types';

/** Credentials are JSON in the vault entry of their account; nothing else ever holds them. */
export function createCredentialStore(vault: Vault) {
  return {
    async load(accountId: string): Promise<Credentials | null> {
      const raw = await vault.get(accountId);
      if (!raw) return null;
      try {
        const parsed = JSON.parse(raw) as Credentials;
        return typeof parsed.accessToken === 'string' ? parsed : null;
      } catch {
        return null;
      }
    },
    async save(accountId: string, credentials: Credentials): Promise<void> {
      await vault.set(accountId, JSON.stringify(credentials));
    },
  };
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;
