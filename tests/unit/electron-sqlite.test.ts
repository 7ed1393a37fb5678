import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_MODE_HINT,
  cacheTarget,
  chooseRuntimeBinding,
  defaultCacheRoot,
  planElectronSqlite,
  type SqliteFailure,
} from '../../scripts/lib/electron-sqlite.mjs';
import { SqliteEngineMissingError, describeStartupError } from '../../electron/main/startup-error';
import { failureReason } from '../../scripts/ensure-electron-sqlite.mjs';

const CACHE = join('/repo', 'node_modules', '.cache', 'loomcast');
const TARGET = { sqliteVersion: '12.11.1', electronVersion: '45.4.1', platform: 'linux', arch: 'x64', cacheRoot: CACHE };
const BINARY = join(CACHE, 'better-sqlite3', '12.11.1', 'electron-45.4.1-linux-x64', 'better_sqlite3.node');
const READY = { cached: false, sourceReady: true, hostPlatform: 'linux' };
const offline: SqliteFailure = { step: 'prebuild-install', reason: 'getaddrinfo ENOTFOUND github.com' };
const refused: SqliteFailure = { step: 'prebuild-install', reason: 'connect ECONNREFUSED 127.0.0.1:4000' };

/** A one-line message that says what, why, and where to go instead. */
function expectOneClearLine(line: string, why: RegExp) {
  expect(line).not.toContain('\n');
  expect(line).toMatch(/^Loomcast: /);
  expect(line).toContain('better-sqlite3 12.11.1 for Electron 45.4.1 (linux-x64)');
  expect(line).toMatch(why);
  expect(line.endsWith(BROWSER_MODE_HINT)).toBe(true);
}

describe('the cache folder of an Electron build of SQLite', () => {
  it('is one folder per better-sqlite3 version, Electron version, platform and arch', () => {
    expect(cacheTarget(TARGET)).toEqual({ dir: join(CACHE, 'better-sqlite3', '12.11.1', 'electron-45.4.1-linux-x64'), binary: BINARY });
    const others = [
      { ...TARGET, electronVersion: '46.0.0' },
      { ...TARGET, sqliteVersion: '12.12.0' },
      { ...TARGET, arch: 'arm64' },
      { ...TARGET, platform: 'darwin' },
    ].map((t) => cacheTarget(t).binary);
    expect(new Set([BINARY, ...others]).size).toBe(5);
  });

  it('lives beside the packages it was made from, so removing node_modules removes it', () => {
    expect(defaultCacheRoot('/repo')).toBe(CACHE);
  });
});

describe('getting an Electron build of SQLite (npm start, npm run dist)', () => {
  it('uses a cached binary without downloading or compiling anything', () => {
    expect(planElectronSqlite(TARGET, { ...READY, cached: true })).toEqual({ action: 'use-cache', binary: BINARY });
  });

  it("tries better-sqlite3's prebuilt Electron binary first, for the installed Electron", () => {
    const step = planElectronSqlite(TARGET, READY);
    expect(step).toMatchObject({ action: 'prebuild-install', binary: BINARY });
    expect(step.action === 'prebuild-install' && step.args).toEqual([
      '--runtime', 'electron', '--target', '45.4.1', '--arch', 'x64', '--platform', 'linux', '--tag-prefix', 'v', '--verbose',
    ]);
  });

  it('compiles it with @electron/rebuild when the download fails but the network answers', () => {
    expect(planElectronSqlite(TARGET, { ...READY, failures: [refused] })).toEqual({ action: 'rebuild', binary: BINARY, dir: join(CACHE, 'better-sqlite3', '12.11.1', 'electron-45.4.1-linux-x64') });
  });

  it('gives up at once on an offline machine, where compiling would need the internet too', () => {
    const step = planElectronSqlite(TARGET, { ...READY, failures: [offline] });
    expect(step.action).toBe('give-up');
    if (step.action === 'give-up') expectOneClearLine(step.line, /looks offline \(getaddrinfo ENOTFOUND github\.com\)/);
  });

  it("still compiles offline when Electron's headers are already on the machine", () => {
    expect(planElectronSqlite(TARGET, { ...READY, failures: [offline], headersCached: true }).action).toBe('rebuild');
  });

  it('gives up with both reasons and the log when compiling fails as well', () => {
    const step = planElectronSqlite(TARGET, { ...READY, logFile: '/tmp/last.log', failures: [refused, { step: 'rebuild', reason: 'Python, which node-gyp needs, was not found' }] });
    expect(step.action).toBe('give-up');
    if (step.action === 'give-up') {
      expectOneClearLine(step.line, /ECONNREFUSED 127\.0\.0\.1:4000\) and compiling it failed \(Python, which node-gyp needs, was not found; full output in \/tmp\/last\.log\)/);
    }
  });

  it('does not try to compile for another platform (packaging Windows on Linux)', () => {
    const step = planElectronSqlite({ ...TARGET, platform: 'win32' }, { ...READY, failures: [refused] });
    expect(step.action).toBe('give-up');
    if (step.action === 'give-up') expect(step.line).toMatch(/cannot be compiled on linux/);
  });

  it('says what is missing instead of guessing: packages, versions, platforms, arches', () => {
    const line = (t: typeof TARGET, state = READY) => {
      const step = planElectronSqlite(t, state);
      return step.action === 'give-up' ? step.line : `unexpected ${step.action}`;
    };
    expect(line(TARGET, { ...READY, sourceReady: false })).toMatch(/node_modules\/better-sqlite3 is missing or incomplete; run npm install\. Use browser mode/);
    expect(line({ ...TARGET, electronVersion: '' })).toMatch(/Electron version "" is not a version number \(is the electron package installed\?\)/);
    expect(line({ ...TARGET, sqliteVersion: 'latest' })).toMatch(/better-sqlite3 version "latest" is not a version number/);
    expect(line({ ...TARGET, platform: 'freebsd' })).toMatch(/not "freebsd"/);
    expect(line({ ...TARGET, arch: 'universal' })).toMatch(/not "universal"/);
    for (const l of [line({ ...TARGET, arch: 'mips' }), line(TARGET, { ...READY, sourceReady: false })]) expect(l).not.toContain('\n');
  });
});

describe('the binary the running app loads', () => {
  const base = {
    isPackaged: false,
    resourcesPath: '/opt/Loomcast/resources',
    projectRoot: '/repo',
    sqliteVersion: '12.11.1',
    electronVersion: '45.4.1',
    platform: 'linux',
    arch: 'x64',
  };
  const staged = join('/opt/Loomcast/resources', 'better-sqlite3', 'better_sqlite3.node');
  const only = (...files: string[]) => (p: string) => files.includes(p);

  it('a packaged app loads the binary npm run dist staged in its resources, never the cache', () => {
    expect(chooseRuntimeBinding({ ...base, isPackaged: true, exists: only(staged, BINARY) })).toEqual({ kind: 'packaged', path: staged });
  });

  it('a packaged app without it says to reinstall', () => {
    const r = chooseRuntimeBinding({ ...base, isPackaged: true, exists: only(BINARY) });
    expect(r).toEqual({ kind: 'none', line: expect.stringMatching(/missing its SQLite engine .*; reinstall Loomcast, or use browser mode instead: npm run web$/) });
  });

  it('a development run loads the cache npm start filled, for this Electron', () => {
    expect(chooseRuntimeBinding({ ...base, exists: only(BINARY, staged) })).toEqual({ kind: 'development', path: BINARY });
    expect(chooseRuntimeBinding({ ...base, electronVersion: '46.0.0', exists: only(BINARY) }).kind).toBe('none');
  });

  it('a development run without it says how to get it, in one line the startup dialog shows', () => {
    const r = chooseRuntimeBinding({ ...base, exists: only() });
    expect(r.kind).toBe('none');
    if (r.kind !== 'none') return;
    expectOneClearLine(r.line, /not been fetched yet; `npm start` fetches or builds it on a machine with internet/);
    expect(describeStartupError(new SqliteEngineMissingError(r.line), '/logs/loomcast.log')).toEqual({ title: 'Loomcast could not load its database engine', message: r.line });
  });

  it('a development run with no better-sqlite3 installed says so', () => {
    const r = chooseRuntimeBinding({ ...base, sqliteVersion: undefined, exists: only(BINARY) });
    expect(r).toEqual({ kind: 'none', line: expect.stringMatching(/is better-sqlite3 installed\?/) });
  });

  it('an addon built for another ABI points to npm start and browser mode', () => {
    const p = describeStartupError(new Error('was compiled against a different Node.js version using NODE_MODULE_VERSION 115'), '/l');
    expect(p.title).toBe('Loomcast could not load its database engine');
    expect(p.message).toMatch(/`npm start`, which fetches or builds the one for this Electron, or use browser mode instead: npm run web/);
  });
});

describe("the reason taken from a tool's output", () => {
  it("keeps prebuild-install's own warning, without its prefix", () => {
    const out = 'prebuild-install info begin Prebuild-install version 7.1.3\nprebuild-install http request GET https://github.com/x.tar.gz\nprebuild-install warn install No prebuilt binaries found (target=46.0.0 runtime=electron arch=x64 libc= platform=linux)\n';
    expect(failureReason(out)).toBe('No prebuilt binaries found (target=46.0.0 runtime=electron arch=x64 libc= platform=linux)');
  });

  it("says what node-gyp's long network and Python errors mean", () => {
    expect(failureReason('Error: This is most likely not a problem with node-gyp or the package itself and\nis related to network connectivity.\n    at go (install.js:244:21)')).toBe(
      "Electron's headers could not be downloaded: no network connection",
    );
    expect(failureReason('gyp ERR! find Python \ngyp ERR! find Python Python is not set from command line or npm configuration')).toBe('Python, which node-gyp needs, was not found');
  });

  it("takes node-gyp's first error over the wrapper's, and keeps it to one short line", () => {
    const out = '\u001b[31mgyp ERR! stack Error: `make` failed with exit code: 2\u001b[39m\n    at ChildProcess.onExit\nError: node-gyp failed to rebuild \'/tmp/x\'\n';
    expect(failureReason(out)).toBe('`make` failed with exit code: 2');
    expect(failureReason(`Error: ${'x'.repeat(400)}`)).toHaveLength(158);
  });

  it('says how long it waited when a tool hung', () => {
    expect(failureReason('', { timedOut: true, timeoutMs: 120_000 })).toBe('gave up after 120 s without an answer');
    expect(failureReason('')).toBe('no output');
  });
});
