import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { call, createTestCore, memoryVault, type TestCore, refusalOf } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string, date = '2026-11-23') => ({ date, time, zone: 'Europe/Berlin' });
const MIN = 60_000;


describe('compose:setOverrides', () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;

  async function setup() {
    script = scriptedClient('mastodon');
    t = await createTestCore({ vault: memoryVault(), clients: { mastodon: script.client }, publishing: { autoStart: false } });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    await t.core.services.scheduler.start();
  }
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await t.core.services.scheduler.wake();
  };
  /** The error the core answers with; fails the test when the call went through. */
  const refusal = (channel: string, input: unknown) => refusalOf(t.core, channel, input);
  const textOf = (post: PostDto, platform: string) => post.targets.find((x) => x.platform === platform)!.textOverride;

  afterEach(async () => {
    await t?.close();
  });

  it('gives one platform its own text and leaves the others on the post text, and can clear it', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Short and shared', platforms: ['x', 'linkedin', 'bluesky'], schedule: null });
    const seen: unknown[] = [];
    t.core.subscribe((event, payload) => {
      if (event === 'posts:changed') seen.push(payload);
    });
    const saved = await call<PostDto>(t.core, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'linkedin', text: 'A longer take for LinkedIn' }] });
    expect(textOf(saved, 'linkedin')).toBe('A longer take for LinkedIn');
    expect(textOf(saved, 'x')).toBeNull();
    expect(textOf(saved, 'bluesky')).toBeNull();
    expect(saved.text).toBe('Short and shared');
    expect(seen).toEqual([{ ids: [post.id], reason: 'updated' }]);
    const again = await call<PostDto>(t.core, 'posts:get', { id: post.id });
    expect(textOf(again, 'linkedin')).toBe('A longer take for LinkedIn');

    const cleared = await call<PostDto>(t.core, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'linkedin', text: null }] });
    expect(textOf(cleared, 'linkedin')).toBeNull();
  });

  it('refuses a platform the post does not go to, an empty text, and a missing post, writing nothing', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Hello', platforms: ['x', 'linkedin'], schedule: null });
    const notThere = await refusal('compose:setOverrides', { postId: post.id, overrides: [{ platform: 'linkedin', text: 'mine' }, { platform: 'threads', text: 'nope' }] });
    expect(notThere.code).toBe('invalid_input');
    expect(textOf(await call<PostDto>(t.core, 'posts:get', { id: post.id }), 'linkedin')).toBeNull();
    const empty = await refusal('compose:setOverrides', { postId: post.id, overrides: [{ platform: 'x', text: '   ' }] });
    expect(empty.code).toBe('invalid_input');
    const gone = await refusal('compose:setOverrides', { postId: 'no-such-post', overrides: [] });
    expect(gone.code).toBe('not_found');
  });

  it('publishes the override text, and refuses to change a copy that is already published', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'The shared words', platforms: ['mastodon'], schedule: at('10:30') });
    await call(t.core, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'mastodon', text: 'Words for the fediverse' }] });
    await advance(30 * MIN);
    expect(script.published().map((c) => c.req!.text)).toEqual(['Words for the fediverse']);
    const done = await call<PostDto>(t.core, 'posts:get', { id: post.id });
    expect(done.targets[0]!.state).toBe('published');

    const refused = await refusal('compose:setOverrides', { postId: post.id, overrides: [{ platform: 'mastodon', text: 'Too late' }] });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/already published/);
    expect(textOf(await call<PostDto>(t.core, 'posts:get', { id: post.id }), 'mastodon')).toBe('Words for the fediverse');
  });
});
