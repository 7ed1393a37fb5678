/**
 * Each version of a post says who wrote its words (schema 21): the creator, an agent or a script
 * over the local API (with its client's name), whoever imported a sheet. Until then every later
 * typed version read "Written by you", also when an agent had rewritten it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto, PostVersionDto } from '../../shared/contract';
import { call, createTestCore, type TestCore } from '../support/core';

/** Who asks, as the local API's doors say it (rpc/request-context.ts). */
type Caller = { actor: 'agent' | 'script'; client: string | null; tokenId: string | null };
const agent: Caller = { actor: 'agent', client: 'claude-ai', tokenId: null };
const script: Caller = { actor: 'script', client: 'nightly-import', tokenId: null };

describe('who wrote each version', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });
  const as = async <T>(ctx: Caller, channel: string, input: unknown): Promise<T> => {
    const r = await t.core.dispatch(channel, input, ctx);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const authors = async (id: string) => (await call<PostVersionDto[]>(t.core, 'posts:versions', { id })).map((v) => [v.number, v.writtenBy]);

  it('records the creator, an agent and a script as they rewrite one post, and a restore as whoever asked', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Studio notes, week one', platforms: ['mastodon'], schedule: null });
    await as(agent, 'posts:update', { id: post.id, text: 'Studio notes, week one: what we made' });
    await as(script, 'posts:update', { id: post.id, text: 'Studio notes, week one: what we made and sold' });
    await call(t.core, 'posts:restoreVersion', { id: post.id, number: 2 });
    expect(await authors(post.id)).toEqual([
      [4, { actor: 'user', client: null }],
      [3, { actor: 'script', client: 'nightly-import' }],
      [2, { actor: 'agent', client: 'claude-ai' }],
      [1, { actor: 'user', client: null }],
    ]);
    // An agent's post: its first version is the agent's too.
    const theirs = await as<PostDto>(agent, 'posts:create', { text: 'Written by the agent', platforms: ['mastodon'], schedule: null });
    expect(await authors(theirs.id)).toEqual([[1, { actor: 'agent', client: 'claude-ai' }]]);
  });

  it('sends an approved post back to Review when an agent gives it new words, for all its text or one platform’s', async () => {
    t = await createTestCore();
    await call(t.core, 'settings:update', { autoApproveOwnPosts: true });
    const schedule = { date: '2030-01-08', time: '09:00' };
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Studio notes', platforms: ['mastodon', 'x'], schedule });
    const states = async (id: string) => (await call<PostDto>(t.core, 'posts:get', { id })).targets.map((x) => x.state);
    expect(await states(post.id)).toEqual(['scheduled', 'scheduled']);

    // The creator's and a script's edits leave it on its way; an agent's does not.
    await call(t.core, 'posts:update', { id: post.id, text: 'Studio notes, edited by me' });
    await as(script, 'posts:update', { id: post.id, text: 'Studio notes, edited by a script' });
    expect(await states(post.id)).toEqual(['scheduled', 'scheduled']);
    await as(agent, 'posts:update', { id: post.id, text: 'Studio notes, rewritten by an agent' });
    expect(await states(post.id)).toEqual(['in_review', 'in_review']);

    // Approved again, then the agent changes only X's words: back to Review it goes.
    await call(t.core, 'review:approve', { postIds: [post.id] });
    expect(await states(post.id)).toEqual(['scheduled', 'scheduled']);
    await as(agent, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'x', text: 'Shorter, for X' }] });
    expect(await states(post.id)).toEqual(['in_review', 'in_review']);

    // With "Posts made by agents wait in Review" off, an agent's edit is trusted like the creator's;
    // a drafts-only token's never is.
    await call(t.core, 'review:approve', { postIds: [post.id] });
    await call(t.core, 'settings:update', { agentPostsWaitInReview: false });
    await as(agent, 'posts:update', { id: post.id, text: 'Studio notes, the agent again' });
    expect(await states(post.id)).toEqual(['scheduled', 'scheduled']);
    const { token } = await call<{ token: { id: string } }>(t.core, 'apiTokens:create', { name: 'Drafts only', scope: 'drafts' });
    await as({ ...script, tokenId: token.id }, 'posts:update', { id: post.id, text: 'Studio notes, through a drafts-only token' });
    expect(await states(post.id)).toEqual(['in_review', 'in_review']);
  });

  it('records who imported a sheet, and says nothing for versions saved before it was recorded', async () => {
    t = await createTestCore();
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'm' } });
    const csv = 'date,time,text,accounts\n2030-01-08,09:00,Imported by a script,mastodon\n';
    const preview = await as<{ token: string; rows: { line: number; fields: unknown; skip: boolean }[] }>(script, 'io:importPreview', { csv, previewId: 'p1' });
    const done = await as<{ postIds: string[] }>(script, 'io:importCommit', { importId: 'p1', previewToken: preview.token, rows: preview.rows.map((r) => ({ line: r.line, fields: r.fields, skip: r.skip })) });
    expect(await call<PostVersionDto[]>(t.core, 'posts:versions', { id: done.postIds[0]! })).toMatchObject([{ number: 1, source: 'import', writtenBy: { actor: 'script', client: 'nightly-import' } }]);

    // A post from before schema 21: its versions' author is not known.
    const old = await call<PostDto>(t.core, 'posts:create', { text: 'Before', platforms: ['mastodon'], schedule: null });
    await call(t.core, 'posts:update', { id: old.id, text: 'Before, edited' });
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare('UPDATE post_versions SET written_by = NULL, written_via = NULL WHERE post_id = ?').run(old.id);
    db.close();
    expect(await authors(old.id)).toEqual([
      [2, null],
      [1, null],
    ]);
  });
});
