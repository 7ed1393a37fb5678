/**
 * What the bench scripts share: building the app when out/ is older than the sources, and
 * starting the browser-mode host (out/main/host.js) on a data folder in its own process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const HOST_JS = join(ROOT, 'out/main/host.js');

/** The newest modification time under a folder (the sources a build is made from). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function buildIfNeeded() {
  const sources = Math.max(...['renderer', 'electron', 'shared'].map((d) => newest(join(ROOT, d))));
  if (existsSync(HOST_JS) && statSync(HOST_JS).mtimeMs >= sources) return;
  console.log('Building the app first (out/ is missing or older than the sources)…');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('electron-vite build failed');
}

/**
 * Starts out/main/host.js on `dataDir`; resolves with its process, URL, origin and token. With
 * `inspect`, the host also listens for a debugger on a free loopback port (`inspector`: its
 * WebSocket URL), so the bench can ask it for a full garbage collection.
 */
export function startHost(dataDir, { inspect = false } = {}) {
  const child = spawn(process.execPath, [...(inspect ? ['--inspect=127.0.0.1:0'] : []), HOST_JS, '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, LOOMCAST_KEYCHAIN_SERVICE: `loomcast-bench-${randomBytes(4).toString('hex')}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`the host did not start in 60 s:\n${out}`)), 60_000);
    const onData = (c) => {
      out += c;
      const m = /Loomcast is running at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.resume();
      child.stderr.resume();
      const url = new URL(m[1]);
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1] ?? null;
      done({ child, url: m[1], origin: url.origin, token: url.searchParams.get('token') ?? '', inspector });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the host exited (${code}):\n${out}`));
    });
  });
}

/** Stops a host started above and waits for its process to end. */
export function stopHost(host) {
  if (host.child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    host.child.once('exit', () => done());
    host.child.kill('SIGTERM');
  });
}

export async function rpc(host, channel, input) {
  const res = await fetch(`${host.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * A full garbage collection in a host started with `inspect`, through its debugger
 * (HeapProfiler.collectGarbage, twice). Node 20 has WebSocket behind a flag, so a short child
 * process does it.
 */
export function collectGarbage(host) {
  if (!host.inspector) throw new Error('the host was not started with inspect');
  const code = `const ws = new WebSocket(process.argv[1]); let n = 0;
ws.onopen = () => ws.send(JSON.stringify({ id: ++n, method: 'HeapProfiler.collectGarbage' }));
ws.onmessage = () => (n < 2 ? ws.send(JSON.stringify({ id: ++n, method: 'HeapProfiler.collectGarbage' })) : (ws.close(), process.exit(0)));
ws.onerror = () => process.exit(1);
setTimeout(() => process.exit(2), 30000);`;
  const r = spawnSync(process.execPath, ['--experimental-websocket', '--no-warnings', '-e', code, host.inspector], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`the garbage collection through the debugger failed (${r.status})`);
}
