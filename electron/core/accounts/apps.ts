import { AppError, type AppCredentialsDto } from '../../../shared/contract';
import { PLATFORMS, type Platform } from '../../../shared/domain/platforms';
import type { Vault } from '../deps';
import type { Db } from '../store/open';

/** Platforms without an app of the creator's own: Mastodon registers one per instance; Bluesky uses app passwords. */
const NO_APP: readonly Platform[] = ['mastodon', 'bluesky'];
/** These accept any loopback port; the rest want the exact redirect URL registered. */
const ANY_PORT: readonly Platform[] = ['mastodon', 'youtube', 'tiktok'];
/** The loopback port of the redirect URL a creator registers for X, LinkedIn, Facebook, Instagram, Threads and Pinterest. */
export const FIXED_REDIRECT_PORT = 53134;

/** The port a platform's sign-in comes back to: 0 (any free one) where the platform allows it. */
function redirectPortFor(platform: Platform, fixedPort: number = FIXED_REDIRECT_PORT): number {
  return ANY_PORT.includes(platform) ? 0 : fixedPort;
}

const vaultKey = (platform: Platform) => `app:${platform}`;

/**
 * Client ids in SQLite (they are not secret); client secrets in the vault. `redirectPort` replaces
 * FIXED_REDIRECT_PORT (tests, which must not depend on one well-known port being free).
 */
export function createApps({ db, vault, now, redirectPort = FIXED_REDIRECT_PORT }: { db: Db; vault: Vault; now: () => number; redirectPort?: number }) {
  const all = db.prepare('SELECT platform, client_id, has_secret FROM app_credentials');
  const one = db.prepare('SELECT platform, client_id, has_secret FROM app_credentials WHERE platform = ?');
  const upsert = db.prepare(`INSERT INTO app_credentials (platform, client_id, has_secret, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(platform) DO UPDATE SET client_id = excluded.client_id, has_secret = excluded.has_secret, updated_at = excluded.updated_at`);

  type Row = { platform: Platform; client_id: string; has_secret: number };
  const toDto = (platform: Platform, row: Row | undefined): AppCredentialsDto => ({
    platform,
    needsApp: !NO_APP.includes(platform),
    clientId: row?.client_id ?? null,
    hasSecret: row?.has_secret === 1,
    redirectUri: NO_APP.includes(platform) ? null : redirectPortFor(platform, redirectPort) ? `http://127.0.0.1:${redirectPortFor(platform, redirectPort)}/callback` : 'http://127.0.0.1/callback (any port)',
  });

  return {
    /** The port this platform's sign-in comes back to (0: any free one). */
    redirectPort: (platform: Platform): number => redirectPortFor(platform, redirectPort),
    list(): AppCredentialsDto[] {
      const rows = new Map((all.all() as Row[]).map((r) => [r.platform, r]));
      return PLATFORMS.map((p) => toDto(p, rows.get(p)));
    },
    async set(input: { platform: Platform; clientId: string; clientSecret?: string | undefined }): Promise<AppCredentialsDto> {
      if (NO_APP.includes(input.platform)) throw new AppError('invalid_input', `${input.platform === 'mastodon' ? 'Mastodon' : 'Bluesky'} needs no app of your own.`);
      const existing = one.get(input.platform) as Row | undefined;
      if (input.clientSecret !== undefined) {
        const s = await vault.status();
        if (!s.available) throw new AppError('vault_unavailable', s.reason);
        await vault.set(vaultKey(input.platform), input.clientSecret);
      }
      const hasSecret = input.clientSecret !== undefined || existing?.has_secret === 1;
      upsert.run(input.platform, input.clientId, hasSecret ? 1 : 0, now());
      return toDto(input.platform, one.get(input.platform) as Row);
    },
    async get(platform: Platform): Promise<{ clientId: string; clientSecret?: string } | null> {
      const row = one.get(platform) as Row | undefined;
      if (!row) return null;
      const secret = row.has_secret ? await vault.get(vaultKey(platform)) : null;
      return { clientId: row.client_id, ...(secret ? { clientSecret: secret } : {}) };
    },
  };
}

export type Apps = ReturnType<typeof createApps>;
