/** The MCP tools beside posts: accounts, ideas, analytics, a post's numbers, best times and alerts. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PLATFORMS } from '../../../shared/domain/platforms';
import { usageError } from '../context';
import { accountLabel, excerpt } from '../describe';
import { DAY_SHAPE, localDay, prefs, reply, type Prefs, type ToolDeps } from './reply';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const Day = z.string().regex(DAY_SHAPE, 'Use YYYY-MM-DD');
const pct = (x: number | null) => (x === null ? 'not reported' : `${(x * 100).toFixed(1)} %`);
/** An instant as the creator reads it: their zone and date format, never the API's UTC. */
const when = (p: Prefs) => (iso: string) => p.format.dayTime(Date.parse(iso), p.zone, { withYear: true, withZone: true });
const num = (x: number | null) => (x === null ? 'not reported' : x.toLocaleString('en'));

/** A range of local days, defaulting to the `days` before today in the creator's zone. */
async function dayRange(zone: string, from: string | undefined, to: string | undefined, days: number) {
  const range = { from: from ?? localDay(zone, -days), to: to ?? localDay(zone) };
  if (range.to < range.from) throw usageError('"to" must be on or after "from".');
  return range;
}

export function registerOtherTools(server: McpServer, deps: ToolDeps): void {
  server.registerTool(
    'list_accounts',
    { title: 'List accounts', description: 'The creator\'s connected social accounts: platform, handle, id and state (connected, needs_reconnect, rate_limited, disconnected). Use "platform:@handle" or the id to address posts.', inputSchema: {}, annotations: { readOnlyHint: true } },
    () =>
      reply(deps, 'list_accounts', async (api) => {
        const [accounts, settings] = await Promise.all([api.call('accounts:list'), api.call('settings:get')]);
        const lines = accounts.map((a) => `- ${accountLabel(a)} [${a.id}]: ${a.status.replace('_', ' ')}${a.lastError ? ` (${a.lastError})` : ''}`);
        return { text: `${accounts.length === 0 ? 'No accounts are connected yet.' : `${accounts.length} ${accounts.length === 1 ? 'account' : 'accounts'}:\n${lines.join('\n')}`}\nThe creator's time zone is ${settings.timeZone}.`, data: accounts };
      }),
  );

  server.registerTool(
    'list_ideas',
    { title: 'List ideas', description: 'The creator\'s saved ideas, newest first. query matches words in the text, link and tags (ignoring case and accents).', inputSchema: { query: z.string().max(200).optional(), includeArchived: z.boolean().default(false) }, annotations: { readOnlyHint: true } },
    ({ query, includeArchived }) =>
      reply(deps, 'list_ideas', async (api) => {
        const ideas = await api.call('ideas:list', { ...(query ? { query } : {}), includeArchived });
        const lines = ideas.map((i) => `- "${excerpt(i.text, 80)}"${i.tags.length ? ` #${i.tags.join(' #')}` : ''}${i.postId ? ' (already a post)' : ''} [${i.id}]`);
        return { text: ideas.length === 0 ? 'No ideas found.' : `${ideas.length} ${ideas.length === 1 ? 'idea' : 'ideas'}:\n${lines.join('\n')}`, data: ideas };
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
        const range = await dayRange(zone, from, to, 28);
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
        const range = await dayRange(zone, from, to, 90);
        const b = await api.call('analytics:bestTimes', { ...range, ...(platform ? { platform } : {}) });
        const rec = b.recommended.map((r) => `- ${WEEKDAYS[r.weekday] ?? r.weekday} ${String(r.hour).padStart(2, '0')}:00 (${r.n} posts)`);
        const text = rec.length ? `Best times in ${b.zone}, from ${b.basedOn} posts:\n${rec.join('\n')}` : b.reason ? `No recommendation yet: ${b.reason}` : `No recommendation yet (${b.posts} posts in the range).`;
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
    { title: 'List alerts', description: 'What needs the creator\'s attention: failed or missed posts, accounts to reconnect and the like, newest first, open or resolved.', inputSchema: { limit: z.number().int().min(1).max(500).default(50) }, annotations: { readOnlyHint: true } },
    ({ limit }) =>
      reply(deps, 'list_alerts', async (api) => {
        const [alerts, p] = await Promise.all([api.call('alerts:list', { limit }), prefs(api)]);
        const at = when(p);
        const lines = alerts.map((a) => `- [${a.state}] ${a.title}: ${a.body} (${at(a.at)})`);
        return { text: alerts.length === 0 ? 'No alerts.' : `${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'} (times in ${p.zone}):\n${lines.join('\n')}`, data: alerts };
      }),
  );
}
