/**
 * How every tool answers: a short text a model can read, then the JSON Loomcast gave. A refusal
 * (invalid input, conflict, a gate, a token that may not do this, Loomcast not running) is an MCP
 * tool error (`isError: true`) with Loomcast's own message, so the model can tell the creator.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DateTime } from 'luxon';
import type { AccountDto } from '../../../shared/contract';
import { dateFormat, type DateFormat } from '../../../shared/domain/datetime-format';
import { ApiError, type ApiClient } from '../client';
import { dayStartOf } from '../dates';
import { accountMap, type Accounts } from '../describe';

export interface ToolDeps {
  /** A client for the running Loomcast, found afresh at each call (it may have restarted since). */
  api: () => Promise<ApiClient>;
  /** Where diagnostics go: stderr, never stdout (that is the protocol). */
  log: (message: string) => void;
}

export interface Answer {
  text: string;
  data: unknown;
}

export async function reply(deps: ToolDeps, tool: string, work: (api: ApiClient) => Promise<Answer>): Promise<CallToolResult> {
  try {
    const api = await deps.api();
    const a = await work(api);
    return { content: [{ type: 'text', text: a.text }, { type: 'text', text: JSON.stringify(a.data, null, 2) }] };
  } catch (err) {
    if (err instanceof ApiError) {
      deps.log(`${tool}: ${err.message}`);
      return { isError: true, content: [{ type: 'text', text: err.message }, ...(err.body ? [{ type: 'text' as const, text: JSON.stringify({ error: err.body }, null, 2) }] : [])] };
    }
    deps.log(`${tool} failed: ${(err as Error).stack ?? String(err)}`);
    return { isError: true, content: [{ type: 'text', text: `Loomcast's MCP server could not do that: ${(err as Error).message}` }] };
  }
}

export interface Prefs {
  zone: string;
  format: DateFormat;
  accounts: Accounts;
  accountList: AccountDto[];
}

/** The creator's zone, date format and accounts, to describe posts as the app does. */
export async function prefs(api: ApiClient): Promise<Prefs> {
  const [s, accountList] = await Promise.all([api.call('settings:get'), api.call('accounts:list')]);
  return { zone: s.timeZone, format: dateFormat({ locale: s.locale, timeFormat: s.timeFormat }), accounts: accountMap(accountList), accountList };
}

/**
 * The start of today in `zone` by the core's clock, not this process's: the core may run with
 * another clock (a test core's fake one, a service on another machine). posts:summary is the one
 * read channel that answers the core's time (`asOf`), and it only counts along indexes.
 */
export async function coreToday(api: ApiClient, zone: string): Promise<DateTime> {
  const { asOf } = await api.call('posts:summary');
  return dayStartOf(DateTime.fromISO(asOf, { zone }));
}

export const dayOf = (d: DateTime): string => d.toFormat('yyyy-LL-dd');

export const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
