import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarPostDto } from '../../shared/contract/features/calendar';
import type { MediaInfoDto } from '../../shared/contract/features/media-library';
import { RANGE_SQL } from '../../electron/core/features/calendar/range-query';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin).
const ZONE = 'Europe/Berlin';
const midnight = (date: string) => DateTime.fromISO(date, { zone: ZONE }).startOf('day').toISO()!;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A PNG header (enough for its size) with a byte that makes each file, and its hash, its own. */
function png(seed: number): Uint8Array {
  const b = new Uint8Array(40);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, 64);
  new DataView(b.buffer).setUint32(20, 48);
  b[39] = seed;
  return b;
}

async function upload(t: TestCore, seed: number, mime = 'image/png'): Promise<string> {
  return (await call<MediaInfoDto>(t.core, 'media:upload', { name: `${seed}.png`, mime, dataBase64: b64(png(seed)) })).hash;
}

describe('posts:range sends each post’s first media item, for the chip thumbnails', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('gives the item at the lowest position, or null for a post without media', async () => {
    t = await createTestCore({ zone: ZONE });
    const [a, b, c] = [await upload(t, 1), await upload(t, 2), await upload(t, 3)];
    const mk = (text: string, date: string) => call<{ id: string }>(t.core, 'posts:create', { text, platforms: ['x'], schedule: { date, time: '10:00' } });
    const two = await mk('two images', '2026-12-02');
    const none = await mk('text only', '2026-12-03');
    const reordered = await mk('reordered', '2026-12-04');
    await call(t.core, 'media:setForPost', { postId: two.id, items: [{ hash: a, altText: 'first' }, { hash: b, altText: null }] });
    await call(t.core, 'media:setForPost', { postId: reordered.id, items: [{ hash: c, altText: null }, { hash: a, altText: null }] });

    const posts = await call<CalendarPostDto[]>(t.core, 'posts:range', { from: midnight('2026-12-01'), to: midnight('2027-01-01') });
    const byText = new Map(posts.map((p) => [p.text, p.firstMedia]));
    expect(byText.get('two images')).toEqual({ hash: a, mime: 'image/png' });
    expect(byText.get('text only')).toBeNull();
    expect(byText.get('reordered')).toEqual({ hash: c, mime: 'image/png' });
    expect(none.id).toBeTruthy();

    // Cleared media: the chip loses its thumbnail on the next fetch.
    await call(t.core, 'media:setForPost', { postId: two.id, items: [] });
    const again = await call<CalendarPostDto[]>(t.core, 'posts:range', { from: midnight('2026-12-01'), to: midnight('2027-01-01') });
    expect(again.find((p) => p.text === 'two images')!.firstMedia).toBeNull();
  });

  it('reads the first items of a whole range in the range’s one statement on post_media’s primary key', async () => {
    t = await createTestCore({ zone: ZONE });
    const db = new Database(`${t.dataDir}/loomcast.sqlite`, { readonly: true });
    try {
      const none = { from: 0, to: 1, states: '[]', accounts: null, campaigns: null, pillars: null };
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${RANGE_SQL}`).all(none) as { detail: string }[]).map((r) => r.detail);
      // post_media is searched by post_id through its primary key's index, never scanned.
      expect(plan.some((d) => /SEARCH pm USING (COVERING )?INDEX sqlite_autoindex_post_media_1 \(post_id=\?/.test(d))).toBe(true);
      expect(plan.some((d) => /^SCAN pm\b/.test(d))).toBe(false);
      expect(plan.some((d) => /SEARCH m USING INDEX sqlite_autoindex_media_1 \(hash=\?\)/.test(d))).toBe(true);
    } finally {
      db.close();
    }
  });
});
