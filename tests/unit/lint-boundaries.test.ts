import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The process boundaries are enforced by eslint.config.mjs, not by convention: these tests
 * lint small snippets as if they lived at a given path and check what the config says.
 */

const ROOT = join(__dirname, '..', '..');
const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-syntax',
  'no-restricted-globals',
  'no-restricted-properties',
]);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.mjs') });
});

async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  return {
    all: result.messages,
    boundary: result.messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId)),
  };
}

const IMPORT_ELECTRON = "import { app } from 'electron';\nexport const name = app.getName();\n";

describe('importing Electron', () => {
  it.each(['electron/core/x.ts', 'electron/core/posts/x.ts', 'electron/host/x.ts', 'renderer/src/x.tsx', 'shared/x.ts', 'tests/unit/x.test.ts', 'scripts/x.ts'])(
    'is an error in %s',
    async (file) => {
      const { boundary } = await lint(file, IMPORT_ELECTRON);
      expect(boundary).toHaveLength(1);
      expect(boundary[0]?.severity).toBe(2);
      expect(boundary[0]?.message).toMatch(/Only electron\/main and electron\/preload may import Electron/);
    },
  );

  it.each(['electron/main/x.ts', 'electron/preload/x.ts'])('is fine in %s', async (file) => {
    const { all } = await lint(file, IMPORT_ELECTRON);
    expect(all).toEqual([]);
  });

  it('covers Electron’s subpath modules too', async () => {
    const { boundary } = await lint('electron/core/x.ts', "import { ipcMain } from 'electron/main';\nexport const m = ipcMain;\n");
    expect(boundary).toHaveLength(1);
  });

  it.each([
    ["const { app } = require('electron');\nexport const a = app;\n"],
    ["export const load = () => import('electron');\n"],
    ["export const load = () => import('electron/main');\n"],
  ])('is an error through require() and import() too: %s', async (code) => {
    const { boundary } = await lint('electron/core/x.ts', code);
    expect(boundary).toHaveLength(1);
  });

  it('leaves packages that merely start with "electron" alone', async () => {
    const code = "import { defineConfig } from 'electron-vite';\nexport const d = () => import('electron-builder');\nexport const c = defineConfig;\n";
    expect((await lint('electron/core/x.ts', code)).all).toEqual([]);
  });

  it('does not mistake the repo’s own electron/ folder for the package', async () => {
    const { all } = await lint('tests/unit/x.test.ts', "import { createCore } from '../../electron/core';\nexport const c = createCore;\n");
    expect(all).toEqual([]);
  });
});

describe('Node in the renderer', () => {
  it.each([
    ["import fs from 'node:fs';\nexport const f = fs;\n"],
    ["import 'fs';\n"],
    ["import { readFile } from 'fs/promises';\nexport const r = readFile;\n"],
    ["import { join } from 'path';\nexport const j = join;\n"],
    ["import { spawn } from 'child_process';\nexport const s = spawn;\n"],
    ["import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ["import { Entry } from '@napi-rs/keyring';\nexport const e = Entry;\n"],
    ["import { createCore } from '../../electron/core';\nexport const c = createCore;\n"],
  ])('is an error: %s', async (code) => {
    const { boundary } = await lint('renderer/src/x.tsx', code);
    expect(boundary).toHaveLength(1);
    expect(boundary[0]?.severity).toBe(2);
  });

  it('leaves browser code and shared/ imports alone', async () => {
    const { all } = await lint(
      'renderer/src/x.tsx',
      "import { CHANNEL_NAMES } from '../../shared/contract';\nexport const n = CHANNEL_NAMES.length + window.innerWidth;\n",
    );
    expect(all).toEqual([]);
  });

  it('is fine in tests and in the core', async () => {
    const code = "import { readFileSync } from 'node:fs';\nimport 'fs';\nexport const r = readFileSync;\n";
    expect((await lint('tests/unit/x.test.ts', code)).all).toEqual([]);
    expect((await lint('electron/core/x.ts', code)).all).toEqual([]);
  });
});

describe('the other boundaries', () => {
  it('keeps the core and the host from importing the Electron shell', async () => {
    const code = "import { showWindow } from '../main/window';\nexport const s = showWindow;\n";
    expect((await lint('electron/core/x.ts', code)).boundary).toHaveLength(1);
    expect((await lint('electron/host/x.ts', code)).boundary).toHaveLength(1);
  });

  it('keeps shared/ independent of both processes', async () => {
    const { boundary } = await lint('shared/contract/x.ts', "import { CSP } from '../../electron/core/security';\nexport const c = CSP;\n");
    expect(boundary).toHaveLength(1);
  });

  it('lets the sandboxed preload take the contract from shared/ (bundled) but no package directly', async () => {
    const value = "import { CHANNEL_NAMES } from '../../shared/contract';\nexport const c = CHANNEL_NAMES;\n";
    expect((await lint('electron/preload/x.ts', value)).all).toEqual([]);

    const zod = "import { z } from 'zod';\nexport const s = z.string();\n";
    expect((await lint('electron/preload/x.ts', zod)).boundary).toHaveLength(1);
  });
});

describe('time and network in the core', () => {
  it.each([
    ['Date.now()', 'export const t = Date.now();\n', /injected Clock/],
    ['Date.now passed along', 'export const now: () => number = Date.now;\n', /injected Clock/],
    ['new Date() with no argument', 'export const d = new Date();\n', /injected Clock/],
    ['new Date with no parentheses', 'export const d = new Date;\n', /injected Clock/],
    ['Date() as a function', 'export const s = Date();\n', /injected Clock/],
    ['a call to the global fetch', "export const r = () => fetch('https://example.com');\n", /injected HttpFetch/],
    ['the global fetch as a value', "export const http = fetch;\n", /injected HttpFetch/],
    ['globalThis.fetch', "export const r = () => globalThis.fetch('https://example.com');\n", /injected HttpFetch/],
    ['setTimeout', 'export const t = () => setTimeout(() => {}, 10);\n', /clock\.setTimer/],
    ['setInterval', 'export const t = () => setInterval(() => {}, 10);\n', /clock\.setTimer/],
    ['globalThis.setTimeout', 'export const t = () => globalThis.setTimeout(() => {}, 10);\n', /clock\.setTimer/],
    ['AbortSignal.timeout', "export const s = () => AbortSignal.timeout(1000);\n", /clock\.setTimer/],
    ['node:timers', "import { setTimeout as wait } from 'node:timers/promises';\nexport const w = wait;\n", /clock\.setTimer/],
  ])('is an error in electron/core: %s', async (_what, code, message) => {
    const { boundary } = await lint('electron/core/features/x.ts', code);
    expect(boundary).toHaveLength(1);
    expect(boundary[0]?.severity).toBe(2);
    expect(boundary[0]?.message).toMatch(message);
  });

  it('allows the injected ones, a given instant, and fetch as a type', async () => {
    const code = [
      "import type { Clock, HttpFetch } from '../deps';",
      'export function f(deps: { clock: Clock; http: HttpFetch }, api: { http: typeof fetch }) {',
      '  const at = new Date(deps.clock.now()).toISOString();',
      '  const stop = deps.clock.setTimer(1000, () => {});',
      "  return [at, stop, deps.http('https://example.com'), api.http, Date.parse(at), new Date(0)];",
      '}',
      '',
    ].join('\n');
    expect((await lint('electron/core/features/x.ts', code)).all).toEqual([]);
  });

  it('still refuses Electron through require() where the time rules apply', async () => {
    const { boundary } = await lint('electron/core/features/x.ts', "const { app } = require('electron');\nexport const a = app;\n");
    expect(boundary.map((m) => m.message)).toEqual([expect.stringMatching(/Only electron\/main and electron\/preload may import Electron/)]);
  });

  it.each(['electron/core/deps.ts', 'electron/core/log/file-logger.ts'])('leaves the real clock and fetch adapter %s alone', async (file) => {
    const code = 'export const now = () => Date.now();\nexport const t = () => setTimeout(() => {}, 1);\nexport const f = fetch;\n';
    expect((await lint(file, code)).boundary).toEqual([]);
  });

  it.each(['electron/main/x.ts', 'electron/host/x.ts', 'scripts/x.ts', 'tests/unit/x.test.ts'])('is not enforced outside the core: %s', async (file) => {
    const code = 'export const now = () => Date.now();\nexport const t = () => setTimeout(() => {}, 1);\nexport const f = fetch;\n';
    expect((await lint(file, code)).boundary).toEqual([]);
  });

  it.each(['electron/core/index.ts', 'electron/core/publishing/publisher.ts', 'electron/core/store/open.ts'])('holds in %s too: no waiver is left', async (file) => {
    const code = 'export const t = () => setTimeout(() => {}, 1);\nexport const f = fetch;\n';
    expect((await lint(file, code)).boundary.length).toBeGreaterThanOrEqual(2);
  });
});
