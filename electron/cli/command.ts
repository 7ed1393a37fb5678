import type { Context, Options, Values } from './context';

export interface Command {
  name: string;
  /** One line for `loomcast help`. */
  summary: string;
  /** `loomcast <name> --help`. */
  usage: string;
  options: Options;
  /** Positionals: `sub` takes the first word as a subcommand (posts list). */
  run(ctx: Context, values: Values, positionals: string[]): Promise<number>;
}
