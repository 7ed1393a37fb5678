import { randomUUID } from 'node:crypto';
import { AppError, type AccountDto } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { AccountStatus } from '../../../shared/domain/states';
import type { Audit } from '../audit';
import type { Clock, Logger, Vault } from '../deps';
import type { Credentials } from '../platforms/types';
import type { CredentialStore } from './credentials';
import type { EventBus } from '../events';
import type { Db } from '../store/open';
import { readOnlyNow } from '../write-hold';
import type { Targets } from '../posts/targets';
import type { TargetState } from '../../../shared/domain/states';
import { signInEnd, signInEndsWithin } from '../../../shared/domain/sign-in';

/**
 * How old a pending-secret note must be before the start sweep takes it for a crash's leftover
 * rather than a connect still under way (the keychain write is bounded well below this).
 */
const PENDING_GRACE_MS = 60_000;

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
  sign_in_ends_at: number | null;
  rate_limited_until: number | null;
  server_url: string | null;
  platform_user_id: string | null;
  created_at: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `soon`: whether the sign-in's end falls within the warning window. */
const toDto = (r: AccountRow, soon: (end: number | null) => boolean): AccountDto => ({
  id: r.id,
  platform: r.platform,
  handle: r.handle,
  displayName: r.display_name,
  status: r.status,
  lastError: r.last_error,
  tokenExpiresAt: iso(r.token_expires_at),
  signInEndsAt: iso(r.sign_in_ends_at),
  signInEndsSoon: soon(r.sign_in_ends_at),
  rateLimitedUntil: iso(r.rate_limited_until),
  serverUrl: r.server_url,
  createdAt: iso(r.created_at)!,
});

/**
 * Asked just before a connect writes the keychain and again inside its database write
 * (`reconnecting`: the account exists and keeps its earlier sign-in): an error refuses the
 * connect with the keychain as it was (the data folder's move, accounts/connect.ts).
 */
export type Refused = (reconnecting: boolean) => AppError | null;

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
 * account id. The secret is written first, so a row never claims a connection it can't use;
 * its id is noted in pending_secrets before, so a crash between the two leaves nothing behind
 * that `sweepPendingSecrets` (at start) does not clean up.
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
  signInWarningDays = () => 7,
}: {
  db: Db;
  vault: Vault;
  credentials: CredentialStore;
  audit: Audit;
  events: EventBus;
  clock: Clock;
  log: Logger;
  targets: Targets;
  /** The token-expiry alert's warning window, in days: within it a card says the sign-in ends. */
  signInWarningDays?: () => number;
}) {
  const all = db.prepare('SELECT * FROM accounts ORDER BY platform, handle');
  const one = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO accounts (id, platform, handle, display_name, server_url, platform_user_id, status, token_expires_at, sign_in_ends_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const dto = (r: AccountRow) => {
    const now = clock.now();
    const days = signInWarningDays();
    return toDto(r, (end) => signInEndsWithin(end, now, days));
  };
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
    signInEnds: db.prepare(`UPDATE accounts SET sign_in_ends_at = ?, updated_at = ? WHERE id = ? AND ifnull(sign_in_ends_at, -1) <> ifnull(?, -1)`),
  };
  const changed = (id: string, changes: number) => {
    if (changes > 0) events.emit('accounts:changed', { ids: [id] });
  };
  const remove = db.prepare('DELETE FROM accounts WHERE id = ?');
  const sameHandle = db.prepare("SELECT * FROM accounts WHERE platform = ? AND handle = ? AND ifnull(server_url, '') = ifnull(?, '')");
  const sameUser = db.prepare("SELECT * FROM accounts WHERE platform = ? AND platform_user_id = ? AND ifnull(server_url, '') = ifnull(?, '')");
  const reconnect = db.prepare(`UPDATE accounts SET status = 'connected', handle = ?, display_name = coalesce(?, display_name), platform_user_id = coalesce(?, platform_user_id),
    token_expires_at = ?, sign_in_ends_at = ?, last_error = NULL, rate_limited_until = NULL, updated_at = ? WHERE id = ?`);

  /**
   * The row a connect lands on, if any. The platform's own user id decides: it survives a handle
   * rename, and a handle can pass to someone else. Only a row or a connect without a user id
   * falls back to the handle.
   */
  const sameAccount = (input: NewAccount): AccountRow | undefined => {
    const server = input.serverUrl ?? null;
    const byHandle = sameHandle.get(input.platform, input.handle, server) as AccountRow | undefined;
    const byUser = input.platformUserId ? (sameUser.get(input.platform, input.platformUserId, server) as AccountRow | undefined) : undefined;
    const taken = () =>
      new AppError('conflict', `${input.handle} is already connected as a different ${PLATFORM_NAMES[input.platform]} account. Reconnect or disconnect that one first.`);
    if (byUser) {
      // The renamed account's new handle is still on another row: never overwrite that one.
      if (byHandle && byHandle.id !== byUser.id) throw taken();
      return byUser;
    }
    // Someone else holds the handle now: that account and its posts are not theirs to take over.
    if (byHandle?.platform_user_id && input.platformUserId && byHandle.platform_user_id !== input.platformUserId) throw taken();
    return byHandle;
  };

  const notePending = db.prepare('INSERT OR REPLACE INTO pending_secrets (account_id, noted_at) VALUES (?, ?)');
  const clearPending = db.prepare('DELETE FROM pending_secrets WHERE account_id = ?');
  const stalePending = db.prepare('SELECT account_id FROM pending_secrets WHERE noted_at <= ?');

  const requireVault = async () => {
    const s = await vault.status();
    if (!s.available) throw new AppError('vault_unavailable', s.reason);
  };

  return {
    vaultStatus: () => vault.status(),

    list(): AccountDto[] {
      return (all.all() as AccountRow[]).map(dto);
    },

    /**
     * Connects an account, or reconnects it: the same platform user id (or, without one, the same
     * handle) on the same platform and server is the same account, so its posts, history and id
     * stay and only its handle, credentials and status change.
     */
    async add(input: NewAccount, o: { refused?: Refused } = {}): Promise<AccountDto> {
      const stopIfRefused = (reconnecting: boolean) => {
        const no = o.refused?.(reconnecting);
        if (no) throw no;
      };
      // Refused before the keychain is even asked; asked again just before it is written, and in the database write itself.
      if (o.refused) stopIfRefused(sameAccount(input) !== undefined);
      await requireVault();
      const now = clock.now();
      const existing = sameAccount(input);
      if (existing) {
        const written = await credentials.replace(existing.id, input.credentials, () => stopIfRefused(true));
        try {
          db.transaction(() => {
            stopIfRefused(true);
            reconnect.run(input.handle, input.displayName ?? null, input.platformUserId ?? null, input.credentials.expiresAt ?? null, signInEnd(input.credentials), now, existing.id);
            audit.record({ actor: 'user', action: 'account.reconnect', entity: 'account', entityId: existing.id, detail: { platform: input.platform, handle: input.handle } });
          })();
        } catch (err) {
          // The row keeps the earlier sign-in, so the keychain does too.
          await written.undo().catch((undoErr: unknown) =>
            log.error('could not put back the earlier sign-in after a reconnect was not saved; the keychain holds the new one, the account the old expiry until it is reconnected', {
              accountId: existing.id,
              error: undoErr as Error,
            }),
          );
          throw err;
        }
        log.info('account reconnected', { accountId: existing.id, platform: input.platform });
        events.emit('accounts:changed', { ids: [existing.id] });
        return dto(one.get(existing.id) as AccountRow);
      }
      const id = randomUUID();
      stopIfRefused(false);
      notePending.run(id, now);
      await credentials.save(id, input.credentials);
      try {
        targets.atomically(() => {
          stopIfRefused(false);
          clearPending.run(id);
          insert.run(id, input.platform, input.handle, input.displayName ?? null, input.serverUrl ?? null, input.platformUserId ?? null, 'connected', input.credentials.expiresAt ?? null, signInEnd(input.credentials), now, now);
          bindWaiting(id, input.platform);
          audit.record({ actor: 'user', action: 'account.connect', entity: 'account', entityId: id, detail: { platform: input.platform, handle: input.handle } });
        });
      } catch (err) {
        await credentials.delete(id);
        // A database gone read-only (the data folder's move) keeps the note: the start sweep finds nothing left to delete.
        if (!readOnlyNow(db)) clearPending.run(id);
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new AppError('conflict', `${input.handle} is already connected.`);
        }
        throw err;
      }
      log.info('account connected', { accountId: id, platform: input.platform });
      events.emit('accounts:changed', { ids: [id] });
      return dto(one.get(id) as AccountRow);
    },

    /**
     * Deletes the keychain entries of connects that never wrote their row (the app stopped in
     * between). Without a keychain it does nothing, and the notes wait for a later start.
     */
    async sweepPendingSecrets(): Promise<number> {
      // Nearly always none: the start pays one indexed read, and asks the keychain only when there is work.
      const stale = stalePending.all(clock.now() - PENDING_GRACE_MS) as { account_id: string }[];
      if (stale.length === 0 || !(await vault.status()).available) return 0;
      let swept = 0;
      for (const { account_id: id } of stale) {
        try {
          if (!one.get(id)) await credentials.delete(id);
          clearPending.run(id);
          swept++;
        } catch (err) {
          // The keychain is failing: the rest waits for the next start rather than each timing out.
          log.warn('could not delete the keychain entry of an unfinished connect; will try at the next start', { accountId: id, cause: (err as Error).message });
          break;
        }
      }
      if (swept > 0) log.info('unfinished connects cleaned up', { count: swept });
      return swept;
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
    /** What a look at the keychain learnt about when the sign-in ends (the alerts' look), for the card. */
    signInEnds: (id: string, end: number | null) => changed(id, status.signInEnds.run(end, clock.now(), id, end).changes),

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
