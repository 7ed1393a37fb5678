/**
 * `loomcast mcp`'s accounts resource, read through the real MCP client: every account with its
 * platform, handle and status, in list_accounts' own words, and never a token or a secret.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto } from '../../shared/contract';
import { accountStatus } from '../../renderer/src/features/accounts/account-status';
import { call } from '../support/core';
import { startAgentHost, ZONE, type AgentHost } from '../support/agent-host';
import { connectMcp, toolText } from '../support/mcp-client';

interface AccountsBody {
  zone: string;
  summary: string[];
  accounts: Record<string, unknown>[];
}

let h: AgentHost;
let client: Client;

beforeAll(async () => {
  h = await startAgentHost();
  client = await connectMcp(h);
});
afterAll(async () => {
  await client?.close();
  await h?.close();
});

const readAccounts = async () => {
  const r = await client.readResource({ uri: 'loomcast://accounts' });
  expect(r.contents).toHaveLength(1);
  expect(r.contents[0]).toMatchObject({ uri: 'loomcast://accounts', mimeType: 'application/json' });
  const raw = (r.contents[0] as { text: string }).text;
  return { raw, body: JSON.parse(raw) as AccountsBody };
};

describe('loomcast mcp: the accounts resource', () => {
  it('is listed beside the calendar, for an agent to find', async () => {
    const { resources } = await client.listResources();
    expect(resources).toEqual([expect.objectContaining({ uri: 'loomcast://accounts', name: 'accounts', mimeType: 'application/json' })]);
    expect(resources[0]!.description!.length).toBeGreaterThan(40);
  });

  it('holds each account with its platform, handle and status, a sign-in ending soon in list_accounts’ words, and no secret', async () => {
    const now = h.t.clock.now();
    const end = now + 86_400_000;
    const secret = 'linkedin-access-token-do-not-share';
    const ada = await h.t.core.services.accounts.add({ platform: 'linkedin', handle: 'ada', credentials: { accessToken: secret, expiresAt: end } });
    try {
      const { raw, body } = await readAccounts();
      expect(body.zone).toBe(ZONE);
      const listed = await call<AccountDto[]>(h.t.core, 'accounts:list');
      expect(body.accounts.map((a) => a.id)).toEqual(listed.map((a) => a.id));
      for (const a of body.accounts) expect(Object.keys(a).sort()).toEqual(['displayName', 'handle', 'id', 'platform', 'rateLimitedUntil', 'signInEndsAt', 'signInEndsSoon', 'state', 'status']);

      const card = accountStatus(listed.find((a) => a.id === ada.id)!, ZONE, now).words;
      expect(card).toBe('Sign-in ends in 1 day — reconnect to keep posting');
      const linkedin = body.accounts.find((a) => a.id === ada.id)!;
      expect(linkedin).toMatchObject({ platform: 'linkedin', handle: 'ada', status: 'connected', signInEndsSoon: true, signInEndsAt: new Date(end).toISOString() });
      expect(linkedin.state).toMatch(new RegExp(`^connected · ${card} \\(ends [^)]*\\)$`));
      expect(body.accounts.find((a) => a.id === h.bluesky)).toMatchObject({ platform: 'bluesky', handle: 'me.bsky.social', status: 'connected', state: 'connected', signInEndsSoon: false });

      // Word for word what list_accounts says, one line per account.
      const tool = toolText((await client.callTool({ name: 'list_accounts', arguments: {} })) as CallToolResult);
      expect(body.summary).toHaveLength(listed.length);
      for (const line of body.summary) expect(tool).toContain(`- ${line}\n`);
      expect(body.summary).toContain(`linkedin @ada [${ada.id}]: ${linkedin.state}`);

      for (const hidden of [secret, 'accessToken', 'refreshToken', 'credentials', 'tokenExpiresAt']) expect(raw).not.toContain(hidden);
    } finally {
      await h.t.core.services.accounts.disconnect(ada.id);
    }
  });
});
