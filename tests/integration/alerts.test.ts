import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRollups } from '../../electron/core/analytics/rollups';
import { DATABASE_FILE } from '../../electron/core';
import { openStore, type Store } from '../../electron/core/store/open';
import type { PostDto } from '../../shared/contract';
import type { AlertItemDto, AlertRulesDto, WebhookDeliveryDto, WebhookDto } from '../../shared/contract/features/alerts';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../fakes/webhook-receiver';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

const MIN = 60_000;
const HOUR = 60 * MIN;
// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });

describe('alerts and webhooks on a real core', () => {
  let t: TestCore;
  let receiver: WebhookReceiver;
  let second: Store | null = null;
  let raised: AlertItemDto[];
  let script: ReturnType<typeof scriptedClient>;

  async function setup() {
    script = scriptedClient('threads');
    t = await createTestCore({ vault: memoryVault(), clients: { threads: script.client }, publishing: { autoStart: false, retry: { maxAttempts: 1, baseMs: MIN, capMs: MIN }, random: () => 0.5 } });
    raised = [];
    t.core.subscribe((event, payload) => {
      if (event === 'alerts:raised') raised.push(payload as AlertItemDto);
    });
    await t.core.services.accounts.add({ platform: 'threads', handle: '@me', credentials: { accessToken: 'token' } });
    await t.core.services.scheduler.start();
    receiver = await startWebhookReceiver();
  }
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await t.core.services.scheduler.wake();
  };
  const setRules = async (change: (r: AlertRulesDto) => void) => {
    const r = await call<AlertRulesDto>(t.core, 'alerts:rules');
    change(r);
    await call(t.core, 'alerts:setRules', r);
  };
  /** A second connection to the core's database, as the metrics collector writes through one. */
  const rollups = () => {
    second ??= openStore(join(t.dataDir, DATABASE_FILE), undefined, () => t.clock.now());
    return createRollups(second.db);
  };
  const hook = async (events: string[], format = 'json') => {
    const w = await call<WebhookDto & { secret: string }>(t.core, 'webhooks:create', { name: 'Team', url: receiver.url, format, events });
    receiver.setSecret(w.secret);
    return w;
  };

  afterEach(async () => {
    second?.close();
    second = null;
    await t?.close();
    await receiver?.stop();
  });

  it('zero views after the hours set: one alert, one notice, one signed delivery; seen again it only counts; views arrive, it resolves; it can come back as a new alert', async () => {
    await setup();
    await hook(['zero_views', 'post.published']);
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Quiet post', platforms: ['threads'], schedule: at('10:30') });
    await advance(30 * MIN);
    const targetId = post.targets[0]!.id;
    await expect.poll(() => receiver.received.map((r) => r.headers['x-loomcast-event'])).toEqual(['post.published']);

    rollups().record(targetId, t.clock.now() + HOUR, { views: 0, likes: 0 });
    await advance(HOUR);
    await call(t.core, 'alerts:check');
    expect(raised).toEqual([]); // 1 hour after publishing: too early
    const before = t.notifications.length;

    // Six hours on, the last look is still the one at one hour: a 0 then is no verdict on now.
    await advance(5 * HOUR);
    await call(t.core, 'alerts:check');
    expect(raised).toEqual([]);

    // A look taken once the six hours are up, still at 0: the next look finds it.
    rollups().record(targetId, t.clock.now(), { views: 0, likes: 0 });
    await call(t.core, 'alerts:check');
    expect(raised.map((a) => [a.kind, a.subject])).toEqual([['zero_views', { kind: 'post', id: post.id }]]);
    expect(t.notifications.slice(before).map((n) => [n.title, n.subject])).toEqual([['No views yet on your Threads post', { kind: 'post', id: post.id }]]);
    await expect.poll(() => receiver.received.length).toBe(2);
    const delivery = receiver.received[1]!;
    expect(delivery.headers['x-loomcast-event']).toBe('zero_views');
    expect(delivery.signatureValid).toBe(true);
    expect(verifySignature('not the secret', delivery.headers['x-loomcast-timestamp'] as string, delivery.body, delivery.headers['x-loomcast-signature'] as string)).toBe(false);
    expect(JSON.parse(delivery.body)).toMatchObject({ id: delivery.headers['x-loomcast-delivery'], event: 'zero_views', data: { alert: { kind: 'zero_views' } } });

    // Seen again (a check, and the five-minute timer): the same row, no second notice or delivery.
    await call(t.core, 'alerts:check');
    await advance(10 * MIN);
    await call(t.core, 'alerts:check');
    const open = (await call<AlertItemDto[]>(t.core, 'alerts:list')).filter((a) => a.kind === 'zero_views');
    expect(open).toHaveLength(1);
    expect(open[0]!.occurrences).toBeGreaterThanOrEqual(3);
    expect(t.notifications.slice(before)).toHaveLength(1);
    expect(raised).toHaveLength(1);
    expect(receiver.received).toHaveLength(2);

    rollups().record(targetId, t.clock.now(), { views: 12, likes: 1 });
    expect(await call(t.core, 'alerts:check')).toEqual({ opened: 0, resolved: 1 });
    expect((await call<AlertItemDto[]>(t.core, 'alerts:list')).find((a) => a.kind === 'zero_views')).toMatchObject({ state: 'resolved' });

    // A correction back to zero is a new alert.
    rollups().record(targetId, t.clock.now() + 1, { views: 0 });
    t.clock.advance(1);
    await call(t.core, 'alerts:check');
    expect(raised).toHaveLength(2);
    expect((await call<AlertItemDto[]>(t.core, 'alerts:list')).filter((a) => a.kind === 'zero_views').map((a) => a.state)).toEqual(['open', 'resolved']);
  });

  it('a look that does not report the number is no recovery: the alert stays open, and the next 0 is not a second alert', async () => {
    await setup();
    const quiet = await call<PostDto>(t.core, 'posts:create', { text: 'Quiet post', platforms: ['threads'], schedule: at('10:30') });
    const dull = await call<PostDto>(t.core, 'posts:create', { text: 'Dull post', platforms: ['threads'], schedule: at('10:40') });
    await advance(45 * MIN);
    const [q, d] = [quiet.targets[0]!.id, dull.targets[0]!.id];
    await advance(25 * HOUR);
    rollups().record(q, t.clock.now(), { views: 0, likes: 0 });
    rollups().record(d, t.clock.now(), { views: 1000, likes: 5 }); // 0.5 %: under half of Threads' 3 %
    await call(t.core, 'alerts:check');
    expect(raised.map((a) => [a.kind, a.subject!.id]).sort()).toEqual([['low_engagement', dull.id], ['zero_views', quiet.id]]);
    const notices = t.notifications.length;

    // The next looks give likes only: views were not reported, which says nothing of either rule.
    await advance(HOUR);
    rollups().record(q, t.clock.now(), { likes: 0 });
    rollups().record(d, t.clock.now(), { likes: 6 });
    expect(await call(t.core, 'alerts:check')).toEqual({ opened: 0, resolved: 0 });
    expect((await call<AlertItemDto[]>(t.core, 'alerts:list')).map((a) => a.state)).toEqual(['open', 'open']);

    // Views reported again, and still the same: the same open alerts, no second notice.
    await advance(HOUR);
    rollups().record(q, t.clock.now(), { views: 0, likes: 0 });
    rollups().record(d, t.clock.now(), { views: 1000, likes: 6 });
    expect(await call(t.core, 'alerts:check')).toEqual({ opened: 0, resolved: 0 });
    expect(raised).toHaveLength(2);
    expect(t.notifications.slice(notices)).toEqual([]);
    expect(await call<AlertItemDto[]>(t.core, 'alerts:list')).toHaveLength(2);
  });

  it('a failure rate above its threshold opens once; publishing’s own failure alert is one row per post', async () => {
    await setup();
    await setRules((r) => {
      r.failure_rate.minPosts = 2;
    });
    script.onPublish({ kind: 'published', platformPostId: 'a', url: 'https://threads.invalid/a' }, { kind: 'failed', reason: 'The text was refused.' });
    await call(t.core, 'posts:create', { text: 'One', platforms: ['threads'], schedule: at('10:30') });
    const bad = await call<PostDto>(t.core, 'posts:create', { text: 'Two', platforms: ['threads'], schedule: at('10:31') });
    await advance(32 * MIN);
    await call(t.core, 'alerts:check');
    expect(raised.map((a) => a.kind).sort()).toEqual(['failure_rate', 'post_failed']);
    expect(raised.find((a) => a.kind === 'post_failed')!.subject).toEqual({ kind: 'post', id: bad.id });
    await call(t.core, 'alerts:check');
    expect(raised).toHaveLength(2);

    // A day on, the failure is outside the window: the rate alert resolves; the post is still failed.
    await advance(25 * HOUR);
    await call(t.core, 'alerts:check');
    const list = await call<AlertItemDto[]>(t.core, 'alerts:list');
    expect(list.find((a) => a.kind === 'failure_rate')!.state).toBe('resolved');
    expect(list.find((a) => a.kind === 'post_failed')!.state).toBe('open');

    // Its words edited now, and another post out: the old failure stays where it happened.
    await call(t.core, 'compose:setOverrides', { postId: bad.id, overrides: [{ platform: 'threads', text: 'Two, reworded' }] });
    await call(t.core, 'posts:create', { text: 'Three', platforms: ['threads'], schedule: { date: '2026-11-24', time: '12:00', zone: 'Europe/Berlin' } });
    await advance(2 * HOUR);
    await expect.poll(() => script.published().length).toBe(3);
    await call(t.core, 'alerts:check');
    expect(raised.map((a) => a.kind).sort()).toEqual(['failure_rate', 'post_failed']);
  });

  it('the queue alert holds through a rate-limit hold of a due post: not resolved while it is sent, not notified again', async () => {
    await setup();
    await setRules((r) => {
      r.backlog.count = 1;
    });
    script.onPublish(async () => {
      // A look while the copy is being sent, as a real request leaves time for.
      await call(t.core, 'alerts:check');
      return { kind: 'rate_limited', until: t.clock.now() + HOUR, reason: 'Too many requests.' };
    });
    await call(t.core, 'posts:create', { text: 'Due soon', platforms: ['threads'], schedule: at('10:30') });
    await call(t.core, 'posts:create', { text: 'Later', platforms: ['threads'], schedule: at('18:00') });
    await call(t.core, 'alerts:check');
    expect(raised.map((a) => a.title)).toEqual(['2 posts are waiting in the queue']);
    await advance(31 * MIN);
    await expect.poll(() => script.published().length).toBe(1);
    await call(t.core, 'alerts:check');
    const queue = (await call<AlertItemDto[]>(t.core, 'alerts:list')).filter((a) => a.kind === 'backlog');
    expect(queue.map((a) => a.state)).toEqual(['open']);
    expect(t.notifications.filter((n) => n.kind === 'backlog')).toHaveLength(1);

    // Once the limit is over, the post goes out and the queue is back under its count.
    await advance(HOUR);
    await expect.poll(() => script.published().length).toBe(2);
    await call(t.core, 'alerts:check');
    expect((await call<AlertItemDto[]>(t.core, 'alerts:list')).filter((a) => a.kind === 'backlog').map((a) => a.state)).toEqual(['resolved']);
  });

  it('a post’s own failure alert resolves once that post is planned again, and only that one', async () => {
    await setup();
    script.onPublish({ kind: 'failed', reason: 'The text was refused.' }, { kind: 'failed', reason: 'The text was refused again.' });
    const alpha = await call<PostDto>(t.core, 'posts:create', { text: 'Alpha', platforms: ['threads'], schedule: at('10:30') });
    const beta = await call<PostDto>(t.core, 'posts:create', { text: 'Beta', platforms: ['threads'], schedule: at('10:31') });
    await advance(32 * MIN);
    await call(t.core, 'alerts:check');
    const failures = async () =>
      (await call<AlertItemDto[]>(t.core, 'alerts:list'))
        .filter((a) => a.kind === 'post_failed')
        .map((a) => [a.subject?.id, a.state])
        .sort();
    expect(await failures()).toEqual([[alpha.id, 'open'], [beta.id, 'open']].sort());
    // Alpha goes back into the schedule: no longer failed, its alert resolves at the next look.
    await call(t.core, 'posts:reschedule', { id: alpha.id, ...at('15:00') });
    await call(t.core, 'alerts:check');
    expect(await failures()).toEqual([[alpha.id, 'resolved'], [beta.id, 'open']].sort());
  });

  it('more posts waiting in Review than the threshold opens a backlog alert that clears when they are approved', async () => {
    await setup();
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    await setRules((r) => {
      r.backlog.count = 2;
    });
    const posts: PostDto[] = [];
    for (const text of ['a', 'b', 'c']) posts.push(await call<PostDto>(t.core, 'posts:create', { text, platforms: ['threads'], schedule: at('18:00') }));
    await call(t.core, 'alerts:check');
    expect(raised.map((a) => a.title)).toEqual(['3 posts are waiting in Review']);
    second ??= openStore(join(t.dataDir, DATABASE_FILE), undefined, () => t.clock.now());
    second.db.prepare(`UPDATE targets SET state = 'approved' WHERE post_id = ?`).run(posts[0]!.id);
    await call(t.core, 'alerts:check');
    expect((await call<AlertItemDto[]>(t.core, 'alerts:list'))[0]).toMatchObject({ kind: 'backlog', state: 'resolved' });
  });

  it('a delivery that meets a 503 is tried again after 30 s with the same id and body, signed at its own time; a test is sent at once', async () => {
    await setup();
    const w = await hook(['post.published'], 'slack');
    receiver.answer(503);
    const first = await call<WebhookDeliveryDto>(t.core, 'webhooks:test', { id: w.id });
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 503 });
    expect(receiver.received).toHaveLength(1);
    await advance(29_000);
    expect(receiver.received).toHaveLength(1);
    await advance(1_000);
    await expect.poll(() => receiver.received.length).toBe(2);
    const [a, b] = receiver.received;
    expect(b!.headers['x-loomcast-delivery']).toBe(a!.headers['x-loomcast-delivery']);
    expect(b!.headers['x-loomcast-delivery']).toBe(first.id);
    expect(b!.body).toBe(a!.body);
    expect(Number(b!.headers['x-loomcast-timestamp']) - Number(a!.headers['x-loomcast-timestamp'])).toBe(30);
    expect(JSON.parse(b!.body)).toEqual({ text: expect.stringContaining('Test from Loomcast') });
    expect([a!.signatureValid, b!.signatureValid]).toEqual([true, true]);
    await expect.poll(async () => (await call<WebhookDeliveryDto[]>(t.core, 'webhooks:deliveries', { webhookId: w.id }))[0]).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 200 });

    // A 400 is the receiver refusing: not tried again.
    receiver.answer(400);
    expect(await call<WebhookDeliveryDto>(t.core, 'webhooks:test', { id: w.id })).toMatchObject({ state: 'failed', attempts: 1, lastStatus: 400 });
    expect((await call<{ secret: string }>(t.core, 'webhooks:secret', { id: w.id })).secret).toBe(w.secret);
  });
});
