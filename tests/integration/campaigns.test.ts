import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto, RpcErrorBody } from '../../shared/contract';
import type { CampaignDto } from '../../shared/contract/features/campaigns';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

async function refused(t: TestCore, channel: string, input: unknown): Promise<RpcErrorBody> {
  const r = await t.core.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} was accepted: ${JSON.stringify(r.value)}`);
  return r.error;
}

const messages = (e: RpcErrorBody) => (e.issues ?? []).map((i) => i.message);

function setState(t: TestCore, postId: string, state: string): void {
  const db = new Database(`${t.dataDir}/loomcast.sqlite`);
  db.prepare('UPDATE targets SET state = ? WHERE post_id = ?').run(state, postId);
  db.close();
}

const draft = (t: TestCore, text: string, platforms = ['x']) => call<PostDto>(t.core, 'posts:create', { text, platforms, schedule: null });

describe('campaigns', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('refuses a campaign without a name, with dates backwards, negative or fractional money and bad UTM values', async () => {
    t = await createTestCore();
    expect(messages(await refused(t, 'campaigns:save', { name: '   ' }))).toContain('Give the campaign a name');
    expect(messages(await refused(t, 'campaigns:save', { name: 'Launch', startsOn: '2026-12-10', endsOn: '2026-12-01' }))).toContain(
      'The campaign ends before it starts: pick an end date on or after the start date',
    );
    // A negative amount is refused by the core too, named by its field, whatever the form let through.
    const negative = await refused(t, 'campaigns:save', { name: 'Launch', costCents: -1 });
    expect(negative.issues).toContainEqual(expect.objectContaining({ path: ['costCents'], message: 'The cost can’t be negative: enter 0 or more' }));
    expect(messages(await refused(t, 'campaigns:save', { name: 'Launch', revenueCents: -500 }))).toContain('The revenue can’t be negative: enter 0 or more');
    expect(messages(await refused(t, 'campaigns:save', { name: 'Launch', revenueCents: 10.5 }))).toContain('The revenue is counted in whole minor units of the currency (cents; yen for JPY)');
    expect(messages(await refused(t, 'campaigns:save', { name: 'Launch', utm: { campaign: 'spring sale' } }))).toContain(
      'utm_campaign takes letters, digits and - _ . + only (no spaces)',
    );
    expect(messages(await refused(t, 'campaigns:save', { name: 'Launch', goal: 'virality' }))).toContain('Pick a goal: awareness, engagement or conversion');
    expect(await call<CampaignDto[]>(t.core, 'campaigns:list', {})).toEqual([]);
  });

  it('saves, edits and lists a campaign with its ROI and post count', async () => {
    t = await createTestCore();
    const c = await call<CampaignDto>(t.core, 'campaigns:save', {
      name: ' Spring launch ',
      theme: 'New loom kits',
      goal: 'conversion',
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
      costCents: 20_000,
      revenueCents: 50_000,
      utm: { medium: 'social', campaign: 'spring-launch', term: '' },
    });
    expect(c).toMatchObject({ name: 'Spring launch', goal: 'conversion', roi: 1.5, postCount: 0, utm: { medium: 'social', campaign: 'spring-launch' } });
    expect(c.utm).not.toHaveProperty('term');

    const post = await draft(t, 'Kits are here https://shop.test/kits');
    await call(t.core, 'campaigns:assign', { postIds: [post.id], campaignId: c.id });
    const edited = await call<CampaignDto>(t.core, 'campaigns:save', { id: c.id, name: 'Spring launch', costCents: 0, revenueCents: 100 });
    expect(edited).toMatchObject({ id: c.id, roi: null, postCount: 1, goal: null, utm: {} });
    expect(await call<CampaignDto[]>(t.core, 'campaigns:list', {})).toHaveLength(1);
    expect((await refused(t, 'campaigns:save', { id: 'nope', name: 'X' })).code).toBe('not_found');
  });

  it('assigns posts, announces posts:changed, and takes them out again', async () => {
    t = await createTestCore();
    const seen: { event: string; payload: unknown }[] = [];
    t.core.subscribe((event, payload) => seen.push({ event, payload }));
    const c = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Autumn' });
    const a = await draft(t, 'A');
    const b = await draft(t, 'B');
    await call(t.core, 'campaigns:assign', { postIds: [a.id, b.id], campaignId: c.id });
    expect(seen).toContainEqual({ event: 'posts:changed', payload: { ids: [a.id, b.id], reason: 'updated' } });
    expect((await call<CampaignDto[]>(t.core, 'campaigns:list', {}))[0]!.postCount).toBe(2);
    expect(await call(t.core, 'campaigns:postCampaigns', { postIds: [a.id, b.id] })).toEqual([
      { postId: a.id, campaignId: c.id },
      { postId: b.id, campaignId: c.id },
    ]);
    await call(t.core, 'campaigns:assign', { postIds: [a.id], campaignId: null });
    expect((await call<CampaignDto[]>(t.core, 'campaigns:list', {}))[0]!.postCount).toBe(1);
    expect((await refused(t, 'campaigns:assign', { postIds: ['missing'], campaignId: c.id })).code).toBe('not_found');
  });

  it('applies UTM defaults as version 2, with the platform as the source, and refuses published posts', async () => {
    t = await createTestCore();
    const c = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Launch', utm: { medium: 'social', campaign: 'launch' } });
    const post = await draft(t, 'Shop https://shop.test/kits?ref=me#top and mail me at mailto:a@b.test', ['bluesky']);
    expect((await refused(t, 'campaigns:applyUtm', { postId: post.id })).message).toMatch(/not in a campaign/);
    await call(t.core, 'campaigns:assign', { postIds: [post.id], campaignId: c.id });

    const after = await call<PostDto>(t.core, 'campaigns:applyUtm', { postId: post.id });
    expect(after.version).toBe(2);
    expect(after.text).toBe('Shop https://shop.test/kits?ref=me&utm_source=bluesky&utm_medium=social&utm_campaign=launch#top and mail me at mailto:a@b.test');
    const versions = await call<{ number: number; text: string }[]>(t.core, 'posts:versions', { id: post.id });
    expect(versions.map((v) => v.number).sort()).toEqual([1, 2]);

    // Applying again changes nothing: every parameter is already there.
    expect((await call<PostDto>(t.core, 'campaigns:applyUtm', { postId: post.id })).version).toBe(2);

    const multi = await draft(t, 'Both https://a.test', ['x', 'linkedin']);
    await call(t.core, 'campaigns:assign', { postIds: [multi.id], campaignId: c.id });
    expect((await refused(t, 'campaigns:applyUtm', { postId: multi.id })).message).toMatch(/only one utm_source/);

    const gone = await draft(t, 'Old https://a.test');
    await call(t.core, 'campaigns:assign', { postIds: [gone.id], campaignId: c.id });
    setState(t, gone.id, 'published');
    expect((await refused(t, 'campaigns:applyUtm', { postId: gone.id })).code).toBe('conflict');
  });

  it('tags the links in the thread and the first comment too, where the link often is', async () => {
    t = await createTestCore({ clients: { x: scriptedClient('x').client } });
    const c = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Launch', utm: { medium: 'social', campaign: 'launch' } });
    const post = await call<PostDto>(t.core, 'posts:create', {
      text: 'The kit is out (link below)', platforms: ['x'], schedule: null,
      thread: ['No link here', 'More at https://shop.test/more.'], firstComment: 'Get it: https://shop.test/kit',
    });
    await call(t.core, 'campaigns:assign', { postIds: [post.id], campaignId: c.id });
    const tags = 'utm_source=x&utm_medium=social&utm_campaign=launch';
    const after = await call<PostDto>(t.core, 'campaigns:applyUtm', { postId: post.id });
    expect(after).toMatchObject({ version: 2, text: 'The kit is out (link below)', thread: ['No link here', `More at https://shop.test/more?${tags}.`], firstComment: `Get it: https://shop.test/kit?${tags}` });
    expect((await call<PostDto>(t.core, 'campaigns:applyUtm', { postId: post.id })).version).toBe(2);
  });

  it('deletes a campaign and keeps its posts, now outside any campaign', async () => {
    t = await createTestCore();
    const c = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Gone soon' });
    const post = await draft(t, 'Stays');
    await call(t.core, 'campaigns:assign', { postIds: [post.id], campaignId: c.id });
    await call(t.core, 'campaigns:delete', { id: c.id });
    expect(await call(t.core, 'campaigns:list', {})).toEqual([]);
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).text).toBe('Stays');
    const db = new Database(`${t.dataDir}/loomcast.sqlite`);
    expect(db.prepare('SELECT campaign_id FROM posts WHERE id = ?').get(post.id)).toEqual({ campaign_id: null });
    db.close();
  });
});
