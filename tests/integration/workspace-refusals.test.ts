import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Parser, type ReadEntry } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceExportDto } from '../../shared/contract/features/workspace';
import { importWorkspace, WorkspaceArchiveError } from '../../electron/core/workspace';
import type { WorkspaceErrorKind } from '../../electron/core/workspace/errors';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import { call, createTestCore, tempDir, type TestCore } from '../support/core';
import { rawTarGz, type RawEntry } from '../support/tar-builder';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('a small picture '.repeat(64))]);

/** The entries of a real export, to tamper with. */
function entriesOf(archive: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const p = new Parser();
  p.on('entry', (e: ReadEntry) => {
    const chunks: Buffer[] = [];
    e.on('data', (c: Buffer) => chunks.push(c));
    e.on('end', () => out.set(e.path, Buffer.concat(chunks)));
  });
  p.end(gunzipSync(archive));
  return out;
}

describe('importing a workspace archive refuses what it must', () => {
  let t: TestCore;
  let work: { path: string; remove(): void };
  let good: Buffer;
  let manifest: Record<string, unknown> & { entries: { path: string; bytes: number; sha256: string }[] };
  let files: Map<string, Buffer>;
  let n = 0;

  beforeAll(async () => {
    t = await createTestCore();
    work = tempDir('loomcast-refusals-');
    await call(t.core, 'posts:create', { text: 'A post to move', platforms: ['x'], schedule: null });
    t.core.services.media.put(PNG, 'image/png');
    const out = await call<WorkspaceExportDto>(t.core, 'workspace:export');
    good = readFileSync(out.path!);
    files = entriesOf(good);
    manifest = JSON.parse(files.get('manifest.json')!.toString()) as typeof manifest;
  });
  afterAll(async () => {
    await t?.close();
    work?.remove();
  });

  const write = (bytes: Buffer) => {
    const file = join(work.path, `archive-${++n}.tar.gz`);
    writeFileSync(file, bytes);
    return file;
  };
  /** The good archive's entries, with a changed manifest and extra or replaced entries. */
  const tampered = (change: (m: typeof manifest) => unknown = (m) => m, replace: RawEntry[] = [], append: RawEntry[] = [], trailer?: Buffer) => {
    const m = change(structuredClone(manifest));
    const entries: RawEntry[] = [{ path: 'manifest.json', data: JSON.stringify(m) }];
    for (const [path, data] of files) if (path !== 'manifest.json') entries.push(replace.find((r) => r.path === path) ?? { path, data });
    return write(rawTarGz([...entries, ...append], trailer));
  };

  async function refused(archive: string, kind: WorkspaceErrorKind, message: RegExp, limits = {}) {
    const target = join(work.path, `target-${++n}`);
    const err = await importWorkspace(archive, target, { limits }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkspaceArchiveError);
    expect((err as WorkspaceArchiveError).kind).toBe(kind);
    expect((err as Error).message).toMatch(message);
    // Nothing written: no target, no staging folder left beside it.
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(work.path).filter((f) => f.includes('.import-'))).toEqual([]);
  }

  it('imports the untouched archive (the baseline the others change)', async () => {
    const r = await importWorkspace(write(good), join(work.path, 'fine'));
    expect(r.manifest.entries.map((e) => e.path)).toEqual(['loomcast.sqlite', `media/${sha(PNG)}`]);
  });

  it('refuses a file that is not an archive, and a tar file that is not a workspace', async () => {
    await refused(write(Buffer.from('just some notes, not an archive')), 'not_an_archive', /not a readable \.tar\.gz/);
    await refused(write(rawTarGz([{ path: 'notes.txt', data: 'hello' }])), 'not_a_workspace', /does not start with a Loomcast manifest/);
  });

  it('refuses path traversal, absolute paths and links, naming the entry', async () => {
    await refused(tampered(undefined, [], [{ path: '../../escaped.txt', data: 'x' }]), 'unsafe_entry', /\.\.\/\.\.\/escaped\.txt points outside/);
    await refused(tampered(undefined, [], [{ path: '/tmp/absolute.txt', data: 'x' }]), 'unsafe_entry', /absolute\.txt points outside/);
    const hash = sha(PNG);
    await refused(tampered(undefined, [{ path: `media/${hash}`, type: 'SymbolicLink', linkpath: '/etc/passwd' }]), 'unsafe_entry', /is a symbolic link/);
    await refused(tampered(undefined, [{ path: `media/${hash}`, type: 'Link', linkpath: 'loomcast.sqlite' }]), 'unsafe_entry', /is a hard link/);
    await refused(tampered(undefined, [], [{ path: 'extra/evil.sh', data: 'rm -rf ~' }]), 'unsafe_entry', /not part of a workspace/);
    expect(existsSync(join(work.path, '..', 'escaped.txt'))).toBe(false);
  });

  it('refuses bytes that do not match their checksum or size', async () => {
    const hash = sha(PNG);
    const flipped = Buffer.from(PNG);
    flipped[20] = flipped[20]! ^ 0xff;
    await refused(tampered(undefined, [{ path: `media/${hash}`, data: flipped }]), 'checksum_mismatch', new RegExp(`media/${hash} does not match its checksum`));
    await refused(tampered(undefined, [{ path: `media/${hash}`, data: Buffer.concat([PNG, Buffer.from('more')]) }]), 'checksum_mismatch', /bytes; the manifest says/);
    await refused(tampered((m) => ({ ...m, entries: m.entries.filter((e) => e.path === 'loomcast.sqlite') }), [], []), 'checksum_mismatch', /which its manifest does not list/);
    await refused(tampered((m) => ({ ...m, entries: [...m.entries, { path: `media/${sha('gone')}`, bytes: 4, sha256: sha('gone') }] })), 'incomplete', /lacks 1 file/);
  });

  it('refuses a media file stored under another file’s name, even when the manifest vouches for its bytes', async () => {
    // Media are kept by the SHA-256 of their bytes: under the name of a picture this computer lacks,
    // these bytes would stand in for that picture in every post that uses it, then and later.
    const hash = sha(PNG);
    const other = Buffer.from('a different picture altogether');
    await refused(
      tampered((m) => ({ ...m, entries: m.entries.map((e) => (e.path === `media/${hash}` ? { ...e, bytes: other.length, sha256: sha(other) } : e)) }), [{ path: `media/${hash}`, data: other }]),
      'checksum_mismatch',
      new RegExp(`media/${hash} is not named by the SHA-256 of its own bytes`),
    );
  });

  it('refuses a sound SQLite file that Loomcast did not write, by name', async () => {
    const file = join(work.path, `other-app-${++n}.sqlite`);
    const other = new Database(file);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('someone else’s data')");
    other.close();
    const bytes = readFileSync(file);
    await refused(
      tampered((m) => ({ ...m, entries: m.entries.map((e) => (e.path === 'loomcast.sqlite' ? { ...e, bytes: bytes.length, sha256: sha(bytes) } : e)) }), [{ path: 'loomcast.sqlite', data: bytes }]),
      'not_a_workspace',
      /The archive’s database is not a Loomcast database/,
    );
  });

  it('refuses a newer schema, another format version, and a damaged database', async () => {
    const newer = MIGRATIONS.length + 1;
    await refused(tampered((m) => ({ ...m, schemaVersion: newer, app: { name: 'Loomcast', version: '9.0.0' } })), 'newer_schema', new RegExp(`newer Loomcast \\(9\\.0\\.0, database schema ${newer}`));
    await refused(tampered((m) => ({ ...m, formatVersion: 2 })), 'wrong_format_version', /format 2; this version of Loomcast reads format 1\. Update Loomcast/);
    const garbage = Buffer.alloc(files.get('loomcast.sqlite')!.length, 7);
    await refused(
      tampered((m) => ({ ...m, entries: m.entries.map((e) => (e.path === 'loomcast.sqlite' ? { ...e, sha256: sha(garbage) } : e)) }), [{ path: 'loomcast.sqlite', data: garbage }]),
      'corrupt_database',
      /not a readable SQLite file|damaged/,
    );
  });

  it('refuses archives over the limits, and a decompression bomb, before filling the disk', async () => {
    const total = manifest.entries.reduce((s, e) => s + e.bytes, 0);
    await refused(write(good), 'too_large', /would unpack to .* over the limit/, { maxTotalBytes: total - 1 });
    await refused(write(good), 'too_large', /The archive is .* over the limit/, { maxArchiveBytes: good.length - 1 });
    await refused(write(good), 'too_large', /lists 2 files, over the limit of 1/, { maxEntries: 1 });
    // 16 MB of zeros after the end of the tar: a few kilobytes compressed, far more than declared.
    const bomb = tampered(undefined, [], [], Buffer.alloc(16 * 1024 * 1024));
    expect(readFileSync(bomb).length).toBeLessThan(50_000);
    await refused(bomb, 'too_large', /possible decompression bomb/);
    await refused(write(gzipSync(Buffer.alloc(16 * 1024 * 1024))), 'too_large', /possible decompression bomb/);
    // A manifest that declares a small file while the tar header promises a huge one.
    await refused(tampered(undefined, [{ path: `media/${sha(PNG)}`, data: PNG, size: 5 * 1024 ** 3 }]), 'checksum_mismatch', /bytes; the manifest says/);
  });

  it('refuses a target folder that is not empty, leaving it as it was', async () => {
    const target = join(work.path, 'busy');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'mine');
    const err = await importWorkspace(write(good), target).catch((e: unknown) => e);
    expect((err as WorkspaceArchiveError).kind).toBe('target_not_empty');
    expect(readdirSync(target)).toEqual(['keep.txt']);
    // An empty folder is fine.
    const empty = join(work.path, 'empty');
    mkdirSync(empty);
    await importWorkspace(write(good), empty);
    expect(readdirSync(empty).sort()).toEqual(['loomcast.sqlite', 'media']);
  });
});

describe('replacing the current workspace with an archive', () => {
  it('unpacks beside the data folder, adds only the media it lacks, and hands back the checked database', async () => {
    const { prepareWorkspaceReplace } = await import('../../electron/core/workspace');
    const from = await createTestCore();
    const to = await createTestCore();
    try {
      await call(from.core, 'posts:create', { text: 'From the laptop', platforms: ['x'], schedule: null });
      const shared = from.core.services.media.put(PNG, 'image/png');
      const other = from.core.services.media.put(Buffer.from('another picture, only on the laptop'), 'image/png');
      to.core.services.media.put(PNG, 'image/png');
      const out = await call<WorkspaceExportDto>(from.core, 'workspace:export');
      const r = await prepareWorkspaceReplace(out.path!, to.dataDir);
      expect(r.mediaAdded).toBe(1);
      expect(readFileSync(join(to.dataDir, 'media', other)).toString()).toBe('another picture, only on the laptop');
      expect(existsSync(join(to.dataDir, 'media', shared))).toBe(true);
      expect(r.sqlitePath.startsWith(join(to.dataDir, 'incoming'))).toBe(true);
      expect(existsSync(r.sqlitePath)).toBe(true);
      r.cleanup();
      expect(readdirSync(join(to.dataDir, 'incoming'))).toEqual([]);
    } finally {
      await from.close();
      await to.close();
    }
  });
});

describe('the browser-mode download link of an export', () => {
  it('lapses after 15 minutes', async () => {
    const t = await createTestCore();
    try {
      const out = await call<WorkspaceExportDto>(t.core, 'workspace:export');
      t.clock.advance(15 * 60_000);
      expect(t.core.services.workspace.takeDownload(out.downloadId!)).toBeNull();
      expect(existsSync(out.path!)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
