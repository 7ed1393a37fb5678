import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('a copy claimed for sending whose request could not be made', () => {
  it('goes back to wait with the reason, not left "publishing", and goes out once it can', async () => {
    const script = scriptedClient('mastodon');
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    await t.core.services.scheduler.start();
    // The fake clock starts at Mon 23 Nov 2026 10:00 in Berlin.
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Ready at 10:01', accounts: [account.id], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } });
    // Reading the post's media fails once, after the claim and before anything is sent.
    const media = t.core.services.media;
    const forPost = media.forPost.bind(media);
    let broken = true;
    media.forPost = (postId: string) => {
      if (broken) throw new Error('disk I/O error');
      return forPost(postId);
    };
    t.clock.advance(60_000);
    await t.core.services.scheduler.wake();
    const waiting = (await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]!;
    expect(script.published()).toHaveLength(0);
    expect(waiting).toMatchObject({ state: 'scheduled', lastError: expect.stringContaining('disk I/O error') });
    expect(waiting.lastError).toMatch(/nothing was sent/i);

    broken = false;
    t.clock.advance(60 * 60_000);
    await t.core.services.scheduler.wake();
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]!.state).toBe('published');
    expect(script.published()).toHaveLength(1);
  });
});
