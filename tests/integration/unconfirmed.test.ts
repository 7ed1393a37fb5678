/**
 * A copy Loomcast could not confirm asks the creator "Did your post go out?". Their answer is
 * publishing:settleUnconfirmed: they found it (published, with its link), or it is not there
 * (it goes out now under the same key, through the same gates), and the alert resolves.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { AlertItemDto } from '../../shared/contract/features/alerts';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });
const MIN = 60_000;

describe('settling an unconfirmed copy', () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;

  /** One post to Mastodon, sent at 10:30, whose answer was lost where nothing can check it. */
  async function unconfirmed(): Promise<PostDto> {
    script = scriptedClient('mastodon', { reconcile: 'none' });
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5, requestTimeoutMs: 2_000 } });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    await t.core.services.scheduler.start();
    script.onPublish({ kind: 'unknown', reason: 'Mastodon did not answer in time.' });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Did this one land?', platforms: ['mastodon'], schedule: at('10:30') });
    t.clock.advance(30 * MIN);
    await t.core.services.scheduler.wake();
    expect((await get(post.id)).targets[0]).toMatchObject({ state: 'unconfirmed' });
    return post;
  }
  const get = (id: string) => call<PostDto>(t.core, 'posts:get', { id });
  const openAlerts = async () => (await call<AlertItemDto[]>(t.core, 'alerts:list')).filter((a) => a.kind === 'post_unconfirmed' && a.state === 'open');

  afterEach(async () => {
    await t?.close();
  });

  it('marks it published with the link the creator found, sends nothing, and resolves the alert', async () => {
    const post = await unconfirmed();
    expect(await openAlerts()).toHaveLength(1);
    const targetId = post.targets[0]!.id;
    const url = 'https://example.social/@me/109';
    const after = await call<PostDto>(t.core, 'publishing:settleUnconfirmed', { targetId, outcome: 'published', url });
    expect(after.targets[0]).toMatchObject({ state: 'published', platformUrl: url, lastError: 'You confirmed it went out; its numbers are collected from the link you gave.' });
    // Its id, read from the link on the account's own server, is what numbers are collected by.
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    expect(db.prepare('SELECT platform_post_id, published_at FROM targets WHERE id = ?').get(targetId)).toEqual({ platform_post_id: '109', published_at: Date.UTC(2026, 10, 23, 9, 30) });
    db.close();
    await call(t.core, 'alerts:check');
    expect(await openAlerts()).toHaveLength(0);
    t.clock.advance(2 * 60 * MIN);
    await t.core.services.scheduler.wake();
    expect(script.published()).toHaveLength(1);
    // Settled once: a second answer is refused, and says why.
    const again = await t.core.dispatch('publishing:settleUnconfirmed', { targetId, outcome: 'send_again' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This Mastodon copy is already published, so there is nothing to settle.' } });
  });

  it('keeps no id from a link that is not the account’s own, and says its numbers cannot be collected', async () => {
    const post = await unconfirmed();
    const after = await call<PostDto>(t.core, 'publishing:settleUnconfirmed', { targetId: post.targets[0]!.id, outcome: 'published', url: 'https://mastodon.social/@someone/109' });
    expect(after.targets[0]).toMatchObject({ state: 'published', platformUrl: 'https://mastodon.social/@someone/109', lastError: "You confirmed it went out. That link is not one Loomcast can read as this account's Mastodon post, so it collects no numbers for this copy." });
  });

  it('sends it again now, under the same key and with a fresh count of attempts, when the creator says it is not there', async () => {
    const post = await unconfirmed();
    const targetId = post.targets[0]!.id;
    const queued = await call<PostDto>(t.core, 'publishing:settleUnconfirmed', { targetId, outcome: 'send_again' });
    expect(queued.targets[0]).toMatchObject({ state: 'scheduled', lastError: null, scheduledAt: new Date(t.clock.now()).toISOString() });
    await t.core.services.scheduler.wake();
    expect(script.published().map((c) => c.req!.idempotencyKey)).toEqual([targetId, targetId]);
    expect((await get(post.id)).targets[0]).toMatchObject({ state: 'published', platformUrl: 'https://mastodon.invalid/p1' });
    await call(t.core, 'alerts:check');
    expect(await openAlerts()).toHaveLength(0);
  });

  it("forgets the earlier attempt's marker when the creator says it is not there, so the send is not held by the attempt they checked", async () => {
    const post = await unconfirmed();
    const targetId = post.targets[0]!.id;
    // What a TikTok or YouTube try keeps of its attempt (a publish_id, an upload session).
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare("UPDATE targets SET attempt_marker = 'earlier-attempt' WHERE id = ?").run(targetId);
    db.close();
    await call<PostDto>(t.core, 'publishing:settleUnconfirmed', { targetId, outcome: 'send_again' });
    await t.core.services.scheduler.wake();
    expect(script.published().map((c) => c.req!.attemptMarker ?? null)).toEqual([null, null]);
    expect((await get(post.id)).targets[0]).toMatchObject({ state: 'published' });
  });

  it('refuses a link that is not a web address, a copy that is not unconfirmed, and sending while paused', async () => {
    const post = await unconfirmed();
    const targetId = post.targets[0]!.id;
    const bad = await t.core.dispatch('publishing:settleUnconfirmed', { targetId, outcome: 'published', url: 'javascript:alert(1)' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['url'], message: 'Paste the post’s link, starting with https://' }] } });
    const unknown = await t.core.dispatch('publishing:settleUnconfirmed', { targetId: 'nope', outcome: 'published' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const draft = await call<PostDto>(t.core, 'posts:create', { text: 'Just a draft', platforms: ['mastodon'], schedule: null });
    const notUnconfirmed = await t.core.dispatch('publishing:settleUnconfirmed', { targetId: draft.targets[0]!.id, outcome: 'published' });
    expect(notUnconfirmed).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This Mastodon copy is no longer unconfirmed (it is draft), so there is nothing to settle.' } });

    await call(t.core, 'publishing:pause');
    const paused = await t.core.dispatch('publishing:settleUnconfirmed', { targetId, outcome: 'send_again' });
    expect(paused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Publishing is paused, so nothing goes out now. Resume publishing, then send it again.' } });
    // Nothing changed by the refusals.
    expect((await get(post.id)).targets[0]).toMatchObject({ state: 'unconfirmed' });
    expect(script.published()).toHaveLength(1);
  });
});
