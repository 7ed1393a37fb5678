#!/usr/bin/env node
// The `loomcast` command (package.json "bin"): runs the CLI bundled by `npm run build`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'loomcast.js');
if (!existsSync(bundle)) {
  process.stderr.write(`loomcast: the command is not built yet (${bundle} is missing). Run \`npm run build\` in the Loomcast folder first.\n`);
  process.exit(5);
}
createRequire(import.meta.url)(bundle);
