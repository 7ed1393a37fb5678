/** The MCP tools about posts: list, search, read, draft into Review, schedule, edit, move (one, or many by days), cancel, duplicate. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { PostDto } from '../../../shared/contract';
import { MAX_RANGE_DAYS } from '../../../shared/contract/features/calendar';
import { usageError } from '../context';
import { parseAt, parseInstant, repeatedTimeNote, windows } from '../dates';
import { outcome, postLine } from '../describe';
import { resolveDestinations } from '../targets';
import { coreToday, prefs, reply, type ToolDeps } from './reply';

/** How far search_posts looks when given dates (windows of the calendar's own limit). */
const SEARCH_MAX_DAYS = 366;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const To = z
  .array(z.string().min(1))
  .min(1)
  .max(50)
  .describe('Where the post goes: "platform:@handle" (e.g. "bluesky:@me.bsky.social"), an account id from list_accounts, or a bare platform ("mastodon") when it has exactly one account.');
const At = z.string().describe('When, as "YYYY-MM-DD HH:mm" in the creator\'s time zone (list_accounts does not say it; the answer of schedule_post does), or an ISO-8601 instant with its offset. Must be in the future.');

const list = (posts: PostDto[], p: Awaited<ReturnType<typeof prefs>>, empty: string) =>
  posts.length === 0 ? empty : `${posts.length} ${posts.length === 1 ? 'post' : 'posts'} (times in ${p.zone}):\n${posts.map((x) => `- ${postLine(x, p.accounts, p.zone, p.format)}`).join('\n')}`;

export function registerPostTools(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'list_posts',
    {
      title: 'List posts',
      description: 'Lists the creator\'s posts. scope: "upcoming" (scheduled, soonest first), "drafts", "all" (newest first), "attention" (failed, unconfirmed or missed) or "published". Each line gives the time, the accounts with each copy\'s state, the first words and the post id. A page of `limit` posts; when there are more, the answer gives a `cursor` to ask for the next page with (it carries on exactly where this page stopped, even while posts go out).',
      inputSchema: {
        scope: z.enum(['upcoming', 'drafts', 'all', 'attention', 'published']).default('upcoming'),
        limit: z.number().int().min(1).max(1000).default(50),
        cursor: z.string().min(1).max(1000).optional().describe('The cursor the previous page gave, for the next page'),
      },
      annotations: { readOnlyHint: true },
    },
    ({ scope, limit, cursor }) =>
      reply(deps, 'list_posts', async (api) => {
        const [page, p] = await Promise.all([api.call('posts:page', { scope, limit, ...(cursor ? { cursor } : {}) }), prefs(api)]);
        const next = page.next ? `\nThere are more: ask again with cursor "${page.next}".` : '';
        const what = scope === 'all' ? 'posts' : `${scope} posts`;
        return { text: list(page.posts, p, cursor ? `No more ${what}.` : `No ${what}.`) + next, data: page.posts };
      }),
  );

  server.registerTool(
    'search_posts',
    {
      title: 'Search posts',
      description: `Finds posts by their words (every word must be there, any case, with or without accents, emoji too; the last word also matches the start of a word), in their text, thread, first comment and per-platform texts. Without from/to it searches the creator's whole history, the best matches first. With from/to (YYYY-MM-DD in the creator's zone, at most ${SEARCH_MAX_DAYS} days) it searches only the posts due in that range, soonest first.`,
      inputSchema: {
        text: z.string().min(1).max(200).describe('Words to look for in the post text'),
        from: z.string().optional().describe('First day, YYYY-MM-DD (or an ISO instant)'),
        to: z.string().optional().describe('Last day, included, YYYY-MM-DD (or an ISO instant, excluded)'),
        limit: z.number().int().min(1).max(200).default(50),
      },
      annotations: { readOnlyHint: true },
    },
    ({ text, from, to, limit }) =>
      reply(deps, 'search_posts', async (api) => {
        const p = await prefs(api);
        if (!from && !to) {
          const found = await api.call('posts:search', { text, limit });
          const count = `${found.total.toLocaleString('en')} ${found.total === 1 ? 'match' : 'matches'}`;
          const more = found.more ? ` (the best ${found.posts.length} shown; more words narrow it)` : '';
          return { text: `${count} for "${text}" in the whole history${more}.\n${list(found.posts, p, '')}`.trim(), data: found.posts };
        }
        const start = from ? parseInstant(from, p.zone, 'from') : await coreToday(api, p.zone);
        const end = to ? parseInstant(to, p.zone, 'to', true) : start.plus({ days: 30 });
        if (end <= start) throw usageError('"to" must come after "from".');
        if (end.diff(start, 'days').days > SEARCH_MAX_DAYS) throw usageError(`Search at most ${SEARCH_MAX_DAYS} days at a time.`);
        const seen = new Map<string, PostDto>();
        for (const w of windows(start, end, MAX_RANGE_DAYS)) for (const x of await api.call('posts:range', w)) seen.set(x.id, x);
        const where = `due ${start.toFormat('yyyy-LL-dd')} to ${end.minus({ milliseconds: 1 }).toFormat('yyyy-LL-dd')}`;
        const words = fold(text).split(/\s+/).filter(Boolean);
        const hits = [...seen.values()].filter((x) => {
          // As the whole-history search does: a copy's own per-platform text counts too.
          const hay = fold([x.text, ...x.thread, x.firstComment ?? '', ...x.targets.map((t) => t.textOverride ?? '')].join('\n'));
          return words.every((w) => hay.includes(w));
        });
        const shown = hits.slice(0, limit);
        return { text: `${hits.length} ${hits.length === 1 ? 'match' : 'matches'} for "${text}" ${where}${hits.length > shown.length ? ` (first ${shown.length} shown)` : ''}.\n${list(shown, p, '')}`.trim(), data: shown };
      }),
  );

  server.registerTool(
    'get_post',
    { title: 'Get a post', description: 'Reads one post whole: text, thread, first comment, and each copy (account, state, time, error, link once published).', inputSchema: { id: z.string().min(1).max(64) }, annotations: { readOnlyHint: true } },
    ({ id }) =>
      reply(deps, 'get_post', async (api) => {
        const [post, p] = await Promise.all([api.call('posts:get', { id }), prefs(api)]);
        return { text: postLine(post, p.accounts, p.zone, p.format), data: post };
      }),
  );

  server.registerTool(
    'create_draft',
    {
      title: 'Create a draft for review',
      description: 'Writes a new post as a draft and sends it to the creator\'s Review queue, where they read it and approve, edit or reject it. Nothing is published or scheduled. Use this by default for anything you write.',
      inputSchema: { text: z.string().min(1).max(100_000), to: To, thread: z.array(z.string().min(1)).max(25).optional().describe('Further posts of a thread, each replying to the one before') },
    },
    ({ text, to, thread }) =>
      reply(deps, 'create_draft', async (api) => {
        const p = await prefs(api);
        const draft = await api.call('posts:create', { text, schedule: null, ...(thread ? { thread } : {}), ...resolveDestinations(to, p.accountList) });
        const [sent] = await api.call('review:send', { postIds: [draft.id] });
        const post = sent ?? draft;
        return { text: `Draft sent to Review. ${outcome(post, p.accounts, p.zone, p.format)}`, data: post };
      }),
  );

  server.registerTool(
    'schedule_post',
    {
      title: 'Schedule a post',
      description: 'Creates a post for a time, checked as the app checks it (platform limits, duplicates, a time that has passed or does not exist). Depending on the creator\'s settings it is scheduled or waits in Review for approval; the answer says which.',
      inputSchema: { text: z.string().min(1).max(100_000), to: To, at: At },
    },
    ({ text, to, at }) =>
      reply(deps, 'schedule_post', async (api) => {
        const p = await prefs(api);
        const schedule = parseAt(at, p.zone, '"at"');
        const post = await api.call('posts:create', { text, schedule, ...resolveDestinations(to, p.accountList) });
        const note = repeatedTimeNote(schedule, p.zone);
        return { text: `${outcome(post, p.accounts, p.zone, p.format)} (Times in ${p.zone}.)${note ? ` ${note}` : ''}`, data: post };
      }),
  );

  server.registerTool(
    'edit_post',
    {
      title: 'Edit a post',
      description:
        'Changes a post\'s words, its thread (the posts that follow it, replacing the whole thread; [] removes it) or its first comment (null removes it), checked as the app checks them. Refused once a copy is being published or already out (use duplicate_post to reuse it). While the creator\'s rule "Posts made by agents wait in Review" is on, a post changed by an agent waits in Review again.',
      inputSchema: {
        id: z.string().min(1).max(64),
        text: z.string().min(1).max(100_000).optional(),
        thread: z.array(z.string().min(1).max(100_000)).max(25).optional(),
        firstComment: z.string().min(1).max(100_000).nullable().optional(),
      },
    },
    ({ id, text, thread, firstComment }) =>
      reply(deps, 'edit_post', async (api) => {
        if (text === undefined && thread === undefined && firstComment === undefined) throw usageError('Say what to change: text, thread or firstComment.');
        const p = await prefs(api);
        const post = await api.call('posts:update', { id, ...(text !== undefined ? { text } : {}), ...(thread !== undefined ? { thread } : {}), ...(firstComment !== undefined ? { firstComment } : {}) });
        return { text: `Edited. ${outcome(post, p.accounts, p.zone, p.format)}`, data: post };
      }),
  );

  server.registerTool(
    'move_post',
    { title: 'Move a post', description: 'Moves every copy of a post to another day and time. Refused while a copy is being published or already out, or for a time that has passed.', inputSchema: { id: z.string().min(1).max(64), at: At } },
    ({ id, at }) =>
      reply(deps, 'move_post', async (api) => {
        const p = await prefs(api);
        const schedule = parseAt(at, p.zone, '"at"');
        const post = await api.call('posts:reschedule', { id, ...schedule });
        const note = repeatedTimeNote(schedule, p.zone);
        return { text: `Moved. ${outcome(post, p.accounts, p.zone, p.format)}${note ? ` ${note}` : ''}`, data: post };
      }),
  );

  server.registerTool(
    'shift_posts',
    {
      title: 'Move posts by days',
      description:
        'Moves several posts by whole days (negative for earlier), each at its same time of day in the zone it was planned in. All or none: refused, naming the post, when one has no time, is out or being published, or would land on a time that has passed or does not exist.',
      inputSchema: { ids: z.array(z.string().min(1).max(64)).min(1).max(500), days: z.number().int().min(-366).max(366) },
    },
    ({ ids, days }) =>
      reply(deps, 'shift_posts', async (api) => {
        const p = await prefs(api);
        const moved = await api.call('posts:shift', { ids, days });
        return { text: `Moved ${moved.length} ${moved.length === 1 ? 'post' : 'posts'} ${Math.abs(days)} ${Math.abs(days) === 1 ? 'day' : 'days'} ${days > 0 ? 'later' : 'earlier'}.\n${list(moved, p, '')}`.trim(), data: moved };
      }),
  );

  server.registerTool(
    'cancel_post',
    { title: 'Cancel a scheduled post', description: 'Takes a post off the schedule: its time is removed and it is kept as a draft (nothing is deleted). Refused while it is being published or already out.', inputSchema: { id: z.string().min(1).max(64) } },
    ({ id }) =>
      reply(deps, 'cancel_post', async (api) => {
        const p = await prefs(api);
        const post = await api.call('posts:update', { id, schedule: null });
        return { text: `Taken off the schedule. ${outcome(post, p.accounts, p.zone, p.format)}`, data: post };
      }),
  );

  server.registerTool(
    'duplicate_post',
    {
      title: 'Duplicate a post',
      description:
        'Makes a new draft of a post, without a time: its words, media, thread, first comment, per-platform texts, accounts, campaign and pillar. How a post already out is used again; give the draft a time with move_post (it then waits in Review or is scheduled, as the creator\'s settings say).',
      inputSchema: { id: z.string().min(1).max(64) },
    },
    ({ id }) =>
      reply(deps, 'duplicate_post', async (api) => {
        const p = await prefs(api);
        const post = await api.call('posts:duplicate', { id });
        return { text: `Duplicated as a new draft (id ${post.id}). ${outcome(post, p.accounts, p.zone, p.format)}`, data: post };
      }),
  );
}
