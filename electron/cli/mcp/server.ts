/**
 * `loomcast mcp`: an MCP server that lets the creator's own agent (Claude Desktop, an IDE, a local
 * model) plan with Loomcast. It talks to the running Loomcast through its local API, so the core
 * stays the only writer, naming itself as an agent (X-Loomcast-Actor: agent) and the MCP client it
 * serves (X-Loomcast-Client: the client's clientInfo.name).
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { DateTime } from 'luxon';
import type { PostDto } from '../../../shared/contract';
import { MAX_RANGE_DAYS } from '../../../shared/contract/features/calendar';
import { ApiError, EXIT, type ApiClient } from '../client';
import { parseInstant, windows } from '../dates';
import { postLine } from '../describe';
import { registerAccountsResource } from './accounts';
import { registerOtherTools } from './other-tools';
import { registerPostTools } from './post-tools';
import { prefs, type ToolDeps } from './reply';

export interface McpOptions {
  version: string;
  /** A client for the running Loomcast that names `clientName()` in its headers. */
  connect: (clientName: () => string) => Promise<ApiClient>;
  log: (message: string) => void;
}

const CALENDAR_MAX_DAYS = 366;
/** The most posts one read of the calendar holds (search_posts' largest page): a busy year holds thousands. */
const CALENDAR_MAX_POSTS = 200;

/**
 * What the calendar left off, and where to read on: from the day the first post left off is due
 * (the posts of that day already shown come again), unless that is where this read began.
 */
function leftOff(count: number, next: PostDto, from: DateTime, to: DateTime, toText: string, zone: string): string {
  const due = next.targets.map((t) => (t.scheduledAt ? Date.parse(t.scheduledAt) : NaN)).filter((ms) => ms >= from.toMillis() && ms < to.toMillis());
  const day = due.length ? DateTime.fromMillis(Math.min(...due), { zone }).toFormat('yyyy-LL-dd') : null;
  const onward = day && day > from.setZone(zone).toFormat('yyyy-LL-dd') ? ` Read on from ${day}: loomcast://calendar/${day}/${toText} (the posts of ${day} shown here come again).` : ' list_posts pages through every post.';
  return `${count} more ${count === 1 ? 'post is' : 'posts are'} due in this range and left off: only the first ${CALENDAR_MAX_POSTS} are here.${onward}`;
}

export function createMcpServer(o: McpOptions): McpServer {
  const server = new McpServer(
    { name: 'loomcast', version: o.version },
    {
      instructions:
        'Loomcast is the creator\'s local content studio. Prefer create_draft: it puts your post in the creator\'s Review queue. schedule_post may also wait in Review, as the creator\'s settings say. Times are wall-clock times in the creator\'s time zone ("YYYY-MM-DD HH:mm").',
    },
  );
  const clientName = () => server.server.getClientVersion()?.name?.trim() || 'mcp';
  const deps: ToolDeps = { api: () => o.connect(clientName), log: o.log };
  registerPostTools(server, deps);
  registerOtherTools(server, deps);
  registerAccountsResource(server, deps);

  server.registerResource(
    'calendar',
    new ResourceTemplate('loomcast://calendar/{from}/{to}', { list: undefined }),
    {
      title: 'Calendar of a date range',
      description: `Posts due from one day to another, both included (YYYY-MM-DD in the creator's time zone, at most ${CALENDAR_MAX_DAYS} days), soonest first, as JSON with a readable line per post: at most ${CALENDAR_MAX_POSTS} posts, with "total" counting every post of the range and "more" saying where to read on when some were left off.`,
      mimeType: 'application/json',
    },
    async (uri, vars) => {
      try {
        const api = await deps.api();
        const p = await prefs(api);
        const from = parseInstant(String(vars.from), p.zone, 'from');
        const to = parseInstant(String(vars.to), p.zone, 'to', true);
        if (to <= from || to.diff(from, 'days').days > CALENDAR_MAX_DAYS) throw new ApiError(EXIT.usage, `Ask for 1 to ${CALENDAR_MAX_DAYS} days, "to" on or after "from".`);
        const seen = new Map<string, PostDto>();
        for (const w of windows(from, to, MAX_RANGE_DAYS)) for (const x of await api.call('posts:range', w)) seen.set(x.id, x);
        const all = [...seen.values()];
        const posts = all.slice(0, CALENDAR_MAX_POSTS);
        const lines = posts.map((x) => postLine(x, p.accounts, p.zone, p.format));
        const more = all.length > posts.length ? { more: leftOff(all.length - posts.length, all[posts.length]!, from, to, String(vars.to), p.zone) } : {};
        const body = { zone: p.zone, from: from.toISO(), to: to.toISO(), total: all.length, shown: posts.length, ...more, summary: lines, posts };
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body, null, 2) }] };
      } catch (err) {
        o.log(`calendar resource ${uri.href}: ${(err as Error).message}`);
        // The SDK answers a thrown error as a JSON-RPC error carrying this message.
        throw new Error((err as Error).message);
      }
    },
  );
  return server;
}
