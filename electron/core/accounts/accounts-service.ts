import { randomUUID } from 'node:crypto';
import { AppError, type AccountDto } from '../../../shared/contract';
import type { Platform } from '../../../shared/domain/platforms';
import type { AccountStatus } from '../../../shared/domain/states';
import type { Audit } from '../audit';
import type { Clock, Logger, Vault } from '../deps';
import type { Credentials } from '../platforms/types';
import type { CredentialStore } from './credentials';
import type { EventBus } from '../events';
import type { Db } from '../store/open';
import type { Targets } from '../posts/targets';
import type { TargetState } from '../../../shared/domain/states';

/** Copies that may still be bound to a newly connected account. */
const WAITING: readonly TargetState[] = ['draft', 'in_review', 'approved', 'scheduled', 'missed'];

interface AccountRow {
  id: string;
  platform: Platform;
  handle: string;
  display_name: string | null;
  status: AccountStatus;
  last_error: string | null;
  token_expires_at: number | null;
  rate_limited_until: number | null;
  server_url: string | null;
  created_at: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const toDto = (r: AccountRow): AccountDto => ({
  id: r.id,
  platform: r.platform,
  handle: r.handle,
  displayName: r.display_name,
  status: r.status,
  lastError: r.last_error,
  tokenExpiresAt: iso(r.token_expires_at),
  rateLimitedUntil: iso(r.rate_limited_until),
  serverUrl: r.server_url,
  createdAt: iso(r.created_at)!,
});

export interface NewAccount {
  platform: Platform;
  handle: string;
  displayName?: string | null;
  serverUrl?: string | null;
  platformUserId?: string | null;
  /** Tokens, app password, the creator's app keys. They go to the vault only. */
  credentials: Credentials;
}

/**
 * Accounts are rows in SQLite; their credentials are entries in the OS keychain keyed by the
 * account id. The secret is written first, so a row never claims a connection it can't use.
 */
export function createAccountsService({
  db,
  vault,
  credentials,
  audit,
  events,
  clock,
  log,
  targets,
}: {
  db: Db;
  vault: Vault;
  credentials: CredentialStore;
  audit: Audit;
  events: EventBus;
  clock: Clock;
  log: Logger;
  targets: Targets;
}) {
  const all = db.prepare('SELECT * FROM accounts ORDER BY platform, handle');
  const one = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO accounts (id, platform, handle, display_name, server_url, platform_user_id, status, token_expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // A post planned for a platform before its account was connected goes out on that account,
  // when it is the only one of its platform.
  const waiting = db.prepare(`SELECT id FROM targets WHERE account_id IS NULL AND platform = ? AND state IN ('draft','in_review','approved','scheduled','missed')
    AND (SELECT count(*) FROM accounts WHERE platform = ?) = 1`);
  const bindWaiting = (accountId: string, platform: Platform) => {
    const ids = (waiting.all(platform, platform) as { id: string }[]).map((r) => r.id);
    // Binding changes where a copy goes, not what it says: no gate, but a scheduled one is now due.
    targets.transition(ids, WAITING, (t) => t.state, 'account.connect', { accountId }, { gate: false });
  };
  // What publishing learns about an account, written only when it changes anything.
  const status = {
    rateLimited: db.prepare(`UPDATE accounts SET status = 'rate_limited', rate_limited_until = ?, updated_at = ? WHERE id = ? AND status <> 'disconnected'
      AND (status <> 'rate_limited' OR ifnull(rate_limited_until, 0) <> ?)`),
    ok: db.prepare(`UPDATE accounts SET status = 'connected', rate_limited_until = NULL, last_error = NULL, updated_at = ? WHERE id = ? AND status <> 'disconnected'
      AND (status <> 'connected' OR rate_limited_until IS NOT NULL OR last_error IS NOT NULL)`),
    needsReconnect: db.prepare(`UPDATE accounts SET status = 'needs_reconnect', last_error = ?, updated_at = ? WHERE id = ? AND (status <> 'needs_reconnect' OR ifnull(last_error, '') <> ?)`),
    tokenExpiry: db.prepare(`UPDATE accounts SET token_expires_at = ?, updated_at = ? WHERE id = ? AND ifnull(token_expires_at, -1) <> ifnull(?, -1)`),
  };
  const changed = (id: string, changes: number) => {
    if (changes > 0) events.emit('accounts:changed', { ids: [id] });
  };
  const remove = db.prepare('DELETE FROM accounts WHERE id = ?');
  const sameIdentity = db.prepare("SELECT * FROM accounts WHERE platform = ? AND handle = ? AND ifnull(server_url, '') = ifnull(?, '')");
  const reconnect = db.prepare(`UPDATE accounts SET status = 'connected', display_name = coalesce(?, display_name), platform_user_id = coalesce(?, platform_user_id),
    token_expires_at = ?, last_error = NULL, rate_limited_until = NULL, updated_at = ? WHERE id = ?`);

  const requireVault = async () => {
    const s = await vault.status();
    if (!s.available) throw new AppError('vault_unavailable', s.reason);
  };

  return {
    vaultStatus: () => vault.status(),

    list(): AccountDto[] {
      return (all.all() as AccountRow[]).map(toDto);
    },

    /**
     * Connects an account, or reconnects it: the same platform, handle and server is the same
     * account, so its posts, history and id stay and only its credentials and status change.
     */
    async add(input: NewAccount): Promise<AccountDto> {
      await requireVault();
      const now = clock.now();
      const existing = sameIdentity.get(input.platform, input.handle, input.serverUrl ?? null) as AccountRow | undefined;
      if (existing) {
        await credentials.save(existing.id, input.credentials);
        db.transaction(() => {
          reconnect.run(input.displayName ?? null, input.platformUserId ?? null, input.credentials.expiresAt ?? null, now, existing.id);
          audit.record({ actor: 'user', action: 'account.reconnect', entity: 'account', entityId: existing.id, detail: { platform: input.platform, handle: input.handle } });
        })();
        log.info('account reconnected', { accountId: existing.id, platform: input.platform });
        events.emit('accounts:changed', { ids: [existing.id] });
        return toDto(one.get(existing.id) as AccountRow);
      }
      const id = randomUUID();
      await credentials.save(id, input.credentials);
      try {
        targets.atomically(() => {
          insert.run(id, input.platform, input.handle, input.displayName ?? null, input.serverUrl ?? null, input.platformUserId ?? null, 'connected', input.credentials.expiresAt ?? null, now, now);
          bindWaiting(id, input.platform);
          audit.record({ actor: 'user', action: 'account.connect', entity: 'account', entityId: id, detail: { platform: input.platform, handle: input.handle } });
        });
      } catch (err) {
        await credentials.delete(id);
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new AppError('conflict', `${input.handle} is already connected.`);
        }
        throw err;
      }
      log.info('account connected', { accountId: id, platform: input.platform });
      events.emit('accounts:changed', { ids: [id] });
      return toDto(one.get(id) as AccountRow);
    },

    async credentials(id: string): Promise<Credentials | null> {
      await requireVault();
      return credentials.load(id);
    },

    /** Publishing's word on an account; each announces `accounts:changed` when it changed the row. */
    rateLimited: (id: string, until: number) => changed(id, status.rateLimited.run(until, clock.now(), id, until).changes),
    worksAgain: (id: string) => changed(id, status.ok.run(clock.now(), id).changes),
    needsReconnect: (id: string, reason: string) => changed(id, status.needsReconnect.run(reason, clock.now(), id, reason).changes),
    tokenExpiry: (id: string, expiresAt: number | null) => changed(id, status.tokenExpiry.run(expiresAt, clock.now(), id, expiresAt).changes),

    async disconnect(id: string): Promise<void> {
      if (!one.get(id)) throw new AppError('not_found', 'That account is not connected.');
      await requireVault();
      await credentials.delete(id);
      db.transaction(() => {
        remove.run(id);
        audit.record({ actor: 'user', action: 'account.disconnect', entity: 'account', entityId: id });
      })();
      events.emit('accounts:changed', { ids: [id] });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
