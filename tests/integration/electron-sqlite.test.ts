import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureElectronSqlite } from '../../scripts/ensure-electron-sqlite.mjs';
import afterPack from '../../scripts/after-pack.mjs';
import { cacheTarget } from '../../scripts/lib/electron-sqlite.mjs';
import { openStore } from '../../electron/core/store/open';
import { flipFuses, FuseV1Options } from '@electron/fuses';

/*
 * The real scripts, the real prebuild-install and @electron/rebuild, on a scratch project and
 * without the network: a mirror that cannot resolve, a port that refuses, a local prebuild.
 * Electron itself is never run.
 */

const ELECTRON = '45.4.1';
/** Electron 45's NODE_MODULE_VERSION, in the prebuilt binary's file name. */
const ELECTRON_ABI = 150;
const SQLITE = '12.11.1';
const NODE_BUILD = 'the Node build the tests load';

let root: string;
let project: string;
let cacheRoot: string;
let env: Record<string, string>;

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const scratchFolders = () => readdirSync(tmpdir()).filter((n) => n.startsWith('loomcast-electron-sqlite-'));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'loomcast-native-test-'));
  project = join(root, 'project');
  cacheRoot = join(root, 'cache');
  const sqlite = join(project, 'node_modules', 'better-sqlite3');
  mkdirSync(join(sqlite, 'build', 'Release'), { recursive: true });
  writeFileSync(join(sqlite, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: SQLITE, main: 'lib/index.js' }));
  writeFileSync(join(sqlite, 'binding.gyp'), JSON.stringify({ targets: [{ target_name: 'better_sqlite3', sources: ['src/better_sqlite3.cpp'] }] }));
  writeFileSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node'), NODE_BUILD);
  mkdirSync(join(project, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(join(project, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: ELECTRON }));
  // Nothing from this machine's caches: no npm prebuild cache, no Electron headers.
  env = { HOME: join(root, 'home'), USERPROFILE: join(root, 'home'), npm_config_cache: join(root, 'npm-cache') };
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const ensure = (extra: Record<string, string>) =>
  ensureElectronSqlite({ projectRoot: project, cacheRoot, env: { ...env, ...extra }, log: () => {} });

const nodeBuild = () => readFileSync(join(project, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8');

describe('npm start getting an Electron build of SQLite', () => {
  it('fails fast and in one line on a machine without internet', async () => {
    const before = scratchFolders();
    const result = await ensure({ npm_config_better_sqlite3_binary_host: 'https://loomcast-mirror.invalid' });
    expect(result).toEqual({ ok: false, line: expect.stringMatching(/^Loomcast: no Electron build of SQLite \(better-sqlite3 12\.11\.1 for Electron 45\.4\.1 .*\): this machine looks offline \(getaddrinfo (ENOTFOUND|EAI_AGAIN) loomcast-mirror\.invalid\).*Use browser mode instead: npm run web$/) });
    if (!result.ok) expect(result.line).not.toContain('\n');
    expect(nodeBuild()).toBe(NODE_BUILD);
    expect(scratchFolders()).toEqual(before);
  });

  it('falls back to @electron/rebuild on a copy when the download fails, and names both failures', async () => {
    const port = await closedPort();
    const result = await ensure({ npm_config_better_sqlite3_binary_host: `http://127.0.0.1:${port}`, ELECTRON_REBUILD_DIST_URL: `http://127.0.0.1:${port}` });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.line).toMatch(new RegExp(`no prebuilt binary could be downloaded \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\) and compiling it failed \\(.+; full output in `));
    const log = readFileSync(join(cacheRoot, 'better-sqlite3', 'last-attempt.log'), 'utf8');
    expect(log).toContain('$ prebuild-install in');
    expect(log).toContain('$ rebuild in');
    // It rebuilt the copy in the temp folder, never the project's own package.
    expect(log).toMatch(/Building modules: better-sqlite3\n/);
    expect(log).not.toContain(project);
    expect(nodeBuild()).toBe(NODE_BUILD);
  });

  it('installs a prebuilt binary into the cache for this Electron, then reuses it', async () => {
    const prebuilds = join(root, 'prebuilds');
    const payload = join(root, 'payload');
    mkdirSync(join(payload, 'build', 'Release'), { recursive: true });
    mkdirSync(prebuilds);
    writeFileSync(join(payload, 'build', 'Release', 'better_sqlite3.node'), 'the Electron build');
    const name = `better-sqlite3-v${SQLITE}-electron-v${ELECTRON_ABI}-${process.platform}-${process.arch}.tar.gz`;
    await createTar({ gzip: true, file: join(prebuilds, name), cwd: payload }, ['build/Release/better_sqlite3.node']);

    const expected = cacheTarget({ cacheRoot, sqliteVersion: SQLITE, electronVersion: ELECTRON, platform: process.platform, arch: process.arch }).binary;
    const first = await ensure({ npm_config_better_sqlite3_local_prebuilds: prebuilds, npm_config_better_sqlite3_binary_host: 'https://loomcast-mirror.invalid' });
    expect(first).toEqual({ ok: true, binary: expected, source: 'prebuild-install' });
    expect(readFileSync(expected, 'utf8')).toBe('the Electron build');
    expect(nodeBuild()).toBe(NODE_BUILD);

    rmSync(prebuilds, { recursive: true });
    expect(await ensure({})).toEqual({ ok: true, binary: expected, source: 'cache' });
  });
});

describe('the database opened with the binary the app chose', () => {
  it('loads better-sqlite3 from the nativeBinding path it is given, and from nowhere else', () => {
    const nodeAddon = join(__dirname, '..', '..', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    const store = openStore(join(root, 'chosen.db'), undefined, undefined, { nativeBinding: nodeAddon });
    expect(store.schemaVersion).toBeGreaterThan(0);
    store.close();
    const missing = join(root, 'nowhere', 'better_sqlite3.node');
    expect(() => openStore(join(root, 'other.db'), undefined, undefined, { nativeBinding: missing })).toThrow(/nowhere/);
  });
});

describe('npm run dist (the afterPack hook)', () => {
  /** Enough of an Electron executable for @electron/fuses: its sentinel and a 9-fuse wire. */
  function fakeElectron(file: string) {
    const wire = Buffer.from([1, 9, ...Array<number>(9).fill(0x31)]);
    writeFileSync(file, Buffer.concat([Buffer.from('ELF…'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), wire, Buffer.from('…end')]));
  }

  it('stages the Electron build in resources/better-sqlite3 and flips the fuses', async () => {
    const binary = cacheTarget({ cacheRoot: join(project, 'node_modules', '.cache', 'loomcast'), sqliteVersion: SQLITE, electronVersion: ELECTRON, platform: 'linux', arch: 'arm64' }).binary;
    mkdirSync(join(binary, '..'), { recursive: true });
    writeFileSync(binary, 'cached Electron build');
    const appOutDir = join(root, 'linux-arm64-unpacked');
    mkdirSync(join(appOutDir, 'resources'), { recursive: true });
    const executable = join(appOutDir, 'loomcast');
    fakeElectron(executable);

    await afterPack(
        {
          electronPlatformName: 'linux',
          arch: 3, // electron-builder's Arch.arm64
          appOutDir,
          packager: {
            info: { framework: { version: ELECTRON } },
            appInfo: { productFilename: 'Loomcast' },
            addElectronFuses: (_context: unknown, config: Parameters<typeof flipFuses>[1]) => flipFuses(executable, config),
          },
        },
        { projectRoot: project, log: () => {} },
      );
    expect(readFileSync(join(appOutDir, 'resources', 'better-sqlite3', 'better_sqlite3.node'), 'utf8')).toBe('cached Electron build');
    const bytes = readFileSync(executable);
    const at = bytes.indexOf('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX') + 32 + 2;
    const fuse = (i: FuseV1Options) => String.fromCharCode(bytes[at + i]!);
    expect(fuse(FuseV1Options.RunAsNode)).toBe('0');
    expect(fuse(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(fuse(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(fuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(fuse(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    // A fuse newer than @electron/fuses 1.8.0 keeps Electron's own setting.
    expect(String.fromCharCode(bytes[at + 8]!)).toBe('1');
  });
});
