#!/usr/bin/env node
/**
 * `npm run openapi`: regenerates docs/api/openapi.json from the contract (electron/host/openapi.ts).
 * `npm run openapi -- --check` only says whether the committed file is up to date (exit 1 if not).
 * A unit test compares the two as well, so the committed document cannot go stale unnoticed.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'docs', 'api', 'openapi.json');
// The TypeScript generator, loaded through Vite's module runner (no build, no config file needed).
const { module } = await runnerImport(join(root, 'electron', 'host', 'openapi.ts'), { configFile: false, logLevel: 'error' });
const text = module.serializeOpenApi(module.buildOpenApi());

if (process.argv.includes('--check')) {
  let committed = null;
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (committed !== text) {
    console.error('docs/api/openapi.json is out of date with the contract. Run: npm run openapi');
    process.exit(1);
  }
  console.log('docs/api/openapi.json is up to date.');
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  const doc = JSON.parse(text);
  console.log(`Wrote docs/api/openapi.json: ${Object.keys(doc.paths).length} paths, ${Object.keys(doc.components.schemas).length} schemas.`);
}
