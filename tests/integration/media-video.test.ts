/**
 * A video's length is read when it is stored (an upload, an import), kept with it, and a video
 * longer (or shorter) than a platform takes is refused when the post is scheduled or previewed
 * for import, in words naming the platform and its limit, not found out when it falls due.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { MediaInfoDto, PostMediaItemDto } from '../../shared/contract/features/media-library';
import { instagramClient } from '../../electron/core/platforms/instagram/client';
import { threadsClient } from '../../electron/core/platforms/threads/client';
import { tiktokClient } from '../../electron/core/platforms/tiktok/client';
import { linkedinClient } from '../../electron/core/platforms/linkedin';
import { call, createTestCore, tempDir, type TestCore, refusalOf } from '../support/core';
import { mp4 } from '../support/mp4';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
/** Only an ftyp box: stored as a video, its length unknown. */
const FTYP_ONLY = Uint8Array.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d, 0x6d, 0x70, 0x34, 0x31]);

describe('video length at every entrance', () => {
  let t: TestCore;
  afterEach(async () => t?.close());

  const refusal = (channel: string, input: unknown) => refusalOf(t.core, channel, input);
  const upload = (name: string, bytes: Uint8Array) => call<MediaInfoDto>(t.core, 'media:upload', { name, mime: 'video/mp4', dataBase64: b64(bytes) });
  const schedule = { date: '2026-11-25', time: '09:00' };
  const start = () => createTestCore({ clients: { instagram: instagramClient, threads: threadsClient } });

  it('keeps an upload\'s length and its size as shown (a phone\'s portrait video, stored landscape)', async () => {
    t = await start();
    const clip = await upload('phone.mp4', mp4({ seconds: 372.25, rotation: 90, width: 1920, height: 1080, moovLast: true }));
    expect(clip).toMatchObject({ mime: 'video/mp4', durationMs: 372_250, width: 1080, height: 1920 });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'A clip', platforms: ['threads'], schedule: null });
    const items = await call<PostMediaItemDto[]>(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: clip.hash, altText: null }] });
    expect(items).toEqual([expect.objectContaining({ durationMs: 372_250, width: 1080, height: 1920 })]);
    // A file it cannot read is kept all the same, without facts.
    const unknown = await upload('odd.mp4', FTYP_ONLY);
    expect(unknown).toEqual({ hash: expect.any(String), mime: 'video/mp4', bytes: FTYP_ONLY.length });
  });

  it('refuses to schedule a video longer than Threads takes, and schedules one that fits or whose length is unknown', async () => {
    t = await start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'The whole rehearsal', platforms: ['threads'], schedule: null });
    const long = await upload('long.mp4', mp4({ seconds: 372 }));
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: long.hash, altText: null }] });
    const r = await refusal('posts:update', { id: post.id, schedule });
    expect(r).toMatchObject({ code: 'gate_failed', message: 'Threads takes videos up to 5 minutes; video 1 is 6 min 12 s. Trim it, or take Threads off this post.' });

    for (const bytes of [mp4({ seconds: 299 }), FTYP_ONLY]) {
      const fits = await upload('fits.mp4', bytes);
      await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: fits.hash, altText: null }] });
      const scheduled = await call<PostDto>(t.core, 'posts:update', { id: post.id, schedule });
      expect(scheduled.targets.map((x) => x.state)).toEqual(['scheduled']);
      await call(t.core, 'posts:update', { id: post.id, schedule: null });
    }
  });

  it('holds a video in an Instagram carousel to 60 seconds, and a Reel to 15 minutes', async () => {
    t = await start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Behind the scenes', platforms: ['instagram'], schedule: null });
    const video = await upload('bts.mp4', mp4({ seconds: 90, width: 1080, height: 1350 }));
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: video.hash, altText: null }] });
    expect((await call<PostDto>(t.core, 'posts:update', { id: post.id, schedule })).targets.map((x) => x.state)).toEqual(['scheduled']);
    await call(t.core, 'posts:update', { id: post.id, schedule: null });
    const other = await upload('more.mp4', mp4({ seconds: 20, width: 1080, height: 1350 }));
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: other.hash, altText: null }, { hash: video.hash, altText: null }] });
    expect(await refusal('posts:update', { id: post.id, schedule })).toMatchObject({
      code: 'gate_failed',
      message: 'Instagram takes videos between 3 and 60 seconds in a carousel; video 2 is 1 min 30 s. Trim it, or take Instagram off this post.',
    });
  });

  it('refuses to schedule a video of a shape or size the platform refuses, at scheduling and in the import\'s preview', async () => {
    t = await createTestCore({ clients: { tiktok: tiktokClient, linkedin: linkedinClient } });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Old footage', platforms: ['tiktok'], schedule: null });
    const small = await upload('old.mp4', mp4({ seconds: 30, width: 320, height: 240 }));
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: small.hash, altText: null }] });
    expect(await refusal('posts:update', { id: post.id, schedule })).toMatchObject({
      code: 'gate_failed',
      message: 'TikTok takes videos between 360 and 4,096 pixels on each side; video 1 is 320×240. Use a larger one, or take TikTok off this post.',
    });
    const phone = await upload('phone.mp4', mp4({ seconds: 30, width: 1920, height: 1080, rotation: 90 }));
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: phone.hash, altText: null }] });
    expect((await call<PostDto>(t.core, 'posts:update', { id: post.id, schedule })).targets.map((x) => x.state)).toEqual(['scheduled']);

    const dir = tempDir();
    writeFileSync(join(dir.path, 'banner.mp4'), mp4({ seconds: 30, width: 2000, height: 600 }));
    const csv = ['date,time,zone,text,accounts,media', `2026-11-26,09:00,UTC,Banner,linkedin,${join(dir.path, 'banner.mp4')}`].join('\n');
    const preview = await call<{ rows: { errors: { field: string; message: string }[] }[] }>(t.core, 'io:importPreview', { csv });
    expect(preview.rows.map((r) => r.errors.map((e) => `${e.field}: ${e.message}`))).toEqual([
      ['media: LinkedIn takes videos between 1:2.4 (tall) and 2.4:1 (wide); video 1 is 2000×600. Crop it to fit, or take LinkedIn off this post.'],
    ]);
    dir.remove();
  });

  it('names a row whose video is too long already in the import\'s preview, reading only its headers, and keeps its length on import', async () => {
    t = await start();
    await call(t.core, 'settings:update', { importedPostsSkipReview: true });
    const dir = tempDir();
    writeFileSync(join(dir.path, 'long.mp4'), mp4({ seconds: 372, moovLast: true, mdatBytes: 100_000 }));
    writeFileSync(join(dir.path, 'short.mov'), mp4({ seconds: 45, brand: 'qt  ' }));
    const csv = ['date,time,zone,text,accounts,media', `2026-11-26,09:00,UTC,Too long,threads,${join(dir.path, 'long.mp4')}`, `2026-11-26,10:00,UTC,Fits,threads,${join(dir.path, 'short.mov')}`].join('\n');
    const preview = await call<{ rows: { line: number; errors: { field: string; message: string }[] }[] }>(t.core, 'io:importPreview', { csv });
    expect(preview.rows.map((r) => r.errors.map((e) => `${e.field}: ${e.message}`))).toEqual([['media: Threads takes videos up to 5 minutes; video 1 is 6 min 12 s. Trim it, or take Threads off this post.'], []]);

    const row = { line: 3, fields: { when: '2026-11-26 10:00', zone: 'UTC', text: 'Fits', accounts: 'threads', link: '', media: join(dir.path, 'short.mov'), altText: '', firstComment: '', campaign: '' } };
    const done = await call<{ postIds: string[] }>(t.core, 'io:importCommit', { importId: 'video-import', rows: [row] });
    const media = await call<PostMediaItemDto[]>(t.core, 'media:forPost', { postId: done.postIds[0]! });
    expect(media).toEqual([expect.objectContaining({ mime: 'video/quicktime', durationMs: 45_000, width: 1920, height: 1080 })]);
    dir.remove();
  });

  it('reads the facts again when the same bytes come again (stored before lengths were read)', async () => {
    t = await start();
    const bytes = mp4({ seconds: 12 });
    const first = await upload('a.mp4', bytes);
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare('UPDATE media SET width = NULL, height = NULL, duration_ms = NULL WHERE hash = ?').run(first.hash);
    db.close();
    expect(await upload('a.mp4', bytes)).toMatchObject({ durationMs: 12_000, width: 1920, height: 1080 });
  });
});
