/**
 * The core's side of opening links (external-links.ts): what it knows about the creator that
 * the pure rule (security.ts) cannot: their connected servers, the sign-in pages of flows under
 * way, and the links in their own posts, looked for in a bounded number of the newest rows.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { createExternalLinks, POST_LINK_SCAN_ROWS } from '../../electron/core/external-links';
import { openStore, type Store } from '../../electron/core/store/open';
import { call, createTestCore, tempDir, type TestCore } from '../support/core';

const SHOP = 'https://shop.example.com/new-print?utm_source=loomcast';
const verdict = (t: TestCore, url: string) => {
  const v = t.core.checkExternalLink(url);
  return v.ok ? `ok:${v.because}` : v.reason;
};

describe('links the core lets the shells open', () => {
  let t: TestCore | undefined;
  let store: Store | undefined;
  let dir: { path: string; remove(): void } | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    store?.close();
    store = undefined;
    dir?.remove();
    dir = undefined;
  });

  it('opens the exact links written in the creator’s posts, in any version, until the post is deleted', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: `New print is out (${SHOP}).`, platforms: ['x'], schedule: null });
    expect(verdict(t, SHOP)).toBe('ok:own_post');
    // Only that exact link: a shorter or longer one on the same host is not in any post.
    expect(verdict(t, 'https://shop.example.com/new-print')).toBe('host_not_allowed');
    expect(verdict(t, `${SHOP}&x=1`)).toBe('host_not_allowed');
    expect(verdict(t, 'http://shop.example.com/new-print?utm_source=loomcast')).toBe('not_https');

    await call(t.core, 'posts:update', { id: post.id, text: 'Sold out, thank you! https://café.fr/menu' });
    expect(verdict(t, SHOP)).toBe('ok:own_post');
    expect(verdict(t, 'https://xn--caf-dma.fr/menu')).toBe('ok:own_post');

    await call(t.core, 'posts:delete', { id: post.id });
    expect(verdict(t, SHOP)).toBe('host_not_allowed');
  });

  it('opens pages of a connected Mastodon server while it is connected', async () => {
    t = await createTestCore();
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@ada@fosstodon.org', serverUrl: 'https://fosstodon.org', credentials: { accessToken: 't' } });
    expect(verdict(t, 'https://fosstodon.org/@ada/113')).toBe('ok:connected_server');
    expect(verdict(t, 'https://fosstodon.org.evil.net/@ada/113')).toBe('host_not_allowed');
    await t.core.services.accounts.disconnect(account.id);
    expect(verdict(t, 'https://fosstodon.org/@ada/113')).toBe('host_not_allowed');
  });

  it('trusts a connect flow’s sign-in page only until the flow ends', () => {
    dir = tempDir();
    store = openStore(join(dir.path, 'db.sqlite'));
    const links = createExternalLinks({ db: store.db });
    const authorize = 'https://fosstodon.org/oauth/authorize?client_id=c&state=s&code_challenge=x';
    expect(links.check(authorize)).toEqual({ ok: false, reason: 'host_not_allowed' });
    const first = links.trustAuthorizeUrl(authorize);
    const second = links.trustAuthorizeUrl(authorize);
    expect(links.check(authorize)).toMatchObject({ ok: true, because: 'connect_flow' });
    expect(links.check(`${authorize}&extra=1`)).toEqual({ ok: false, reason: 'host_not_allowed' });
    first();
    expect(links.check(authorize).ok).toBe(true);
    second();
    expect(links.check(authorize)).toEqual({ ok: false, reason: 'host_not_allowed' });
  });

  it('finds links in per-account text, thread parts and the links of published copies and parts, and reads only the newest rows', () => {
    dir = tempDir();
    store = openStore(join(dir.path, 'db.sqlite'));
    const db = store.db;
    const links = createExternalLinks({ db });
    db.prepare('INSERT INTO posts (id, created_at, updated_at) VALUES (?, 0, 0)').run('p1');
    const version = db.prepare('INSERT INTO post_versions (post_id, number, text, created_at) VALUES (?, ?, ?, 0)');
    version.run('p1', 1, 'An old one: https://old.example.com/a');
    db.prepare(`INSERT INTO targets (id, post_id, platform, state, text_override, platform_url, created_at, updated_at)
      VALUES ('t1', 'p1', 'mastodon', 'published', 'Mastodon text [https://override.example.com/b]', 'https://masto.example.org/@ada/1', 0, 0)`).run();
    db.prepare(`INSERT INTO target_parts (target_id, position, kind, text) VALUES ('t1', 1, 'comment', 'Link in the first comment: https://comment.example.com/c!')`).run();
    db.prepare(`INSERT INTO target_parts (target_id, position, kind, text, state, platform_url) VALUES ('t1', 2, 'thread', 'Part three', 'published', 'https://masto.example.org/@ada/3')`).run();
    expect(links.inCreatorsPosts('https://override.example.com/b')).toBe(true);
    expect(links.inCreatorsPosts('https://masto.example.org/@ada/1')).toBe(true);
    expect(links.inCreatorsPosts('https://comment.example.com/c')).toBe(true);
    expect(links.inCreatorsPosts('https://masto.example.org/@ada/3')).toBe(true);
    expect(links.inCreatorsPosts('https://old.example.com/a')).toBe(true);

    // A workspace with more versions than the window: the oldest falls outside what is read.
    db.transaction(() => {
      for (let n = 2; n <= POST_LINK_SCAN_ROWS + 1; n++) version.run('p1', n, `version ${n}`);
    })();
    expect(links.inCreatorsPosts('https://old.example.com/a')).toBe(false);
    expect(links.inCreatorsPosts('https://override.example.com/b')).toBe(true);
  });
});
