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
const docsFile = join(root, 'electron', 'host', 'channel-docs.json');
const check = process.argv.includes('--check');
// TypeScript modules, loaded through Vite's module runner (no build, no config file needed).
const load = async (path) => (await runnerImport(join(root, path), { configFile: false, logLevel: 'error' })).module;

const read = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null; // Missing counts as stale.
  }
};

// 1. The doc comments of channels and events, which the document's summaries come from.
const { readContractComments, contractFiles, schemasFile } = await load('scripts/lib/contract-comments.ts');
const { CHANNEL_NAMES, EVENT_NAMES } = await load('shared/contract/index.ts');
const comments = `${JSON.stringify(readContractComments(contractFiles(root), { channels: CHANNEL_NAMES, events: EVENT_NAMES, schemasFile: schemasFile(root) }), null, 2)}\n`;
if (!check) writeFileSync(docsFile, comments);

// 2. The document itself, with those comments.
const { buildOpenApi, serializeOpenApi } = await load('electron/host/openapi.ts');
const text = serializeOpenApi(buildOpenApi(undefined, undefined, JSON.parse(comments)));

if (check) {
  if (read(docsFile) !== comments || read(target) !== text) {
    console.error('docs/api/openapi.json (or electron/host/channel-docs.json) is out of date with the contract. Run: npm run openapi');
    process.exit(1);
  }
  console.log('docs/api/openapi.json is up to date.');
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  const doc = JSON.parse(text);
  console.log(`Wrote docs/api/openapi.json: ${Object.keys(doc.paths).length} paths, ${Object.keys(doc.components.schemas).length} schemas.`);
}
