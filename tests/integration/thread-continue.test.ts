/**
 * A thread that stopped (a refusal, the last attempt, or a part nobody could confirm) is gone on
 * with from the post: publishing:threadParts says where each part stands, and
 * publishing:continueThread sends the stopped part and the rest again, or records an
 * unconfirmed part the creator found so the rest replies to it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { AlertItemDto } from '../../shared/contract/features/alerts';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });
const MIN = 60_000;
type Parts = { targetId: string; platform: string; parts: { position: number; kind: string; state: string; lastError: string | null; nextAttemptAt: string | null; url: string | null }[] }[];

describe('going on with a stopped thread', () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;

  async function setup() {
    script = scriptedClient('mastodon');
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, retry: { maxAttempts: 3, baseMs: 60_000, capMs: 10 * MIN }, random: () => 0.5, requestTimeoutMs: 2_000 } });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    await t.core.services.scheduler.start();
  }
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await t.core.services.scheduler.wake();
  };
  const thread = () => call<PostDto>(t.core, 'posts:create', { text: 'one', platforms: ['mastodon'], schedule: at('10:30'), thread: ['two', 'three'] });
  const stoppedAlerts = async () => (await call<AlertItemDto[]>(t.core, 'alerts:list')).filter((a) => a.kind === 'thread_stopped' && a.state === 'open');

  afterEach(async () => {
    await t?.close();
  });

  it('sends a refused part and the rest again when the creator asks, and the thread ends whole', async () => {
    await setup();
    script.onPublish({ kind: 'published', platformPostId: 'root', url: null }, { kind: 'failed', reason: 'Mastodon refused part two: Validation failed.' });
    const post = await thread();
    await advance(30 * MIN);
    const before = await call<Parts>(t.core, 'publishing:threadParts', { postId: post.id });
    expect(before).toEqual([
      {
        targetId: post.targets[0]!.id,
        platform: 'mastodon',
        parts: [
          { position: 1, kind: 'thread', state: 'failed', lastError: 'Mastodon refused part two: Validation failed.', nextAttemptAt: null, url: null },
          { position: 2, kind: 'thread', state: 'pending', lastError: null, nextAttemptAt: null, url: null },
        ],
      },
    ]);
    expect(await stoppedAlerts()).toHaveLength(1);

    const after = await call<Parts>(t.core, 'publishing:continueThread', { targetId: post.targets[0]!.id, outcome: 'send_again' });
    expect(after[0]!.parts[0]).toMatchObject({ state: 'pending', lastError: null });
    await t.core.services.scheduler.wake();
    expect(script.published().map((c) => [c.req!.text, c.req!.replyTo?.platformPostId ?? null])).toEqual([
      ['one', null],
      ['two', 'root'],
      ['two', 'root'],
      ['three', 'p1'],
    ]);
    // Each part keeps the link the platform gave it.
    expect((await call<Parts>(t.core, 'publishing:threadParts', { postId: post.id }))[0]!.parts.map((p) => [p.state, p.url])).toEqual([
      ['published', 'https://mastodon.invalid/p1'],
      ['published', 'https://mastodon.invalid/p2'],
    ]);
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]).toMatchObject({ state: 'published', lastError: null });
    await call(t.core, 'alerts:check');
    expect(await stoppedAlerts()).toHaveLength(0);
  });

  it('records an unconfirmed part the creator found by its link, and the rest replies to it', async () => {
    await setup();
    script.onPublish({ kind: 'published', platformPostId: 'root', url: null }, { kind: 'unknown', reason: 'Mastodon did not answer in time.' });
    script.onReconcile({ kind: 'cannot_tell', reason: 'Mastodon could not say.' });
    const post = await thread();
    await advance(30 * MIN);
    await advance(MIN); // the check after the backoff: cannot tell
    const targetId = post.targets[0]!.id;
    expect((await call<Parts>(t.core, 'publishing:threadParts', { postId: post.id }))[0]!.parts[0]).toMatchObject({ state: 'unconfirmed', lastError: 'Mastodon could not say.' });

    // A link that is not this account's post cannot be replied to: refused, nothing changed.
    const wrong = await t.core.dispatch('publishing:continueThread', { targetId, outcome: 'published', url: 'https://mastodon.social/@someone/555' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: "Paste the link to part 2 on Mastodon, as this account's post: the rest of the thread replies to it." } });
    await call(t.core, 'publishing:continueThread', { targetId, outcome: 'published', url: 'https://example.social/@me/555' });
    await t.core.services.scheduler.wake();
    expect(script.published().map((c) => [c.req!.text, c.req!.replyTo?.platformPostId ?? null])).toEqual([
      ['one', null],
      ['two', 'root'],
      ['three', '555'],
    ]);
    // The found part keeps the link the creator pasted.
    expect((await call<Parts>(t.core, 'publishing:threadParts', { postId: post.id }))[0]!.parts.map((p) => [p.state, p.url])).toEqual([
      ['published', 'https://example.social/@me/555'],
      ['published', 'https://mastodon.invalid/p1'],
    ]);
  });

  it('keeps only web links: a platform answer with another kind of link leaves the copy or part without one', async () => {
    await setup();
    script.onPublish(
      { kind: 'published', platformPostId: 'root', url: 'tag:example.social,2026:objectId=1' },
      { kind: 'published', platformPostId: 'two', url: 'https://example.social/@me/two' },
      { kind: 'published', platformPostId: 'three', url: 'javascript:alert(1)' },
    );
    const post = await thread();
    await advance(30 * MIN);
    const parts = await call<Parts>(t.core, 'publishing:threadParts', { postId: post.id });
    expect(parts[0]!.parts.map((p) => [p.state, p.url])).toEqual([
      ['published', 'https://example.social/@me/two'],
      ['published', null],
    ]);
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]).toMatchObject({ state: 'published', platformUrl: null });
  });

  it('refuses when nothing stopped, and "it is there" for a part that was refused', async () => {
    await setup();
    script.onPublish({ kind: 'published', platformPostId: 'root', url: null }, { kind: 'failed', reason: 'Mastodon refused part two.' });
    const post = await thread();
    const early = await t.core.dispatch('publishing:continueThread', { targetId: post.targets[0]!.id, outcome: 'send_again' });
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Nothing in this Mastodon thread has stopped, so there is nothing to go on with.' } });
    await advance(30 * MIN);
    const found = await t.core.dispatch('publishing:continueThread', { targetId: post.targets[0]!.id, outcome: 'published', url: 'https://example.social/@me/9' });
    expect(found).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Part 2 did not go out; send it again instead.' } });
    expect((await call<Parts>(t.core, 'publishing:threadParts', { postId: post.id }))[0]!.parts[0]).toMatchObject({ state: 'failed' });
  });
});
