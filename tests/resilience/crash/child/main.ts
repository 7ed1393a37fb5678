/**
 * The crash suite's child process: `node child.cjs <op> <json args>`. It loads only what its
 * operation needs, prints "ready", waits for a line on stdin, performs the operation (the parent
 * SIGKILLs it at a random moment) and prints "done" if it gets that far.
 */
import type { OpArgs, OpName } from './ops';

async function load(op: OpName, args: OpArgs): Promise<() => Promise<void>> {
  if (op === 'publish' || op === 'csv' || op === 'metrics') return (await import('./core-ops')).prepare(op, args);
  return (await import('./store-ops')).prepare(op, args);
}

async function main(): Promise<void> {
  const [op, raw] = process.argv.slice(2) as [OpName, string];
  const run = await load(op, JSON.parse(raw) as OpArgs);
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  await run();
  process.stdout.write('done\n');
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(2);
});
