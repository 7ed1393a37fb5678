import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { CalendarChipDto, CalendarPostDto } from '../../shared/contract/features/calendar';
import type { MediaInfoDto } from '../../shared/contract/features/media-library';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin).
const ZONE = 'Europe/Berlin';
const midnight = (date: string) => DateTime.fromISO(date, { zone: ZONE }).startOf('day').toISO()!;
const DECEMBER = { from: midnight('2026-12-01'), to: midnight('2027-01-01') };

const chips = (t: TestCore, input: Record<string, unknown>) => call<CalendarChipDto[]>(t.core, 'posts:calendar', input);
const whole = (t: TestCore, input: Record<string, unknown>) => call<CalendarPostDto[]>(t.core, 'posts:range', input);

/** What the grid needs of a whole post, worked out from posts:range's answer. */
const asChip = (p: CalendarPostDto): CalendarChipDto => ({
  id: p.id,
  text: p.text,
  threadLength: p.thread.length,
  targets: p.targets.map(({ id, platform, accountId, state, scheduledAt }) => ({ id, platform, accountId, state, scheduledAt })),
  pillar: p.pillar,
  firstMedia: p.firstMedia,
});
const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

function schedule(t: TestCore, text: string, date: string, time: string, more: Record<string, unknown> = {}): Promise<PostDto> {
  return call<PostDto>(t.core, 'posts:create', { text, platforms: ['x'], schedule: { date, time }, ...more });
}

describe('posts:calendar: the month and week grids read each post as its chips draw it', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('answers the posts posts:range answers, each with its copies, thread length, pillar and first image, and nothing more', async () => {
    // Threads on X and Mastodon; LinkedIn takes only a first comment, as its real client says.
    const linkedin = scriptedClient('linkedin').client;
    t = await createTestCore({ zone: ZONE, clients: { x: scriptedClient('x').client, mastodon: scriptedClient('mastodon').client, linkedin: { ...linkedin, capabilities: { ...linkedin.capabilities, threads: false } } } });
    const pillar = await call<{ id: string }>(t.core, 'pillars:save', { name: 'How-to', color: '#3366cc' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 64, 0, 0, 0, 48, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]);
    const image = await call<MediaInfoDto>(t.core, 'media:upload', { name: 'a.png', mime: 'image/png', dataBase64: png.toString('base64') });

    const thread = await schedule(t, 'a thread on two platforms', '2026-12-02', '09:00', { platforms: ['x', 'mastodon'], thread: ['second', 'third'], firstComment: null });
    // LinkedIn takes only the first comment: its copy carries no thread parts, the X copy does.
    const mixed = await schedule(t, 'a thread where one platform takes none', '2026-12-03', '09:00', { platforms: ['linkedin', 'x'], thread: ['more'], firstComment: 'the link' });
    const comment = await schedule(t, 'only a first comment', '2026-12-04', '09:00', { platforms: ['linkedin'], firstComment: 'the link' });
    const dressed = await schedule(t, 'with a pillar and an image', '2026-12-05', '09:00');
    await call(t.core, 'posts:setPillar', { postId: dressed.id, pillarId: pillar.id });
    await call(t.core, 'media:setForPost', { postId: dressed.id, items: [{ hash: image.hash, altText: 'a square' }] });
    await call(t.core, 'posts:update', { id: dressed.id, text: 'with a pillar and an image, edited' });
    // A copy moved to another month still comes with its post, as in posts:range.
    const split = await schedule(t, 'split across months', '2026-12-06', '09:00', { platforms: ['x', 'bluesky'] });
    const side = new Database(`${t.dataDir}/loomcast.sqlite`);
    side.prepare('UPDATE targets SET scheduled_at = ? WHERE post_id = ? AND platform = ?').run(Date.parse('2027-01-09T10:00:00Z'), split.id, 'bluesky');
    side.close();

    const got = await chips(t, DECEMBER);
    expect(byId(got)).toEqual(byId((await whole(t, DECEMBER)).map(asChip)));
    const of = (id: string) => got.find((c) => c.id === id)!;
    expect(Object.keys(of(thread.id)).sort()).toEqual(['firstMedia', 'id', 'pillar', 'targets', 'text', 'threadLength']);
    expect(of(thread.id).threadLength).toBe(2);
    expect(of(mixed.id).threadLength).toBe(1);
    expect(of(comment.id).threadLength).toBe(0);
    expect(of(dressed.id)).toMatchObject({ text: 'with a pillar and an image, edited', pillar: { id: pillar.id, name: 'How-to', color: '#3366cc' }, firstMedia: { hash: image.hash, mime: 'image/png' } });
    expect(of(split.id).targets.map((c) => [c.platform, c.scheduledAt])).toEqual([
      ['x', '2026-12-06T08:00:00.000Z'],
      ['bluesky', '2027-01-09T10:00:00.000Z'],
    ]);
    expect(of(thread.id).targets[0]).toEqual({ id: thread.targets[0]!.id, platform: 'x', accountId: null, state: 'scheduled', scheduledAt: '2026-12-02T08:00:00.000Z' });
  });

  it('orders posts by their first instant in the range, and posts at the same instant as they were made', async () => {
    t = await createTestCore({ zone: ZONE });
    const made: string[] = [];
    for (const text of ['first made', 'second made', 'third made', 'fourth made']) {
      made.push((await schedule(t, text, '2026-12-10', '12:00')).id);
      t.clock.advance(1_000);
    }
    const earlier = await schedule(t, 'made last, due earlier', '2026-12-10', '08:00');
    expect((await chips(t, DECEMBER)).map((c) => c.id)).toEqual([earlier.id, ...made]);
  });

  it('narrows by account, state, campaign and pillar exactly as posts:range does', async () => {
    t = await createTestCore({ zone: ZONE });
    const x = await t.core.services.accounts.add({ platform: 'x', handle: 'studio', credentials: { accessToken: 'a' } });
    const launch = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Winter launch' });
    const howTo = await call<{ id: string }>(t.core, 'pillars:save', { name: 'How-to', color: '#3366cc' });
    const a = await schedule(t, 'launch how-to', '2026-12-01', '09:00', { platforms: ['x', 'bluesky'] });
    const b = await schedule(t, 'launch teaser', '2026-12-01', '10:00', { platforms: ['bluesky'] });
    await schedule(t, 'neither', '2026-12-01', '11:00');
    await call(t.core, 'campaigns:assign', { postIds: [a.id, b.id], campaignId: launch.id });
    await call(t.core, 'posts:setPillar', { postId: a.id, pillarId: howTo.id });
    await call(t.core, 'posts:update', { id: b.id, schedule: null });

    const filters = [{}, { accountIds: [x.id] }, { states: ['draft'] }, { states: ['scheduled'], accountIds: [x.id] }, { campaignIds: [launch.id] }, { pillarIds: [howTo.id] }, { campaignIds: [launch.id], states: ['draft'] }];
    for (const f of filters) {
      const input = { from: midnight('2026-12-01'), to: midnight('2026-12-02'), ...f };
      expect((await chips(t, input)).map((c) => c.text)).toEqual((await whole(t, input)).map((p) => p.text));
    }
    expect((await chips(t, { from: midnight('2026-12-01'), to: midnight('2026-12-02'), pillarIds: [howTo.id] })).map((c) => c.text)).toEqual(['launch how-to']);
  });

  it('refuses what posts:range refuses, in the same words', async () => {
    t = await createTestCore({ zone: ZONE });
    for (const input of [{ from: midnight('2026-12-02'), to: midnight('2026-12-01') }, { from: midnight('2026-12-01'), to: midnight('2027-03-01') }, { from: '1 December', to: midnight('2026-12-02') }, { ...DECEMBER, states: [] }]) {
      const [a, b] = [await t.core.dispatch('posts:calendar', input), await t.core.dispatch('posts:range', input)];
      expect(a).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(a.ok ? null : a.error.message.replace('posts:calendar', 'posts:range')).toBe(b.ok ? null : b.error.message);
    }
  });
});
