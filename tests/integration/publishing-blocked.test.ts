import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { PublishingStatusDto } from '../../shared/contract/features/publishing';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 10:00 in Berlin; these are the next day.
const at = (time: string) => ({ date: '2026-11-24', time, zone: 'Europe/Berlin' });

describe('the publishing status says which scheduled posts can go out', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const status = () => call<PublishingStatusDto>(t!.core, 'publishing:status');
  const schedule = (platforms: string[], time: string) => call<PostDto>(t!.core, 'posts:create', { text: `At ${time}`, platforms, schedule: at(time) });

  it('promises no next post with no account, counts what cannot go out by platform and why, and follows accounts', async () => {
    t = await createTestCore({ clients: { mastodon: scriptedClient('mastodon').client, x: scriptedClient('x').client } });
    for (const time of ['09:00', '10:00', '11:00']) await schedule(['mastodon'], time);
    // No account at all: nothing can go out, so nothing is next.
    expect(await status()).toMatchObject({ next: null, blocked: [{ platform: 'mastodon', reason: 'no_account', posts: 3 }] });

    // An X account: its post is next, though the Mastodon ones are due earlier; they still cannot go out.
    const x = await t.core.services.accounts.add({ platform: 'x', handle: '@me', credentials: { accessToken: 'token-x' } });
    const xPost = await schedule(['x'], '12:00');
    const both = await schedule(['x', 'mastodon'], '13:00');
    let s = await status();
    expect(s.next).toMatchObject({ postId: xPost.id, accounts: [{ id: x.id, platform: 'x' }] });
    expect(s.blocked).toEqual([{ platform: 'mastodon', reason: 'no_account', posts: 4 }]);

    // Its sign-in stops working: nothing is next any more, and the X posts say why they wait.
    t.core.services.accounts.needsReconnect(x.id, 'The token was revoked.');
    s = await status();
    expect(s.next).toBeNull();
    expect(s.blocked).toEqual([
      { platform: 'mastodon', reason: 'no_account', posts: 4 },
      { platform: 'x', reason: 'needs_reconnect', posts: 2 },
    ]);

    // Working again: only the platform without an account is held.
    t.core.services.accounts.worksAgain(x.id);
    s = await status();
    expect(s.next?.postId).toBe(xPost.id);
    expect(s.blocked).toEqual([{ platform: 'mastodon', reason: 'no_account', posts: 4 }]);
    expect(both.targets.map((c) => c.platform).sort()).toEqual(['mastodon', 'x']);
  });

  it('says nothing is held when every scheduled post has an account that can post', async () => {
    t = await createTestCore({ clients: { mastodon: scriptedClient('mastodon').client } });
    expect(await status()).toMatchObject({ next: null, blocked: [] });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 't' } });
    const post = await schedule(['mastodon'], '09:00');
    expect(await status()).toMatchObject({ next: { postId: post.id }, blocked: [] });
  });
});
