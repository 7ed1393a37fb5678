import { EXIT } from '../client';
import type { Command } from '../command';
import { connect } from '../connect';
import { usageError } from '../context';
import { VERSION } from '../version';

export const mcp: Command = {
  name: 'mcp',
  summary: 'mcp: an MCP server over stdio for your AI agent (Claude Desktop, an IDE…)',
  usage: `loomcast mcp [--data-dir DIR]
  Speaks the Model Context Protocol on standard input and output; your agent starts it.
  It needs Loomcast running (the app or npm run web) and talks to it through its local API:
  every change is made by Loomcast itself and recorded as made by an agent. Logs go to stderr.`,
  options: {},
  async run(ctx, values, positionals) {
    if (positionals.length) throw usageError(`mcp takes no words ("${positionals.join(' ')}").`);
    const log = (message: string) => ctx.io.stderr(`loomcast mcp: ${message}\n`);
    // The MCP SDK loads only for this command: every other command starts ~190 ms sooner.
    const [{ StdioServerTransport }, { createMcpServer }] = await Promise.all([import('@modelcontextprotocol/sdk/server/stdio.js'), import('../mcp/server')]);
    const server = createMcpServer({
      version: VERSION,
      log,
      connect: async (clientName) => (await connect({ dataDir: values['data-dir'] as string | undefined, env: ctx.io.env, platform: ctx.io.platform, actor: 'agent', client: clientName, fetch: ctx.io.fetch })).client,
    });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      process.stdin.once('end', () => resolve());
    });
    await server.connect(transport);
    log(`ready (Loomcast ${VERSION}); waiting for the agent on stdin`);
    await closed;
    await server.close();
    return EXIT.ok;
  },
};
