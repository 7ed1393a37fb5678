/**
 * Crash recovery below the core: SIGKILL at random moments while the database migrates, while
 * backups are written and rotated, and while a workspace archive replaces the data (unpack,
 * stage, swap at the next start). After every kill the data folder is opened as the next start
 * would, and must be whole: integrity_check ok, a schema that is exactly one version's, every
 * row there, every offered backup sound, the workspace either the old one or the new one.
 *
 * Each kill is one small child process (tests/resilience/crash/child) on one data folder per
 * operation, killed again and again. LOOMCAST_CRASH_SEED replays the delays.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import { openStore } from '../../electron/core/store/open';
import { applyStagedRestore } from '../../electron/core/store/recovery';
import { exportWorkspace } from '../../electron/core/workspace/export';
import { ramDir } from './support/ram-dir';
import { runChild } from './crash/harness';
import { checkBackups, copyDatabase, DB, factsOf, leftovers, oldDatabase, schemasByVersion } from './crash/store-checks';
import { prng, seedFrom, withSeed } from './support/prng';

const seed = seedFrom('LOOMCAST_CRASH_SEED');
const scale = Number(process.env.LOOMCAST_CRASH_SCALE ?? 1);
const KILLS = { migrate: Math.round(66 * scale), backup: Math.round(45 * scale), workspace: Math.round(45 * scale) };
const LATEST = MIGRATIONS.length;
const landed: Record<string, number> = {};

describe.concurrent('SIGKILL during migration, backup and workspace replace', () => {
  const bundle = { entry: inject('crashChild') };
  // On a RAM disk where there is one: a kill loses nothing the kernel already has (only a power
  // cut would), so the disk's fsyncs would only add time.
  const work = ramDir('loomcast-crash-store-');

  afterAll(() => {
    work.remove();
    console.log(`crash (store) seed ${seed}: kills that landed mid-operation ${JSON.stringify(landed)}`);
  });

  it('a migration killed anywhere leaves one whole schema version and every row; the next start finishes it', () =>
    withSeed('LOOMCAST_CRASH_SEED', seed, async () => {
      const rnd = prng(seed ^ 0x1);
      const dir = join(work.path, 'migrate');
      mkdirSync(dir);
      const schemas = schemasByVersion(join(work.path, 'steps'));
      const template = join(work.path, 'v1.sqlite');
      oldDatabase(template, 400);
      copyDatabase(template, dir);
      let window = (await runChild(bundle.entry, 'migrate', { dataDir: dir }, null)).ms;
      expect(factsOf(dir)).toMatchObject({ integrity: 'ok', version: LATEST, posts: 400 });
      const seen = new Set<string>();
      const versions = new Set<number>();
      landed.migrate = 0;
      for (let i = 0; i < KILLS.migrate; i++) {
        if (factsOf(dir).version === LATEST) copyDatabase(template, dir);
        const run = await runChild(bundle.entry, 'migrate', { dataDir: dir }, rnd.next() * window * 1.1);
        if (run.killed) landed.migrate++;
        else window = run.ms;
        const facts = factsOf(dir);
        versions.add(facts.version);
        expect(facts.integrity, `kill ${i}`).toBe('ok');
        expect(facts.schema, `kill ${i}: the schema is exactly version ${facts.version}'s`).toBe(schemas[facts.version]);
        expect(facts.posts, `kill ${i}`).toBe(400);
        expect(checkBackups(dir, seen), `kill ${i}`).toEqual([]);
      }
      // The last start after the kills finishes the job.
      await runChild(bundle.entry, 'migrate', { dataDir: dir }, null);
      expect(factsOf(dir)).toMatchObject({ integrity: 'ok', version: LATEST, posts: 400 });
      expect(landed.migrate).toBeGreaterThan(KILLS.migrate / 4);
      expect(versions.size, 'kills landed between migrations').toBeGreaterThan(1);
    }),
  240_000);

  it('a backup killed anywhere is either complete and sound or not offered; the database is untouched', () =>
    withSeed('LOOMCAST_CRASH_SEED', seed, async () => {
      const rnd = prng(seed ^ 0x2);
      const dir = join(work.path, 'backup');
      mkdirSync(dir);
      oldDatabase(join(dir, DB), 1_500);
      openStore(join(dir, DB)).close();
      let window = (await runChild(bundle.entry, 'backup', { dataDir: dir }, null)).ms;
      const seen = new Set<string>();
      expect(checkBackups(dir, seen)).toEqual([]);
      landed.backup = 0;
      for (let i = 0; i < KILLS.backup; i++) {
        const run = await runChild(bundle.entry, 'backup', { dataDir: dir }, rnd.next() * window * 1.1);
        if (run.killed) landed.backup++;
        else window = run.ms;
        const facts = factsOf(dir);
        expect(facts.integrity, `kill ${i}`).toBe('ok');
        expect(facts.posts, `kill ${i}`).toBe(1_500);
        expect(checkBackups(dir, seen), `kill ${i}`).toEqual([]);
      }
      expect(landed.backup).toBeGreaterThan(KILLS.backup / 4);
      // What a crash left half-written is cleared by the next backup run, not left to pile up.
      await runChild(bundle.entry, 'backup', { dataDir: dir }, null);
      expect(leftovers(dir)).toEqual([]);
    }),
  240_000);

  it('a workspace replace killed anywhere leaves the old workspace or the whole new one, never a mix', () =>
    withSeed('LOOMCAST_CRASH_SEED', seed, async () => {
      const rnd = prng(seed ^ 0x3);
      const archives = await makeArchives(join(work.path, 'archives'));
      const dir = join(work.path, 'workspace');
      mkdirSync(dir);
      let window = (await runChild(bundle.entry, 'workspace', { dataDir: dir, archive: archives.A.path }, null)).ms;
      expect(factsOf(dir).texts).toEqual(archives.A.texts);
      landed.workspace = 0;
      let current: 'A' | 'B' = 'A';
      for (let i = 0; i < KILLS.workspace; i++) {
        const next = current === 'A' ? 'B' : 'A';
        const run = await runChild(bundle.entry, 'workspace', { dataDir: dir, archive: archives[next].path }, rnd.next() * window * 1.1);
        if (run.killed) landed.workspace++;
        else window = run.ms;
        // The next start: a staged restore is swapped in before the database is opened.
        applyStagedRestore(dir, Date.now());
        const facts = factsOf(dir);
        expect(facts.integrity, `kill ${i}`).toBe('ok');
        const now = facts.texts.join('\n') === archives.A.texts.join('\n') ? 'A' : facts.texts.join('\n') === archives.B.texts.join('\n') ? 'B' : null;
        expect(now, `kill ${i}: the posts are one workspace's, not a mix (${facts.posts} posts)`).not.toBeNull();
        current = now!;
      }
      expect(landed.workspace).toBeGreaterThan(KILLS.workspace / 4);
      await runChild(bundle.entry, 'workspace', { dataDir: dir, archive: archives[current === 'A' ? 'B' : 'A'].path }, null);
      expect(leftovers(dir)).toEqual([]);
    }),
  240_000);
});

/** Two workspace archives (A: 40 posts, B: 65) exported the way workspace:export writes them. */
async function makeArchives(dir: string): Promise<Record<'A' | 'B', { path: string; texts: string[] }>> {
  const make = async (name: 'A' | 'B', posts: number) => {
    const data = join(dir, `data-${name}`);
    mkdirSync(data, { recursive: true });
    const store = openStore(join(data, DB));
    const texts: string[] = [];
    const insert = store.db.prepare('INSERT INTO posts (id, created_at, updated_at) VALUES (?, 0, 0)');
    const version = store.db.prepare("INSERT INTO post_versions (post_id, number, text, source, created_at) VALUES (?, 1, ?, 'manual', 0)");
    for (let i = 0; i < posts; i++) {
      texts.push(`Workspace ${name}, post ${String(i).padStart(3, '0')}`);
      insert.run(`${name}-${i}`);
      version.run(`${name}-${i}`, texts[i]);
    }
    const r = await exportWorkspace({ db: store.db, dataDir: data, destination: join(dir, `${name}.tar.gz`), appVersion: '0.1.0', now: () => Date.now() });
    store.close();
    return { path: r.path, texts: texts.sort() };
  };
  return { A: await make('A', 40), B: await make('B', 65) };
}
