#!/usr/bin/env node
/**
 * Makes sure an Electron build of better-sqlite3 is in the cache, for `npm start` (the host's
 * platform and arch) and for `npm run dist` (scripts/after-pack.mjs, per packaged arch):
 *
 *   node scripts/ensure-electron-sqlite.mjs [--platform linux] [--arch x64]
 *
 * 1. a cached binary for this better-sqlite3 + Electron + platform + arch is used as is;
 * 2. otherwise prebuild-install downloads better-sqlite3's own prebuilt Electron binary
 *    (from GitHub, or npm_config_better_sqlite3_binary_host);
 * 3. otherwise @electron/rebuild compiles it (Electron's headers, Python and a C++ toolchain).
 * Both run on a COPY of node_modules/better-sqlite3 in a scratch folder, so the package's own
 * build/ (Node's ABI, used by the tests and browser mode) is never touched. When every step
 * fails, one line says why and points to browser mode; the tools' output goes to a log file.
 * Decisions come from scripts/lib/electron-sqlite.mjs (pure, unit-tested).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheTarget, defaultCacheRoot, describeTarget, giveUpLine, planElectronSqlite, rebuildArgs } from './lib/electron-sqlite.mjs';

const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = join(SCRIPT_DIR, '..');
const toolRequire = createRequire(import.meta.url);

/** A download that has not finished in 2 minutes will not; compiling SQLite takes a few. */
const PREBUILD_TIMEOUT_MS = 2 * 60_000;
const REBUILD_TIMEOUT_MS = 20 * 60_000;

function readVersion(packageJson) {
  try {
    return JSON.parse(readFileSync(packageJson, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Runs a Node script, its output captured (for the log), killed when it overstays. */
function runNode(script, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    const collect = (chunk) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, output: `${output}\n${err.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output, timedOut });
    });
  });
}

// eslint-disable-next-line no-control-regex -- terminal colour codes in the tools' output
const ANSI = /\u001b\[[0-9;]*m/g;

/** The line of a tool's output that says what went wrong, short enough for one line. */
export function failureReason(output, { timedOut = false, timeoutMs = 0 } = {}) {
  if (timedOut) return `gave up after ${Math.round(timeoutMs / 1000)} s without an answer`;
  const text = output.replace(ANSI, '');
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^at /.test(l));
  let reason;
  if (/related to network connectivity/.test(text)) reason = "Electron's headers could not be downloaded: no network connection";
  else if (/find Python/i.test(text)) reason = 'Python, which node-gyp needs, was not found';
  else {
    const warn = lines.filter((l) => /^prebuild-install (warn|error)/.test(l)).at(-1);
    const gyp = lines.find((l) => /^gyp ERR! (stack )?Error:/.test(l) || /^gyp ERR! (configure|build) error/.test(l));
    const error = lines.find((l) => /^Error:/.test(l));
    reason = warn ?? gyp ?? error ?? lines.at(-1) ?? 'no output';
  }
  const cleaned = reason
    .replace(/^prebuild-install (warn|info|error) (install )?/i, '')
    .replace(/^gyp ERR! (stack )?/i, '')
    .replace(/^Error: /, '');
  return cleaned.length > 160 ? `${cleaned.slice(0, 157)}…` : cleaned;
}

/** node-gyp keeps Electron's headers here (@electron/rebuild's ELECTRON_GYP_DIR). */
function headersCached(electronVersion, env) {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  return Boolean(electronVersion) && existsSync(join(home, '.electron-gyp', electronVersion, 'include', 'node', 'node.h'));
}

function builtBinary(copyDir) {
  const file = join(copyDir, 'build', 'Release', 'better_sqlite3.node');
  return existsSync(file) && statSync(file).size > 0 ? file : null;
}

/**
 * A scratch project in the temp folder holding a copy of better-sqlite3 without its Node build.
 * Outside the repo, and with a lockfile of its own, because @electron/rebuild walks up to the
 * nearest lockfile and rebuilds every better-sqlite3 it meets on the way — the repo's included.
 */
function prepareCopy(sourceDir, sqliteVersion) {
  const workDir = mkdtempSync(join(tmpdir(), 'loomcast-electron-sqlite-'));
  const copyDir = join(workDir, 'node_modules', 'better-sqlite3');
  const skip = [join(sourceDir, 'build'), join(sourceDir, 'prebuilds')];
  cpSync(sourceDir, copyDir, { recursive: true, filter: (src) => !skip.some((s) => src === s || src.startsWith(s + sep)) });
  writeFileSync(
    join(workDir, 'package.json'),
    JSON.stringify({ name: 'loomcast-electron-sqlite', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2),
  );
  writeFileSync(join(workDir, 'package-lock.json'), JSON.stringify({ name: 'loomcast-electron-sqlite', lockfileVersion: 3, requires: true, packages: {} }));
  return { workDir, copyDir };
}

/** Into the cache in one rename, so a half-copied file is never taken for a binary. */
function install(file, binary) {
  mkdirSync(dirname(binary), { recursive: true });
  const tmp = `${binary}.${process.pid}.tmp`;
  copyFileSync(file, tmp);
  renameSync(tmp, binary);
}

/**
 * Returns { ok: true, binary, source: 'cache' | 'prebuild-install' | 'rebuild' } or
 * { ok: false, line }. Options override what is read from the project (tests use a scratch one).
 */
export async function ensureElectronSqlite(opts = {}) {
  const projectRoot = opts.projectRoot ?? PROJECT_ROOT;
  const sourceDir = join(projectRoot, 'node_modules', 'better-sqlite3');
  const target = {
    sqliteVersion: readVersion(join(sourceDir, 'package.json')),
    electronVersion: opts.electronVersion ?? readVersion(join(projectRoot, 'node_modules', 'electron', 'package.json')),
    platform: opts.platform ?? process.platform,
    arch: opts.arch ?? process.arch,
    cacheRoot: opts.cacheRoot ?? defaultCacheRoot(projectRoot),
  };
  const env = { ...process.env, ...opts.env };
  const say = opts.log ?? (() => {});
  const timeouts = { prebuild: opts.prebuildTimeoutMs ?? PREBUILD_TIMEOUT_MS, rebuild: opts.rebuildTimeoutMs ?? REBUILD_TIMEOUT_MS };
  const sourceReady = existsSync(join(sourceDir, 'package.json')) && existsSync(join(sourceDir, 'binding.gyp'));
  const failures = [];
  const logFile = join(target.cacheRoot, 'better-sqlite3', 'last-attempt.log');
  const transcript = [];
  let workDir = null;

  try {
    for (;;) {
      const cached = Boolean(target.sqliteVersion && target.electronVersion) && existsSync(cacheTarget(target).binary);
      const step = planElectronSqlite(target, { cached, sourceReady, failures, hostPlatform: process.platform, headersCached: headersCached(target.electronVersion, env), logFile: transcript.length ? logFile : undefined });
      if (step.action === 'use-cache') return { ok: true, binary: step.binary, source: 'cache' };
      if (step.action === 'give-up') return { ok: false, line: step.line };

      if (!workDir) workDir = prepareCopy(sourceDir, target.sqliteVersion).workDir;
      const copyDir = join(workDir, 'node_modules', 'better-sqlite3');
      let result;
      if (step.action === 'prebuild-install') {
        say(`Loomcast: fetching ${describeTarget(target)} (first run with this Electron only)…`);
        result = await runNode(toolRequire.resolve('prebuild-install/bin.js'), step.args, { cwd: copyDir, env, timeoutMs: timeouts.prebuild });
      } else {
        say('Loomcast: no prebuilt binary; compiling it with @electron/rebuild (needs Python and a C++ compiler; a few minutes)…');
        // An ESM-only package whose exports hide package.json: find its CLI beside its entry point.
        const cli = join(dirname(fileURLToPath(import.meta.resolve('@electron/rebuild'))), 'cli.js');
        result = await runNode(cli, rebuildArgs({ ...target, workDir }), { cwd: workDir, env, timeoutMs: timeouts.rebuild });
      }
      transcript.push(`$ ${step.action} in ${copyDir}\n${result.output}`);
      mkdirSync(dirname(logFile), { recursive: true });
      writeFileSync(logFile, transcript.join('\n\n'));
      const built = result.code === 0 ? builtBinary(copyDir) : null;
      if (built) {
        install(built, step.binary);
        return { ok: true, binary: step.binary, source: step.action };
      }
      const reason = result.code === 0 ? 'it finished without producing build/Release/better_sqlite3.node' : failureReason(result.output, { timedOut: result.timedOut, timeoutMs: step.action === 'rebuild' ? timeouts.rebuild : timeouts.prebuild });
      failures.push({ step: step.action, reason });
    }
  } catch (err) {
    return { ok: false, line: giveUpLine(target, err instanceof Error ? err.message : String(err)) };
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
}

function argValue(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await ensureElectronSqlite({ platform: argValue('platform'), arch: argValue('arch'), log: (m) => console.log(m) });
  if (result.ok) console.log(result.binary);
  else {
    console.error(result.line);
    process.exitCode = 1;
  }
}
