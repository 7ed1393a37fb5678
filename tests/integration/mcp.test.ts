/**
 * `loomcast mcp` against a running Loomcast: an MCP client lists the tools, drafts a post into
 * Review and finds it there, made by an agent; schedules, moves and cancels through the same
 * channels as the app; reads the calendar resource; and gets Loomcast's refusals as tool errors.
 * The server runs in-process over an in-memory transport (so the host sees the exact headers),
 * and once more as the real stdio command.
 */
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { AccountDto, PostDto } from '../../shared/contract';
import { accountStatus } from '../../renderer/src/features/accounts/account-status';
import type { ReviewItemDto } from '../../shared/contract/features/review';
import { call } from '../support/core';
import { startAgentHost, ZONE, type AgentHost } from '../support/agent-host';
import { connectMcp, toolData, toolText } from '../support/mcp-client';
import { seeder } from '../support/analytics-seed';

const TOOLS = ['analytics_summary', 'best_times', 'cancel_post', 'capture_idea', 'create_draft', 'duplicate_post', 'edit_post', 'get_post', 'list_accounts', 'list_alerts', 'list_ideas', 'list_posts', 'move_post', 'post_numbers', 'schedule_post', 'search_posts', 'shift_posts'];

let h: AgentHost;
let client: Client;
const logs: string[] = [];

beforeAll(async () => {
  h = await startAgentHost();
  client = await connectMcp(h, { log: (m) => logs.push(m) });
});
afterAll(async () => {
  await client?.close();
  await h?.close();
});

const tool = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const text = toolText;
const data = toolData;

describe('loomcast mcp', () => {
  it('lists its tools, each with a description and an input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const t of tools) {
      expect(t.description!.length).toBeGreaterThan(40);
      expect(t.inputSchema.type).toBe('object');
    }
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate)).toEqual(['loomcast://calendar/{from}/{to}']);
  });

  it('create_draft puts the post in Review, asked for as an agent naming its client', async () => {
    h.seen.length = 0;
    const r = await tool('create_draft', { text: 'An agent wrote this', to: ['bluesky:@me.bsky.social'] });
    expect(r.isError).toBeFalsy();
    expect(text(r)).toMatch(/^Draft sent to Review\. Waiting in Review/);
    const post = data<PostDto>(r);
    expect(post.targets.map((t) => t.state)).toEqual(['in_review']);

    const review = (await call<{ items: ReviewItemDto[] }>(h.t.core, 'review:list', {})).items;
    const item = review.find((i) => i.post.id === post.id);
    expect(item?.post.text).toBe('An agent wrote this');
    // Every request reached the host as the agent, named by the MCP client's clientInfo.name.
    expect(h.seen.map((s) => s.channel)).toEqual(expect.arrayContaining(['posts:create', 'review:send']));
    for (const s of h.seen) expect(s).toMatchObject({ actor: 'agent', client: 'claude-ai' });
    expect(item?.post.createdBy).toEqual({ actor: 'agent', client: 'claude-ai' });
  });

  it('schedules, moves and cancels through the same channels as the app, reading times in the creator’s zone', async () => {
    const s = await tool('schedule_post', { text: 'Scheduled by an agent', to: ['mastodon'], at: `${h.day(6)} 09:15` });
    expect(s.isError).toBeFalsy();
    const post = data<PostDto>(s);
    // "Posts made by agents wait in Review" is on by default: the post waits there, with its time.
    expect(post.targets[0]!.state).toBe('in_review');
    expect(post.scheduledAt).toBe(new Date(`${h.day(6)}T08:15:00Z`).toISOString());

    const moved = await tool('move_post', { id: post.id, at: `${h.day(7)} 18:00` });
    expect(moved.isError).toBeFalsy();
    expect(data<PostDto>(moved).scheduledAt).toBe(new Date(`${h.day(7)}T17:00:00Z`).toISOString());

    const edited = await tool('edit_post', { id: post.id, text: 'Scheduled by an agent, reworded', thread: ['And a second part'] });
    expect(edited.isError).toBeFalsy();
    expect(data<PostDto>(edited)).toMatchObject({ text: 'Scheduled by an agent, reworded', version: 2, scheduledAt: new Date(`${h.day(7)}T17:00:00Z`).toISOString() });
    expect(data<PostDto>(edited).targets[0]!.state).toBe('in_review');
    expect(text(edited)).toMatch(/^Edited\. /);
    const nothing = await tool('edit_post', { id: post.id });
    expect(nothing.isError).toBe(true);
    expect(text(nothing)).toContain('Say what to change');
    await tool('edit_post', { id: post.id, text: 'Scheduled by an agent', thread: [] });

    const shifted = await tool('shift_posts', { ids: [post.id], days: 2 });
    expect(shifted.isError).toBeFalsy();
    expect(text(shifted)).toMatch(/^Moved 1 post 2 days later\.\n1 post \(times in Europe\/Berlin\):\n- /);
    expect(data<PostDto[]>(shifted)[0]!.scheduledAt).toBe(new Date(`${h.day(9)}T17:00:00Z`).toISOString());
    const tooEarly = await tool('shift_posts', { ids: [post.id], days: -30 });
    expect(tooEarly.isError).toBe(true);
    expect(text(tooEarly)).toContain('Nothing was moved.');
    await tool('shift_posts', { ids: [post.id], days: -2 });

    const got = await tool('get_post', { id: post.id });
    expect(text(got)).toContain('"Scheduled by an agent"');

    const found = await tool('search_posts', { text: 'SCHEDULED by', from: h.day(0), to: h.day(30) });
    expect(data<PostDto[]>(found).map((p) => p.id)).toEqual([post.id]);
    const everywhere = await tool('search_posts', { text: 'agent wrote' });
    expect(text(everywhere)).toContain('1 match for "agent wrote" in the whole history.');
    expect(data<PostDto[]>(await tool('search_posts', { text: 'AGENT wrot' })).length).toBe(1);
    // A page of the best: the count is every match, not the page ("1+").
    const all = data<PostDto[]>(await tool('search_posts', { text: 'agent' })).length;
    expect(all).toBeGreaterThan(1);
    expect(text(await tool('search_posts', { text: 'agent', limit: 1 }))).toContain(`${all} matches for "agent" in the whole history (the best 1 shown; more words narrow it).`);

    const upcoming = await tool('list_posts', { scope: 'all', limit: 10 });
    expect(data<PostDto[]>(upcoming).map((p) => p.id)).toContain(post.id);
    // Page by page: the first two posts one at a time, and the way to the next page in words.
    const newest = data<PostDto[]>(upcoming).map((p) => p.id);
    expect(newest.length).toBeGreaterThan(1);
    const first = await tool('list_posts', { scope: 'all', limit: 1 });
    const cursor = /ask again with cursor "([^"]+)"/.exec(text(first))?.[1];
    expect(cursor).toBeTruthy();
    expect(data<PostDto[]>(first).map((p) => p.id)).toEqual(newest.slice(0, 1));
    const second = await tool('list_posts', { scope: 'all', limit: 1, cursor });
    expect(data<PostDto[]>(second).map((p) => p.id)).toEqual(newest.slice(1, 2));
    // The last page says no more; a cursor from another list is refused in words.
    const rest = await tool('list_posts', { scope: 'all', limit: 1000, cursor });
    expect(text(rest)).not.toContain('ask again');
    expect(data<PostDto[]>(rest).map((p) => p.id)).toEqual(newest.slice(1));
    expect(text(await tool('list_posts', { scope: 'drafts', cursor }))).toContain('The cursor belongs to another list');

    const calendar = await client.readResource({ uri: `loomcast://calendar/${h.day(7)}/${h.day(7)}` });
    const body = JSON.parse((calendar.contents[0] as { text: string }).text) as { zone: string; posts: PostDto[]; summary: string[] };
    expect(body.zone).toBe('Europe/Berlin');
    expect(body.posts.map((p) => p.id)).toEqual([post.id]);
    expect(body.summary[0]).toContain('Scheduled by an agent');

    const cancelled = await tool('cancel_post', { id: post.id });
    expect(cancelled.isError).toBeFalsy();
    expect(data<PostDto>(cancelled).scheduledAt).toBeNull();

    // A post used again: a new draft with the same words, made by the agent, given a time later.
    const duplicated = await tool('duplicate_post', { id: post.id });
    expect(duplicated.isError).toBeFalsy();
    const copy = data<PostDto>(duplicated);
    expect(text(duplicated)).toContain(`Duplicated as a new draft (id ${copy.id}).`);
    expect(copy).toMatchObject({ text: 'Scheduled by an agent', scheduledAt: null, createdBy: { actor: 'agent', client: 'claude-ai' } });
    expect(copy.id).not.toBe(post.id);
    const timed = await tool('move_post', { id: copy.id, at: `${h.day(9)} 10:00` });
    expect(data<PostDto>(timed).targets[0]!.state).toBe('in_review');
    expect((await tool('duplicate_post', { id: 'no-such-post' })).isError).toBe(true);
  });

  it('answers Loomcast’s refusals as tool errors with its own words, and keeps serving', async () => {
    const past = await tool('schedule_post', { text: 'Too late', to: ['bluesky'], at: `${h.day(-2)} 09:00` });
    expect(past.isError).toBe(true);
    expect(text(past)).toContain('has already passed');
    const gap = await tool('move_post', { id: 'no-such-post', at: '2027-03-28 10:00' });
    expect(gap.isError).toBe(true);
    expect(text(gap)).toContain('no longer exists');
    const who = await tool('create_draft', { text: 'Hello', to: ['bluesky:@nobody'] });
    expect(who.isError).toBe(true);
    expect(text(who)).toContain('no bluesky account is @nobody');
    // Arguments that do not fit a tool's schema are refused before Loomcast is asked.
    const shapeless = await tool('create_draft', { text: 'Hello', to: [] });
    expect(shapeless.isError).toBe(true);
    expect((await tool('list_accounts')).isError).toBeFalsy();
  });

  it('lists accounts, ideas, analytics, best times and alerts; captures an idea', async () => {
    const accounts = await tool('list_accounts');
    expect(text(accounts)).toContain('bluesky @me.bsky.social');
    expect(text(accounts)).toContain("The creator's time zone is Europe/Berlin.");
    const idea = await tool('capture_idea', { text: 'Behind the scenes of the launch', tags: ['#Launch'] });
    expect(idea.isError).toBeFalsy();
    const ideas = await tool('list_ideas', { query: 'behind' });
    expect(text(ideas)).toContain('"Behind the scenes of the launch" #launch');
    const summary = await tool('analytics_summary', {});
    expect(summary.isError).toBeFalsy();
    expect(text(summary)).toMatch(/0 published copies/);
    const best = await tool('best_times', {});
    expect(text(best)).toMatch(/^No recommendation yet/);
    const alerts = await tool('list_alerts', { limit: 5 });
    expect(alerts.isError).toBeFalsy();
  });

  it('post_numbers reads a published post\'s latest numbers with when they were taken, and says when there are none', async () => {
    const db = new Database(join(h.t.dataDir, 'loomcast.sqlite'));
    const s = seeder(db, h.t.clock.now());
    const account = s.account('mastodon', '@numbers@loom.social');
    const publishedAt = h.t.clock.now() - 3 * 3_600_000;
    const { postId, targetId } = s.post({ accountId: account, text: 'Which colour should the next scarf be?', publishedAt });
    s.record(targetId, publishedAt + 3_600_000, { likes: 14, replies: 5, reposts: 2 });
    s.checked(targetId, publishedAt, publishedAt + 3_600_000);
    db.close();
    const r = await tool('post_numbers', { id: postId });
    expect(r.isError).toBeFalsy();
    expect(text(r)).toContain('"Which colour should the next scarf be?":');
    expect(text(r)).toMatch(/- mastodon: views not reported, .*likes 14, replies 5, reposts 2, .*\(as of /);
    const draft = await tool('create_draft', { text: 'Nothing out yet', to: ['bluesky:@me.bsky.social'] });
    const draftId = data<{ id: string }>(draft).id;
    expect(text(await tool('post_numbers', { id: draftId }))).toBe('"Nothing out yet" has no published copy, so there are no numbers yet.');
  });

  it('shows the times of alerts and of a post\'s numbers in the creator\'s zone, not UTC', async () => {
    const db = new Database(join(h.t.dataDir, 'loomcast.sqlite'));
    const now = h.t.clock.now(); // 09:00 UTC is 10:00 in Berlin
    db.prepare(`INSERT INTO alerts (at, kind, title, body, subject_kind, subject_id, rule, subject_key, state, last_seen_at, occurrences) VALUES (?, 'post_failed', 'A post failed', 'Try again', NULL, NULL, 'post_failed', 'zone-test', 'open', ?, 1)`).run(now, now);
    const s = seeder(db, now);
    const { postId, targetId } = s.post({ accountId: s.account('mastodon', '@zone@loom.social'), text: 'When was this counted?', publishedAt: now - 3 * 3_600_000 });
    s.record(targetId, now - 2 * 3_600_000, { likes: 3 });
    s.checked(targetId, now - 3 * 3_600_000, now - 2 * 3_600_000);
    db.prepare('UPDATE metric_checks SET next_check_at = ? WHERE target_id = ?').run(now + 3_600_000, targetId);
    db.close();
    const alerts = text(await tool('list_alerts', {}));
    expect(alerts).toContain('(times in Europe/Berlin)');
    expect(alerts).toMatch(/A post failed: Try again \([^)]*10:00[^)]*\)/);
    const numbers = text(await tool('post_numbers', { id: postId }));
    expect(numbers).toMatch(/\(as of [^)]*08:00[^)]*\)\. Next look [^.]*11:00/);
    for (const t of [alerts, numbers]) expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('analytics_summary refuses an account id that does not exist instead of answering 0 copies', async () => {
    const r = await tool('analytics_summary', { accountId: 'no-such-account' });
    expect(r.isError).toBe(true);
    expect(text(r)).toBe('No account has the id "no-such-account"; list_accounts gives each account\'s id.');
    expect((await tool('analytics_summary', { accountId: h.mastodon })).isError).toBeFalsy();
  });

  it('search_posts with from/to also finds words only in a per-platform text, as the whole-history search does', async () => {
    const post = await call<PostDto>(h.t.core, 'posts:create', { text: 'Plain words', accounts: [h.mastodon], schedule: { date: h.day(3), time: '10:00' } });
    await call(h.t.core, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'mastodon', text: 'Only the fediverse hears about the llama' }] });
    const r = await tool('search_posts', { text: 'LLAMA', from: h.day(0), to: h.day(10) });
    expect(text(r)).toMatch(/^1 match for "LLAMA" due /);
    expect(data<PostDto[]>(r).map((p) => p.id)).toEqual([post.id]);
  });

  it('list_accounts says when a sign-in ends soon, in the Accounts card’s words, its end in the creator’s zone', async () => {
    const now = h.t.clock.now();
    const end = now + 86_400_000;
    const ada = await h.t.core.services.accounts.add({ platform: 'linkedin', handle: 'ada', credentials: { accessToken: 'a', expiresAt: end } });
    try {
      const card = accountStatus((await call<AccountDto[]>(h.t.core, 'accounts:list')).find((a) => a.id === ada.id)!, ZONE, now).words;
      expect(card).toBe('Sign-in ends in 1 day — reconnect to keep posting');
      const r = text(await tool('list_accounts'));
      expect(r).toMatch(new RegExp(`- linkedin @ada \\[${ada.id}\\]: connected · ${card} \\(ends [^)]*${DateTime.fromMillis(end, { zone: ZONE }).toFormat('HH:mm')}[^)]*\\)\n`));
      expect(r).toContain(`- bluesky @me.bsky.social [${h.bluesky}]: connected\n`);
      expect(r).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    } finally {
      await h.t.core.services.accounts.disconnect(ada.id);
    }
  });
});

describe('loomcast mcp over stdio', () => {
  it('starts as the real command, speaks MCP on stdout and logs on stderr only', async () => {
    // The TypeScript source run as is (jiti, already in the dev tools): no build step before the tests.
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [resolve('node_modules/jiti/lib/jiti-cli.mjs'), resolve('electron/cli/entry.ts'), 'mcp'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOOMCAST_DATA_DIR: h.t.dataDir },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const stdio = new Client({ name: 'stdio-test', version: '1.0.0' });
    await stdio.connect(transport);
    try {
      expect((await stdio.listTools()).tools).toHaveLength(TOOLS.length);
      const r = (await stdio.callTool({ name: 'list_accounts', arguments: {} })) as CallToolResult;
      expect(r.isError).toBeFalsy();
      expect(text(r)).toContain('mastodon @me@example.social');
      expect(stderr).toContain('loomcast mcp: ready');
    } finally {
      await stdio.close();
    }
  }, 30_000);
});
