import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const HOST_JS = join(ROOT, 'out/main/host.js');
const READY = /Loomcast is running at (http:\/\/\S+)/;
const START_TIMEOUT_MS = 30_000;

export interface RunningHost {
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** The URL the host printed, with ?token=. */
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Stops the process (SIGTERM, then SIGKILL if it lingers); the data dir stays. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a data dir (to restart on the same data); a new temp dir by default. */
  dataDir?: string;
  /** The keychain service name; unique per test so no test sees another's secrets. */
  keychainService?: string;
  /** Points a platform's API at a fake (`--api-base platform=url`), e.g. { x: fake.url }. */
  apiBase?: Record<string, string>;
  /** More command-line arguments, e.g. ['--import-workspace', file]. */
  args?: string[];
  /** More environment variables for the host process. */
  env?: Record<string, string>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'loomcast-e2e-'));
}

export async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Starts `node out/main/host.js --port 0 --data-dir DIR` and waits for its one line on stdout. */
export async function startHost(opts: StartOptions = {}): Promise<RunningHost> {
  if (!existsSync(HOST_JS)) throw new Error(`${HOST_JS} is missing: run \`npx electron-vite build\` first (npm test does).`);
  const dataDir = opts.dataDir ?? (await makeDataDir());
  const service = opts.keychainService ?? `loomcast-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
  const apiBase = Object.entries(opts.apiBase ?? {}).flatMap(([platform, url]) => ['--api-base', `${platform}=${url}`]);
  // Link cards read the specs' local test sites (the app reads public sites only).
  const child = spawn(process.execPath, [HOST_JS, '--port', '0', '--data-dir', dataDir, '--link-cards-on-loopback', ...apiBase, ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, LOOMCAST_KEYCHAIN_SERVICE: service },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`host did not start within ${START_TIMEOUT_MS} ms. Output:\n${output}`)), START_TIMEOUT_MS);
    let ready = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = ready ? null : READY.exec(output);
      if (match) {
        ready = true;
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`host exited (${code ?? signal}) before it was ready. Output:\n${output}`));
    });
  });
  // The listeners above keep draining the pipes (and keep the output for output()).

  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    },
  };
}

/** Calls the host's RPC the way a script would: POST /rpc/<channel> with the bearer token. */
export async function rpc<T = unknown>(host: RunningHost, channel: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${host.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${channel} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}
