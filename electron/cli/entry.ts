/** The bundle's entry (out/main/loomcast.js), started by bin/loomcast.mjs. */
import { run } from './main';

run(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`loomcast: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 5;
  },
);
