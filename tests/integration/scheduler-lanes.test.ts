import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { PublishOutcome } from '../../electron/core/platforms/types';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

/** Lets lanes run as far as they can without a wake (which would wait for every lane). */
async function letItRun(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('publishing lanes: one per account with due work', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it("keeps sending one account's posts while another account's request hangs, whatever the creation order", async () => {
    const script = scriptedClient('mastodon');
    const hung: ((o: PublishOutcome) => void)[] = [];
    // The slow account's requests hang until the test answers them; the other's go straight out.
    const original = script.client.publish.bind(script.client);
    script.client.publish = (ctx, req) => {
      if (ctx.credentials.accessToken !== 'token-slow') return original(ctx, req);
      script.calls.push({ kind: 'publish', req, token: ctx.credentials.accessToken });
      return new Promise<PublishOutcome>((resolve) => hung.push(resolve));
    };
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5, requestTimeoutMs: 60_000 } });
    const slow = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@slow@a.social', serverUrl: 'https://a.social', credentials: { accessToken: 'token-slow' } });
    const quick = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@quick@b.social', serverUrl: 'https://b.social', credentials: { accessToken: 'token-quick' } });
    await t.core.services.scheduler.start();

    // The fake clock starts at Mon 23 Nov 2026 10:00 in Berlin.
    const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });
    const create = (text: string, accountId: string, time = '10:01') => call<PostDto>(t.core, 'posts:create', { text, accounts: [accountId], schedule: at(time) });
    // The slow account's posts were created first: a batch-by-batch scheduler would send the
    // quick account's after them.
    for (const n of [1, 2, 3]) await create(`Slow ${n}`, slow.id);
    const first = await create('Quick 1', quick.id);
    t.clock.advance(60_000);
    await letItRun();
    expect(hung).toHaveLength(1); // the slow account sends one at a time
    expect((await call<PostDto>(t.core, 'posts:get', { id: first.id })).targets[0]!.state).toBe('published');

    // A post falling due while the slow request still hangs goes out on time too: the timer
    // watches the accounts whose lanes are not running.
    const second = await create('Quick 2', quick.id, '10:02');
    t.clock.advance(60_000);
    await letItRun();
    expect((await call<PostDto>(t.core, 'posts:get', { id: second.id })).targets[0]!.state).toBe('published');
    expect(hung).toHaveLength(1);

    // The slow account's lane carries on in order as its requests answer.
    for (let i = 0; i < 3; i++) {
      hung[i]!({ kind: 'published', platformPostId: `slow-${i}`, url: `https://a.social/@slow/${i}` });
      await letItRun();
    }
    expect(hung).toHaveLength(3);
    const texts = script.published().map((c) => c.req!.text);
    expect(texts.filter((x) => x.startsWith('Slow'))).toEqual(['Slow 1', 'Slow 2', 'Slow 3']);
    expect(texts.indexOf('Quick 2')).toBeLessThan(texts.indexOf('Slow 2'));
    await t.core.services.scheduler.wake();
    const posts = await call<PostDto[]>(t.core, 'posts:list', { scope: 'all' });
    expect(posts.flatMap((p) => p.targets.map((x) => x.state))).toEqual(Array(5).fill('published'));
    // Each post went out exactly once.
    expect(script.published()).toHaveLength(5);
  });

  it("claims an account's next copy while its request is in flight, sends it only after the answer, and sends what it claimed when stopped", async () => {
    const script = scriptedClient('mastodon');
    const hung: ((o: PublishOutcome) => void)[] = [];
    script.client.publish = (ctx, req) => {
      script.calls.push({ kind: 'publish', req, token: ctx.credentials.accessToken });
      return new Promise<PublishOutcome>((resolve) => hung.push(resolve));
    };
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5, requestTimeoutMs: 60_000 } });
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@one@a.social', serverUrl: 'https://a.social', credentials: { accessToken: 'token-one' } });
    await t.core.services.scheduler.start();
    const posts: PostDto[] = [];
    for (const n of [1, 2, 3]) posts.push(await call<PostDto>(t.core, 'posts:create', { text: `Post ${n}`, accounts: [account.id], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } }));
    const states = async () => Promise.all(posts.map(async (p) => (await call<PostDto>(t.core, 'posts:get', { id: p.id })).targets[0]!.state));
    t.clock.advance(60_000);
    await letItRun();
    // One request at a time; the next copy is already claimed (on disk before anything of it is sent).
    expect(hung).toHaveLength(1);
    expect(await states()).toEqual(['publishing', 'publishing', 'scheduled']);

    hung[0]!({ kind: 'published', platformPostId: 'p1', url: 'https://a.social/@one/1' });
    await letItRun();
    expect(hung).toHaveLength(2);
    expect(await states()).toEqual(['published', 'publishing', 'publishing']);

    // Publishing stops with post 2 in flight and post 3 claimed: post 3 still goes out, once.
    const stopping = t.core.services.scheduler.stop();
    hung[1]!({ kind: 'published', platformPostId: 'p2', url: 'https://a.social/@one/2' });
    await letItRun();
    expect(hung).toHaveLength(3);
    hung[2]!({ kind: 'published', platformPostId: 'p3', url: 'https://a.social/@one/3' });
    await stopping;
    expect(await states()).toEqual(['published', 'published', 'published']);
    expect(script.published().map((c) => c.req!.text)).toEqual(['Post 1', 'Post 2', 'Post 3']);
  });
});
