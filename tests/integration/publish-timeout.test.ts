import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { PLATFORMS } from '../../shared/domain/platforms';
import type { PublishOutcome } from '../../electron/core/platforms/types';
import { DEFAULT_PUBLISH_TIMEOUT_MS, PUBLISH_TIMEOUT_MS, VIDEO_PROCESSING_MS, publishTimeoutMs } from '../../electron/core/publishing/timeouts';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

/** Lets lanes run as far as they can without a wake (which would wait for the hung lane). */
async function letItRun(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('the per-platform publish timeout', () => {
  it('has a bound for every platform, never above the default, shorter for quick text posts', () => {
    for (const p of PLATFORMS) {
      expect(PUBLISH_TIMEOUT_MS[p].text).toBeGreaterThan(0);
      expect(PUBLISH_TIMEOUT_MS[p].text).toBeLessThanOrEqual(PUBLISH_TIMEOUT_MS[p].media);
      expect(PUBLISH_TIMEOUT_MS[p].media).toBeLessThanOrEqual(DEFAULT_PUBLISH_TIMEOUT_MS);
    }
    expect(publishTimeoutMs('mastodon', [])).toBe(30_000);
    expect(publishTimeoutMs('mastodon', [{ bytes: 0, mime: 'image/png' }])).toBe(DEFAULT_PUBLISH_TIMEOUT_MS);
    expect(publishTimeoutMs('youtube', [], 5_000)).toBe(5_000);
    expect(publishTimeoutMs('youtube', [{ bytes: 2 ** 30, mime: 'video/mp4' }], 5_000)).toBe(5_000);
  });

  it('gives a call with media the time to upload it on a slow line, and a video the time to be processed', () => {
    const MB = 1024 * 1024;
    // 4 MB of photos at 2 Mbit/s: 16 s more than the minute.
    expect(publishTimeoutMs('instagram', [{ bytes: 2 * MB, mime: 'image/jpeg' }, { bytes: 2 * MB, mime: 'image/jpeg' }])).toBe(DEFAULT_PUBLISH_TIMEOUT_MS + 16_000);
    // A 500 MB video: about 33 minutes of upload and 10 of processing, where a minute could never be enough.
    expect(publishTimeoutMs('tiktok', [{ bytes: 500 * MB, mime: 'video/mp4' }])).toBe(DEFAULT_PUBLISH_TIMEOUT_MS + 2_000_000 + VIDEO_PROCESSING_MS);
    expect(publishTimeoutMs('x', [{ bytes: 500 * MB, mime: 'video/mp4' }])).toBeGreaterThan(40 * 60_000);
  });
});

describe('a request the platform accepts and never answers', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup(reconcile: 'idempotency_key' | 'none') {
    const script = scriptedClient('mastodon', { reconcile });
    const hung: PublishOutcome[] = [];
    // The first request is taken and never answered; the ones after it go through.
    script.onPublish(() => new Promise<PublishOutcome>(() => void hung.push()));
    // No requestTimeoutMs: the table's 30 s for a Mastodon text post applies.
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    await t.core.services.scheduler.start();
    // The fake clock starts at Mon 23 Nov 2026 10:00 in Berlin.
    const posts: PostDto[] = [];
    for (const n of [1, 2, 3]) posts.push(await call<PostDto>(t.core, 'posts:create', { text: `Post ${n}`, accounts: [account.id], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } }));
    const state = async (i: number) => (await call<PostDto>(t!.core, 'posts:get', { id: posts[i]!.id })).targets[0]!;
    return { script, state, core: t };
  }

  it('waits the platform’s bound, then checks that copy later while the account’s other posts go out; nothing is sent twice', async () => {
    const { script, state, core } = await setup('idempotency_key');
    core.clock.advance(60_000);
    await letItRun();
    expect(script.published()).toHaveLength(1);
    expect((await state(0)).state).toBe('publishing');

    // Just before the bound the account's other posts still wait behind the hung request.
    core.clock.advance(29_000);
    await letItRun();
    expect(script.published()).toHaveLength(1);

    // Past it, the hung copy waits to be checked and the others go out at once.
    core.clock.advance(3_000);
    await letItRun();
    expect(script.published().map((c) => c.req!.text)).toEqual(['Post 1', 'Post 2', 'Post 3']);
    expect([(await state(1)).state, (await state(2)).state]).toEqual(['published', 'published']);
    expect(await state(0)).toMatchObject({ state: 'publishing', lastError: expect.stringContaining('did not answer in time') });
    expect(script.calls.filter((c) => c.kind === 'reconcile')).toHaveLength(0);

    // After the backoff (22.5 s here) the platform is asked; it made the post, so it is recorded, not sent again.
    script.onReconcile({ kind: 'found', platformPostId: 'late-1', url: 'https://example.social/@me/late-1' });
    core.clock.advance(30_000);
    await core.core.services.scheduler.wake();
    expect(await state(0)).toMatchObject({ state: 'published', platformUrl: 'https://example.social/@me/late-1' });
    expect(script.calls.filter((c) => c.kind === 'reconcile')).toHaveLength(1);
    expect(script.published()).toHaveLength(3);
  });

  it('asks the creator at once where the platform offers no way to check, and goes on with the rest', async () => {
    const { script, state, core } = await setup('none');
    core.clock.advance(60_000);
    await letItRun();
    core.clock.advance(32_000);
    await letItRun();
    expect((await state(0)).state).toBe('unconfirmed');
    expect([(await state(1)).state, (await state(2)).state]).toEqual(['published', 'published']);
    expect(script.published()).toHaveLength(3);
  });
});
