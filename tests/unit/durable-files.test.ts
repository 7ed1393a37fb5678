import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceExportDto } from '../../shared/contract/features/workspace';
import { call, createTestCore, tempDir, type TestCore } from '../support/core';

/**
 * In the unit project (each file its own module graph), so the mock below is the module every
 * import of durable-files gets. A power cut cannot be staged in a test; what can be shown is that every file Loomcast then
 * says is there is flushed before it takes its name, and its folder after. The flushes are the
 * real ones (durable-files.ts); each is recorded with what the folder held at that moment.
 */
const seen = vi.hoisted(() => ({ calls: [] as { what: string; path: string; existed: boolean; bytes: number | null; beside: string[] }[] }));
vi.mock('../../electron/core/store/durable-files', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/store/durable-files')>();
  const fs = await import('node:fs');
  const path = await import('node:path');
  const record = (what: string, p: string) => {
    const existed = fs.existsSync(p);
    const stat = existed ? fs.statSync(p) : null;
    const dir = stat?.isDirectory() ? p : path.dirname(p);
    seen.calls.push({ what, path: p, existed, bytes: stat?.isFile() ? stat.size : null, beside: fs.existsSync(dir) ? fs.readdirSync(dir) : [] });
  };
  return {
    ...real,
    syncFile: (p: string) => (record('file', p), real.syncFile(p)),
    syncFolder: (p: string) => (record('folder', p), real.syncFolder(p)),
    syncParent: (p: string) => (record('parent', p), real.syncParent(p)),
    syncTree: (p: string) => (record('tree', p), real.syncTree(p)),
    syncFileAsync: (p: string) => (record('file', p), real.syncFileAsync(p)),
    syncFolderAsync: (p: string) => (record('folder', p), real.syncFolderAsync(p)),
    syncHandle: (h: import('node:fs/promises').FileHandle, p: string) => (record('file', p), real.syncHandle(h, p)),
  };
});

const { stageRestore, applyStagedRestore, PENDING_RESTORE_FILE } = await import('../../electron/core/store/recovery');
const { writePointer, POINTER_FILE } = await import('../../electron/core/data-folder');
const { importWorkspace } = await import('../../electron/core/workspace/import');
const { syncTree } = await import('../../electron/core/store/durable-files');

const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

describe('files Loomcast says are there are on disk first', () => {
  let t: TestCore | null = null;
  const dirs: { path: string; remove(): void }[] = [];
  const dir = () => {
    const d = tempDir('loomcast-durable-');
    dirs.push(d);
    return d.path;
  };
  afterEach(async () => {
    await t?.close();
    t = null;
    seen.calls.length = 0;
    for (const d of dirs.splice(0)) d.remove();
  });
  const calls = (what: string) => seen.calls.filter((c) => c.what === what);

  it('an uploaded picture is flushed under its temporary name, then its folder after the rename', async () => {
    t = await createTestCore();
    const hash = t.core.services.media.put(JPEG, 'image/jpeg');
    const media = join(t.dataDir, 'media');
    const [file] = calls('file');
    expect(file).toMatchObject({ existed: true, bytes: JPEG.length });
    expect(dirname(file!.path)).toBe(media);
    expect(basename(file!.path)).toMatch(new RegExp(`^${hash}\\.\\d+\\.tmp$`));
    expect(file!.beside).not.toContain(hash);
    expect(calls('parent').map((c) => c.path)).toEqual([join(media, hash)]);
    expect(calls('parent')[0]!.beside).toContain(hash);
  });

  it('a staged restore is flushed before it takes the name the next start swaps in, and the swap is flushed', async () => {
    t = await createTestCore();
    await call(t.core, 'posts:create', { text: 'Kept in the backup', platforms: ['mastodon'], schedule: null });
    const source = join(dir(), 'backup.sqlite');
    await t.core.services.moveWorkspaceTo(dirname(source) + '/ws');
    const backup = join(dirname(source), 'ws', 'loomcast.sqlite');
    await t.close();
    t = null;
    const dataDir = dir();
    seen.calls.length = 0;

    stageRestore(dataDir, backup);
    const target = join(dataDir, PENDING_RESTORE_FILE);
    expect(seen.calls.map((c) => `${c.what} ${c.path}`)).toEqual([`file ${target}.partial`, `parent ${target}`]);
    expect(seen.calls[0]).toMatchObject({ existed: true, bytes: statSync(backup).size });
    expect(seen.calls[0]!.beside).not.toContain(PENDING_RESTORE_FILE);

    seen.calls.length = 0;
    applyStagedRestore(dataDir, Date.now());
    expect(seen.calls.map((c) => `${c.what} ${c.path}`)).toEqual([`folder ${dataDir}`]);
    expect(seen.calls[0]!.beside).toContain('loomcast.sqlite');
    expect(seen.calls[0]!.beside).not.toContain(PENDING_RESTORE_FILE);
  });

  it('a workspace copied to a new folder is flushed whole before the pointer names it, and the pointer before its rename', async () => {
    t = await createTestCore();
    t.core.services.media.put(JPEG, 'image/jpeg');
    const to = join(dir(), 'Loomcast on the big disk');
    seen.calls.length = 0;
    await t.core.services.moveWorkspaceTo(to);
    // Every file of the copy, each once it is whole; then each folder, deepest first, the new folder, its parent.
    const copiedFiles = (function list(d: string): string[] {
      return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(d, e.name)) : [join(d, e.name)]));
    })(to);
    const files = calls('file');
    expect(files.map((c) => c.path).sort()).toEqual(copiedFiles.sort());
    for (const f of files) expect(f.bytes, f.path).toBe(statSync(f.path).size);
    const folders = calls('folder').map((c) => c.path);
    expect(folders.slice(-2)).toEqual([to, dirname(to)]);
    expect(folders).toEqual(expect.arrayContaining([join(to, 'media'), join(to, 'logs')]));
    expect(seen.calls.findIndex((c) => c.what === 'folder')).toBeGreaterThan(seen.calls.findLastIndex((c) => c.what === 'file'));
    expect(calls('folder').at(-2)!.beside.sort()).toEqual(['logs', 'loomcast.sqlite', 'media']);

    const home = dir();
    seen.calls.length = 0;
    writePointer(home, to);
    const pointer = join(home, POINTER_FILE);
    expect(seen.calls.map((c) => `${c.what} ${c.path}`)).toEqual([`file ${pointer}.tmp`, `parent ${pointer}`]);
    expect(seen.calls[0]!.bytes).toBeGreaterThan(0);
  });

  it('an export is flushed before it takes its name; an imported workspace before it takes the folder', async () => {
    t = await createTestCore();
    await call(t.core, 'posts:create', { text: 'Goes in the archive', platforms: ['mastodon'], schedule: null });
    t.core.services.media.put(JPEG, 'image/jpeg');
    seen.calls.length = 0;
    const out = await call<WorkspaceExportDto>(t.core, 'workspace:export');
    const [file] = calls('file');
    expect(file).toMatchObject({ existed: true, bytes: statSync(out.path!).size });
    expect(basename(file!.path)).toMatch(/\.part$/);
    expect(file!.beside).not.toContain(basename(out.path!));
    expect(calls('parent').map((c) => c.path)).toEqual([out.path]);

    const target = join(dir(), 'imported');
    seen.calls.length = 0;
    await importWorkspace(out.path!, target);
    const [tree] = calls('tree');
    expect(tree!.path).toMatch(/\.imported\.import-/);
    expect(tree!.beside).toContain('loomcast.sqlite');
    expect(existsSync(tree!.path)).toBe(false);
    expect(calls('parent').map((c) => c.path)).toEqual([target]);
  });

  it('a backup is flushed by SQLite as it is written, and its name once it has passed its check', async () => {
    t = await createTestCore();
    seen.calls.length = 0;
    const made = await call<{ name: string }>(t.core, 'backups:create');
    const path = join(t.dataDir, 'backups', made.name);
    expect(calls('parent').map((c) => c.path)).toEqual([path]);
    expect(calls('parent')[0]!.beside).toContain(made.name);
  });

  it('flushes every file and folder of a tree, and refuses a folder that is not there', () => {
    const root = dir();
    mkdirSync(join(root, 'media', 'nested'), { recursive: true });
    writeFileSync(join(root, 'media', 'nested', 'a'), 'a');
    writeFileSync(join(root, 'b'), 'b');
    expect(() => syncTree(root)).not.toThrow();
    expect(readdirSync(root).sort()).toEqual(['b', 'media']);
    if (process.platform !== 'win32') expect(() => syncTree(join(root, 'gone'))).toThrow(/ENOENT/);
  });
});
