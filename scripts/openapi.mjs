#!/usr/bin/env node
/**
 * `npm run openapi`: regenerates what is derived from the contract: docs/api/openapi.json
 * (electron/host/openapi.ts), the channel docs it is written from, and the preload's list of
 * channel and event names (electron/preload/contract-names.json, so the sandboxed preload does
 * not bundle zod and every schema just to learn the names).
 * `npm run openapi -- --check` only says whether the committed files are up to date (exit 1 if not).
 * Unit tests compare them as well, so none can go stale unnoticed.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'docs', 'api', 'openapi.json');
const docsFile = join(root, 'electron', 'host', 'channel-docs.json');
const namesFile = join(root, 'electron', 'preload', 'contract-names.json');
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
const names = `${JSON.stringify({ channels: CHANNEL_NAMES, events: EVENT_NAMES }, null, 2)}\n`;
if (!check) writeFileSync(namesFile, names);

// 2. The document itself, with those comments.
const { buildOpenApi, serializeOpenApi } = await load('electron/host/openapi.ts');
const text = serializeOpenApi(buildOpenApi(undefined, undefined, JSON.parse(comments)));

if (check) {
  if (read(docsFile) !== comments || read(target) !== text || read(namesFile) !== names) {
    console.error('docs/api/openapi.json (or electron/host/channel-docs.json, or electron/preload/contract-names.json) is out of date with the contract. Run: npm run openapi');
    process.exit(1);
  }
  console.log('docs/api/openapi.json is up to date.');
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  const doc = JSON.parse(text);
  console.log(`Wrote docs/api/openapi.json: ${Object.keys(doc.paths).length} paths, ${Object.keys(doc.components.schemas).length} schemas.`);
}
