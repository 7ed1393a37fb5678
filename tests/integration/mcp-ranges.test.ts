/**
 * `loomcast mcp`, on what an agent is given when it does not say: default date ranges read from
 * the core's clock in the creator's zone (the test core's fake clock is days away from this
 * process's), and lists that hold at most a page and say so, with how many there are in all.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { FetchLike } from '../../electron/cli/client';
import { call } from '../support/core';
import { startAgentHost, type AgentHost } from '../support/agent-host';
import { connectMcp, toolData, toolText } from '../support/mcp-client';

let h: AgentHost;
let client: Client;
/** What each request asked the core, by channel. */
const asked: { channel: string; input: unknown }[] = [];

beforeAll(async () => {
  h = await startAgentHost();
  const recording: FetchLike = (url, init) => {
    asked.push({ channel: url.replace(/^.*\/rpc\//, ''), input: init.body ? JSON.parse(init.body) : undefined });
    return h.fetch(url, init);
  };
  client = await connectMcp(h, { fetch: recording });
});
afterAll(async () => {
  await client?.close();
  await h?.close();
});

const tool = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const text = toolText;
const data = toolData;
const lastAsked = (channel: string) => asked.filter((a) => a.channel === channel).at(-1)?.input;

describe('loomcast mcp default ranges', () => {
  it('analytics_summary and best_times default to the last days before today by the core’s clock', async () => {
    const summary = await tool('analytics_summary', {});
    expect(summary.isError).toBeFalsy();
    expect(text(summary)).toMatch(new RegExp(`^${h.day(-27)} to ${h.day(0)} \\(Europe/Berlin\\): `));
    expect(lastAsked('analytics:overview')).toMatchObject({ from: h.day(-27), to: h.day(0) });
    expect((await tool('best_times', {})).isError).toBeFalsy();
    expect(lastAsked('analytics:bestTimes')).toMatchObject({ from: h.day(-89), to: h.day(0) });
    // Only an end: the same number of days, ending there.
    await tool('best_times', { to: h.day(-10) });
    expect(lastAsked('analytics:bestTimes')).toMatchObject({ from: h.day(-99), to: h.day(-10) });
  });

  it('takes today in the creator’s zone: 23:30 UTC is already tomorrow in Berlin', async () => {
    const shift = 14.5 * 3_600_000; // the fake clock's 09:00 UTC to 23:30 UTC
    h.t.clock.jump(shift);
    try {
      expect(h.day(0)).not.toBe(new Date(h.t.clock.now()).toISOString().slice(0, 10));
      await tool('analytics_summary', {});
      expect(lastAsked('analytics:overview')).toMatchObject({ from: h.day(-27), to: h.day(0) });
    } finally {
      h.t.clock.jump(-shift);
    }
  });

  it('search_posts with only an end searches from today by the core’s clock', async () => {
    const post = await call<PostDto>(h.t.core, 'posts:create', { text: 'A walk through the dye garden', accounts: [h.mastodon], schedule: { date: h.day(3), time: '10:00' } });
    const r = await tool('search_posts', { text: 'dye garden', to: h.day(10) });
    expect(r.isError).toBeFalsy();
    expect(text(r)).toMatch(new RegExp(`^1 match for "dye garden" due ${h.day(0)} to ${h.day(10)}`));
    expect(data<PostDto[]>(r).map((p) => p.id)).toEqual([post.id]);
  });
});

describe('loomcast mcp lists hold a page and say how many there are', () => {
  it('list_ideas shows a page, the total, and a cursor that carries on to the last idea', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 53; i++) ids.add((await call<{ id: string }>(h.t.core, 'ideas:capture', { text: `Idea number ${i}` })).id);
    const first = await tool('list_ideas', {});
    expect(text(first)).toMatch(/^53 ideas, newest first; these are 1 to 50:\n/);
    expect(data<unknown[]>(first)).toHaveLength(50);
    const cursor = /3 more: ask again with cursor "([^"]+)"\.$/.exec(text(first))?.[1];
    expect(cursor).toBeTruthy();
    const rest = await tool('list_ideas', { cursor });
    expect(text(rest)).toMatch(/^53 ideas, newest first; these are 51 to 53:\n/);
    expect(text(rest)).not.toContain('ask again');
    const seen = [...data<{ id: string }[]>(first), ...data<{ id: string }[]>(rest)].map((i) => i.id);
    expect(new Set(seen)).toEqual(ids);
    // A list that fits says only how many; a cursor from elsewhere is refused in words.
    expect(text(await tool('list_ideas', { query: 'number 52' }))).toMatch(/^1 idea:\n- "Idea number 52"/);
    const stray = await tool('list_ideas', { query: 'number 52', cursor });
    expect(stray.isError).toBe(true);
    expect(text(stray)).toContain('ask again without it');
  });

  it('list_alerts counts every alert, not the page it shows', async () => {
    const db = new Database(join(h.t.dataDir, 'loomcast.sqlite'));
    const now = h.t.clock.now();
    const add = db.prepare(`INSERT INTO alerts (at, kind, title, body, subject_kind, subject_id, rule, subject_key, state, last_seen_at, occurrences) VALUES (?, 'post_failed', ?, 'Try again', NULL, NULL, 'post_failed', ?, 'open', ?, 1)`);
    for (let i = 0; i < 7; i++) add.run(now - i * 60_000, `Post ${i} failed`, `count-test-${i}`, now);
    db.close();
    const total = (await call<unknown[]>(h.t.core, 'alerts:list', { limit: 500 })).length;
    expect(total).toBeGreaterThanOrEqual(7);
    const r = await tool('list_alerts', { limit: 5 });
    expect(text(r)).toMatch(new RegExp(`^${total} alerts, the newest 5 shown \\(times in Europe/Berlin\\):\\n`));
    expect(data<unknown[]>(r)).toHaveLength(5);
    expect(text(await tool('list_alerts', { limit: 500 }))).toMatch(new RegExp(`^${total} alerts \\(times in Europe/Berlin\\):\\n`));
  });

  it('the calendar resource holds at most 200 posts, counts them all and says where to read on', async () => {
    // 30 posts on each of seven days: the 201st is on the seventh.
    for (let i = 0; i < 210; i++) {
      const time = `${String(8 + Math.floor((i % 30) / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`;
      await call(h.t.core, 'posts:create', { text: `Calendar filler ${i}`, accounts: [h.bluesky], schedule: { date: h.day(20 + Math.floor(i / 30)), time } });
    }
    const read = async (from: string, to: string) => JSON.parse(((await client.readResource({ uri: `loomcast://calendar/${from}/${to}` })).contents[0] as { text: string }).text) as { total: number; shown: number; more?: string; summary: string[]; posts: PostDto[] };
    const week = await read(h.day(20), h.day(26));
    expect(week).toMatchObject({ total: 210, shown: 200 });
    expect(week.posts).toHaveLength(200);
    expect(week.summary).toHaveLength(200);
    expect(week.more).toBe(`10 more posts are due in this range and left off: only the first 200 are here. Read on from ${h.day(26)}: loomcast://calendar/${h.day(26)}/${h.day(26)} (the posts of ${h.day(26)} shown here come again).`);
    const last = await read(h.day(26), h.day(26));
    expect(last).toMatchObject({ total: 30, shown: 30 });
    expect(last.more).toBeUndefined();
    // Everything after the page, and nothing of it lost: the pages together hold every post.
    const ids = new Set([...week.posts, ...last.posts].map((p) => p.id));
    expect(ids.size).toBe(210);
  }, 30_000);
});
