/**
 * Which better-sqlite3 binary the Electron app loads, and how `npm start` / `npm run dist` get
 * one. Pure: paths and decisions only, no file system, no network, no Electron — the script
 * (scripts/ensure-electron-sqlite.mjs), the packaging hook (scripts/after-pack.mjs) and the
 * main process (electron/main/sqlite-binding.ts) all decide with these functions, and unit
 * tests pin them.
 *
 * Why a second binary: node_modules/better-sqlite3/build is compiled for Node's ABI, which the
 * tests and browser mode load. Electron has its own ABI, so the app gets its own build, kept
 * outside node_modules/better-sqlite3 and passed to better-sqlite3 as `nativeBinding`.
 */
import { join } from 'node:path';

export const BINARY_NAME = 'better_sqlite3.node';
/** Inside process.resourcesPath of the packaged app (outside app.asar: the OS loads real files). */
export const PACKAGED_DIR = 'better-sqlite3';
export const BROWSER_MODE_HINT = 'Use browser mode instead: npm run web';

const PLATFORMS = ['darwin', 'linux', 'win32'];
const ARCHES = ['x64', 'arm64', 'ia32', 'armv7l'];
const OFFLINE = /\b(ENOTFOUND|EAI_AGAIN)\b/;
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Where development runs keep Electron builds: beside the packages they were made from. */
export function defaultCacheRoot(projectRoot) {
  return join(projectRoot, 'node_modules', '.cache', 'loomcast');
}

/**
 * One folder per better-sqlite3 version, Electron version, platform and arch: upgrading
 * either package, or packaging for another arch, never reuses a binary made for something else.
 */
export function cacheTarget({ cacheRoot, sqliteVersion, electronVersion, platform, arch }) {
  const dir = join(cacheRoot, 'better-sqlite3', sqliteVersion, `electron-${electronVersion}-${platform}-${arch}`);
  return { dir, binary: join(dir, BINARY_NAME) };
}

/** What the target is, in words a creator can match against their machine. */
export function describeTarget({ sqliteVersion, electronVersion, platform, arch }) {
  return `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})`;
}

/** A reason why the inputs cannot name a build at all, or null when they can. */
export function invalidTarget({ sqliteVersion, electronVersion, platform, arch }) {
  if (!VERSION.test(String(electronVersion ?? ''))) return `the installed Electron version "${electronVersion ?? ''}" is not a version number (is the electron package installed?)`;
  if (!VERSION.test(String(sqliteVersion ?? ''))) return `the installed better-sqlite3 version "${sqliteVersion ?? ''}" is not a version number (is better-sqlite3 installed?)`;
  if (!PLATFORMS.includes(platform)) return `Electron builds of SQLite exist for ${PLATFORMS.join(', ')}, not "${platform}"`;
  if (!ARCHES.includes(arch)) return `Electron builds of SQLite exist for ${ARCHES.join(', ')}, not "${arch}"`;
  return null;
}

/** The one line shown when there is no binary: what, why, and where to go instead. */
export function giveUpLine(target, why) {
  return `Loomcast: no Electron build of SQLite (${describeTarget(target)}): ${why}. ${BROWSER_MODE_HINT}`;
}

export function prebuildInstallArgs({ electronVersion, platform, arch }) {
  return ['--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--tag-prefix', 'v', '--verbose'];
}

/** @electron/rebuild's CLI, run in a scratch project whose only dependency is the copy. */
export function rebuildArgs({ electronVersion, platform, arch, workDir }) {
  return ['--version', electronVersion, '--arch', arch, '--platform', platform, '--module-dir', workDir, '--only', 'better-sqlite3', '--force', '--build-from-source'];
}

/**
 * The next step towards an Electron build. `state`:
 *   cached         a binary already sits in the cache folder
 *   sourceReady    node_modules/better-sqlite3 is there to copy (package.json, binding.gyp)
 *   failures       [{ step: 'prebuild-install' | 'rebuild', reason }] — steps tried and failed
 *   headersCached  Electron's headers for this version are on disk (compiling needs no network)
 *   hostPlatform   the platform this runs on (compiling only works for it); the target's if absent
 *   logFile        where the tools' full output went, named when giving up
 * Returns { action: 'use-cache' | 'prebuild-install' | 'rebuild' | 'give-up', ... }.
 * prebuild-install (a download) comes first; compiling with @electron/rebuild (Electron's
 * headers plus a C++ toolchain) is the fallback; crossing platforms cannot be compiled here.
 */
export function planElectronSqlite(target, state) {
  const invalid = invalidTarget(target);
  if (invalid) return { action: 'give-up', line: giveUpLine(target, invalid) };
  const { binary, dir } = cacheTarget(target);
  if (state.cached) return { action: 'use-cache', binary };
  if (!state.sourceReady) return { action: 'give-up', line: giveUpLine(target, 'node_modules/better-sqlite3 is missing or incomplete; run npm install') };

  const failures = state.failures ?? [];
  const failed = (step) => failures.find((f) => f.step === step);
  if (!failed('prebuild-install')) return { action: 'prebuild-install', binary, dir, args: prebuildInstallArgs(target) };

  const download = failed('prebuild-install').reason;
  // A name that does not resolve means no internet (or no DNS): compiling would only fail
  // too, after node-gyp's retries, unless Electron's headers are already on this machine.
  if (OFFLINE.test(download) && !state.headersCached) {
    return { action: 'give-up', line: giveUpLine(target, `this machine looks offline (${download}); the prebuilt binary and Electron's headers both come from the internet`) };
  }
  const hostPlatform = state.hostPlatform ?? target.platform;
  if (hostPlatform !== target.platform) {
    return { action: 'give-up', line: giveUpLine(target, `no prebuilt binary could be downloaded (${download}), and it cannot be compiled on ${hostPlatform}`) };
  }
  if (!failed('rebuild')) return { action: 'rebuild', binary, dir };
  const details = state.logFile ? `; full output in ${state.logFile}` : '';
  return {
    action: 'give-up',
    line: giveUpLine(target, `no prebuilt binary could be downloaded (${download}) and compiling it failed (${failed('rebuild').reason}${details})`),
  };
}

/**
 * The binary the running app hands to better-sqlite3. A packaged app uses the one staged
 * under process.resourcesPath by `npm run dist`; a development run uses the cache `npm start`
 * fills; otherwise there is none, and `line` says why.
 */
export function chooseRuntimeBinding({ isPackaged, resourcesPath, projectRoot, cacheRoot, sqliteVersion, electronVersion, platform, arch, exists }) {
  if (isPackaged) {
    const path = join(resourcesPath, PACKAGED_DIR, BINARY_NAME);
    if (exists(path)) return { kind: 'packaged', path };
    return { kind: 'none', line: `Loomcast: this installation is missing its SQLite engine (${path}); reinstall Loomcast, or ${BROWSER_MODE_HINT.charAt(0).toLowerCase()}${BROWSER_MODE_HINT.slice(1)}` };
  }
  const target = { sqliteVersion, electronVersion, platform, arch };
  const invalid = invalidTarget(target);
  if (invalid) return { kind: 'none', line: giveUpLine(target, invalid) };
  const { binary } = cacheTarget({ ...target, cacheRoot: cacheRoot ?? defaultCacheRoot(projectRoot) });
  if (exists(binary)) return { kind: 'development', path: binary };
  return { kind: 'none', line: giveUpLine(target, 'it has not been fetched yet; `npm start` fetches or builds it on a machine with internet') };
}
