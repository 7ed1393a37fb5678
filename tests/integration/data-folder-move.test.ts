import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { POINTER_FILE, readPointer, resolveDataDir, writePointer } from '../../electron/core/data-folder';
import type { PostDto } from '../../shared/contract';
import { call, createTestCore, tempDir, type TestCore } from '../support/core';

describe('moving the workspace to another data folder', () => {
  let t: TestCore | null = null;
  let moved: TestCore | null = null;
  const dirs: { remove(): void }[] = [];
  const dir = () => {
    const d = tempDir('loomcast-move-');
    dirs.push(d);
    return d.path;
  };
  afterEach(async () => {
    await moved?.close();
    await t?.close();
    moved = t = null;
    for (const d of dirs.splice(0)) d.remove();
  });

  it('copies the database (SQLite backup, while running), media and logs; the pointer then opens the copy; the old folder is left whole', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Moves with me', platforms: ['mastodon'], schedule: null });
    const hash = t.core.services.media.put(new TextEncoder().encode('jpeg bytes'), 'image/jpeg');
    // What Electron keeps beside our files is the browser engine's, not the workspace's.
    mkdirSync(join(t.dataDir, 'GPUCache'));
    writeFileSync(join(t.dataDir, 'SingletonLock'), '');
    const before = readdirSync(t.dataDir).sort();

    const to = join(dir(), 'Loomcast on the big disk');
    const copied = await t.core.services.moveWorkspaceTo(to);
    expect(copied.sort()).toEqual(['logs', 'media']);
    expect(readdirSync(to).sort()).toEqual(['logs', 'loomcast.sqlite', 'media']);
    expect(readdirSync(t.dataDir).sort()).toEqual(before);
    if (process.platform !== 'win32') expect(statSync(to).mode & 0o777).toBe(0o700);

    // The desktop writes the pointer in the OS's app-data folder and restarts on the copy.
    const appData = dir();
    writePointer(appData, to);
    const resolved = resolveDataDir({ env: {}, pointer: readPointer(appData), defaultDir: appData, exists: existsSync });
    expect(resolved).toMatchObject({ dir: to, source: 'picked', missing: false });
    moved = await createTestCore({ dataDir: resolved.dir, clock: t.clock });
    expect((await call<PostDto>(moved.core, 'posts:get', { id: post.id })).text).toBe('Moves with me');
    expect(readFileSync(join(to, 'media', readdirSync(join(to, 'media'))[0]!)).toString()).toBe('jpeg bytes');
    expect(readdirSync(join(to, 'media')).some((f) => f.startsWith(hash))).toBe(true);

    // Back to the default: the pointer goes.
    writePointer(appData, null);
    expect(existsSync(join(appData, POINTER_FILE))).toBe(false);
  });

  it('moves into a folder that holds only what Finder left there (.DS_Store in both), keeping its own file', async () => {
    t = await createTestCore();
    await call<PostDto>(t.core, 'posts:create', { text: 'Moves to the Mac’s other disk', platforms: ['mastodon'], schedule: null });
    writeFileSync(join(t.dataDir, '.DS_Store'), 'Finder state of the data folder');
    const to = dir();
    writeFileSync(join(to, '.DS_Store'), 'Finder state of the new folder');

    const copied = await t.core.services.moveWorkspaceTo(to);
    expect(copied).not.toContain('.DS_Store');
    expect(readdirSync(to).sort()).toEqual(['.DS_Store', 'logs', 'loomcast.sqlite', 'media']);
    expect(readFileSync(join(to, '.DS_Store'), 'utf8')).toBe('Finder state of the new folder');
  });

  it('refuses a folder that is not empty or inside the current one, and writes nothing there', async () => {
    t = await createTestCore();
    const busy = dir();
    writeFileSync(join(busy, 'taxes.pdf'), 'mine');
    await expect(t.core.services.moveWorkspaceTo(busy)).rejects.toThrow(/not empty/);
    expect(readdirSync(busy)).toEqual(['taxes.pdf']);
    await expect(t.core.services.moveWorkspaceTo(join(t.dataDir, 'inside'))).rejects.toThrow(/outside the current data folder/);
    expect(existsSync(join(t.dataDir, 'inside'))).toBe(false);
  });
});
