/**
 * The one owner of a target's life (electron/core/posts/targets.ts): every legal and illegal move
 * of the state machine, and the ways into publishing that used to leak (an approved post that
 * slept past its time, an imported row, a planned draft) ending in a post that goes out on time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { canTransition, TARGET_STATES, type TargetState } from '../../shared/domain/states';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const MIN = 60_000;

let t: TestCore;
afterEach(async () => {
  await t?.close();
});

async function failure(channel: string, input: unknown) {
  const r = await t.core.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} succeeded but should have failed`);
  return r.error;
}

describe('the state machine, through the one owner', () => {
  it('allows every legal edge and refuses every illegal one with a typed error, writing nothing', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Edges', platforms: ['mastodon'], schedule: null });
    const id = post.targets[0]!.id;
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    const put = (state: TargetState) => db.prepare('UPDATE targets SET state = ?, scheduled_at = ? WHERE id = ?').run(state, Date.UTC(2026, 11, 1, 9), id);
    const stateNow = () => (db.prepare('SELECT state FROM targets WHERE id = ?').get(id) as { state: string }).state;
    let legal = 0;
    let illegal = 0;
    for (const from of TARGET_STATES) {
      for (const to of TARGET_STATES) {
        put(from);
        const move = () => t.core.services.targets.transition([id], from, to, 'test', {}, { gate: false });
        if (canTransition(from, to)) {
          expect(move(), `${from} → ${to}`).toEqual([id]);
          expect(stateNow()).toBe(to);
          legal++;
        } else {
          expect(move, `${from} → ${to}`).toThrow(expect.objectContaining({ code: 'illegal_transition' }));
          expect(stateNow()).toBe(from);
          illegal++;
        }
      }
    }
    db.close();
    expect(legal + illegal).toBe(TARGET_STATES.length ** 2);
    // Published is final; nothing but the publisher's claim leads into publishing.
    expect(TARGET_STATES.filter((s) => canTransition('published', s))).toEqual([]);
    expect(TARGET_STATES.filter((s) => canTransition(s, 'publishing'))).toEqual(['scheduled', 'publishing']);
  });

  it('is the only code in the core that writes a target', () => {
    const root = join(__dirname, '../../electron/core');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) files.push(path);
      }
    };
    walk(root);
    const writers = files.filter((f) => /\b(UPDATE\s+targets|INSERT\s+INTO\s+targets|DELETE\s+FROM\s+targets)\b/i.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(writers).toEqual(['posts/targets.ts']);
  });
});

describe('what a unit of work announces', () => {
  it('names only the posts whose writes were kept: a nested unit that throws takes back its notes, at any depth', async () => {
    t = await createTestCore();
    const made: PostDto[] = [];
    for (const text of ['Kept', 'Kept inside', 'Refused inside', 'Refused deeper']) made.push(await call<PostDto>(t.core, 'posts:create', { text, platforms: ['mastodon'], schedule: null }));
    const [a, b, c, d] = made.map((p) => p.targets[0]!.id) as [string, string, string, string];
    const events: { ids: string[]; reason: string; at?: number[] }[] = [];
    t.core.subscribe((event, payload) => {
      if (event === 'posts:changed') events.push(payload as { ids: string[]; reason: string; at?: number[] });
    });
    const targets = t.core.services.targets;
    const day = Date.UTC(2026, 11, 1, 9);
    const refused = () => {
      throw new Error('refused');
    };
    targets.atomically(() => {
      targets.transition([a], 'draft', 'scheduled', 'test', { scheduledAt: day }, { gate: false });
      targets.atomically(() => {
        targets.transition([b], 'draft', 'scheduled', 'test', { scheduledAt: day + MIN }, { gate: false });
        // Two levels down: refused, while the level above it is kept.
        expect(() =>
          targets.atomically(() => {
            targets.transition([d], 'draft', 'scheduled', 'test', { scheduledAt: day + 3 * MIN }, { gate: false });
            refused();
          }),
        ).toThrow('refused');
      });
      expect(() =>
        targets.atomically(() => {
          // A post already named, its reason raised, and a new one: all taken back.
          targets.touched(made[0]!.id, 'updated');
          targets.transition([c], 'draft', 'scheduled', 'test', { scheduledAt: day + 2 * MIN }, { gate: false });
          refused();
        }),
      ).toThrow('refused');
    });
    expect(events).toEqual([{ ids: [made[0]!.id, made[1]!.id], reason: 'state', at: [day, day + MIN] }]);
    expect(t.core.services.targets.ofPost(made[2]!.id)[0]!.state).toBe('draft');
    expect(t.core.services.targets.ofPost(made[3]!.id)[0]!.state).toBe('draft');

    // A kept inner unit is undone with the unit around it, and so are its notes.
    events.length = 0;
    expect(() =>
      targets.atomically(() => {
        targets.atomically(() => targets.transition([c], 'draft', 'scheduled', 'test', { scheduledAt: day + 2 * MIN }, { gate: false }));
        refused();
      }),
    ).toThrow('refused');
    targets.atomically(() => targets.transition([d], 'draft', 'scheduled', 'test', { scheduledAt: day + 3 * MIN }, { gate: false }));
    expect(events).toEqual([{ ids: [made[3]!.id], reason: 'state', at: [day + 3 * MIN] }]);
  });
});

describe('every way into publishing goes out on time, through Review', () => {
  let script: ReturnType<typeof scriptedClient>;
  let accountId: string;

  async function setup() {
    script = scriptedClient('mastodon');
    t = await createTestCore({ vault: memoryVault(), clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    accountId = (await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'a' } })).id;
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    await t.core.services.scheduler.start();
  }
  const stateOf = async (postId: string) => (await call<PostDto>(t.core, 'posts:get', { id: postId })).targets.map((x) => x.state);
  /** Only the clock moves: the scheduler's own timer must fire. */
  const publishedAtDueTime = async (postId: string) => {
    t.clock.advance(MIN - 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(script.published()).toHaveLength(0);
    t.clock.advance(1);
    await vi.waitFor(async () => expect(await stateOf(postId)).toEqual(['published']), { timeout: 5_000, interval: 10 });
    expect(script.published()).toHaveLength(1);
  };

  it('a post written a minute ahead, approved in Review', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Approved in time', accounts: [accountId], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } });
    expect(await stateOf(post.id)).toEqual(['in_review']);
    await call(t.core, 'review:approve', { postIds: [post.id] });
    expect(await stateOf(post.id)).toEqual(['scheduled']);
    await publishedAtDueTime(post.id);
  });

  it('an imported row', async () => {
    await setup();
    const row = { line: 2, fields: { when: '2026-11-23 10:01', zone: 'Europe/Berlin', text: 'Imported in time', accounts: 'mastodon', link: '', media: '', altText: '', firstComment: '', campaign: '' } };
    const done = await call<{ postIds: string[] }>(t.core, 'io:importCommit', { importId: 'imp-1', rows: [row] });
    const postId = done.postIds[0]!;
    expect(await stateOf(postId)).toEqual(['in_review']);
    await call(t.core, 'review:approve', { postIds: [postId] });
    await publishedAtDueTime(postId);
  });

  it('a planned draft', async () => {
    await setup();
    await call(t.core, 'queue:setSlots', { accountId, zone: 'Europe/Berlin', slots: [{ weekday: 1, time: '10:01' }] });
    const pillar = await call<{ id: string }>(t.core, 'pillars:save', { name: 'Tips', color: '#112233' });
    const template = await call<{ id: string }>(t.core, 'templates:save', { name: 'Plain', category: 'hook', body: 'A tip that needs no blanks' });
    const out = await call<{ postIds: string[] }>(t.core, 'planner:commit', { startDate: '2026-11-23', days: 7, pillarIds: [pillar.id], templateIds: [template.id], accountIds: [accountId] });
    const postId = out.postIds[0]!;
    expect(await stateOf(postId)).toEqual(['in_review']);
    await call(t.core, 'review:approve', { postIds: [postId] });
    await publishedAtDueTime(postId);
  });
});

describe('the gates and the rules of every path', () => {
  async function setup() {
    t = await createTestCore({ vault: memoryVault() });
  }
  const db = () => new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
  const states = (postId: string) => {
    const d = db();
    const rows = d.prepare('SELECT platform, state FROM targets WHERE post_id = ? ORDER BY rowid').all(postId);
    d.close();
    return rows;
  };

  it('refuses to approve a post with a blank left, naming it, and approves it once filled in', async () => {
    await setup();
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Hello {first name}!', platforms: ['mastodon'], schedule: { date: '2026-11-24', time: '09:00' } });
    const refused = await failure('review:approve', { postIds: [post.id] });
    expect(refused).toMatchObject({ code: 'gate_failed', issues: [{ path: ['mastodon', 'text'], message: expect.stringContaining('{first name}') }] });
    expect(states(post.id)).toEqual([{ platform: 'mastodon', state: 'in_review' }]);
    await call(t.core, 'posts:update', { id: post.id, text: 'Hello friends!' });
    await call(t.core, 'review:approve', { postIds: [post.id] });
    expect(states(post.id)).toEqual([{ platform: 'mastodon', state: 'scheduled' }]);
  });

  it('refuses to schedule 301 graphemes to Bluesky, naming the platform and the rule', async () => {
    await setup();
    const text = `${'é'.repeat(300)}!`;
    const refused = await failure('posts:create', { text, platforms: ['bluesky'], schedule: { date: '2026-11-24', time: '09:00' } });
    expect(refused).toMatchObject({ code: 'gate_failed', message: expect.stringMatching(/Bluesky.*301.*300/), issues: [{ path: ['bluesky', 'text'] }] });
    // As a draft it may be saved and shortened later.
    const draft = await call<PostDto>(t.core, 'posts:create', { text, platforms: ['bluesky'], schedule: null });
    expect(draft.targets[0]!.state).toBe('draft');
    expect(await failure('posts:update', { id: draft.id, schedule: { date: '2026-11-24', time: '09:00' } })).toMatchObject({ code: 'gate_failed' });
  });

  it('refuses a post for a platform with two accounts, listing them, and takes account ids', async () => {
    await setup();
    const add = (handle: string) => t.core.services.accounts.add({ platform: 'mastodon', handle, serverUrl: 'https://example.social', credentials: { accessToken: 'a' } });
    const main = await add('@main@example.social');
    await add('@second@example.social');
    const refused = await failure('posts:create', { text: 'Which one?', platforms: ['mastodon'], schedule: null });
    expect(refused).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('@main@example.social'), issues: [{ path: ['platforms', 'mastodon'] }] });
    expect(refused.message).toContain('@second@example.social');
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'This one', accounts: [main.id], schedule: null });
    expect(post.targets).toEqual([expect.objectContaining({ platform: 'mastodon', accountId: main.id })]);
  });

  it('keeps a platform added to a post in review in review', async () => {
    await setup();
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Review me', platforms: ['mastodon'], schedule: { date: '2026-11-24', time: '09:00' } });
    await call(t.core, 'posts:update', { id: post.id, platforms: ['mastodon', 'x'] });
    expect(states(post.id)).toEqual([
      { platform: 'mastodon', state: 'in_review' },
      { platform: 'x', state: 'in_review' },
    ]);
  });

  it('leaves targets where the rules say: compose, posting times, recurrence and campaign UTM', async () => {
    await setup();
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'a' } });
    // Compose with auto-approve on: scheduled; off: in review.
    const composed = await call<PostDto>(t.core, 'posts:create', { text: 'Composed https://example.com/a', accounts: [account.id], schedule: { date: '2026-11-24', time: '09:00' } });
    expect(states(composed.id)).toEqual([{ platform: 'mastodon', state: 'scheduled' }]);
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    // Posting times: a draft booked into the queue waits in Review when hand-written posts do.
    await call(t.core, 'queue:setSlots', { accountId: account.id, slots: [{ weekday: 3, time: '12:00' }] });
    const queued = await call<PostDto>(t.core, 'posts:create', { text: 'Queued', accounts: [account.id], schedule: null });
    await call(t.core, 'queue:add', { postId: queued.id, accountId: account.id });
    expect(states(queued.id)).toEqual([{ platform: 'mastodon', state: 'in_review' }]);
    // Recurrence: copies of a scheduled post are scheduled, through the gates.
    await call(t.core, 'queue:setRecurrence', { postId: composed.id, everyDays: 7, until: { count: 3 } });
    const d = db();
    const copies = d.prepare(`SELECT t.state FROM recurrence_occurrences o JOIN targets t ON t.post_id = o.post_id WHERE o.origin_post_id = ?`).all(composed.id);
    d.close();
    expect(copies).toEqual([{ state: 'scheduled' }, { state: 'scheduled' }]);
    // Campaign UTM: a new version of the text; the scheduled copy stays scheduled, re-gated.
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Spring', utm: { source: 'mastodon', medium: 'social', campaign: 'spring' } });
    await call(t.core, 'campaigns:assign', { campaignId: campaign.id, postIds: [composed.id] });
    await call(t.core, 'campaigns:applyUtm', { postId: composed.id });
    const tagged = await call<PostDto>(t.core, 'posts:get', { id: composed.id });
    expect(tagged.text).toContain('utm_campaign=spring');
    expect(states(composed.id)).toEqual([{ platform: 'mastodon', state: 'scheduled' }]);
  });
});
