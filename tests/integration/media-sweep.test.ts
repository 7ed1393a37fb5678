import { existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaInfoDto } from '../../shared/contract/features/media-library';
import { FIRST_DAILY_DELAY_MS } from '../../electron/core/features/backups';
import { MEDIA_GRACE_MS, sweepUnusedMedia } from '../../electron/core/media/media-sweep';
import { BACKUP_DIR, listBackups } from '../../electron/core/store/backups';
import { call, createTestCore, type TestCore } from '../support/core';
import { png } from '../e2e/support/media';

const DAY = 86_400_000;
const quiet = { info() {}, warn() {} };

/** A small PNG whose colour makes each file, and its hash, its own. */
const picture = (seed: number) => png(4, 4, [seed, 100, 200]);
const bytesOf = (...seeds: number[]) => seeds.reduce((n, seed) => n + picture(seed).length, 0);

describe('media files no post uses any more are removed once nothing could bring such a post back', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const mediaDir = () => join(t.dataDir, 'media');
  const onDisk = (hash: string) => existsSync(join(mediaDir(), hash));
  const upload = async (seed: number) => (await call<MediaInfoDto>(t.core, 'media:upload', { name: `${seed}.png`, mime: 'image/png', dataBase64: picture(seed).toString('base64') })).hash;
  const postWith = async (hashes: string[]) => {
    const account = (await t.core.services.accounts.add({ platform: 'mastodon', handle: `me${hashes.length}@example.social`, credentials: { accessToken: 'm' } })).id;
    const post = await call<{ id: string }>(t.core, 'posts:create', { text: 'With pictures', accounts: [account], schedule: null });
    await call(t.core, 'media:setForPost', { postId: post.id, items: hashes.map((hash) => ({ hash, altText: 'a picture' })) });
    return post.id;
  };
  /** The sweep as the daily backup runs it, with the backups kept now, as if run at `at` (the clock stays, so no timer fires). */
  const sweep = (at = t.clock.now()) => sweepUnusedMedia({ media: t.core.services.media, backups: () => listBackups(join(t.dataDir, BACKUP_DIR)), now: () => at, log: quiet });
  const later = (ms: number) => t.clock.now() + ms;

  it('keeps what a post, a post in the bin or a kept backup uses, what no post ever used, and what was unused for less than a week', async () => {
    t = await createTestCore();
    const [used, dropped, binned, unsaved] = [await upload(1), await upload(2), await upload(3), await upload(4)];
    const post = await postWith([used, dropped]);
    // An image taken off its post, a post deleted (kept in the bin for 30 days), an upload not
    // saved into a post yet (the composer keeps it across restarts, however long).
    await call(t.core, 'media:setForPost', { postId: post, items: [{ hash: used, altText: 'a picture' }] });
    const gone = await postWith([binned]);
    await call(t.core, 'posts:delete', { id: gone });

    expect(await call(t.core, 'media:usage', {})).toEqual({ files: 4, bytes: bytesOf(1, 2, 3, 4), unused: { files: 0, bytes: 0 } });
    expect(await sweep()).toEqual({ removed: 0, bytes: 0 });
    // Settings says what the folder holds, and what no post uses since the last look.
    expect(await call(t.core, 'media:usage', {})).toEqual({ files: 4, bytes: bytesOf(1, 2, 3, 4), unused: { files: 1, bytes: bytesOf(2) } });
    expect(await sweep(later(MEDIA_GRACE_MS - DAY))).toEqual({ removed: 0, bytes: 0 });
    // A week after the first look found it unused, the dropped image goes; the unsaved upload stays.
    expect(await sweep(later(MEDIA_GRACE_MS + DAY))).toEqual({ removed: 1, bytes: bytesOf(2) });
    expect([used, dropped, binned, unsaved].map(onDisk)).toEqual([true, false, true, true]);
    expect(await sweep(later(100 * MEDIA_GRACE_MS))).toEqual({ removed: 0, bytes: 0 });
    expect(await call(t.core, 'media:usage', {})).toEqual({ files: 3, bytes: bytesOf(1, 3, 4), unused: { files: 0, bytes: 0 } });
    // The deleted post comes back whole, its picture with it.
    await call(t.core, 'posts:restore', { ids: [gone] });
    expect((await call<MediaInfoDto[]>(t.core, 'media:forPost', { postId: gone })).map((m) => m.hash)).toEqual([binned]);
    // Deleted for good, its picture goes a week after the next look.
    await call(t.core, 'posts:delete', { id: gone });
    await call(t.core, 'posts:forget', { ids: [gone] });
    expect(await sweep(later(2 * DAY))).toEqual({ removed: 0, bytes: 0 });
    expect(await sweep(later(2 * DAY + MEDIA_GRACE_MS + 1))).toEqual({ removed: 1, bytes: bytesOf(3) });
    expect([used, binned, unsaved].map(onDisk)).toEqual([true, false, true]);
  });

  it('keeps a file a kept backup uses until that backup is gone, and starts the week again for one used again', async () => {
    t = await createTestCore();
    const [a, b] = [await upload(10), await upload(11)];
    const post = await postWith([a, b]);
    await call(t.core, 'backups:create', {});
    await call(t.core, 'posts:delete', { id: post });
    await call(t.core, 'posts:forget', { ids: [post] });
    await sweep();
    // Restoring that backup would bring the post back: both files stay while it is kept.
    expect(await sweep(later(MEDIA_GRACE_MS + DAY))).toEqual({ removed: 0, bytes: 0 });
    // The same bytes uploaded again are wanted again; a copy of a post with it uses it again.
    expect(await upload(11)).toBe(b);
    for (const backup of listBackups(join(t.dataDir, BACKUP_DIR))) rmSync(backup.path);
    expect(await sweep(later(MEDIA_GRACE_MS + 2 * DAY))).toEqual({ removed: 1, bytes: bytesOf(10) });
    expect([a, b].map(onDisk)).toEqual([false, true]);
    // Unused from that look on, b goes a week later, unless a post takes it first.
    const again = await postWith([b]);
    expect(await sweep(later(3 * MEDIA_GRACE_MS))).toEqual({ removed: 0, bytes: 0 });
    await call(t.core, 'media:setForPost', { postId: again, items: [] });
    expect(await sweep(later(3 * MEDIA_GRACE_MS + DAY))).toEqual({ removed: 0, bytes: 0 });
    expect(await sweep(later(4 * MEDIA_GRACE_MS + 2 * DAY))).toEqual({ removed: 1, bytes: bytesOf(11) });
    expect(readdirSync(mediaDir())).toEqual([]);
  });

  it('removes files no row names once untouched for a week, unless a kept backup has their row', async () => {
    t = await createTestCore();
    const restored = await upload(31);
    await call(t.core, 'backups:create', {});
    const [crashed, young] = [await upload(30), await upload(32)];
    // The rows go and the files stay: a removal stopped between its rows and its files, or a
    // restore of an older backup (the kept backup above still has the row of `restored`).
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare('DELETE FROM media WHERE hash IN (?, ?, ?)').run(crashed, restored, young);
    db.close();
    // A write stopped before its rename, and a file Loomcast did not name.
    const [tmp, foreign] = [`${'c'.repeat(64)}.4242.tmp`, 'notes.txt'];
    for (const name of [tmp, foreign]) writeFileSync(join(mediaDir(), name), 'x');
    const touched = (name: string, ms: number) => utimesSync(join(mediaDir(), name), ms / 1000, ms / 1000);
    for (const name of [crashed, restored, tmp, foreign]) touched(name, later(-MEDIA_GRACE_MS - DAY));
    touched(young, later(-MEDIA_GRACE_MS + DAY));
    const files = () => readdirSync(mediaDir()).sort();

    expect(await sweep()).toEqual({ removed: 2, bytes: bytesOf(30) + 1 });
    expect(files()).toEqual([restored, young, foreign].sort());
    // The stray a kept backup has a row for stays while that backup is kept; the young one, for its week.
    for (const backup of listBackups(join(t.dataDir, BACKUP_DIR))) rmSync(backup.path);
    expect(await sweep()).toEqual({ removed: 1, bytes: bytesOf(31) });
    // Listed, then written again before its removal (a workspace replace keeping it for the
    // database it brings): it stays.
    const [media, cutoff] = [t.core.services.media, later(2 * DAY - MEDIA_GRACE_MS)];
    expect(media.strays(cutoff)).toEqual([young]);
    touched(young, later(0));
    expect(media.removeStrays([young], cutoff)).toEqual({ files: 0, bytes: 0 });
    expect(await sweep(later(MEDIA_GRACE_MS + DAY))).toEqual({ removed: 1, bytes: bytesOf(32) });
    expect(files()).toEqual([foreign]);
  });

  it('stops when a backup cannot be read, and runs after the daily backup', async () => {
    t = await createTestCore();
    const dropped = await upload(20);
    const post = await postWith([dropped]);
    await call(t.core, 'media:setForPost', { postId: post, items: [] });
    // The first look, as if made over a week ago.
    await sweep(t.clock.now() - MEDIA_GRACE_MS - DAY);
    // A backup that cannot be read: nothing is removed on a guess.
    const broken = join(t.dataDir, 'broken.sqlite');
    writeFileSync(broken, 'not a database');
    expect(await sweepUnusedMedia({ media: t.core.services.media, backups: () => [{ path: broken }], now: () => t.clock.now(), log: quiet })).toEqual({ removed: 0, bytes: 0 });
    expect(onDisk(dropped)).toBe(true);
    // The daily backup (five minutes after the start) sweeps after it.
    t.clock.advance(FIRST_DAILY_DELAY_MS);
    await t.core.services.backups.idle();
    expect(listBackups(join(t.dataDir, BACKUP_DIR)).map((x) => x.kind)).toEqual(['daily']);
    expect(onDisk(dropped)).toBe(false);
  });
});
