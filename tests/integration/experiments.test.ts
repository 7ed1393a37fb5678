/**
 * A/B/n experiments through the contract on a real SQLite core: arms take turns over matched
 * slots so none keeps the better times, every post waits in Review, the verdict never names a
 * winner before the minimum however large the difference, names one at the minimum when the
 * difference is large, and the winner's words go out again only through Review.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRollups } from '../../electron/core/analytics/rollups';
import type { PostDto } from '../../shared/contract';
import type { ExperimentDto, ExperimentSummaryDto } from '../../shared/contract/features/experiments';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('experiments', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  async function failure(channel: string, input: unknown) {
    const r = await t.core.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} succeeded but should have failed`);
    return r.error;
  }

  /** An X account (it reports views) with three weekly posting times. */
  async function setup(slots = [{ weekday: 1, time: '09:00' }, { weekday: 3, time: '12:00' }, { weekday: 5, time: '17:30' }]) {
    t = await createTestCore({ vault: memoryVault() });
    const account = await t.core.services.accounts.add({ platform: 'x', handle: 'me', credentials: { accessToken: 'a' } });
    await call(t.core, 'queue:setSlots', { accountId: account.id, slots });
    return account.id;
  }

  /**
   * Marks the post's copy published `ago` before the test clock's now (two days unless told), then
   * records its numbers as the metrics sweep would, taken `age` after it went out (24 h unless told:
   * the age an X experiment compares at).
   */
  function publish(postId: string, values: { views: number; likes: number }, { age = DAY, ago = 2 * DAY }: { age?: number; ago?: number } = {}) {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      const publishedAt = t.clock.now() - ago;
      const rows = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(publishedAt, postId) as { id: string }[];
      for (const r of rows) createRollups(db).record(r.id, publishedAt + age, values);
    } finally {
      db.close();
    }
  }

  const arms3 = [{ text: 'Version A: short and plain' }, { text: 'Version B: a question first?' }, { text: 'Version C: a number first, 3 tips' }];

  it('rotates the arms over the weekly posting times so each arm gets each slot equally, and every post waits in Review', async () => {
    const accountId = await setup();
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Openers', arms: arms3, accountIds: [accountId], postsPerArm: 3 });

    expect(e.posts).toHaveLength(9);
    expect(e.armsTable.map((a) => [a.label, a.planned])).toEqual([['A', 3], ['B', 3], ['C', 3]]);
    // Three arms over three weekly times, three rounds: a Latin square.
    const seen = new Map<string, number>();
    for (const p of e.posts) seen.set(`${p.arm}|${p.slot}`, (seen.get(`${p.arm}|${p.slot}`) ?? 0) + 1);
    for (const arm of [0, 1, 2]) for (const slot of ['Mon 09:00', 'Wed 12:00', 'Fri 17:30']) expect(seen.get(`${arm}|${slot}`), `arm ${arm} at ${slot}`).toBe(1);
    // In order of time, each round of three has every arm once (which arm goes where is drawn at random).
    for (let round = 0; round < 3; round++) expect(e.posts.slice(round * 3, round * 3 + 3).map((p) => p.arm).sort()).toEqual([0, 1, 2]);
    const times = e.posts.map((p) => Date.parse(p.scheduledAt!));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(9);

    // Every post is in Review, none skipped it; each carries its arm's words.
    const review = (await call<{ items: { post: PostDto }[] }>(t.core, 'review:list')).items;
    expect(review).toHaveLength(9);
    for (const p of e.posts) {
      const post = await call<PostDto>(t.core, 'posts:get', { id: p.postId });
      expect(post.targets.map((x) => x.state)).toEqual(['in_review']);
      expect(post.text).toBe(arms3[p.arm]!.text);
    }
    expect(e.result.state).toBe('collecting');
    expect(e.result.rule).toBe('fixed horizon: 3 posts per version');
    // Nothing has gone out: no sample-ratio verdict is claimed, and it says what it rests on.
    expect(e.result.srm).toEqual({ pValue: null, ok: true, n: 0 });
  });

  it('gives each arm each place in a round equally when the slots outnumber the arms', async () => {
    const accountId = await setup([{ weekday: 2, time: '08:00' }, { weekday: 4, time: '08:00' }, { weekday: 6, time: '10:00' }, { weekday: 7, time: '10:00' }]);
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Two arms', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 4 });
    // Every round has both arms; each arm is first in a round twice and gets each weekly time once.
    for (let round = 0; round < 4; round++) expect(e.posts.slice(round * 2, round * 2 + 2).map((p) => p.arm).sort()).toEqual([0, 1]);
    expect(e.posts.filter((_, i) => i % 2 === 0).filter((p) => p.arm === 0)).toHaveLength(2);
    expect(new Set(e.posts.map((p) => p.slot)).size).toBe(4);
    const perSlot = new Map<string, number[]>();
    for (const p of e.posts) perSlot.set(p.slot, [...(perSlot.get(p.slot) ?? []), p.arm]);
    for (const arms of perSlot.values()) expect(arms.sort()).toEqual([0, 1]);
  });

  it('stays collecting below the minimum even with a huge difference, and names a winner at the minimum', async () => {
    const accountId = await setup();
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Hooks', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 5 });
    const byArm = (arm: number) => e.posts.filter((p) => p.arm === arm).map((p) => p.postId);
    const [a, b] = [byArm(0), byArm(1)];
    // Four posts each: A around 10 %, B around 1 %.
    for (let i = 0; i < 4; i++) {
      publish(a[i]!, { views: 1000, likes: 95 + i * 3 });
      publish(b[i]!, { views: 1000, likes: 9 + i });
    }
    let r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(r.armsTable.map((x) => x.measured)).toEqual([4, 4]);
    expect(r.result.state).toBe('collecting');
    expect(r.result.winner).toBeNull();
    expect(r.result.reason).toContain('Waiting for 5 posts per version');

    publish(a[4]!, { views: 1000, likes: 101 });
    publish(b[4]!, { views: 1000, likes: 12 });
    r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(r.result.state).toBe('winner');
    expect(r.result.winner).toBe(0);
    expect(r.result.pValue!).toBeLessThan(0.05);
    expect(r.result.difference!.low).toBeGreaterThan(0);
    expect(r.result.pBest![0]!).toBeGreaterThan(0.99);
    expect(r.result.srm.ok).toBe(true);
    expect(r.result.srm.n).toBe(10);
    expect(r.result.srm.pValue).not.toBeNull();
    expect(r.armsTable[0]!.mean!).toBeCloseTo(0.0998, 4);
    // The same numbers give the same answer every time (the random stream is seeded by the id).
    expect((await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id })).result).toEqual(r.result);
    const [listed] = await call<ExperimentSummaryDto[]>(t.core, 'experiments:list');
    expect(listed).toMatchObject({ id: e.id, state: 'decided', verdict: 'winner', winnerLabel: 'A' });
  });

  it('with the expected-loss rule, names the rule and still waits for the minimum', async () => {
    const accountId = await setup();
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Loss', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 4, stopping: 'expected_loss' });
    expect(e.result.rule).toBe('expected loss under 0.2 % (at least 4 posts per version)');
    const first = e.posts.slice(0, 6);
    first.forEach((p) => publish(p.postId, { views: 5000, likes: p.arm === 0 ? 50 : 600 }));
    let r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(r.result.state).toBe('collecting');
    e.posts.slice(6).forEach((p) => publish(p.postId, { views: 5000, likes: p.arm === 0 ? 55 : 610 }));
    r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(r.result).toMatchObject({ state: 'winner', winner: 1 });
    expect(r.result.expectedLoss![1]!).toBeLessThan(0.002);
  });

  it('expected loss: one post with 40,000 views does not name a winner the posts do not back (audit)', async () => {
    const accountId = await setup();
    await call(t.core, 'settings:update', { locale: 'de-DE' });
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Outlier', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 5, stopping: 'expected_loss' });
    const a = e.posts.filter((p) => p.arm === 0).map((p) => p.postId);
    const b = e.posts.filter((p) => p.arm === 1).map((p) => p.postId);
    [20, 21, 19, 22, 20].forEach((likes, i) => publish(a[i]!, { views: 1000, likes }));
    publish(b[0]!, { views: 40000, likes: 4000 });
    [10, 9, 11, 10].forEach((likes, i) => publish(b[i + 1]!, { views: 1000, likes }));
    const r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(r.state).toBe('running');
    expect(r.result).toMatchObject({ state: 'collecting', winner: null });
    expect(r.result.pBest![1]).toBeGreaterThan(0.99);
    expect(r.result.reason).toMatch(/^Keep collecting: B looks better pooled over views, but post by post the difference is not clear: one post with 40\.000 views carries it\. .*above the 0,2 % threshold; 2,8 % vs 2,0 % \(\+37 %\); 95 % interval of the difference −\d,\d % to \d,\d %; permutation p = 1,0\./);
  });

  it('says no difference at the minimum when the arms did alike', async () => {
    const accountId = await setup();
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Alike', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 2 });
    const likes = [40, 42, 41, 39];
    e.posts.forEach((p, i) => publish(p.postId, { views: 1000, likes: likes[i]! }));
    // Two posts each can never show a difference at the 5 % level: the verdict says so rather than guess.
    const r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(r.result.state).toBe('no_difference');
    expect(r.result.winner).toBeNull();
  });

  it('rolls the winner out to the campaign’s queued posts as new versions back in Review', async () => {
    const accountId = await setup();
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Launch' });
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Launch hooks', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 5, campaignId: campaign.id });
    expect(e.rolloutCandidates).toEqual([]);
    const queued = await call<PostDto>(t.core, 'posts:create', { text: 'Old launch words', accounts: [accountId], schedule: { date: '2026-12-20', time: '10:00' } });
    expect(queued.targets[0]!.state).toBe('scheduled');
    await call(t.core, 'campaigns:assign', { postIds: [queued.id], campaignId: campaign.id });

    expect((await failure('experiments:rollout', { id: e.id })).code).toBe('conflict');
    // B does far better than A on every post.
    e.posts.forEach((p, i) => publish(p.postId, { views: 1000, likes: p.arm === 1 ? 150 + i : 10 + i }));
    const r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(r.result).toMatchObject({ state: 'winner', winner: 1 });
    expect(r.rolloutCandidates.map((c) => c.postId)).toEqual([queued.id]);

    expect(await call(t.core, 'experiments:rollout', { id: e.id })).toEqual({ postIds: [queued.id], unchanged: [] });
    const after = await call<PostDto>(t.core, 'posts:get', { id: queued.id });
    expect(after.text).toBe(arms3[r.result.winner!]!.text);
    expect(after.targets.map((x) => x.state)).toEqual(['in_review']);
    const versions = await call<{ text: string }[]>(t.core, 'posts:versions', { id: queued.id });
    expect(versions.map((v) => v.text)).toContain('Old launch words');
  });

  it('rolls out once: a post that already has the winner’s words keeps its approval when rolled out again', async () => {
    const accountId = await setup();
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Launch' });
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Launch hooks', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 5, campaignId: campaign.id });
    const queued = await call<PostDto>(t.core, 'posts:create', { text: 'Old launch words', accounts: [accountId], schedule: { date: '2026-12-20', time: '10:00' } });
    await call(t.core, 'campaigns:assign', { postIds: [queued.id], campaignId: campaign.id });
    e.posts.forEach((p, i) => publish(p.postId, { views: 1000, likes: p.arm === 1 ? 150 + i : 10 + i }));
    expect((await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id })).result).toMatchObject({ state: 'winner', winner: 1 });
    expect(await call(t.core, 'experiments:rollout', { id: e.id })).toEqual({ postIds: [queued.id], unchanged: [] });
    await call(t.core, 'review:approve', { postIds: [queued.id] });
    const approved = (await call<PostDto>(t.core, 'posts:get', { id: queued.id })).targets.map((x) => x.state);
    expect(approved).not.toContain('in_review');
    // Nothing is left to roll out, and rolling out again (by default or by name) changes nothing.
    expect((await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id })).rolloutCandidates).toEqual([]);
    expect(await call(t.core, 'experiments:rollout', { id: e.id })).toEqual({ postIds: [], unchanged: [queued.id] });
    expect(await call(t.core, 'experiments:rollout', { id: e.id, postIds: [queued.id] })).toEqual({ postIds: [], unchanged: [queued.id] });
    const after = await call<PostDto>(t.core, 'posts:get', { id: queued.id });
    expect(after.targets.map((x) => x.state)).toEqual(approved);
    expect(after.text).toBe(arms3[1]!.text);
    expect((await call<{ text: string }[]>(t.core, 'posts:versions', { id: queued.id })).length).toBe(2);
  });

  it('never rolls a winner out onto the posts of another experiment in the same campaign', async () => {
    const accountId = await setup();
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Launch' });
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Hooks', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 5, campaignId: campaign.id });
    const other = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Openers', arms: arms3.slice(1), accountIds: [accountId], postsPerArm: 2, campaignId: campaign.id });
    const queued = await call<PostDto>(t.core, 'posts:create', { text: 'Old words', accounts: [accountId], schedule: null });
    await call(t.core, 'campaigns:assign', { postIds: [queued.id], campaignId: campaign.id });
    e.posts.forEach((p, i) => publish(p.postId, { views: 1000, likes: p.arm === 0 ? 150 + i : 10 + i }));
    const r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(r.result).toMatchObject({ state: 'winner', winner: 0 });
    // The other experiment's versions are not candidates, by default or by name.
    expect(r.rolloutCandidates.map((c) => c.postId)).toEqual([queued.id]);
    expect(await call(t.core, 'experiments:rollout', { id: e.id })).toEqual({ postIds: [queued.id], unchanged: [] });
    const refused = await failure('experiments:rollout', { id: e.id, postIds: [other.posts[0]!.postId] });
    expect(refused).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('a version in the experiment “Openers”') });
    for (const p of other.posts) expect((await call<PostDto>(t.core, 'posts:get', { id: p.postId })).text).toBe(arms3[p.arm + 1]!.text);
  });

  it('keeps a fixed-horizon decision with no winner: later numbers are shown but crown no one and roll nothing out', async () => {
    const accountId = await setup();
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Launch' });
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Hooks', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 5, campaignId: campaign.id });
    const queued = await call<PostDto>(t.core, 'posts:create', { text: 'Old words', accounts: [accountId], schedule: { date: '2026-12-20', time: '10:00' } });
    await call(t.core, 'campaigns:assign', { postIds: [queued.id], campaignId: campaign.id });
    // The first look at the horizon, an hour past the age compared at: the arms did alike.
    e.posts.forEach((p, i) => publish(p.postId, { views: 100, likes: 5 + (i % 3) }, { age: DAY + HOUR }));
    const first = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(first).toMatchObject({ state: 'decided', result: { state: 'no_difference', winner: null } });

    // Numbers taken nearer the age came in later and make A look far better. Looking again must not change the decision.
    e.posts.forEach((p, i) => publish(p.postId, { views: 1000, likes: p.arm === 0 ? 150 + i : 10 + i }));
    const again = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(again.armsTable[0]!.mean!).toBeGreaterThan(0.1); // the newer numbers are shown
    expect(again).toMatchObject({ state: 'decided', result: { state: 'no_difference', winner: null } });
    expect(again.result.reason).toMatch(/^The stopping rule was met with no winner, and that decision stands\./);
    const [listed] = await call<ExperimentSummaryDto[]>(t.core, 'experiments:list');
    expect(listed).toMatchObject({ state: 'decided', verdict: 'no_difference', winnerLabel: null });
    const refused = await failure('experiments:rollout', { id: e.id, postIds: [queued.id] });
    expect(refused).toMatchObject({ code: 'conflict', message: 'This experiment ended without a winner, so there is nothing to roll out.' });
    expect((await call<PostDto>(t.core, 'posts:get', { id: queued.id })).text).toBe('Old words');
  });

  it('keeps the recorded winner when later numbers favour another arm, and rolls out that one', async () => {
    const accountId = await setup();
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Launch' });
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Hooks', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 5, campaignId: campaign.id });
    const queued = await call<PostDto>(t.core, 'posts:create', { text: 'Old words', accounts: [accountId], schedule: { date: '2026-12-20', time: '10:00' } });
    await call(t.core, 'campaigns:assign', { postIds: [queued.id], campaignId: campaign.id });
    e.posts.forEach((p, i) => publish(p.postId, { views: 1000, likes: p.arm === 1 ? 150 + i : 10 + i }, { age: DAY + HOUR }));
    expect((await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id })).result).toMatchObject({ state: 'winner', winner: 1 });
    // Now numbers nearer the age make A look far better.
    e.posts.forEach((p, i) => publish(p.postId, { views: 1000, likes: p.arm === 0 ? 300 + i : 10 + i }));
    const again = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(again.result).toMatchObject({ state: 'winner', winner: 1 });
    expect(again.result.reason).toMatch(/^B was named the winner when the stopping rule was met, and that decision stands\./);
    expect((await call<ExperimentSummaryDto[]>(t.core, 'experiments:list'))[0]).toMatchObject({ verdict: 'winner', winnerLabel: 'B' });
    expect(await call(t.core, 'experiments:rollout', { id: e.id })).toEqual({ postIds: [queued.id], unchanged: [] });
    expect((await call<PostDto>(t.core, 'posts:get', { id: queued.id })).text).toBe(arms3[1]!.text);
  });

  it('with the expected-loss rule, calls arms that did alike equivalent and offers nothing to roll out', async () => {
    const accountId = await setup();
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Launch' });
    const e = await call<ExperimentDto>(t.core, 'experiments:create', {
      name: 'Alike', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 4, stopping: 'expected_loss', campaignId: campaign.id,
    });
    const queued = await call<PostDto>(t.core, 'posts:create', { text: 'Old words', accounts: [accountId], schedule: { date: '2026-12-20', time: '10:00' } });
    await call(t.core, 'campaigns:assign', { postIds: [queued.id], campaignId: campaign.id });
    e.posts.forEach((p) => publish(p.postId, { views: 5000, likes: 100 }));
    const r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(r.state).toBe('decided');
    expect(r.result).toMatchObject({ state: 'equivalent', winner: null });
    expect(r.result.reason).toMatch(/^The versions did equally well: keep either\./);
    expect((await call<ExperimentSummaryDto[]>(t.core, 'experiments:list'))[0]).toMatchObject({ verdict: 'equivalent', winnerLabel: null });
    expect((await failure('experiments:rollout', { id: e.id })).code).toBe('conflict');
  });

  it('stops an experiment, calling off its posts that have not gone out', async () => {
    const accountId = await setup();
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Stop me', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 2 });
    publish(e.posts[0]!.postId, { views: 100, likes: 5 });
    const r = await call<ExperimentDto>(t.core, 'experiments:stop', { id: e.id });
    expect(r.state).toBe('stopped');
    expect(r.posts.map((p) => p.state)).toEqual(['published', 'cancelled', 'cancelled', 'cancelled']);
    expect((await call<{ total: number }>(t.core, 'review:list')).total).toBe(0);
  });

  it('starts from a variant set with each draft’s current words, and rotates over accounts of one platform', async () => {
    t = await createTestCore({ vault: memoryVault() });
    const one = await t.core.services.accounts.add({ platform: 'linkedin', handle: 'studio', credentials: { accessToken: 'a' } });
    const two = await t.core.services.accounts.add({ platform: 'linkedin', handle: 'founder', credentials: { accessToken: 'b' } });
    const other = await t.core.services.accounts.add({ platform: 'x', handle: 'me', credentials: { accessToken: 'c' } });
    const p1 = await call<PostDto>(t.core, 'posts:create', { text: 'First draft', accounts: [one.id], schedule: null });
    const p2 = await call<PostDto>(t.core, 'posts:create', { text: 'Second draft', accounts: [one.id], schedule: null });
    await call(t.core, 'posts:update', { id: p2.id, text: 'Second draft, edited' });
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare("INSERT INTO variant_sets (id, job_id, template_id, template_name, created_at) VALUES ('set1', NULL, NULL, 'Hook', 1)").run();
    db.prepare("INSERT INTO variant_arms (set_id, arm, post_id) VALUES ('set1', 0, ?), ('set1', 1, ?)").run(p1.id, p2.id);
    db.close();

    const sets = await call<{ id: string; arms: { text: string }[] }[]>(t.core, 'experiments:variantSets');
    expect(sets.map((s) => s.arms.map((a) => a.text))).toEqual([['First draft', 'Second draft, edited']]);
    expect((await failure('experiments:create', { name: 'Mixed', variantSetId: 'set1', accountIds: [one.id, other.id] })).code).toBe('invalid_input');
    // Only views give the pooled counts the expected-loss rule needs; Mastodon reports none.
    const toot = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'd' } });
    await call(t.core, 'queue:setSlots', { accountId: toot.id, slots: [{ weekday: 1, time: '09:00' }] });
    const noViews = await failure('experiments:create', { name: 'Loss', variantSetId: 'set1', accountIds: [toot.id], stopping: 'expected_loss' });
    expect(noViews.message).toContain('Mastodon reports no views');

    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Across accounts', variantSetId: 'set1', accountIds: [one.id, two.id], postsPerArm: 2 });
    expect(e.mode).toBe('accounts');
    expect(e.armsTable.map((a) => a.text)).toEqual(['First draft', 'Second draft, edited']);
    const pairs = e.posts.map((p) => `${p.arm}@${p.slot}`).sort();
    expect(pairs).toEqual(['0@founder', '0@studio', '1@founder', '1@studio']);
  });

  it('gives no arm one weekday twice when three weekly times are shared by two arms', async () => {
    // Mon, Wed, Fri over two arms of three posts: taking turns in rounds of two gave one arm both Mondays.
    const accountId = await setup();
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Days', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 3 });
    for (const day of ['Mon', 'Wed', 'Fri']) {
      const arms = e.posts.filter((p) => p.slot.startsWith(day)).map((p) => p.arm).sort();
      expect(arms, day).toEqual([0, 1]);
    }
    for (let round = 0; round < 3; round++) expect(e.posts.slice(round * 2, round * 2 + 2).map((p) => p.arm).sort()).toEqual([0, 1]);
  });

  it('compares every post at the same age after its own publishing, and leaves out posts not that old yet', async () => {
    const accountId = await setup();
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Age', arms: arms3.slice(0, 2), accountIds: [accountId], postsPerArm: 3 });
    const [a, b] = [0, 1].map((arm) => e.posts.filter((p) => p.arm === arm).map((p) => p.postId)) as [string[], string[]];
    /** Publishes `ago` before now with a look at each [age, numbers]. */
    const history = (postId: string, ago: number, looks: [number, { views: number; likes: number }][]) => {
      const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
      try {
        const publishedAt = t.clock.now() - ago;
        const rows = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(publishedAt, postId) as { id: string }[];
        for (const r of rows) for (const [age, values] of looks) createRollups(db).record(r.id, publishedAt + age, values);
      } finally {
        db.close();
      }
    };
    // A went out four days ago: 2 % at a day old, 10 % by now. B went out 25 h ago: 2 % at a day old.
    for (const id of a.slice(0, 2)) history(id, 4 * DAY, [[12 * HOUR, { views: 500, likes: 10 }], [DAY + 10 * 60_000, { views: 1000, likes: 20 }], [4 * DAY - HOUR, { views: 1500, likes: 150 }]]);
    for (const id of b.slice(0, 2)) history(id, DAY + HOUR, [[12 * HOUR, { views: 500, likes: 10 }], [DAY + 10 * 60_000, { views: 1000, likes: 20 }]]);
    // A third B went out 4 h ago: its numbers so far are not comparable with a day's, so it waits.
    history(b[2]!, 4 * HOUR, [[3 * HOUR, { views: 50, likes: 9 }]]);

    const r = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    // Both arms at a day old: alike. The latest numbers (A 10 %) would have crowned the older posts.
    expect(r.armsTable.map((x) => x.measured)).toEqual([2, 2]);
    expect(r.armsTable[0]!.mean!).toBeCloseTo(0.02, 4);
    expect(r.armsTable[1]!.mean!).toBeCloseTo(0.02, 4);
    expect(r.comparison).toMatchObject({ ageHours: 24, counted: 4, tooYoung: 1, awaiting: 0, missed: 0 });
    expect(r.comparison.text).toContain('Compared at 24 h after each post went out');
    expect(r.comparison.text).toContain('4 posts counted (A 2, B 2)');
    expect(r.comparison.text).toContain('1 post is out but not 24 h old yet, so not counted yet.');
    expect(r.posts.find((p) => p.postId === b[2])).toMatchObject({ counted: 'too_young', rate: null });
    expect(r.posts.find((p) => p.postId === a[0])).toMatchObject({ counted: 'counted' });
    expect(r.result.state).toBe('collecting');

    // A day later it is a day old, but no look near that age yet: still not counted, and said so.
    t.clock.advance(DAY);
    const later = await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id });
    expect(later.posts.find((p) => p.postId === b[2])).toMatchObject({ counted: 'awaiting', rate: null });
    expect(later.comparison.text).toContain('1 post is 24 h old, waiting for the next look at the numbers.');
  });

  it('refuses an account without weekly posting times', async () => {
    t = await createTestCore({ vault: memoryVault() });
    const account = await t.core.services.accounts.add({ platform: 'x', handle: 'me', credentials: { accessToken: 'a' } });
    const err = await failure('experiments:create', { name: 'No slots', arms: arms3.slice(0, 2), accountIds: [account.id] });
    expect(err.message).toContain('no weekly posting times');
  });
});
