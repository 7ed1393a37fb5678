/** The MCP tools beside posts: accounts, ideas, analytics, a post's numbers, best times and alerts. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { PLATFORMS } from '../../../shared/domain/platforms';
import { usageError } from '../context';
import { excerpt } from '../describe';
import type { ApiClient } from '../client';
import { accountsText, readAccounts } from './accounts';
import { DAY_SHAPE, coreToday, dayOf, prefs, reply, type Prefs, type ToolDeps } from './reply';

/** The most ideas one answer lists (as search_posts): more come page by page. */
const MAX_IDEAS = 200;
/** The most alerts alerts:list answers at once. */
const MAX_ALERTS = 500;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const Day = z.string().regex(DAY_SHAPE, 'Use YYYY-MM-DD');
const pct = (x: number | null) => (x === null ? 'not reported' : `${(x * 100).toFixed(1)} %`);
/** An instant as the creator reads it: their zone and date format, never the API's UTC. */
const when = (p: Prefs) => (iso: string) => p.format.dayTime(Date.parse(iso), p.zone, { withYear: true, withZone: true });
const num = (x: number | null) => (x === null ? 'not reported' : x.toLocaleString('en'));

/**
 * A range of local days in the creator's zone. Without `to` it ends today, by the core's clock
 * (not this process's); without `from` it is `days` days long, its last day included, as the
 * app's Analytics presets count them.
 */
async function dayRange(api: ApiClient, zone: string, from: string | undefined, to: string | undefined, days: number) {
  const end = to ?? dayOf(await coreToday(api, zone));
  const last = DateTime.fromISO(end, { zone });
  if (!last.isValid) throw usageError(`"to" ${end} is not a real date.`);
  const range = { from: from ?? dayOf(last.minus({ days: days - 1 })), to: end };
  if (range.to < range.from) throw usageError('"to" must be on or after "from".');
  return range;
}

export function registerOtherTools(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'list_accounts',
    { title: 'List accounts', description: 'The creator\'s connected social accounts: platform, handle, id and state (connected, needs_reconnect, rate_limited, disconnected), and when a sign-in ends soon (the creator must reconnect the account in the app to keep posting), with that time in the creator\'s zone. Use "platform:@handle" or the id to address posts.', inputSchema: {}, annotations: { readOnlyHint: true } },
    () =>
      reply(deps, 'list_accounts', async (api) => {
        const read = await readAccounts(api);
        return { text: accountsText(read), data: read.accounts };
      }),
  );

  server.registerTool(
    'list_ideas',
    {
      title: 'List ideas',
      description:
        'The creator\'s saved ideas, newest first. query matches words in the text, link and tags (ignoring case and accents). A page of `limit` ideas; the answer says how many there are in all and, when there are more, gives a `cursor` to ask for the next page with.',
      inputSchema: {
        query: z.string().max(200).optional(),
        includeArchived: z.boolean().default(false),
        limit: z.number().int().min(1).max(MAX_IDEAS).default(50),
        cursor: z.string().min(1).max(64).optional().describe('The cursor the previous page gave, for the next page'),
      },
      annotations: { readOnlyHint: true },
    },
    ({ query, includeArchived, limit, cursor }) =>
      reply(deps, 'list_ideas', async (api) => {
        const ideas = await api.call('ideas:list', { ...(query ? { query } : {}), includeArchived });
        // The cursor is the last idea shown: ideas saved since go to the top, so nothing after it moves.
        const start = cursor ? ideas.findIndex((i) => i.id === cursor) + 1 : 0;
        if (start === 0 && cursor) throw usageError('The cursor is no longer in this list (that idea was deleted or archived, or the query changed): ask again without it.');
        const shown = ideas.slice(start, start + limit);
        const left = ideas.length - start - shown.length;
        const lines = shown.map((i) => `- "${excerpt(i.text, 80)}"${i.tags.length ? ` #${i.tags.join(' #')}` : ''}${i.postId ? ' (already a post)' : ''} [${i.id}]`);
        const all = `${ideas.length.toLocaleString('en')} ${ideas.length === 1 ? 'idea' : 'ideas'}`;
        const head = shown.length === ideas.length ? `${all}:` : `${all}, newest first; these are ${start + 1} to ${start + shown.length}:`;
        const more = left > 0 ? `\n${left.toLocaleString('en')} more: ask again with cursor "${shown.at(-1)!.id}".` : '';
        const text = ideas.length === 0 ? 'No ideas found.' : shown.length === 0 ? `No more ideas (${all} in all).` : `${head}\n${lines.join('\n')}${more}`;
        return { text, data: shown };
      }),
  );

  server.registerTool(
    'capture_idea',
    { title: 'Capture an idea', description: 'Saves an idea for a later post in the creator\'s Ideas list (not a post: nothing is scheduled).', inputSchema: { text: z.string().min(1).max(10_000), link: z.string().max(2048).optional().describe('A web address (https://…)'), tags: z.array(z.string().max(40)).max(20).optional() } },
    ({ text, link, tags }) =>
      reply(deps, 'capture_idea', async (api) => {
        const idea = await api.call('ideas:capture', { text, ...(link ? { link } : {}), ...(tags ? { tags } : {}) });
        return { text: `Idea saved [${idea.id}].`, data: idea };
      }),
  );

  server.registerTool(
    'analytics_summary',
    {
      title: 'Analytics summary',
      description: 'Views, engagements and engagement rate of posts published between two days (YYYY-MM-DD in the creator\'s zone; default the last 28 days), compared with the period before, with the top posts. Numbers a platform does not report are "not reported", never 0.',
      inputSchema: { from: Day.optional(), to: Day.optional(), platform: z.enum(PLATFORMS).optional(), accountId: z.string().min(1).max(64).optional() },
      annotations: { readOnlyHint: true },
    },
    ({ from, to, platform, accountId }) =>
      reply(deps, 'analytics_summary', async (api) => {
        const { zone, accountList } = await prefs(api);
        // Loomcast answers an unknown account with empty numbers: say so instead of "0 published copies".
        if (accountId && !accountList.some((a) => a.id === accountId)) throw usageError(`No account has the id "${accountId}"; list_accounts gives each account's id.`);
        const range = await dayRange(api, zone, from, to, 28);
        const o = await api.call('analytics:overview', { ...range, ...(platform ? { platform } : {}), ...(accountId ? { accountId } : {}), limit: 5 });
        const c = o.headline.current;
        const top = o.top.map((r) => `- ${num(r.views)} views, ${num(r.engagements)} engagements: "${excerpt(r.text)}" (${r.platform})`);
        const text = [`${range.from} to ${range.to} (${zone}): ${c.posts} published ${c.posts === 1 ? 'copy' : 'copies'}; views: ${num(c.views)}; engagements: ${num(c.engagements)}; engagement rate: ${pct(c.rate)}.`, `Metrics: ${o.freshness.words}`, ...(top.length ? ['Top posts:', ...top] : [])].join('\n');
        return { text, data: o };
      }),
  );

  server.registerTool(
    'best_times',
    { title: 'Best times to post', description: 'The weekdays and hours when the creator\'s own posts did best (from published posts between two days, default the last 90 days). Nothing is recommended from fewer than 10 posts; the answer says why.', inputSchema: { from: Day.optional(), to: Day.optional(), platform: z.enum(PLATFORMS).optional() }, annotations: { readOnlyHint: true } },
    ({ from, to, platform }) =>
      reply(deps, 'best_times', async (api) => {
        const { zone } = await prefs(api);
        const range = await dayRange(api, zone, from, to, 90);
        const b = await api.call('analytics:bestTimes', { ...range, ...(platform ? { platform } : {}) });
        const rec = b.recommended.map((r) => `- ${WEEKDAYS[r.weekday] ?? r.weekday} ${String(r.hour).padStart(2, '0')}:00 (${r.n} posts)`);
        const said = rec.length ? `Best times in ${b.zone}, from ${b.basedOn} posts:\n${rec.join('\n')}` : b.reason ? `No recommendation yet: ${b.reason}` : `No recommendation yet (${b.posts} posts in the range).`;
        const text = `${said}\n${b.age}`;
        return { text, data: b };
      }),
  );

  server.registerTool(
    'post_numbers',
    {
      title: 'A post\'s numbers',
      description:
        'The latest numbers of each published copy of one post (views, likes, replies, reposts…), when they were taken and when Loomcast looks next, or why there are none (too early, a permission missing, rate limited). A number the platform does not report is "not reported", never 0.',
      inputSchema: { id: z.string().min(1).max(64) },
      annotations: { readOnlyHint: true },
    },
    ({ id }) =>
      reply(deps, 'post_numbers', async (api) => {
        const [post, copies, p] = await Promise.all([api.call('posts:get', { id }), api.call('metrics:status', { postId: id }), prefs(api)]);
        const at = when(p);
        const published = copies.filter((c) => post.targets.find((t) => t.id === c.targetId)?.state === 'published');
        const line = (c: (typeof copies)[number]) => {
          const shown = c.numbers ? (['views', 'impressions', 'likes', 'replies', 'reposts', 'quotes', 'shares', 'saves', 'clicks', 'bookmarks'] as const).map((k) => `${k} ${num(c.numbers![k])}`).join(', ') : 'no numbers yet';
          const taken = c.numbersAt ? ` (as of ${at(c.numbersAt)})` : '';
          const why = c.status && c.status !== 'ok' && c.statusDetail ? ` ${c.statusDetail}` : '';
          const next = c.nextCheckAt ? ` Next look ${at(c.nextCheckAt)}.` : '';
          return `- ${c.platform}: ${shown}${taken}.${why}${next}`;
        };
        const text = published.length ? [`"${excerpt(post.text)}":`, ...published.map(line)].join('\n') : `"${excerpt(post.text)}" has no published copy, so there are no numbers yet.`;
        return { text, data: published };
      }),
  );

  server.registerTool(
    'list_alerts',
    { title: 'List alerts', description: 'What needs the creator\'s attention: failed or missed posts, accounts to reconnect and the like, newest first, open or resolved. The newest `limit` are shown; the answer says how many there are in all.', inputSchema: { limit: z.number().int().min(1).max(MAX_ALERTS).default(50) }, annotations: { readOnlyHint: true } },
    ({ limit }) =>
      reply(deps, 'list_alerts', async (api) => {
        // alerts:list has no count: ask for as many as it answers to count them, show `limit`.
        const [all, p] = await Promise.all([api.call('alerts:list', { limit: MAX_ALERTS }), prefs(api)]);
        const alerts = all.slice(0, limit);
        const at = when(p);
        const lines = alerts.map((a) => `- [${a.state}] ${a.title}: ${a.body} (${at(a.at)})`);
        const total = `${all.length === MAX_ALERTS ? 'at least ' : ''}${all.length} ${all.length === 1 ? 'alert' : 'alerts'}`;
        const head = alerts.length === all.length ? total : `${total}, the newest ${alerts.length} shown`;
        return { text: alerts.length === 0 ? 'No alerts.' : `${head} (times in ${p.zone}):\n${lines.join('\n')}`, data: alerts };
      }),
  );
}
