/**
 * An MCP client connected in-process (an in-memory transport) to `loomcast mcp`'s server, which
 * reaches the agent host through `fetch` (the host's own, or one that records what is asked).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FetchLike } from '../../electron/cli/client';
import { connect } from '../../electron/cli/connect';
import { createMcpServer } from '../../electron/cli/mcp/server';
import type { AgentHost } from './agent-host';

export async function connectMcp(h: AgentHost, o: { fetch?: FetchLike; log?: (message: string) => void } = {}) {
  const server = createMcpServer({
    version: 'test',
    log: o.log ?? (() => {}),
    connect: async (clientName) => (await connect({ dataDir: h.t.dataDir, env: {}, actor: 'agent', client: clientName, fetch: o.fetch ?? h.fetch })).client,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'claude-ai', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

/** A tool's answer: its text, and the JSON Loomcast gave. */
export const toolText = (r: CallToolResult) => (r.content[0] as { text: string }).text;
export const toolData = <T>(r: CallToolResult) => JSON.parse((r.content[1] as { text: string }).text) as T;
