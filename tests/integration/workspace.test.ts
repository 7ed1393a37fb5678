import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, PostDto } from '../../shared/contract';
import type { WorkspaceExportDto } from '../../shared/contract/features/workspace';
import { importWorkspace } from '../../electron/core/workspace';
import { RECONNECT_MESSAGE, STRIPPED_COLUMNS, TABLES_WITHOUT_SECRETS, UNSENT_MESSAGE, scrubText, secretStrings } from '../../electron/core/workspace/secrets';
import { DAY, HOUR, seeder } from '../support/analytics-seed';
import { call, createTestCore, memoryVault, tempDir, type TestCore } from '../support/core';

// Distinct, long strings: any of them found in the archive is a leak.
const SECRETS = {
  accessToken: 'tok-ACCESS-7f3a9c2e51b84d06a1e2',
  refreshToken: 'tok-REFRESH-2b9d4e7a0c1f3e5d6b8a',
  appPassword: 'bsky-app-pass-9q8w-7e6r-5t4y',
  clientSecret: 'client-SECRET-5e1c7b3a9d2f4e6a',
  bucketSecret: 'bucketSecretKey+9f8e7d6c5b4a3/21',
  bucketKeyId: 'AKIAEXAMPLEKEYID7788',
  aiKey: 'sk-ai-PROVIDERKEY-0a1b2c3d4e5f6a7b',
  slackPath: 'T0001/B0002/slackHOOKtoken123456789',
  basicAuth: 'modelPASSWORD4242',
};

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('pixels of a loom at dawn '.repeat(40))]);
const JPG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from('threads on a bobbin '.repeat(60))]);

/** Every ordinary table's rows, in a stable order. */
function dump(db: Database.Database): Record<string, Record<string, unknown>[]> {
  const tables = (db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of tables) {
    const rows = db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[];
    out[t] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v]))).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}

const without = (rows: Record<string, unknown>[], cols: readonly string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !cols.includes(k))));

function encodings(s: string): Buffer[] {
  const b64 = Buffer.from(s).toString('base64').replace(/=+$/, '');
  return [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), Buffer.from(b64), Buffer.from(Buffer.from(s).toString('base64url').replace(/=+$/, '')), Buffer.from(s.slice(0, 16), 'utf16le')];
}

describe('moving a workspace to another computer', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function seededCore(): Promise<{ t: TestCore; vault: ReturnType<typeof memoryVault> }> {
    const vault = memoryVault();
    const t = await createTestCore({ vault, zone: 'Europe/Berlin' });
    cleanup.push(() => t.close());
    const now = t.clock.now();
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    cleanup.push(() => void db.close());
    const s = seeder(db, now);

    // Accounts, their sign-ins in the vault only.
    const x = s.account('x', '@weaver');
    const bsky = s.account('bluesky', 'weaver.bsky.social');
    const masto = s.account('mastodon', '@weaver@loom.social');
    db.prepare('UPDATE accounts SET token_expires_at = ?, platform_user_id = ? WHERE id = ?').run(now + 30 * DAY, '1234567', x);
    await vault.set(x, JSON.stringify({ accessToken: SECRETS.accessToken, refreshToken: SECRETS.refreshToken, scope: 'tweet.write' }));
    await vault.set(bsky, JSON.stringify({ accessToken: SECRETS.appPassword }));
    await vault.set(masto, JSON.stringify({ accessToken: `${SECRETS.accessToken}-masto` }));
    await call(t.core, 'apps:set', { platform: 'x', clientId: 'x-client-id-public', clientSecret: SECRETS.clientSecret });
    await call(t.core, 'bucket:set', { endpoint: 'https://s3.eu-central-1.amazonaws.com', region: 'eu-central-1', bucket: 'weaver-media', accessKeyId: SECRETS.bucketKeyId, secretAccessKey: SECRETS.bucketSecret });
    await call(t.core, 'writing:set', { provider: { kind: 'openai', baseURL: `https://weaver:${SECRETS.basicAuth}@models.example.com/v1`, model: 'gpt-test' } });
    await call(t.core, 'writing:setKey', { key: SECRETS.aiKey });
    const hook = await call<{ id: string; secret: string }>(t.core, 'webhooks:create', { name: 'Team Slack', url: `https://hooks.slack.com/services/${SECRETS.slackPath}`, format: 'slack', events: [] });
    expect(vault.entries.get(`webhook:${hook.id}`)).toBe(hook.secret);
    db.prepare(`INSERT INTO webhook_deliveries (id, webhook_id, event, payload, state, attempts, next_attempt_at, created_at) VALUES (?, ?, 'alert.raised', '{"text":"A post failed"}', 'pending', 1, ?, ?)`).run(randomUUID(), hook.id, now + HOUR, now);
    expect(vault.entries.get(`webhook-url:${hook.id}`)).toBe(`https://hooks.slack.com/services/${SECRETS.slackPath}`);
    // An error that quoted the address (the keychain's, now): the safety net must take it out.
    db.prepare(`INSERT INTO webhook_deliveries (id, webhook_id, event, payload, state, attempts, last_status, last_error, created_at, delivered_at) VALUES (?, ?, 'test', '{"text":"Test"}', 'delivered', 2, 200, ?, ?, ?)`).run(randomUUID(), hook.id, `Could not reach https://hooks.slack.com/services/${SECRETS.slackPath}`, now - DAY, now - DAY);
    await call(t.core, 'io:feedEnable');
    await call(t.core, 'apiTokens:create', { name: 'Nightly script', scope: 'read' });
    await call(t.core, 'settings:update', { timeZone: 'America/New_York', missedAction: 'publish', theme: 'dark' });

    // Content: campaigns, templates, ideas, posts in several states, media, analytics.
    const launch = s.campaign('Spring launch');
    db.prepare('UPDATE campaigns SET goal = ?, cost_cents = 12000, utm = ? WHERE id = ?').run('awareness', JSON.stringify({ source: 'loomcast' }), launch);
    db.prepare(`INSERT INTO templates (id, name, category, description, body, builtin, created_at, updated_at) VALUES (?, 'My studio hook', 'hook', 'Mine', 'At the studio today: {thing}', 0, ?, ?)`).run(randomUUID(), now, now);
    db.prepare(`INSERT INTO ideas (id, text, link, tags, created_at, updated_at) VALUES (?, 'Film the warp being wound', 'https://example.com/warp', '["video"]', ?, ?)`).run(randomUUID(), now, now);
    const scheduled = await call<PostDto>(t.core, 'posts:create', { text: 'Spring collection drops tomorrow 🌸', accounts: [x, masto], schedule: { date: '2026-11-25', time: '09:30' } });
    const draft = await call<PostDto>(t.core, 'posts:create', { text: 'Draft: behind the scenes', accounts: [bsky], schedule: null, thread: ['Part two of the thread'] });
    await call(t.core, 'posts:update', { id: draft.id, text: 'Draft: behind the scenes (v2)' });
    const published = s.post({ accountId: x, text: 'Our first scarf is live', publishedAt: now - 3 * DAY, campaignId: launch, url: 'https://x.com/weaver/status/1' });
    s.record(published.targetId, now - 3 * DAY + HOUR, { views: 120, likes: 4 });
    s.record(published.targetId, now - 2 * DAY, { views: 900, likes: 31, replies: 3 });
    s.checked(published.targetId, now - 3 * DAY, now - 2 * DAY);
    db.prepare('INSERT INTO follower_snapshots (account_id, at, followers) VALUES (?, ?, 1520)').run(x, now - DAY);
    const failed = s.post({ accountId: masto, text: 'This one failed', publishedAt: now - DAY });
    // A platform error that echoed the token back: the safety net must take it out.
    db.prepare(`UPDATE targets SET state = 'failed', published_at = NULL, attempts = 3, last_error = ? WHERE id = ?`).run(`401 from server: token ${SECRETS.accessToken}-masto is invalid`, failed.targetId);
    const png = t.core.services.media.put(PNG, 'image/png', { width: 640, height: 480 });
    const jpg = t.core.services.media.put(JPG, 'image/jpeg');
    db.transaction(() => t.core.services.media.setForPost(scheduled.id, [{ hash: png, altText: 'A scarf on the loom' }, { hash: jpg, altText: null }]))();
    return { t, vault };
  }

  it('exports everything but secrets, and an import on another computer loses nothing', async () => {
    const { t, vault } = await seededCore();
    const allSecrets = [...Object.values(SECRETS), ...[...vault.entries.values()]];

    // A search first, so the search index holds the posts' words.
    expect((await call<{ posts: PostDto[] }>(t.core, 'posts:search', { text: 'scarf' })).posts.map((p) => p.text)).toEqual(['Our first scarf is live']);
    const out = await call<WorkspaceExportDto>(t.core, 'workspace:export');
    expect(out.saved).toBe(true);
    expect(out.path).toMatch(/exports[\\/]loomcast-workspace-\d{4}-\d{2}-\d{2}\.tar\.gz$/);
    expect(out.counts).toMatchObject({ posts: 4, media: 2, accounts: 3, ideas: 1, campaigns: 1 });
    if (process.platform !== 'win32') expect(statSync(out.path!).mode & 0o777).toBe(0o600);
    // No temporary file or work folder is left behind.
    expect(readdirSync(join(t.dataDir, 'exports'))).toEqual([out.path!.split(/[\\/]/).pop()]);
    expect(readdirSync(t.dataDir).filter((n) => n.startsWith('.workspace-export-'))).toEqual([]);
    // Browser mode's download link works once.
    expect(t.core.services.workspace.takeDownload(out.downloadId!)).toBe(out.path);
    expect(t.core.services.workspace.takeDownload(out.downloadId!)).toBeNull();

    // No secret in the file, compressed or not, in any usual encoding.
    const raw = readFileSync(out.path!);
    const unpacked = gunzipSync(raw);
    for (const secret of allSecrets) {
      for (const enc of encodings(secret)) {
        expect(raw.includes(enc), `${secret} in the archive`).toBe(false);
        expect(unpacked.includes(enc), `${secret} (${enc.toString('hex').slice(0, 16)}…) in the unpacked archive`).toBe(false);
      }
    }

    const home = tempDir('loomcast-import-');
    cleanup.push(() => home.remove());
    const target = join(home.path, 'Loomcast');
    const result = await importWorkspace(out.path!, target);
    expect(result.accountsToReconnect).toBe(3);
    expect(readdirSync(target).sort()).toEqual(['loomcast.sqlite', 'media']);
    expect(readdirSync(home.path)).toEqual(['Loomcast']);

    // Every table, row by row: equal, except the columns the secret policy changes (checked below).
    const original = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    cleanup.push(() => void original.close());
    const before = dump(original);
    const imported = new Database(join(target, 'loomcast.sqlite'), { readonly: true });
    cleanup.push(() => void imported.close());
    const after = dump(imported);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const reviewed = new Set<string>([...TABLES_WITHOUT_SECRETS, ...Object.keys(STRIPPED_COLUMNS)]);
    expect(Object.keys(before).filter((name) => !reviewed.has(name) && !name.startsWith('templates_fts')), 'tables nobody has reviewed for secrets').toEqual([]);
    // What the safety net rewrites: the keychain's secrets and sign-ins inside addresses, wherever they are.
    const keychain = [...vault.entries.values()].flatMap(secretStrings);
    const expected = Object.fromEntries(Object.entries(before).map(([table, rows]) => [table, rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? scrubText(v, keychain) : v])))]));
    for (const table of Object.keys(before)) {
      if (table === 'settings') continue; // per key, below
      if (table === 'api_tokens' || table.startsWith('post_search_')) continue; // emptied, below
      const skip = STRIPPED_COLUMNS[table] ?? [];
      expect(without(after[table]!, skip), table).toEqual(without(expected[table]!, skip));
    }
    const changedCells = Object.keys(before).flatMap((table) => before[table]!.flatMap((r, i) => Object.keys(r).filter((k) => r[k] !== expected[table]![i]![k]).map((k) => `${table}.${k}`)));
    expect(changedCells.sort()).toEqual(['audit_log.detail', 'settings.value', 'targets.last_error', 'webhook_deliveries.last_error']);
    expect(after.targets!.find((r) => r.state === 'failed')!.last_error).toBe('401 from server: token [removed] is invalid');
    expect(before.targets!.map((r) => r.state).sort()).toEqual(['draft', 'failed', 'published', 'scheduled', 'scheduled']);

    // The policy: accounts signed out, secrets gone, webhooks off with only their site, no API tokens.
    expect([before.api_tokens!.length, after.api_tokens!.length]).toEqual([1, 0]);
    // The search index is not carried (the scrub cannot reach inside it); the first search there rebuilds it.
    expect([before.post_search_docs!.length, after.post_search_docs!.length]).toEqual([4, 0]);
    expect(after.accounts!.every((a) => a.status === 'needs_reconnect' && a.token_expires_at === null && a.last_error === RECONNECT_MESSAGE)).toBe(true);
    expect(after.app_credentials).toEqual([expect.objectContaining({ platform: 'x', client_id: 'x-client-id-public', has_secret: 0 })]);
    // (Shown by its site; the address itself was in the other computer's keychain, so it is asked for again.)
    expect(before.webhooks).toEqual([expect.objectContaining({ url: 'https://hooks.slack.com/…', url_in_vault: 1 })]);
    expect(after.webhooks).toEqual([expect.objectContaining({ name: 'Team Slack', url: 'https://hooks.slack.com/', url_in_vault: 1, enabled: 0, format: 'slack' })]);
    expect(after.webhook_deliveries!.map((d) => [d.state, d.last_error]).sort()).toEqual([['delivered', 'Could not reach [removed]'], ['failed', UNSENT_MESSAGE]]);
    const setting = (rows: Record<string, unknown>[], key: string) => rows.find((r) => r.key === key)?.value as string | undefined;
    for (const row of before.settings!) {
      if (['media_bucket', 'writing.provider', 'io.icalFeed'].includes(row.key as string)) continue;
      expect(setting(after.settings!, row.key as string), row.key as string).toBe(row.value);
    }
    expect(setting(after.settings!, 'io.icalFeed')).toBeUndefined();
    expect(JSON.parse(setting(after.settings!, 'media_bucket')!)).toEqual({ ...JSON.parse(setting(before.settings!, 'media_bucket')!), accessKeyId: '' });
    expect(JSON.parse(setting(after.settings!, 'writing.provider')!)).toMatchObject({ kind: 'openai', model: 'gpt-test', baseURL: 'https://models.example.com/v1' });

    // Media: the same bytes under the same names.
    for (const [hash, bytes] of [[createHash('sha256').update(PNG).digest('hex'), PNG], [createHash('sha256').update(JPG).digest('hex'), JPG]] as const) {
      expect(readFileSync(join(target, 'media', hash)).equals(bytes)).toBe(true);
    }
    const importedDb = readFileSync(join(target, 'loomcast.sqlite'));
    for (const secret of allSecrets) for (const enc of encodings(secret)) expect(importedDb.includes(enc), `${secret} in the imported database`).toBe(false);

    // The imported folder opens as a workspace on a computer whose keychain knows nothing.
    const moved = await createTestCore({ dataDir: target, vault: memoryVault(), zone: 'Europe/Berlin' });
    cleanup.push(() => moved.close());
    const accounts = await call<AccountDto[]>(moved.core, 'accounts:list');
    expect(accounts.map((a) => a.status)).toEqual(['needs_reconnect', 'needs_reconnect', 'needs_reconnect']);
    const upcoming = await call<PostDto[]>(moved.core, 'posts:list', { scope: 'all' });
    expect(upcoming.length).toBe(4);
    const media = moved.core.services.media.forPost(upcoming.find((p) => p.text.startsWith('Spring'))!.id);
    expect(media.map((m) => m.altText)).toEqual(['A scarf on the loom', null]);
    expect(Buffer.from(await media[0]!.read()).equals(PNG)).toBe(true);
  });

  it('clears the work folder an export killed mid-way left in the data folder (a whole copy of the database)', async () => {
    const t = await createTestCore();
    cleanup.push(() => t.close());
    // What SIGKILL or a power cut mid-export leaves: the snapshot, and hard links to media files.
    const left = join(t.dataDir, '.workspace-export-Ab12Cd');
    mkdirSync(join(left, 'media'), { recursive: true });
    writeFileSync(join(left, 'loomcast.sqlite'), 'a whole copy of the database');
    await call<WorkspaceExportDto>(t.core, 'workspace:export');
    expect(readdirSync(t.dataDir).filter((n) => n.startsWith('.workspace-export-'))).toEqual([]);
  });

  it('says a media file whose bytes were damaged on disk was missing, so the archive still imports', async () => {
    const t = await createTestCore();
    cleanup.push(() => t.close());
    const good = t.core.services.media.put(PNG, 'image/png');
    const damaged = t.core.services.media.put(JPG, 'image/jpeg');
    // A failing disk flips bytes: the file no longer holds what its name (its SHA-256) says.
    const bytes = Buffer.from(JPG);
    bytes[10] = bytes[10]! ^ 0xff;
    writeFileSync(join(t.dataDir, 'media', damaged), bytes);

    const out = await call<WorkspaceExportDto>(t.core, 'workspace:export');
    expect(out.missingMedia).toBe(1);
    const home = tempDir('loomcast-import-');
    cleanup.push(() => home.remove());
    const r = await importWorkspace(out.path!, join(home.path, 'Loomcast'));
    expect(r.manifest.missingMedia).toEqual([damaged]);
    expect(readdirSync(join(home.path, 'Loomcast', 'media'))).toEqual([good]);
  });
});
