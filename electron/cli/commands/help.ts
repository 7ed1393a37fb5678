import { EXIT } from '../client';
import type { Command } from '../command';
import { VERSION } from '../version';

export function helpText(commands: readonly Command[]): string {
  return `loomcast ${VERSION}: your Loomcast from the command line and for your AI agent

Usage: loomcast <command> [options]

Commands:
${commands.map((c) => `  ${c.summary}`).join('\n')}
  help [COMMAND]: this text, or one command's options

Options for every command:
  --json            print Loomcast's answer as JSON (errors as {"error": …} on stderr)
  --data-dir DIR    the data folder of the Loomcast to talk to
  -h, --help        this text;  --version  the version

Finding Loomcast: the running app (desktop or npm run web) writes api.json, readable by you
alone, into its data folder (--data-dir > LOOMCAST_DATA_DIR > the folder picked in the app > the
usual folder). Or set LOOMCAST_URL and LOOMCAST_TOKEN (e.g. a scoped token from Settings).

Exit codes:
  0  done
  1  Loomcast refused: invalid input, a conflict, a check that failed (the message says why)
  2  usage error: an unknown command or option, a missing argument
  3  Loomcast is not running or not reachable (no discovery file, or a stale one)
  4  the token was refused (401) or may not do this (403)
  5  internal error`;
}

export const help = (commands: readonly Command[]): Command => ({
  name: 'help',
  summary: 'help',
  usage: 'loomcast help [COMMAND]',
  options: {},
  async run(ctx, _values, positionals) {
    const named = commands.find((c) => c.name === positionals[0]);
    ctx.out(named ? `${named.usage}\n\nOptions for every command: --json, --data-dir DIR, --help. Exit codes: loomcast help.` : helpText(commands));
    return EXIT.ok;
  },
});
