#!/usr/bin/env node
/**
 * `npm start` (after `electron-vite build`): runs the built app in Electron.
 *
 * The `electron` package downloads its binary on first use rather than at install, and that
 * download can fail (offline, a firewall, no GitHub). When it does, say so in one line and
 * point at browser mode, instead of the package's own stack trace.
 *
 * Then it makes sure there is an Electron build of better-sqlite3 (scripts/ensure-electron-sqlite.mjs:
 * cached per Electron version; downloaded or compiled on first run), which the main process
 * loads through better-sqlite3's `nativeBinding` option. The Node build in node_modules stays
 * for the tests and browser mode.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './ensure-electron-sqlite.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const UNAVAILABLE =
  'Loomcast: the Electron binary is not available on this machine (it could not be downloaded). Use browser mode instead: npm run web';
/** Only a download that is really under way takes this long; a failing one is quicker. */
const SLOW_DOWNLOAD_NOTICE_MS = 3000;

function fail(message) {
  console.error(message);
  process.exit(1);
}

function electronPackageDir() {
  try {
    return dirname(createRequire(join(ROOT, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The executable the `electron` package would run, if it is already on disk. */
function installedBinary(pkgDir) {
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative && join(pkgDir, 'dist', relative);
  return candidate && existsSync(candidate) ? candidate : null;
}

/**
 * Requiring `electron` from Node downloads the binary when it is missing and throws when it
 * cannot. Do that in a child process with its output captured, so a failure stays quiet.
 */
function download() {
  return new Promise((resolve) => {
    const notice = setTimeout(() => console.log('Loomcast: downloading Electron for the first run…'), SLOW_DOWNLOAD_NOTICE_MS);
    const child = spawn(process.execPath, ['-e', "require('electron')"], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // Drain the pipes; the output is only of interest to someone debugging with the package.
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', () => {
      clearTimeout(notice);
      resolve(false);
    });
    child.on('exit', (code) => {
      clearTimeout(notice);
      resolve(code === 0);
    });
  });
}

async function main() {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) fail('Loomcast: the app is not built yet. Run: npm run build');

  const pkgDir = electronPackageDir();
  if (!pkgDir) fail(UNAVAILABLE);
  let binary = installedBinary(pkgDir);
  if (!binary && (await download())) binary = installedBinary(pkgDir);
  if (!binary) fail(UNAVAILABLE);

  const sqlite = await ensureElectronSqlite({ projectRoot: ROOT, log: (line) => console.log(line) });
  if (!sqlite.ok) fail(sqlite.line);

  // A terminal inside another Electron app (an editor) can leak this into the environment;
  // it would make our Electron behave as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;

  const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env, windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (!child.killed) child.kill(signal);
    });
  }
  child.on('error', (err) => fail(`Loomcast: could not start Electron (${err.message}). Use browser mode instead: npm run web`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((err) => fail(`Loomcast: ${err instanceof Error ? err.message : String(err)}`));
