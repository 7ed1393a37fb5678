/**
 * The creator's list of webhooks. A webhook's address is a secret (Slack's and Discord's carry
 * their key in the path: whoever has it can post), so it is kept in the keychain with the signing
 * secret; the row keeps only what is shown ("https://hooks.slack.com/…"), and that is all an answer
 * carries. The delivery queue (webhooks.ts) reads both from here when it sends.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { WebhookDto, WebhookEventName, WebhookFieldsDto } from '../../../shared/contract/features/alerts';
import type { Clock, Logger, Vault } from '../deps';
import type { EventBus } from '../events';
import type { Db } from '../store/open';

/** A keychain entry written for a webhook whose row is not in yet may belong to a create under way. */
const PENDING_GRACE_MS = 60_000;

/**
 * How long one delivery try waits for the keychain to answer. A locked keychain can leave a read
 * hanging (an unlock prompt nobody answers, a Secret Service that never replies): past this the
 * try gives up and waits like a keychain that refused, so the queue behind it moves on.
 */
export const KEYCHAIN_TIMEOUT_MS = 30_000;
export const KEYCHAIN_SILENT_MESSAGE = 'The keychain did not answer (locked?), so the address could not be read: Loomcast tries again in a few minutes.';

/** The keychain entry of a webhook's signing secret. */
export const webhookVaultKey = (id: string) => `webhook:${id}`;
/** The keychain entry of a webhook's address. */
export const webhookUrlVaultKey = (id: string) => `webhook-url:${id}`;

/**
 * What is kept in SQLite and shown of an address: its site, and "…" where there was more (a path,
 * a query, sign-in details), which is where the secret sits.
 */
export function webhookShownUrl(url: string): string {
  try {
    const u = new URL(url);
    const site = `${u.protocol}//${u.host}/`;
    return u.pathname !== '/' || u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '' ? `${site}…` : site;
  } catch {
    return 'https://invalid.invalid/';
  }
}

export interface WebhookRow {
  id: string;
  name: string;
  /** What is shown; the whole address only in a row written before schema 33 and not moved yet. */
  url: string;
  /** 1: the address is in the keychain (webhookUrlVaultKey). */
  url_in_vault: number;
  format: 'json' | 'slack' | 'discord';
  events: string;
  enabled: number;
  created_at: number;
}
export const toWebhook = (r: WebhookRow): WebhookDto => ({ id: r.id, name: r.name, url: r.url_in_vault === 1 ? r.url : webhookShownUrl(r.url), format: r.format, events: JSON.parse(r.events) as WebhookEventName[], enabled: r.enabled === 1, createdAt: new Date(r.created_at).toISOString() });

export interface WebhookListDeps {
  db: Db;
  vault: Vault;
  clock: Clock;
  events: EventBus;
  log: Logger;
}

export function createWebhookList({ db, vault, clock, events, log }: WebhookListDeps) {
  const s = {
    all: db.prepare<[], WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, id'),
    any: db.prepare('SELECT 1 FROM webhooks WHERE enabled = 1 LIMIT 1').pluck(),
    one: db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE id = ?'),
    insert: db.prepare('INSERT INTO webhooks (id, name, url, url_in_vault, format, events, enabled, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)'),
    update: db.prepare('UPDATE webhooks SET name = ?, url = ?, url_in_vault = ?, format = ?, events = ?, enabled = ?, updated_at = ? WHERE id = ?'),
    /** Rows still holding the whole address, written before it went to the keychain. */
    inSqlite: db.prepare<[], WebhookRow>('SELECT * FROM webhooks WHERE url_in_vault = 0'),
    moved: db.prepare('UPDATE webhooks SET url = ?, url_in_vault = 1 WHERE id = ? AND url = ? AND url_in_vault = 0'),
    notePending: db.prepare('INSERT OR REPLACE INTO pending_webhook_secrets (webhook_id, noted_at) VALUES (?, ?)'),
    clearPending: db.prepare('DELETE FROM pending_webhook_secrets WHERE webhook_id = ?'),
    stalePending: db.prepare<[number], { webhook_id: string }>('SELECT webhook_id FROM pending_webhook_secrets WHERE noted_at <= ?'),
    remove: db.prepare('DELETE FROM webhooks WHERE id = ?'),
  };
  const get = (id: string): WebhookRow => {
    const r = s.one.get(id);
    if (!r) throw new AppError('not_found', 'That webhook is no longer there.');
    return r;
  };
  const changed = (ids: string[]) => events.emit('webhooks:changed', { ids });
  /** Deletes a webhook's keychain entries; throws when the keychain does. */
  const forget = async (id: string) => {
    await vault.delete(webhookVaultKey(id));
    await vault.delete(webhookUrlVaultKey(id));
  };
  const keychainRefused = (err: unknown, what: string) =>
    err instanceof AppError ? err : new AppError('vault_unavailable', `The keychain did not take ${what}: ${(err as Error).message}`);
  const requireVault = async (what: string) => {
    const st = await vault.status();
    if (!st.available) throw new AppError('vault_unavailable', `${st.reason} ${what}`);
  };

  /**
   * The address and signing secret of a webhook; null when the keychain cannot be read just now
   * (the delivery waits). An entry that is not there is an AppError: waiting will not bring it back.
   */
  const keysOf = async (hook: WebhookRow): Promise<{ url: string; secret: string } | null> => {
    let secret: string | null;
    let url: string | null;
    try {
      if (!(await vault.status()).available) return null;
      secret = await vault.get(webhookVaultKey(hook.id));
      url = hook.url_in_vault === 1 ? await vault.get(webhookUrlVaultKey(hook.id)) : hook.url;
    } catch {
      return null;
    }
    if (!secret) throw new AppError('vault_unavailable', 'The signing secret is missing from the keychain.');
    if (!url) throw new AppError('vault_unavailable', 'The address is missing from the keychain: edit the webhook and enter its address again.');
    return { url, secret };
  };

  /**
   * The webhook's address and secret, or 'silent' when the keychain has not answered within
   * KEYCHAIN_TIMEOUT_MS, or 'closing' when close() came first. The read left hanging is not
   * awaited any more; whatever it ends with later is dropped.
   */
  function keysWithin(hook: WebhookRow, signal: AbortSignal): Promise<{ url: string; secret: string } | null | 'silent' | 'closing'> {
    if (signal.aborted) return Promise.resolve('closing');
    const read = keysOf(hook);
    read.catch(() => undefined);
    return new Promise((resolve, reject) => {
      const onAbort = () => done(() => resolve('closing'));
      const cancel = clock.setTimer(KEYCHAIN_TIMEOUT_MS, () => done(() => resolve('silent')));
      const done = (settle: () => void) => {
        cancel();
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      read.then(
        (keys) => done(() => resolve(keys)),
        (err: unknown) => done(() => reject(err)),
      );
    });
  }

  return {
    get,
    /** The row, or undefined when it is gone. */
    row: (id: string): WebhookRow | undefined => s.one.get(id),
    rows: (): WebhookRow[] => s.all.all(),
    anyEnabled: (): boolean => s.any.get() !== undefined,
    keysOf,
    keysWithin,
    changed,
    list: (): WebhookDto[] => s.all.all().map(toWebhook),

    /**
     * Adds a webhook: its address and a new signing secret go to the keychain before the row is
     * in (noted in pending_webhook_secrets first, so a crash in between leaves nothing the next
     * start does not clean up); the row keeps only what is shown of the address.
     */
    async create(input: Required<WebhookFieldsDto>): Promise<WebhookDto & { secret: string }> {
      await requireVault("A webhook's address and signing secret are kept in the keychain.");
      const id = randomUUID();
      const secret = randomBytes(32).toString('hex');
      const now = clock.now();
      s.notePending.run(id, now);
      try {
        try {
          await vault.set(webhookVaultKey(id), secret);
          await vault.set(webhookUrlVaultKey(id), input.url);
        } catch (err) {
          throw keychainRefused(err, 'the webhook');
        }
        db.transaction(() => {
          s.clearPending.run(id);
          s.insert.run(id, input.name, webhookShownUrl(input.url), input.format, JSON.stringify([...new Set(input.events)]), input.enabled ? 1 : 0, now, now);
        })();
      } catch (err) {
        // Nothing half-made stays: the entries go, and the note once they are gone (else the next start's sweep does it).
        if (await forget(id).then(() => true, () => false)) s.clearPending.run(id);
        throw err;
      }
      changed([id]);
      return { ...toWebhook(get(id)), secret };
    },

    /**
     * Changes a webhook; an empty or left-out address keeps the one in the keychain, a new one
     * replaces it there (with a new signing secret where the keychain has none, as after an import).
     */
    async update(input: Partial<WebhookFieldsDto> & { id: string }): Promise<WebhookDto> {
      get(input.id);
      const address = input.url?.trim() || null;
      if (address) {
        await requireVault("A webhook's address is kept in the keychain.");
        try {
          await vault.set(webhookUrlVaultKey(input.id), address);
          // A workspace brought from another computer has neither: the new address makes the webhook whole again.
          if (!(await vault.get(webhookVaultKey(input.id)))) await vault.set(webhookVaultKey(input.id), randomBytes(32).toString('hex'));
        } catch (err) {
          throw keychainRefused(err, 'the new address');
        }
      }
      // Read again after the keychain's answer: another change may have come in meanwhile.
      const row = s.one.get(input.id);
      if (!row) {
        if (address) await vault.delete(webhookUrlVaultKey(input.id)).catch(() => false);
        throw new AppError('not_found', 'That webhook is no longer there.');
      }
      const w = toWebhook(row);
      const name = input.name ?? w.name;
      const format = input.format ?? w.format;
      const events = input.events ?? w.events;
      const enabled = input.enabled ?? w.enabled;
      s.update.run(name, address ? webhookShownUrl(address) : row.url, address ? 1 : row.url_in_vault, format, JSON.stringify([...new Set(events)]), enabled ? 1 : 0, clock.now(), input.id);
      changed([input.id]);
      return toWebhook(get(input.id));
    },

    /** Deletes a webhook, then its keychain entries; entries the keychain would not let go are noted for the next start. */
    async remove(id: string): Promise<{ id: string }> {
      get(id);
      db.transaction(() => {
        s.notePending.run(id, clock.now());
        s.remove.run(id);
      })();
      try {
        await forget(id);
        s.clearPending.run(id);
      } catch (err) {
        log.warn('could not delete the keychain entries of a deleted webhook; will try at the next start', { webhook: id, cause: (err as Error).message });
      }
      changed([id]);
      return { id };
    },

    /**
     * At start: deletes the keychain entries of webhooks that were never added or were deleted
     * (the app stopped in between, or the keychain refused), and moves the addresses rows written
     * before schema 33 still hold into the keychain. A keychain that refuses leaves the rest as it
     * is, for the next start; an address leaves SQLite only once the keychain has it.
     */
    async sweep(): Promise<{ cleaned: number; moved: number }> {
      const stale = s.stalePending.all(clock.now() - PENDING_GRACE_MS);
      const inSqlite = s.inSqlite.all();
      let cleaned = 0;
      let moved = 0;
      // Nearly always nothing to do: the start pays two small reads, and asks the keychain only when there is work.
      if ((stale.length === 0 && inSqlite.length === 0) || !(await vault.status()).available) return { cleaned, moved };
      // The old address is overwritten where it sat in the page, not only unlinked.
      const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
      db.pragma('secure_delete = ON');
      try {
        for (const { webhook_id: id } of stale) {
          if (!s.one.get(id)) await forget(id);
          s.clearPending.run(id);
          cleaned++;
        }
        for (const row of inSqlite) {
          await vault.set(webhookUrlVaultKey(row.id), row.url);
          s.moved.run(webhookShownUrl(row.url), row.id, row.url);
          moved++;
        }
      } catch (err) {
        // The keychain is failing: the rest waits for the next start rather than each timing out.
        const cause = inSqlite.reduce((m, r) => m.split(r.url).join('[the address]'), (err as Error).message);
        log.warn('could not move webhook addresses to the keychain or clean up after webhooks; will try at the next start', { cause });
      } finally {
        db.pragma(`secure_delete = ${secureDelete}`);
      }
      // Frames of the WAL may still hold the old pages: written into the database and the WAL emptied.
      if (moved > 0) {
        db.pragma('wal_checkpoint(TRUNCATE)');
        log.info('webhook addresses moved to the keychain', { count: moved });
      }
      return { cleaned, moved };
    },

    async secret(id: string): Promise<{ secret: string }> {
      get(id);
      const secret = await vault.get(webhookVaultKey(id));
      if (!secret) throw new AppError('not_found', 'The signing secret is missing from the keychain. Delete the webhook and add it again.');
      return { secret };
    },
  };
}

export type WebhookList = ReturnType<typeof createWebhookList>;
