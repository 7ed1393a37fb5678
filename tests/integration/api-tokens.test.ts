import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_ACCESS } from '../../shared/contract/access';
import type { ChannelName, PostDto } from '../../shared/contract';
import type { ReviewItemDto } from '../../shared/contract/features/review';
import type { TestCore } from '../support/core';
import { hostOverTestCore, type HostOverCore } from '../support/host';

const APP_TOKEN = 'app-token-0123456789abcdef';
const channelsOf = (pred: (access: string) => boolean) => (Object.entries(CHANNEL_ACCESS) as [ChannelName, string][]).filter(([, a]) => pred(a)).map(([c]) => c);

describe('scoped API tokens through the host', () => {
  let t: TestCore;
  let base: string;
  let h: HostOverCore;

  beforeAll(async () => {
    ({ t, base } = h = await hostOverTestCore({ token: APP_TOKEN }));
  });
  afterAll(() => h.close());

  const rpc = (channel: string, body: unknown, token: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/rpc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const ok = async <T>(res: Response): Promise<T> => {
    const json = (await res.json()) as T;
    expect(res.status, JSON.stringify(json)).toBe(200);
    return json;
  };
  const makeToken = async (name: string, scope: 'read' | 'drafts' | 'full') =>
    ok<{ token: { id: string; scope: string }; secret: string }>(await rpc('apiTokens:create', { name, scope }, APP_TOKEN));
  /** Two days after the test clock's now, 10:00 in the creator's zone (never skipped by DST). */
  const later = () => {
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(t.clock.now() + 2 * 86_400_000);
    return { date, time: '10:00' };
  };
  const tokenIdOf = async (name: string) => (await ok<{ id: string; name: string }[]>(await rpc('apiTokens:list', {}, APP_TOKEN))).find((x) => x.name === name)!.id;
  const draft = (text: string, schedule: { date: string; time: string } | null = null) => ({ text, platforms: ['mastodon'], schedule });

  it('makes a token whose secret is shown once, starts with lct_, and is not in the database file', async () => {
    const made = await makeToken('Nightly report', 'read');
    expect(made.secret).toMatch(/^lct_[A-Za-z0-9_-]{43}$/);
    const list = await ok<Record<string, unknown>[]>(await rpc('apiTokens:list', {}, APP_TOKEN));
    expect(list).toEqual([expect.objectContaining({ id: made.token.id, name: 'Nightly report', scope: 'read', lastUsedAt: null, revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(made.secret);
    // The database and its write-ahead log: the hash is there, never the secret.
    const files = ['loomcast.sqlite', 'loomcast.sqlite-wal'].map((f) => join(t.dataDir, f)).filter(existsSync);
    for (const f of files) expect(readFileSync(f).includes(made.secret), f).toBe(false);
  });

  it('refuses a read-only token with 403 on every channel that is not read, before looking at the body', async () => {
    const { secret } = await makeToken('Reader', 'read');
    const refused = channelsOf((a) => a !== 'read');
    expect(refused.length).toBeGreaterThan(50);
    for (const channel of refused) {
      for (const body of ['{}', '{"not json', '']) {
        const res = await rpc(channel, body, secret);
        const json = (await res.json()) as { error: { code: string; message: string } };
        expect(res.status, `${channel} with ${body}`).toBe(403);
        expect(json.error.code).toBe('forbidden');
        expect(json.error.message).toContain(channel);
        expect(json.error.message).toContain('"read"');
      }
    }
  });

  it('lets a read-only token call every read channel, and read the event stream', async () => {
    const { secret } = await makeToken('Reader 2', 'read');
    for (const channel of channelsOf((a) => a === 'read')) {
      const res = await rpc(channel, '{}', secret);
      // Some need input ({} is then 400); none is refused for the token's scope.
      expect([200, 400, 404, 409, 422], channel).toContain(res.status);
      await res.body?.cancel();
    }
    expect(await ok<PostDto[]>(await rpc('posts:list', { scope: 'all' }, secret))).toBeInstanceOf(Array);
    const abort = new AbortController();
    const events = await fetch(`${base}/events?token=${secret}`, { signal: abort.signal });
    expect(events.status).toBe(200);
    abort.abort();
    const list = await ok<{ name: string; lastUsedAt: string | null }[]>(await rpc('apiTokens:list', {}, APP_TOKEN));
    expect(list.find((x) => x.name === 'Reader 2')!.lastUsedAt).not.toBeNull();
  });

  it('lets a drafts-only token make drafts, holds what it schedules in Review, and refuses scheduling, publishing and settings', async () => {
    const { secret } = await makeToken('Drafts bot', 'drafts');
    const made = await ok<PostDto>(await rpc('posts:create', draft('A draft from a script'), secret));
    expect(made.targets.map((x) => x.state)).toEqual(['draft']);
    expect(made.createdBy).toEqual({ actor: 'script', client: null });
    // A time given with a drafts-only token never puts the post on the schedule.
    const timed = await ok<PostDto>(await rpc('posts:create', draft('A timed post from a script', later()), secret, { 'x-loomcast-client': 'cron job' }));
    expect(timed.targets.map((x) => x.state)).toEqual(['in_review']);
    expect(await ok<PostDto[]>(await rpc('review:send', { postIds: [made.id] }, secret))).toHaveLength(1);
    for (const [channel, body] of [
      ['posts:reschedule', { id: made.id, schedule: later() }],
      ['queue:add', { postId: made.id }],
      ['compose:publishNow', { postId: made.id }],
      ['review:approve', { postIds: [made.id] }],
      ['settings:update', { theme: 'dark' }],
      ['apiTokens:create', { name: 'escalate', scope: 'full' }],
    ] as const) {
      const res = await rpc(channel, body, secret);
      expect(res.status, channel).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('"drafts"') } });
    }
  });

  it('never lets a drafts-only token or an agent put words, media or a time nobody approved on the schedule by another way', async () => {
    const { secret } = await makeToken('Sly bot', 'drafts');
    const agent = { 'x-loomcast-actor': 'agent', 'x-loomcast-client': 'claude-ai' };
    const states = async (id: string) => (await ok<PostDto>(await rpc('posts:get', { id }, APP_TOKEN))).targets.map((x) => x.state);
    const scheduled = async (text: string) => {
      const p = await ok<PostDto>(await rpc('posts:create', draft(text, later()), APP_TOKEN));
      expect(p.targets.map((x) => x.state)).toEqual(['scheduled']);
      return p;
    };
    const failed = async (text: string) => {
      const p = await scheduled(text);
      const id = p.targets[0]!.id;
      t.core.services.targets.transition([id], 'scheduled', 'publishing', 'test', {}, { gate: false });
      t.core.services.targets.transition([id], 'publishing', 'failed', 'test', { lastError: 'boom' }, { gate: false });
      return p;
    };
    const later3 = () => ({ ...later(), date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(t.clock.now() + 3 * 86_400_000) });

    // New media on the creator's scheduled post: back to Review, as new words are.
    const withImage = await scheduled('Creator approved post');
    const up = await ok<{ hash: string }>(await rpc('media:upload', { name: 'x.png', mime: 'image/png', dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' }, secret));
    await ok(await rpc('media:setForPost', { postId: withImage.id, items: [{ hash: up.hash, altText: 'an image from a script' }] }, secret));
    expect(await states(withImage.id)).toEqual(['in_review']);

    // New words on a failed copy, then a time: the words wait in Review (drafts token, and an agent).
    const onceFailed = await failed('Creator words');
    await ok(await rpc('posts:update', { id: onceFailed.id, text: 'SCRIPT WORDS NOBODY APPROVED' }, secret));
    await ok(await rpc('posts:update', { id: onceFailed.id, schedule: later3() }, secret));
    expect(await states(onceFailed.id)).toEqual(['in_review']);
    const agentFailed = await failed('Creator words 2');
    await ok(await rpc('posts:update', { id: agentFailed.id, text: 'AGENT WORDS NOBODY APPROVED' }, APP_TOKEN, agent));
    await ok(await rpc('posts:reschedule', { id: agentFailed.id, ...later3() }, APP_TOKEN, agent));
    expect(await states(agentFailed.id)).toEqual(['in_review']);

    // A new time for the creator's scheduled post, through posts:update (posts:reschedule is refused):
    // it waits for the creator to approve the move; taking its account away is a delete, refused.
    const moved = await scheduled('Launch at 10');
    expect((await rpc('posts:reschedule', { id: moved.id, ...later3() }, secret)).status).toBe(403);
    await ok(await rpc('posts:update', { id: moved.id, schedule: later3() }, secret));
    expect(await states(moved.id)).toEqual(['in_review']);
    const kept = await scheduled('Stays where it is');
    const res = await rpc('posts:update', { id: kept.id, platforms: ['bluesky'] }, secret);
    expect(res.status).toBe(403);
    expect(await states(kept.id)).toEqual(['scheduled']);
  });

  it('refuses a revoked token with 401 at once', async () => {
    const { token, secret } = await makeToken('Short-lived', 'full');
    expect((await rpc('posts:list', {}, secret)).status).toBe(200);
    const revoked = await ok<{ revokedAt: string | null }>(await rpc('apiTokens:revoke', { id: token.id }, APP_TOKEN));
    expect(revoked.revokedAt).not.toBeNull();
    const res = await rpc('posts:list', {}, secret);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized', message: expect.stringContaining('revoked') } });
    expect((await fetch(`${base}/events?token=${secret}`)).status).toBe(401);
  });

  it('keeps a full token out of admin channels', async () => {
    const { secret } = await makeToken('Full', 'full');
    for (const channel of channelsOf((a) => a === 'admin')) {
      const res = await rpc(channel, '{}', secret);
      expect(res.status, channel).toBe(403);
      await res.body?.cancel();
    }
  });

  it('checks the actor and client headers', async () => {
    const bad = await rpc('posts:list', {}, APP_TOKEN, { 'x-loomcast-actor': 'user' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: ['headers', 'x-loomcast-actor'] }] } });
    expect((await rpc('posts:list', {}, APP_TOKEN, { 'x-loomcast-client': 'x'.repeat(81) })).status).toBe(400);
    expect((await rpc('posts:list', {}, APP_TOKEN, { 'x-loomcast-client': 'claude-ai', 'x-loomcast-actor': 'script' })).status).toBe(200);
  });

  it('puts an agent’s post in Review, marked as made by an agent, and audits it as the agent’s', async () => {
    const agent = { 'x-loomcast-actor': 'agent', 'x-loomcast-client': 'claude-ai' };
    const post = await ok<PostDto>(await rpc('posts:create', draft('Written by an agent', later()), APP_TOKEN, agent));
    expect(post.targets.map((x) => x.state)).toEqual(['in_review']);
    const review = (await ok<{ items: ReviewItemDto[] }>(await rpc('review:list', {}, APP_TOKEN))).items;
    const item = review.find((r) => r.post.id === post.id)!;
    expect(item.post.createdBy).toEqual({ actor: 'agent', client: 'claude-ai' });

    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      const row = db.prepare(`SELECT actor, detail FROM audit_log WHERE action = 'post.create' AND entity_id = ?`).get(post.id) as { actor: string; detail: string };
      expect(row.actor).toBe('agent');
      expect(JSON.parse(row.detail)).toMatchObject({ via: 'claude-ai' });
    } finally {
      db.close();
    }

    // The agent can't approve, post now, or lift the rule; the creator can.
    for (const [channel, body] of [
      ['review:approve', { postIds: [post.id] }],
      ['compose:publishNow', { postId: post.id }],
      ['settings:update', { agentPostsWaitInReview: false }],
    ] as const) {
      const res = await rpc(channel, body, APP_TOKEN, agent);
      expect(res.status, channel).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    const approved = await ok<PostDto[]>(await rpc('review:approve', { postIds: [post.id] }, APP_TOKEN));
    expect(approved[0]!.targets.map((x) => x.state)).toEqual(['scheduled']);

    // A scoped token saying it is an agent is one; the creator's own posts are the creator's.
    const { secret } = await makeToken('Agent token', 'full');
    const viaToken = await ok<PostDto>(await rpc('posts:create', draft('Agent with a token', later()), secret, { 'x-loomcast-actor': 'agent' }));
    expect(viaToken.createdBy).toEqual({ actor: 'agent', client: null });
    const audited = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      const row = audited.prepare(`SELECT actor, detail FROM audit_log WHERE action = 'post.create' AND entity_id = ?`).get(viaToken.id) as { actor: string; detail: string };
      expect(row.actor).toBe('agent');
      expect(JSON.parse(row.detail)).toMatchObject({ tokenId: await tokenIdOf('Agent token') });
    } finally {
      audited.close();
    }
    expect(viaToken.targets.map((x) => x.state)).toEqual(['in_review']);
    const mine = await ok<PostDto>(await rpc('posts:create', draft('Mine', later()), APP_TOKEN));
    expect(mine.createdBy).toEqual({ actor: 'user', client: null });
    expect(mine.targets.map((x) => x.state)).toEqual(['scheduled']);

    // With the rule off (by the creator), an agent's timed post is scheduled like the creator's.
    await ok(await rpc('settings:update', { agentPostsWaitInReview: false }, APP_TOKEN));
    const free = await ok<PostDto>(await rpc('posts:create', draft('Agent, rule off', later()), APP_TOKEN, agent));
    expect(free.targets.map((x) => x.state)).toEqual(['scheduled']);
    await ok(await rpc('settings:update', { agentPostsWaitInReview: true }, APP_TOKEN));
  });

  it('does not let an agent make or revoke tokens', async () => {
    const res = await rpc('apiTokens:create', { name: 'mine now', scope: 'full' }, APP_TOKEN, { 'x-loomcast-actor': 'agent' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
  });
});
