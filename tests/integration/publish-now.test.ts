import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { call, createTestCore, memoryVault, type TestCore, refusalOf } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string, date = '2026-11-23') => ({ date, time, zone: 'Europe/Berlin' });

describe('compose:publishNow', () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;

  async function setup() {
    script = scriptedClient('mastodon');
    t = await createTestCore({ vault: memoryVault(), clients: { mastodon: script.client }, publishing: { autoStart: false } });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    await t.core.services.scheduler.start();
  }
  const refusal = (channel: string, input: unknown) => refusalOf(t.core, channel, input);
  const settle = () => t.core.services.scheduler.wake();

  afterEach(async () => {
    await t?.close();
  });

  it('sends a draft out right away, without waiting for any clock to move', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Right now', platforms: ['mastodon'], schedule: null });
    const moved = await call<PostDto>(t.core, 'compose:publishNow', { postId: post.id });
    expect(moved.targets[0]!.state).toBe('scheduled');
    expect(Date.parse(moved.scheduledAt!)).toBe(t.clock.now());
    await settle();
    expect(script.published().map((c) => c.req!.text)).toEqual(['Right now']);
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]!.state).toBe('published');
  });

  it('brings a scheduled post forward to now', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Later, or now', platforms: ['mastodon'], schedule: at('18:00') });
    await call(t.core, 'compose:publishNow', { postId: post.id });
    await settle();
    expect(script.published()).toHaveLength(1);
  });

  it('refuses while own posts wait in Review, until the post is approved', async () => {
    await setup();
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Needs a look', platforms: ['mastodon'], schedule: null });
    const refused = await refusal('compose:publishNow', { postId: post.id });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/wait in Review/);
    await call(t.core, 'review:send', { postIds: [post.id] });
    const waiting = await refusal('compose:publishNow', { postId: post.id });
    expect(waiting.message).toMatch(/waiting in Review/);
    await call(t.core, 'review:approve', { postIds: [post.id] });
    await call(t.core, 'compose:publishNow', { postId: post.id });
    await settle();
    expect(script.published()).toHaveLength(1);
  });

  it('refuses a copy with no connected account and one over the limit, moving nothing', async () => {
    await setup();
    const unbound = await call<PostDto>(t.core, 'posts:create', { text: 'Nowhere yet', platforms: ['mastodon', 'bluesky'], schedule: null });
    const noAccount = await refusal('compose:publishNow', { postId: unbound.id });
    expect(noAccount.code).toBe('invalid_input');
    expect(noAccount.message).toMatch(/No Bluesky account/);
    const long = await call<PostDto>(t.core, 'posts:create', { text: 'x'.repeat(600), platforms: ['mastodon'], schedule: null });
    const gated = await refusal('compose:publishNow', { postId: long.id });
    expect(gated.code).toBe('gate_failed');
    expect((await call<PostDto>(t.core, 'posts:get', { id: long.id })).targets[0]!.state).toBe('draft');
    await settle();
    expect(script.published()).toHaveLength(0);
  });

  it('refuses a post that is already out', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Once', platforms: ['mastodon'], schedule: null });
    await call(t.core, 'compose:publishNow', { postId: post.id });
    await settle();
    const again = await refusal('compose:publishNow', { postId: post.id });
    expect(again.code).toBe('conflict');
    expect((await refusal('compose:publishNow', { postId: 'no-such-post' })).code).toBe('not_found');
  });
});
