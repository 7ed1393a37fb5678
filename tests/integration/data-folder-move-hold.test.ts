import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leftBehind } from '../../electron/core/data-folder';
import { copyFileDurably, type CopyIo } from '../../electron/core/data-folder-copy';
import type { PostDto } from '../../shared/contract';
import type { DataFolderMoveProgressDto } from '../../shared/contract/features/desktop';
import { call, createTestCore, refusalOf, tempDir, type TestCore } from '../support/core';
import { slowDisk } from '../support/held-move';

/** Every file under `dir` (relative path → bytes), what a move leaves behind aside. */
function filesOf(dir: string, root = dir, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (dir === root && leftBehind(name)) continue;
    if (statSync(path).isDirectory()) filesOf(path, root, out);
    else out.set(relative(root, path), readFileSync(path).toString('base64'));
  }
  return out;
}

/** The typed error a move was refused with. */
async function failureOf(moving: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await moving;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('the move was expected to fail');
}

describe('moving the data folder holds the app still, without freezing it', () => {
  let t: TestCore | null = null;
  const dirs: { remove(): void }[] = [];
  const dir = () => {
    const d = tempDir('loomcast-move-hold-');
    dirs.push(d);
    return d.path;
  };
  afterEach(async () => {
    await t?.close();
    t = null;
    for (const d of dirs.splice(0)) d.remove();
  });

  async function workspace(): Promise<{ t: TestCore; post: PostDto; progress: DataFolderMoveProgressDto[] }> {
    t = await createTestCore({ publishing: { autoStart: true } });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Moves with me', platforms: ['mastodon'], schedule: null });
    for (let i = 0; i < 4; i++) t.core.services.media.put(Buffer.alloc(300_000 + i, i + 1), 'image/jpeg');
    mkdirSync(join(t.dataDir, 'exports', 'old'), { recursive: true });
    writeFileSync(join(t.dataDir, 'exports', 'old', 'notes.txt'), 'kept');
    const progress: DataFolderMoveProgressDto[] = [];
    t.core.subscribe((event, payload) => {
      if (event === 'desktop:moveProgress') progress.push(payload as DataFolderMoveProgressDto);
    });
    return { t, post, progress };
  }

  it('copies everything while changes are refused and the app still answers; progress ends at the total; the pointer comes last', async () => {
    const { t, post, progress } = await workspace();
    const { secret } = await call<{ secret: string }>(t.core, 'apiTokens:create', { name: 'Scripts', scope: 'read' });
    const before = filesOf(t.dataDir);
    const to = join(dir(), 'Loomcast on the big disk');
    const disk = slowDisk(3);
    const committed: { progress: number; database: boolean }[] = [];
    const moving = t.core.services.moveWorkspaceTo(to, { io: disk.io, commit: () => void committed.push({ progress: progress.length, database: existsSync(join(to, 'loomcast.sqlite')) }) });

    await disk.atSlowFile;
    // Mid-copy: a timer fires and a read is answered (the copy is not holding the process)…
    await new Promise((r) => setTimeout(r, 0));
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).text).toBe('Moves with me');
    // …while every change is refused, with a reason, and publishing is stopped.
    const refused = await refusalOf(t.core, 'posts:create', { text: 'Written mid-copy', platforms: ['mastodon'], schedule: null });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain(`moving its data folder to ${to}`);
    expect((await refusalOf(t.core, 'settings:update', { theme: 'dark' })).code).toBe('conflict');
    expect(t.core.services.scheduler.isRunning()).toBe(false);
    // Work that does not come through a request (the shells', the background's) cannot write either.
    await expect(Promise.resolve().then(() => t.core.services.settings.update({ theme: 'dark' }))).rejects.toThrow(/readonly/);
    // A script's token still works (its time of use waits: it is a write).
    expect(t.core.services.apiTokens.verify(secret)).toMatchObject({ name: 'Scripts', scope: 'read' });
    const mid = progress.at(-1)!;
    expect(mid).toMatchObject({ to, phase: 'files', problem: null });
    expect(mid.doneBytes).toBeLessThan(mid.totalBytes);
    expect(committed).toEqual([]);

    disk.release();
    expect((await moving).sort()).toEqual(['exports', 'logs', 'media']);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ phase: 'done', problem: null });
    expect(last.doneBytes).toBe(last.totalBytes);
    expect(last.doneFiles).toBe(last.totalFiles);
    expect(last.totalFiles).toBe(1 + 4 + 1 + readdirSync(join(t.dataDir, 'logs')).length);
    const done = progress.map((p) => p.doneBytes);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(committed).toEqual([{ progress: progress.length, database: true }]);

    // Everything is there; the old folder is as it was, and still held until the restart.
    const copy = filesOf(to);
    for (const [path, bytes] of before) if (!path.startsWith('logs')) expect(copy.get(path), path).toBe(bytes);
    expect(filesOf(t.dataDir).get(join('exports', 'old', 'notes.txt'))).toBe(before.get(join('exports', 'old', 'notes.txt')));
    expect((await refusalOf(t.core, 'posts:create', { text: 'After the copy', platforms: ['mastodon'], schedule: null })).code).toBe('conflict');
    const moved = await createTestCore({ dataDir: to, clock: t.clock });
    try {
      expect((await call<PostDto>(moved.core, 'posts:get', { id: post.id })).text).toBe('Moves with me');
    } finally {
      await moved.close();
    }
  });

  it('a disk failing mid-copy takes the copy back; the old folder stays in use and changes go through again', async () => {
    const { t, progress } = await workspace();
    const to = dir();
    writeFileSync(join(to, '.DS_Store'), 'Finder state of the new folder');
    let n = 0;
    const io: Partial<CopyIo> = {
      async copyFile(from, target, copied) {
        if (++n === 3) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
        return copyFileDurably(from, target, copied);
      },
    };
    let committed = false;
    const failure = await failureOf(t.core.services.moveWorkspaceTo(to, { io, commit: () => void (committed = true) }));
    expect(failure).toMatchObject({ code: 'internal' });
    expect(failure.message).toContain('EIO: i/o error');
    expect(failure.message).toContain(`Loomcast keeps using ${t.dataDir}`);
    expect(committed).toBe(false);
    expect(readdirSync(to)).toEqual(['.DS_Store']);
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', problem: failure.message });

    const after = await call<PostDto>(t.core, 'posts:create', { text: 'Written after the failed move', platforms: ['mastodon'], schedule: null });
    expect((await call<PostDto>(t.core, 'posts:get', { id: after.id })).text).toBe('Written after the failed move');
    expect(t.core.services.scheduler.isRunning()).toBe(true);
  });

  it('a folder that cannot be made, or a pointer that cannot be written, leaves nothing behind and holds nothing', async () => {
    const { t } = await workspace();
    const file = join(dir(), 'a file, not a folder');
    writeFileSync(file, '');
    const unwritable = await failureOf(t.core.services.moveWorkspaceTo(join(file, 'Loomcast')));
    expect(unwritable).toMatchObject({ code: 'internal' });
    expect(unwritable.message).toMatch(/ENOTDIR|not a directory/);
    await call(t.core, 'posts:create', { text: 'After the unwritable target', platforms: ['mastodon'], schedule: null });

    const to = join(dir(), 'new');
    await expect(
      t.core.services.moveWorkspaceTo(to, {
        commit: () => {
          throw new Error('EACCES: permission denied, open data-folder.json.tmp');
        },
      }),
    ).rejects.toThrow(/EACCES/);
    expect(existsSync(to)).toBe(false);
    await call(t.core, 'posts:create', { text: 'After the pointer failed', platforms: ['mastodon'], schedule: null });

    // A refused folder holds nothing either.
    await expect(t.core.services.moveWorkspaceTo(join(t.dataDir, 'inside'))).rejects.toThrow(/outside the current data folder/);
    await call(t.core, 'settings:update', { theme: 'dark' });
  });

  it('the creator can stop a move while it copies: the copy is taken back and the app goes on where it was', async () => {
    const { t, progress } = await workspace();
    expect(await call(t.core, 'desktop:cancelMove', {})).toEqual({ cancelled: false });
    const to = join(dir(), 'Loomcast on the big disk');
    const disk = slowDisk(3);
    let committed = false;
    const moving = failureOf(t.core.services.moveWorkspaceTo(to, { io: disk.io, commit: () => void (committed = true) }));
    await disk.atSlowFile;
    // Stopping is the one change a held workspace takes.
    expect(await call(t.core, 'desktop:cancelMove', {})).toEqual({ cancelled: true });
    expect(await call(t.core, 'desktop:cancelMove', {})).toEqual({ cancelled: false });
    disk.release();
    const stopped = await moving;
    expect(stopped).toMatchObject({ code: 'cancelled', message: expect.stringContaining(`Loomcast keeps using ${t.dataDir}`) });
    expect(committed).toBe(false);
    expect(existsSync(to)).toBe(false);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ phase: 'cancelled', problem: stopped.message });
    expect(last.doneBytes).toBeLessThan(last.totalBytes);

    const after = await call<PostDto>(t.core, 'posts:create', { text: 'Written after the stopped move', platforms: ['mastodon'], schedule: null });
    expect((await call<PostDto>(t.core, 'posts:get', { id: after.id })).text).toBe('Written after the stopped move');
    expect(t.core.services.scheduler.isRunning()).toBe(true);
  });

  it('refuses a second move while one is under way', async () => {
    const { t } = await workspace();
    const disk = slowDisk(1);
    const first = t.core.services.moveWorkspaceTo(join(dir(), 'one'), { io: disk.io });
    await disk.atSlowFile;
    await expect(t.core.services.moveWorkspaceTo(join(dir(), 'two'))).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already being moved') });
    disk.release();
    await first;
  });
});
