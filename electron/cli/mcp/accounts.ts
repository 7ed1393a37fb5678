/**
 * The creator's accounts as an agent reads them: the list_accounts tool and the accounts resource
 * (loomcast://accounts) say the same words, made here once. Neither shows a token or a secret.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AccountDto } from '../../../shared/contract';
import type { ApiClient } from '../client';
import { accountLabel, accountState } from '../describe';
import { prefs, type ToolDeps } from './reply';

export const ACCOUNTS_URI = 'loomcast://accounts';

export interface AccountsRead {
  zone: string;
  accounts: AccountDto[];
  /** One line per account, in `accounts`' order: "bluesky @me.bsky.social [id]: connected". */
  lines: string[];
  /** Each account's state in words, as the lines say it. */
  states: string[];
}

/** The accounts with their states in words; days left counted by the core's clock (posts:summary's asOf), not this process's. */
export async function readAccounts(api: ApiClient): Promise<AccountsRead> {
  const [{ zone, format, accountList: accounts }, { asOf }] = await Promise.all([prefs(api), api.call('posts:summary')]);
  const states = accounts.map((a) => accountState(a, Date.parse(asOf), zone, format));
  return { zone, accounts, states, lines: accounts.map((a, i) => `${accountLabel(a)} [${a.id}]: ${states[i]}`) };
}

/** What list_accounts says. */
export function accountsText({ accounts, lines, zone }: AccountsRead): string {
  const list = accounts.length === 0 ? 'No accounts are connected yet.' : `${accounts.length} ${accounts.length === 1 ? 'account' : 'accounts'}:\n${lines.map((l) => `- ${l}`).join('\n')}`;
  return `${list}\nThe creator's time zone is ${zone}.`;
}

/** An account as the resource shows it: named fields only, so a field added to the DTO later is not shown unseen. */
const shown = (a: AccountDto, state: string) => ({
  id: a.id,
  platform: a.platform,
  handle: a.handle,
  displayName: a.displayName,
  status: a.status,
  state,
  signInEndsAt: a.signInEndsAt,
  signInEndsSoon: a.signInEndsSoon,
  rateLimitedUntil: a.rateLimitedUntil,
});

export function registerAccountsResource(server: McpServer, deps: ToolDeps): void {
  server.registerResource(
    'accounts',
    ACCOUNTS_URI,
    {
      title: 'Connected accounts',
      description:
        'The creator\'s connected social accounts as JSON: for each its id, platform, handle, status (connected, needs_reconnect, rate_limited, disconnected) and "state", the same words list_accounts says (when a sign-in ends soon, that the creator must reconnect it in the app, and when, in the creator\'s zone); "summary" has one readable line per account.',
      mimeType: 'application/json',
    },
    async (uri) => {
      try {
        const read = await readAccounts(await deps.api());
        const body = { zone: read.zone, summary: read.lines, accounts: read.accounts.map((a, i) => shown(a, read.states[i]!)) };
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body, null, 2) }] };
      } catch (err) {
        deps.log(`accounts resource: ${(err as Error).message}`);
        // The SDK answers a thrown error as a JSON-RPC error carrying this message.
        throw new Error((err as Error).message);
      }
    },
  );
}
