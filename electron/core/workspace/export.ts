/**
 * Export: one .tar.gz holding a manifest, a consistent snapshot of the database (VACUUM INTO, a
 * read transaction: the running core keeps writing) with its secrets stripped, and the media files
 * the database names. Written under a temporary name, owner-only, then renamed into place.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, closeSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { syncFile, syncParent } from '../store/durable-files';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { create as createTar } from 'tar';
import type { Vault } from '../deps';
import type { Db } from '../store/open';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/private-files';
import { webhookUrlVaultKey, webhookVaultKey } from '../alerts/webhook-list';
import { aiVaultKey } from '../ai/types';
import { WRITING_PROVIDER_ID } from '../features/writing';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, DATABASE_ENTRY, MANIFEST_ENTRY, type Manifest } from './manifest';
import { LEFT_OUT, scrubKnownSecrets, secretStrings, stripSecrets } from './secrets';

export interface ExportOptions {
  db: Db;
  dataDir: string;
  /** Where the archive goes; an existing file there is replaced only once the new one is complete. */
  destination: string;
  appVersion: string;
  now: () => number;
  /** Read to find the keychain's secrets so none of them can slip into the snapshot's text. */
  vault?: Vault;
  /** better-sqlite3's compiled addon (the Electron build in the desktop app). */
  nativeBinding?: string;
}

export interface ExportResult {
  path: string;
  bytes: number;
  manifest: Manifest;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The secrets the keychain holds for this workspace, as far as the database names their keys. */
async function keychainSecrets(db: Db, vault: Vault | undefined): Promise<string[]> {
  if (!vault || !(await vault.status()).available) return [];
  const names = (sql: string) => (db.prepare(sql).all() as { k: string }[]).map((r) => r.k);
  const keys = [
    ...names('SELECT id AS k FROM accounts'),
    ...names('SELECT platform AS k FROM app_credentials').map((p) => `app:${p}`),
    ...names('SELECT id AS k FROM webhooks').flatMap((id) => [webhookVaultKey(id), webhookUrlVaultKey(id)]),
    'bucket:media',
    aiVaultKey(WRITING_PROVIDER_ID),
  ];
  const out: string[] = [];
  for (const key of keys) {
    const raw = await vault.get(key).catch(() => null);
    if (raw) out.push(...secretStrings(raw));
  }
  return [...new Set(out)];
}

/** Takes the snapshot into `file`, strips it, and rewrites it so no stripped byte remains in free pages. */
function snapshot(db: Db, file: string, secrets: readonly string[], nativeBinding: string | undefined): { schemaVersion: number; counts: Record<string, number>; media: string[] } {
  db.prepare('VACUUM INTO ?').run(file);
  const snap = new Database(file, { nativeBinding });
  try {
    snap.pragma('journal_mode = DELETE');
    snap.pragma('secure_delete = ON');
    snap.pragma('foreign_keys = OFF');
    stripSecrets(snap);
    if (scrubKnownSecrets(snap, secrets) > 0) {
      for (const t of snap.prepare(`SELECT name FROM pragma_table_list WHERE type = 'virtual'`).all() as { name: string }[]) {
        if (/fts5/i.test((snap.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(t.name) as { sql: string }).sql)) snap.exec(`INSERT INTO "${t.name}"("${t.name}") VALUES ('optimize')`);
      }
    }
    snap.exec('VACUUM');
    const ok = snap.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error(`the snapshot failed its integrity check: ${String(ok)}`);
    const tables = (snap.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = (snap.prepare(`SELECT count(*) AS n FROM "${t.replace(/"/g, '""')}"`).get() as { n: number }).n;
    const schemaVersion = (snap.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v;
    const media = (snap.prepare('SELECT hash FROM media ORDER BY hash').all() as { hash: string }[]).map((r) => r.hash);
    return { schemaVersion, counts, media };
  } finally {
    snap.close();
  }
}

export function archiveFileName(now: number): string {
  return `loomcast-workspace-${new Date(now).toISOString().slice(0, 10)}.tar.gz`;
}

/** Work folders of exports under way in this process; any other in the data folder was left by a crash. */
const activeWork = new Set<string>();
const WORK_PREFIX = '.workspace-export-';

export async function exportWorkspace(opts: ExportOptions): Promise<ExportResult> {
  const secrets = await keychainSecrets(opts.db, opts.vault);
  // An export killed mid-way leaves its work folder: a whole copy of the database, and hard links
  // that keep media the sweep removed on the disk. Nothing would ever take it away but this.
  for (const left of readdirSync(opts.dataDir)) {
    if (left.startsWith(WORK_PREFIX) && !activeWork.has(join(opts.dataDir, left))) rmSync(join(opts.dataDir, left), { recursive: true, force: true });
  }
  // The work folder sits in the private data folder: same disk as the media (hard links), owner-only.
  const work = mkdtempSync(join(opts.dataDir, WORK_PREFIX));
  activeWork.add(work);
  const part = join(dirname(opts.destination), `.${basename(opts.destination)}.${randomBytes(6).toString('hex')}.part`);
  try {
    const snap = snapshot(opts.db, join(work, DATABASE_ENTRY), secrets, opts.nativeBinding);
    const entries: Manifest['entries'] = [{ path: DATABASE_ENTRY, bytes: statSync(join(work, DATABASE_ENTRY)).size, sha256: await sha256File(join(work, DATABASE_ENTRY)) }];
    const missingMedia: string[] = [];
    mkdirSync(join(work, 'media'), { mode: PRIVATE_DIR_MODE });
    for (const hash of snap.media) {
      const from = join(opts.dataDir, 'media', hash);
      if (!existsSync(from)) {
        missingMedia.push(hash);
        continue;
      }
      const to = join(work, 'media', hash);
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to);
      }
      const sha256 = await sha256File(to);
      // Bytes that no longer match their name (a damaged disk) are not that picture any more, and an
      // import refuses a file under another's name: the archive says the file was missing instead.
      if (sha256 !== hash) {
        rmSync(to, { force: true });
        missingMedia.push(hash);
        continue;
      }
      entries.push({ path: `media/${hash}`, bytes: statSync(to).size, sha256 });
    }
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      app: { name: 'Loomcast', version: opts.appVersion },
      schemaVersion: snap.schemaVersion,
      createdAt: new Date(opts.now()).toISOString(),
      counts: snap.counts,
      entries,
      missingMedia,
      leftOut: LEFT_OUT,
    };
    writeFileSync(join(work, MANIFEST_ENTRY), JSON.stringify(manifest, null, 2), { mode: PRIVATE_FILE_MODE });
    // Created owner-only before tar opens it (tar keeps an existing file's mode).
    closeSync(openSync(part, 'wx', PRIVATE_FILE_MODE));
    await createTar({ file: part, gzip: true, cwd: work, portable: true, follow: false }, [MANIFEST_ENTRY, ...entries.map((e) => e.path)]);
    chmodSync(part, PRIVATE_FILE_MODE);
    // "Exported" means on disk: the creator may unplug the drive or wipe this machine next.
    syncFile(part);
    renameSync(part, opts.destination);
    syncParent(opts.destination);
    return { path: opts.destination, bytes: statSync(opts.destination).size, manifest };
  } catch (err) {
    if (existsSync(part)) unlinkSync(part);
    throw err;
  } finally {
    rmSync(work, { recursive: true, force: true });
    activeWork.delete(work);
  }
}
