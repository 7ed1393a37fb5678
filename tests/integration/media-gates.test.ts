/**
 * A post whose media a platform would refuse is refused when it is scheduled, whichever way it
 * comes in (the composer and agents through posts and media channels, an import), in words
 * naming the platform, not found out when it falls due.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { MediaInfoDto } from '../../shared/contract/features/media-library';
import { instagramClient } from '../../electron/core/platforms/instagram/client';
import { threadsClient } from '../../electron/core/platforms/threads/client';
import { call, createTestCore, tempDir, type TestCore, refusalOf } from '../support/core';

/** The first bytes of a PNG: its signature and IHDR size. */
function png(width: number, height: number): Uint8Array {
  const b = new Uint8Array(40);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  return b;
}

/** SOI, an optional Exif APP1 with an orientation, a baseline frame header with the stored size, EOI. */
function jpeg(width: number, height: number, orientation?: number): Uint8Array {
  const exif =
    orientation === undefined
      ? []
      : [
          // APP1, length 34: "Exif\0\0", then a big-endian TIFF header and IFD0 with one entry (0x0112, SHORT, 1, value).
          0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0, 0,
          0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8,
          0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0,
        ];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...exif, ...sof0, 0xff, 0xd9]);
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('media gates at every entrance', () => {
  let t: TestCore;
  afterEach(async () => t?.close());

  const refusal = (channel: string, input: unknown) => refusalOf(t.core, channel, input);
  const upload = (name: string, mime: string, bytes: Uint8Array) => call<MediaInfoDto>(t.core, 'media:upload', { name, mime, dataBase64: b64(bytes) });
  const schedule = { date: '2026-11-25', time: '09:00' };

  it('refuses to schedule a PNG for Instagram, and schedules the JPEG', async () => {
    t = await createTestCore({ clients: { instagram: instagramClient, threads: threadsClient } });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'A photo', platforms: ['instagram'], schedule: null });
    const pic = await upload('a.png', 'image/png', png(1080, 1080));
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: pic.hash, altText: 'A photo' }] });
    const r = await refusal('posts:update', { id: post.id, schedule });
    expect(r).toMatchObject({ code: 'gate_failed', message: expect.stringMatching(/Instagram takes JPEG photos only/) });

    const ok = await upload('a.jpg', 'image/jpeg', jpeg(1080, 1080));
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: ok.hash, altText: 'A photo' }] });
    const scheduled = await call<PostDto>(t.core, 'posts:update', { id: post.id, schedule });
    expect(scheduled.targets.map((x) => x.state)).toEqual(['scheduled']);
  });

  it('refuses media added to a scheduled Threads post that Threads would refuse', async () => {
    t = await createTestCore({ clients: { instagram: instagramClient, threads: threadsClient } });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Words first', platforms: ['threads'], schedule });
    const gif = await upload('a.gif', 'image/gif', new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x3b]));
    const r = await refusal('media:setForPost', { postId: post.id, items: [{ hash: gif.hash, altText: 'Moving' }] });
    expect(r).toMatchObject({ code: 'gate_failed', message: expect.stringMatching(/Threads takes JPEG or PNG photos only/) });
  });

  it('refuses an imported row whose photo Instagram would refuse', async () => {
    t = await createTestCore({ clients: { instagram: instagramClient, threads: threadsClient } });
    await call(t.core, 'settings:update', { importedPostsSkipReview: true });
    const dir = tempDir();
    writeFileSync(join(dir.path, 'pic.png'), png(1080, 1080));
    const row = { line: 2, fields: { when: '2026-11-26 09:00', zone: 'UTC', text: 'Imported', accounts: 'instagram', link: '', media: join(dir.path, 'pic.png'), altText: 'A photo', firstComment: '', campaign: '' } };
    const r = await refusal('io:importCommit', { importId: 'png-for-instagram', rows: [row] });
    expect(r.message).toMatch(/Instagram takes JPEG photos only/);
    expect(await call<PostDto[]>(t.core, 'posts:list', { scope: 'all' })).toEqual([]);
    dir.remove();
  });

  it('names a row whose photo Instagram would refuse already in the import’s preview', async () => {
    t = await createTestCore({ clients: { instagram: instagramClient, threads: threadsClient } });
    const dir = tempDir();
    writeFileSync(join(dir.path, 'pic.png'), png(1080, 1080));
    writeFileSync(join(dir.path, 'pic.jpg'), jpeg(1080, 1080));
    const csv = ['date,time,zone,text,accounts,media,alt_text', `2026-11-26,09:00,UTC,A PNG,instagram,${join(dir.path, 'pic.png')},A photo`, `2026-11-26,10:00,UTC,A JPEG,instagram,${join(dir.path, 'pic.jpg')},A photo`].join('\n');
    const preview = await call<{ rows: { line: number; errors: { field: string; message: string }[] }[] }>(t.core, 'io:importPreview', { csv });
    expect(preview.rows.map((r) => r.errors.map((e) => `${e.field}: ${e.message}`))).toEqual([[expect.stringMatching(/^media: Instagram takes JPEG photos only; image 1 is PNG/)], []]);
    dir.remove();
  });

  it('reads a phone photo’s size as it is shown: EXIF orientation 6 turns 4032×3024 into 3024×4032', async () => {
    t = await createTestCore({ clients: { instagram: instagramClient, threads: threadsClient } });
    const portrait = await upload('phone.jpg', 'image/jpeg', jpeg(4032, 3024, 6));
    expect(portrait).toMatchObject({ width: 3024, height: 4032 });
    const upright = await upload('upright.jpg', 'image/jpeg', jpeg(4032, 3024, 1));
    expect(upright).toMatchObject({ width: 4032, height: 3024 });

    // 3:4 is taller than Instagram's 4:5: refused before it is scheduled, not when it falls due.
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Portrait', platforms: ['instagram'], schedule: null });
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: portrait.hash, altText: 'A portrait' }] });
    const r = await refusal('posts:update', { id: post.id, schedule });
    expect(r).toMatchObject({ code: 'gate_failed', message: expect.stringMatching(/Instagram takes photos between 4:5.*3024×4032/) });
  });

  it('goes by what the bytes are, not by the name or the declared type', async () => {
    t = await createTestCore({ clients: { instagram: instagramClient, threads: threadsClient } });
    // A screenshot saved as .jpg is still a PNG to Instagram.
    const renamed = await upload('screenshot.jpg', 'image/jpeg', png(1080, 1080));
    expect(renamed).toMatchObject({ mime: 'image/png', width: 1080, height: 1080 });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'A screenshot', platforms: ['instagram'], schedule: null });
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: renamed.hash, altText: 'A screenshot' }] });
    expect(await refusal('posts:update', { id: post.id, schedule })).toMatchObject({ code: 'gate_failed', message: expect.stringMatching(/Instagram takes JPEG photos only/) });
    // An iPhone's HEIC photo named .jpg: no platform takes it, so it is refused at upload.
    const heic = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0, 0x6d, 0x69, 0x66, 0x31, 0x68, 0x65, 0x69, 0x63]);
    expect(await refusal('media:upload', { name: 'IMG_0001.jpg', mime: 'image/jpeg', dataBase64: b64(heic) })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/HEIC.*JPEG/) });
  });

  it('keeps an imported photo’s size, as an upload’s', async () => {
    t = await createTestCore({ clients: { instagram: instagramClient, threads: threadsClient } });
    await call(t.core, 'settings:update', { importedPostsSkipReview: true });
    const dir = tempDir();
    writeFileSync(join(dir.path, 'tall.jpg'), jpeg(1080, 1920));
    const row = { line: 2, fields: { when: '2026-11-26 09:00', zone: 'UTC', text: 'Imported', accounts: 'instagram', link: '', media: join(dir.path, 'tall.jpg'), altText: 'A tall photo', firstComment: '', campaign: '' } };
    const r = await refusal('io:importCommit', { importId: 'tall-for-instagram', rows: [row] });
    expect(r.message).toMatch(/Instagram takes photos between 4:5.*1080×1920/);
    dir.remove();
  });

  it('names a photo of the wrong shape already in the import’s preview, as the commit would refuse it', async () => {
    t = await createTestCore({ clients: { instagram: instagramClient, threads: threadsClient } });
    const dir = tempDir();
    writeFileSync(join(dir.path, 'tall.jpg'), jpeg(1080, 1920));
    writeFileSync(join(dir.path, 'turned.jpg'), jpeg(1350, 1080, 6));
    writeFileSync(join(dir.path, 'square.png'), png(1080, 1080));
    const csv = [
      'date,time,zone,text,accounts,media,alt_text',
      `2026-11-26,09:00,UTC,Too tall,instagram,${join(dir.path, 'tall.jpg')},A tall photo`,
      `2026-11-26,10:00,UTC,Turned upright,instagram,${join(dir.path, 'turned.jpg')},A photo taken upright`,
      `2026-11-26,11:00,UTC,Fine on Threads,threads,${join(dir.path, 'tall.jpg')},A tall photo`,
      `2026-11-26,12:00,UTC,Square,threads,${join(dir.path, 'square.png')},A square photo`,
    ].join('\n');
    const preview = await call<{ rows: { errors: { field: string; message: string }[] }[] }>(t.core, 'io:importPreview', { csv });
    expect(preview.rows.map((r) => r.errors.map((e) => `${e.field}: ${e.message}`))).toEqual([
      ['media: Instagram takes photos between 4:5 (portrait) and 1.91:1 (landscape); image 1 is 1080×1920. Crop it to fit.'],
      // Shown upright (EXIF orientation 6): 1080×1350, which is 4:5.
      [],
      [],
      [],
    ]);
    dir.remove();
  });
});
