import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { SEARCH_WARM_MS } from '../../electron/core/features/calendar';
import { SEARCH_CHUNK } from '../../electron/core/posts/search';
import { call, createTestCore, type TestCore } from '../support/core';

const docs = (t: TestCore) => {
  const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM post_search_docs').get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};
async function until(what: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the search index is brought up to date in the background after the start', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  async function posts(n: number): Promise<PostDto[]> {
    const made: PostDto[] = [];
    for (let i = 0; i < n; i++) made.push(await call<PostDto>(t.core, 'posts:create', { text: `Studio note ${i}: ${i % 7 === 0 ? 'kiln day' : 'glaze test'}`, platforms: ['mastodon'], schedule: null }));
    return made;
  }

  it('writes every document, chunk by chunk, once the start has settled, so the first search has nothing left to do', { timeout: 60_000 }, async () => {
    t = await createTestCore();
    const made = await posts(SEARCH_CHUNK + 200);
    await turns(5);
    expect(docs(t)).toBe(0);
    t.clock.advance(SEARCH_WARM_MS - 1);
    await turns(5);
    expect(docs(t)).toBe(0);
    t.clock.advance(1);
    await until(() => docs(t) === made.length);
    const found = await call<{ posts: PostDto[] }>(t.core, 'posts:search', { text: 'kiln', limit: 200 });
    expect(found.posts.map((p) => p.id).sort()).toEqual(made.filter((_, i) => i % 7 === 0).map((p) => p.id).sort());
  });

  it('stops between chunks when the core closes, and the next run goes on from there', { timeout: 60_000 }, async () => {
    t = await createTestCore();
    const made = await posts(2 * SEARCH_CHUNK + 100);
    t.clock.advance(SEARCH_WARM_MS);
    // The first chunk runs in the timer's own turn; closing now lets no other start (nor waits
    // for the rest of the catch-up).
    await t.close();
    await turns(5);
    expect(docs(t)).toBe(SEARCH_CHUNK);
    expect(readFileSync(t.logFile, 'utf8')).not.toContain('could not bring the search index');
    t = await createTestCore({ dataDir: t.dataDir, clock: t.clock });
    const found = await call<{ posts: PostDto[]; more: boolean }>(t.core, 'posts:search', { text: 'glaze', limit: 200 });
    expect(found.more).toBe(true);
    expect(docs(t)).toBe(made.length);
  });
});
