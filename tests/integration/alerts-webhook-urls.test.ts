/**
 * A webhook's address is a secret (Slack's and Discord's carry their key in the path): it is kept
 * in the keychain, the row and every answer keep only its site, deliveries read it when they send
 * (and wait while the keychain cannot be read), and addresses older databases hold are moved to
 * the keychain at start, never lost.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core';
import { openStore, type Store } from '../../electron/core/store/open';
import { stripSecrets } from '../../electron/core/workspace/secrets';
import { KEYCHAIN_WAIT_MESSAGE, KEYCHAIN_WAIT_MS, webhookShownUrl, webhookUrlVaultKey, webhookVaultKey } from '../../electron/core/alerts/webhooks';
import type { Vault } from '../../electron/core/deps';
import type { WebhookDeliveryDto, WebhookDto } from '../../shared/contract/features/alerts';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { call, createTestCore, memoryVault, tempDir, type TestCore } from '../support/core';

const TOKEN = 'xoxHookPathToken0123456789abcdef';
const OTHER_TOKEN = 'secondHookToken9876543210zyxwvu';

/** A keychain that can be locked (cannot be read or written) or made to refuse one kind of call. */
function switchableVault() {
  const inner = memoryVault();
  const v = {
    entries: inner.entries,
    locked: false,
    refuse: new Set<'get' | 'set' | 'delete'>(),
    calls: [] as string[],
  };
  const check = (what: 'get' | 'set' | 'delete', key: string) => {
    v.calls.push(`${what} ${key}`);
    if (v.locked || v.refuse.has(what)) throw new Error('The keychain is locked (test).');
  };
  const vault: Vault = {
    status: async () => (v.locked ? { available: false, reason: 'The keychain is locked (test).' } : { available: true }),
    get: async (k) => (check('get', k), inner.get(k)),
    set: async (k, s) => (check('set', k), inner.set(k, s)),
    delete: async (k) => (check('delete', k), inner.delete(k)),
  };
  return Object.assign(v, { vault });
}

/** Every byte Loomcast keeps in its data folder (database, WAL, logs, backups), as one text per file. */
function filesHolding(dir: string, needle: string): string[] {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(dir).filter((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(needle)));
}

describe('webhook addresses live in the keychain', () => {
  let t: TestCore | null = null;
  let dir = '';
  let receiver: WebhookReceiver;
  let keys: ReturnType<typeof switchableVault>;
  let second: Store | null = null;

  const start = async () => {
    keys = switchableVault();
    receiver = await startWebhookReceiver();
    t = await createTestCore({ vault: keys.vault });
    dir = t.dataDir;
    return t;
  };
  const restart = async () => {
    second?.close();
    second = null;
    t = await t!.restart();
  };
  const close = async () => {
    second?.close();
    second = null;
    await t!.close();
    t = null;
  };
  /** A second connection to the core's database, to look at what SQLite holds. */
  const db = () => (second ??= openStore(join(dir, DATABASE_FILE), undefined, () => t!.clock.now())).db;
  const address = (token = TOKEN) => `${receiver.url}/T000/B000/${token}`;
  const shown = () => `${receiver.url.replace(/\/hook$/, '/')}…`;
  const row = (id: string) => db().prepare('SELECT url, url_in_vault FROM webhooks WHERE id = ?').get(id) as { url: string; url_in_vault: number } | undefined;
  const pending = () => (db().prepare('SELECT webhook_id FROM pending_webhook_secrets').all() as { webhook_id: string }[]).map((r) => r.webhook_id);
  const create = async (url = address()) => {
    const made = await call<WebhookDto & { secret: string }>(t!.core, 'webhooks:create', { name: 'Team', url, format: 'slack', events: ['post.published'] });
    receiver.setSecret(made.secret);
    return made;
  };
  /** Puts a webhook back as a database from before schema 33 had it: the whole address in its row, none in the keychain. */
  const asBefore33 = (id: string, url: string) => {
    db().prepare('UPDATE webhooks SET url = ?, url_in_vault = 0 WHERE id = ?').run(url, id);
    keys.entries.delete(webhookUrlVaultKey(id));
  };

  afterEach(async () => {
    second?.close();
    second = null;
    await t?.close();
    t = null;
    await receiver?.stop();
  });

  it('an exported workspace keeps the site of an address not moved yet, and asks for the address again', () => {
    const snapshot = tempDir();
    const store = openStore(join(snapshot.path, 'snapshot.sqlite'));
    try {
      store.db.prepare(`INSERT INTO webhooks (id, name, url, format, created_at, updated_at) VALUES ('w1', 'Old', ?, 'slack', 1, 1)`).run(`https://hooks.slack.com/services/${TOKEN}`);
      stripSecrets(store.db);
      expect(store.db.prepare('SELECT url, url_in_vault, enabled FROM webhooks').all()).toEqual([{ url: 'https://hooks.slack.com/', url_in_vault: 1, enabled: 0 }]);
    } finally {
      store.close();
      snapshot.remove();
    }
  });

  it('shows an address by its site, with … where it went on', () => {
    expect(webhookShownUrl('https://hooks.slack.com/services/T0/B0/abc')).toBe('https://hooks.slack.com/…');
    expect(webhookShownUrl('https://discord.com/api/webhooks/1/x?wait=true')).toBe('https://discord.com/…');
    expect(webhookShownUrl('https://example.com/?token=abc')).toBe('https://example.com/…');
    expect(webhookShownUrl('https://user:pass@example.com/')).toBe('https://example.com/…');
    expect(webhookShownUrl('https://example.com')).toBe('https://example.com/');
  });

  it('keeps the address in the keychain, only its site in SQLite and in every answer; deliveries go to the whole address', async () => {
    await start();
    const made = await create();
    expect(made.url).toBe(shown());
    expect(keys.entries.get(webhookUrlVaultKey(made.id))).toBe(address());
    expect(keys.entries.get(webhookVaultKey(made.id))).toBe(made.secret);
    expect(row(made.id)).toEqual({ url: shown(), url_in_vault: 1 });
    expect(pending()).toEqual([]);

    const answers = [
      await call(t!.core, 'webhooks:list'),
      await call(t!.core, 'webhooks:update', { id: made.id, name: 'Team chat' }),
      await call(t!.core, 'webhooks:update', { id: made.id, url: '', format: 'json' }),
      await call(t!.core, 'webhooks:test', { id: made.id }),
      await call(t!.core, 'webhooks:deliveries', {}),
    ];
    expect(JSON.stringify(answers)).not.toContain(TOKEN);
    // The empty address kept the one in the keychain.
    expect(keys.entries.get(webhookUrlVaultKey(made.id))).toBe(address());
    expect(receiver.received.map((r) => [r.path, r.signatureValid])).toEqual([[`/hook/T000/B000/${TOKEN}`, true]]);

    await close();
    expect(filesHolding(dir, TOKEN)).toEqual([]);
  });

  it('a new address replaces the one in the keychain; one that is not an address is refused', async () => {
    await start();
    const made = await create();
    const edited = await call<WebhookDto>(t!.core, 'webhooks:update', { id: made.id, url: ` ${address(OTHER_TOKEN)} ` });
    expect(edited.url).toBe(shown());
    expect(keys.entries.get(webhookUrlVaultKey(made.id))).toBe(address(OTHER_TOKEN));
    expect(await call<WebhookDeliveryDto>(t!.core, 'webhooks:test', { id: made.id })).toMatchObject({ state: 'delivered' });
    expect(receiver.received.map((r) => r.path)).toEqual([`/hook/T000/B000/${OTHER_TOKEN}`]);

    // Brought from another computer, the keychain has neither address nor secret: a new address makes it whole.
    keys.entries.clear();
    await call(t!.core, 'webhooks:update', { id: made.id, url: address() });
    const secret = (await call<{ secret: string }>(t!.core, 'webhooks:secret', { id: made.id })).secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    receiver.setSecret(secret);
    expect(await call<WebhookDeliveryDto>(t!.core, 'webhooks:test', { id: made.id })).toMatchObject({ state: 'delivered' });
    expect(receiver.received.map((r) => [r.path, r.signatureValid])).toEqual([
      [`/hook/T000/B000/${OTHER_TOKEN}`, true],
      [`/hook/T000/B000/${TOKEN}`, true],
    ]);

    const refused = await t!.core.dispatch('webhooks:update', { id: made.id, url: 'hooks.slack.com/x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // The keychain refusing the new address changes nothing.
    keys.refuse.add('set');
    expect(await t!.core.dispatch('webhooks:update', { id: made.id, url: address(OTHER_TOKEN) })).toMatchObject({ ok: false, error: { code: 'vault_unavailable' } });
    expect(keys.entries.get(webhookUrlVaultKey(made.id))).toBe(address());
  });

  it('deleting takes the keychain entries with it; entries the keychain keeps are deleted at the next start', async () => {
    await start();
    const a = await create();
    await call(t!.core, 'webhooks:delete', { id: a.id });
    expect([...keys.entries.keys()].filter((k) => k.includes(a.id))).toEqual([]);
    expect(pending()).toEqual([]);

    const b = await create(address(OTHER_TOKEN));
    keys.refuse.add('delete');
    await call(t!.core, 'webhooks:delete', { id: b.id });
    expect(keys.entries.get(webhookUrlVaultKey(b.id))).toBe(address(OTHER_TOKEN));
    expect(pending()).toEqual([b.id]);
    keys.refuse.clear();
    t!.clock.advance(5 * 60_000);
    await restart();
    expect([...keys.entries.keys()].filter((k) => k.includes(b.id))).toEqual([]);
    expect(pending()).toEqual([]);
  });

  it('a create the keychain refuses halfway leaves no row, no entry and no note; one cut off before its row is cleaned up at the next start', async () => {
    await start();
    // The secret is taken, the address refused.
    const set = keys.vault.set;
    keys.vault.set = async (k, s) => (k.startsWith('webhook-url:') ? Promise.reject(new Error('The keychain is locked (test).')) : set(k, s));
    expect(await t!.core.dispatch('webhooks:create', { name: 'Team', url: address(), events: [] })).toMatchObject({ ok: false, error: { code: 'vault_unavailable' } });
    keys.vault.set = set;
    expect(await call(t!.core, 'webhooks:list')).toEqual([]);
    expect([...keys.entries.keys()]).toEqual([]);
    expect(pending()).toEqual([]);

    // The app stopped after the keychain took both, before the row: a note and two entries, no row.
    db().prepare('INSERT INTO pending_webhook_secrets (webhook_id, noted_at) VALUES (?, ?)').run('cut-off', t!.clock.now());
    keys.entries.set(webhookVaultKey('cut-off'), 'secret');
    keys.entries.set(webhookUrlVaultKey('cut-off'), address());
    // Within the grace a create may still be under way in another process: left alone.
    await restart();
    expect(keys.entries.has(webhookUrlVaultKey('cut-off'))).toBe(true);
    t!.clock.advance(5 * 60_000);
    await restart();
    expect([...keys.entries.keys()]).toEqual([]);
    expect(pending()).toEqual([]);
  });

  it('a delivery waits, untried and not failed, while the keychain cannot be read, and goes out once it can; the address is never logged', async () => {
    await start();
    const made = await create();
    keys.locked = true;
    const waiting = await call<WebhookDeliveryDto>(t!.core, 'webhooks:test', { id: made.id });
    expect(waiting).toMatchObject({ state: 'pending', attempts: 0, lastError: KEYCHAIN_WAIT_MESSAGE });
    expect(Date.parse(waiting.nextAttemptAt!) - t!.clock.now()).toBe(KEYCHAIN_WAIT_MS);
    // Readable status, failing read: the same.
    keys.locked = false;
    keys.refuse.add('get');
    t!.clock.advance(KEYCHAIN_WAIT_MS);
    await expect.poll(async () => (await call<WebhookDeliveryDto[]>(t!.core, 'webhooks:deliveries', {}))[0]!.nextAttemptAt).toBe(new Date(t!.clock.now() + KEYCHAIN_WAIT_MS).toISOString());
    expect(receiver.received).toEqual([]);
    keys.refuse.clear();
    t!.clock.advance(KEYCHAIN_WAIT_MS);
    await expect.poll(async () => (await call<WebhookDeliveryDto[]>(t!.core, 'webhooks:deliveries', {}))[0]).toMatchObject({ state: 'delivered', attempts: 1, lastError: null });
    expect(receiver.received.map((r) => r.signatureValid)).toEqual([true]);

    // An address the keychain no longer has will not come back by waiting: failed, with what to do.
    keys.entries.delete(webhookUrlVaultKey(made.id));
    expect(await call<WebhookDeliveryDto>(t!.core, 'webhooks:test', { id: made.id })).toMatchObject({ state: 'failed', lastError: expect.stringContaining('enter its address again') });
    await close();
    expect(filesHolding(dir, TOKEN)).toEqual([]);
  });

  it('an address that cannot be reached is not quoted in the error', async () => {
    await start();
    const made = await create();
    // Too long a port: fetch refuses the address and its message quotes it.
    await call(t!.core, 'webhooks:update', { id: made.id, url: `http://127.0.0.1:999999/${TOKEN}` });
    const d = await call<WebhookDeliveryDto>(t!.core, 'webhooks:test', { id: made.id });
    expect(d.lastError).toBeTruthy();
    expect(d.lastError).not.toContain(TOKEN);
    await close();
    expect(filesHolding(dir, TOKEN)).toEqual([]);
  });

  it('moves the addresses an older database holds to the keychain at start; a keychain that refuses leaves them, still delivered, for the next start', async () => {
    await start();
    // Long, as many are: what it shrinks to is written over only a part of where it sat in the page.
    const long = `${address()}?pad=${'p'.repeat(600)}`;
    const made = await create(long);
    asBefore33(made.id, long);
    // Shown by its site even before it moved.
    expect((await call<WebhookDto[]>(t!.core, 'webhooks:list'))[0]!.url).toBe(shown());

    keys.refuse.add('set');
    await restart();
    expect(row(made.id)).toEqual({ url: long, url_in_vault: 0 });
    expect(keys.entries.has(webhookUrlVaultKey(made.id))).toBe(false);
    expect(await call<WebhookDeliveryDto>(t!.core, 'webhooks:test', { id: made.id })).toMatchObject({ state: 'delivered' });
    const path = long.slice(receiver.url.length - '/hook'.length);
    expect(receiver.received.map((r) => r.path)).toEqual([path]);

    keys.refuse.clear();
    await restart();
    // Out of the database file at once, while the app runs, not at the WAL's next checkpoint.
    const notBackups = (files: string[]) => files.filter((f) => !f.startsWith(join(dir, 'backups')));
    expect(notBackups(filesHolding(dir, TOKEN))).toEqual([]);
    expect(row(made.id)).toEqual({ url: shown(), url_in_vault: 1 });
    expect(keys.entries.get(webhookUrlVaultKey(made.id))).toBe(long);
    expect(await call<WebhookDeliveryDto>(t!.core, 'webhooks:test', { id: made.id })).toMatchObject({ state: 'delivered' });
    expect(receiver.received.map((r) => r.path)).toEqual([path, path]);
    await close();
    // Not left in a free part of a page or in the WAL either (backups made before it moved are the creator's to delete).
    expect(notBackups(filesHolding(dir, TOKEN))).toEqual([]);
  });
});
