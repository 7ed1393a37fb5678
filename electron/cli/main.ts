/**
 * The `loomcast` command: parses argv, runs one command against the running Loomcast, and
 * answers with an exit code scripts can rely on (EXIT in ./client.ts). Everything it touches
 * comes in through `io`, so tests run it in-process.
 */
import { parseArgs } from 'node:util';
import { ApiError, EXIT } from './client';
import type { Command } from './command';
import { backup } from './commands/backup';
import { exportCmd } from './commands/export';
import { help, helpText } from './commands/help';
import { importCsv } from './commands/import';
import { mcp } from './commands/mcp';
import { post } from './commands/post';
import { posts } from './commands/posts';
import { status } from './commands/status';
import { COMMON_OPTIONS, createContext, type CliIo, type Values } from './context';
import { VERSION } from './version';

export type { CliIo } from './context';

const COMMANDS: Command[] = [status, posts, post, importCsv, exportCmd, backup, mcp];
const ALL = [...COMMANDS, help(COMMANDS)];

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout(`${helpText(COMMANDS)}\n`);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = ALL.find((c) => c.name === first);
  const json = argv.includes('--json');
  const fail = (err: ApiError): number => {
    if (json) io.stderr(`${JSON.stringify({ error: { exit: err.exit, ...(err.body ?? { message: err.message }) } })}\n`);
    else io.stderr(`loomcast: ${err.message}${err.exit === EXIT.usage ? `\nSee: loomcast help${command ? ` ${command.name}` : ''}` : ''}\n`);
    return err.exit;
  };
  if (!command) return fail(new ApiError(EXIT.usage, `"${first}" is not a loomcast command.`));

  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv.slice(1), options: { ...COMMON_OPTIONS, ...command.options }, strict: true, allowPositionals: true }));
  } catch (err) {
    return fail(new ApiError(EXIT.usage, (err as Error).message));
  }
  const ctx = createContext(io, values);
  if (values.help) {
    ctx.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(ctx, values, positionals);
  } catch (err) {
    if (err instanceof ApiError) return fail(err);
    io.stderr(`loomcast: something went wrong: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
