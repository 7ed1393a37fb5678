import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { MAX_MEDIA_PER_POST, type MediaInfoDto, type PostMediaItemDto } from '../../shared/contract/features/media-library';
import { imageSize } from '../../electron/core/features/media-library/dimensions';
import { call, createTestCore, type TestCore, refusalOf } from '../support/core';

/** The first 24 bytes of a PNG are enough to say its size. */
function pngHeader(width: number, height: number, extra = 0): Uint8Array {
  const b = new Uint8Array(33 + extra);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  for (let i = 33; i < b.length; i++) b[i] = i % 251;
  return b;
}

/** SOI, an APP0 segment to skip, then a baseline frame header with the size. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...new Array<number>(14).fill(0)];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('imageSize', () => {
  it('reads PNG and JPEG sizes from their headers and says null for anything else', () => {
    expect(imageSize(pngHeader(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageSize(jpegHeader(1200, 675))).toEqual({ width: 1200, height: 675 });
    expect(imageSize(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))).toBeNull();
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });
});

describe('media library', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const refusal = (channel: string, input: unknown) => refusalOf(t.core, channel, input);
  const newPost = (platforms = ['bluesky', 'mastodon']) => call<PostDto>(t.core, 'posts:create', { text: 'With a picture', platforms, schedule: null });

  it('stores an upload once by its SHA-256, with the image size read from its header', async () => {
    t = await createTestCore();
    const png = pngHeader(320, 200, 40);
    const first = await call<MediaInfoDto>(t.core, 'media:upload', { name: 'a.png', mime: 'image/png', dataBase64: b64(png) });
    const again = await call<MediaInfoDto>(t.core, 'media:upload', { name: 'copy.png', mime: 'image/png', dataBase64: b64(png) });
    expect(first).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), mime: 'image/png', bytes: png.byteLength, width: 320, height: 200 });
    expect(again.hash).toBe(first.hash);
    expect(readdirSync(join(t.dataDir, 'media'))).toEqual([first.hash]);
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 1 });
    db.close();
    const thumb = await call<{ dataUrl: string }>(t.core, 'media:thumbnail', { hash: first.hash });
    expect(thumb.dataUrl).toBe(`data:image/png;base64,${b64(png)}`);
  });

  it('refuses unknown types and files over the upload cap, naming the limit', async () => {
    t = await createTestCore();
    const wrongType = await refusal('media:upload', { name: 'a.bmp', mime: 'image/bmp', dataBase64: b64(pngHeader(1, 1)) });
    expect(wrongType.code).toBe('invalid_input');
    const big = new Uint8Array(7 * 1024 * 1024 + 1);
    const tooBig = await refusal('media:upload', { name: 'clip.mp4', mime: 'video/mp4', dataBase64: b64(big) });
    expect(tooBig.code).toBe('invalid_input');
    expect(tooBig.message).toMatch(/at most 7 MB.*desktop app/);
    expect(readdirSync(join(t.dataDir, 'media'))).toEqual([]);
  });

  it('sets a post’s media in order with alt text, replaces the list, and announces the change', async () => {
    t = await createTestCore();
    const a = await call<MediaInfoDto>(t.core, 'media:upload', { name: 'a.png', mime: 'image/png', dataBase64: b64(pngHeader(10, 20)) });
    const b = await call<MediaInfoDto>(t.core, 'media:upload', { name: 'b.jpg', mime: 'image/jpeg', dataBase64: b64(jpegHeader(30, 40)) });
    const post = await newPost();
    const seen: unknown[] = [];
    t.core.subscribe((event, payload) => {
      if (event === 'posts:changed') seen.push(payload);
    });
    const set = await call<PostMediaItemDto[]>(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: b.hash, altText: '  A seedling tray  ' }, { hash: a.hash, altText: null }] });
    expect(set.map((m) => [m.hash, m.altText, m.width])).toEqual([
      [b.hash, 'A seedling tray', 30],
      [a.hash, null, 10],
    ]);
    expect(seen).toEqual([{ ids: [post.id], reason: 'updated' }]);

    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: a.hash, altText: 'Only this one' }] });
    const now = await call<PostMediaItemDto[]>(t.core, 'media:forPost', { postId: post.id });
    expect(now.map((m) => [m.hash, m.altText])).toEqual([[a.hash, 'Only this one']]);

    await call(t.core, 'media:setForPost', { postId: post.id, items: [] });
    expect(await call(t.core, 'media:forPost', { postId: post.id })).toEqual([]);
  });

  it('refuses unknown hashes, published posts, too many items and too long alt text, changing nothing', async () => {
    t = await createTestCore();
    const a = await call<MediaInfoDto>(t.core, 'media:upload', { name: 'a.png', mime: 'image/png', dataBase64: b64(pngHeader(10, 20)) });
    const post = await newPost();
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: a.hash, altText: 'Kept' }] });

    const unknown = await refusal('media:setForPost', { postId: post.id, items: [{ hash: 'f'.repeat(64), altText: null }] });
    expect(unknown.code).toBe('not_found');
    // The most any platform takes (TikTok's 35 photos); each chosen platform refuses its own excess on scheduling.
    const tooMany = await refusal('media:setForPost', { postId: post.id, items: new Array(MAX_MEDIA_PER_POST + 1).fill({ hash: a.hash, altText: null }) });
    expect(tooMany.code).toBe('invalid_input');
    expect(JSON.stringify(tooMany)).toContain('A post takes at most 35 media files');
    const longAlt = await refusal('media:setForPost', { postId: post.id, items: [{ hash: a.hash, altText: 'x'.repeat(1501) }] });
    expect(longAlt.code).toBe('invalid_input');
    expect((await refusal('media:setForPost', { postId: 'no-such-post', items: [] })).code).toBe('not_found');

    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare("UPDATE targets SET state = 'published' WHERE post_id = ? AND platform = 'mastodon'").run(post.id);
    db.close();
    const locked = await refusal('media:setForPost', { postId: post.id, items: [] });
    expect(locked.code).toBe('conflict');
    expect(locked.message).toMatch(/Mastodon copy is already published/);

    const still = await call<PostMediaItemDto[]>(t.core, 'media:forPost', { postId: post.id });
    expect(still.map((m) => [m.hash, m.altText])).toEqual([[a.hash, 'Kept']]);
  });
});
