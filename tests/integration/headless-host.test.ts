/**
 * `node out/main/host.js --headless …` as systemd would start it (the build comes first, as in
 * `npm test`): the token from a file or the environment, the refusals, and the app saying it is
 * a service. Each start is one real process on its own data folder and keychain service name.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfoDto } from '../../shared/contract';
import { readDiscovery } from '../../electron/host/discovery';
import { tempDir } from '../support/core';

const ROOT = join(__dirname, '..', '..');
const HOST_JS = join(ROOT, 'out', 'main', 'host.js');
const TOKEN = 'service-token-0123456789abcdef';
const SERVICE_LINE = /Loomcast is running as a service on (\S+) at (http:\/\/\S+?\/) /;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, [HOST_JS, '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOOMCAST_TOKEN: undefined, LOOMCAST_DATA_DIR: undefined, LOOMCAST_KEYCHAIN_SERVICE: `loomcast-headless-${process.pid}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** Resolves with the service line's match once printed; rejects if the process ends first. */
function ready(r: Run): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    const check = () => {
      const m = SERVICE_LINE.exec(r.output());
      if (m) done(m);
    };
    r.child.stdout!.on('data', check);
    void r.exited.then((code) => fail(new Error(`host exited (${code}) before it was ready:\n${r.output()}`)));
  });
}

describe('headless service: npm run web -- --headless', () => {
  const runs: Run[] = [];
  const dirs: { path: string; remove(): void }[] = [];
  const dir = () => {
    const d = tempDir('loomcast-headless-');
    dirs.push(d);
    return d.path;
  };
  beforeAll(() => {
    if (!existsSync(HOST_JS)) throw new Error(`${HOST_JS} is missing: run \`npx electron-vite build\` first (npm test does).`);
  });
  afterEach(async () => {
    for (const r of runs.splice(0)) {
      if (r.child.exitCode === null && r.child.signalCode === null) {
        r.child.kill('SIGTERM');
        await r.exited;
      }
    }
    for (const d of dirs.splice(0)) d.remove();
  });

  it('takes the token from a file readable by the user only, keeps it out of its output, and says it is a service on this machine', async () => {
    const data = dir();
    const tokenFile = join(dir(), 'token');
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    const r = run(['--headless', '--data-dir', data, '--token-file', tokenFile]);
    runs.push(r);
    const [, host, base] = await ready(r);
    expect(host).toBe(hostname());
    // The discovery file (for `loomcast` and `loomcast mcp`): the service's address and token, the user's alone.
    const discovery = readDiscovery(data);
    expect(discovery).toMatchObject({ version: 1, url: base!.replace(/\/$/, ''), token: TOKEN, pid: r.child.pid, mode: 'headless' });
    expect(r.output()).not.toContain(TOKEN);
    expect(r.output()).toContain(`with the token from ${tokenFile}`);

    const refused = await fetch(`${base}rpc/app:info`, { method: 'POST', headers: { authorization: 'Bearer wrong-token-0123456789' } });
    expect(refused.status).toBe(401);
    const res = await fetch(`${base}rpc/app:info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    const info = (await res.json()) as AppInfoDto;
    expect(info).toMatchObject({ mode: 'browser', dataDir: data, dataDirSource: 'flag', service: { headless: true, hostname: hostname() } });

    // Its log lines go to stdout (the journal) as well as to the log file.
    expect(r.output()).toMatch(/\[info\] headless service listening/);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    // A clean stop takes the discovery file back.
    expect(existsSync(join(data, 'api.json'))).toBe(false);
  });

  it('takes the token from LOOMCAST_TOKEN', async () => {
    const r = run(['--headless', '--data-dir', dir()], { LOOMCAST_TOKEN: TOKEN });
    runs.push(r);
    const [, , base] = await ready(r);
    expect(r.output()).toContain('with the token from LOOMCAST_TOKEN');
    const res = await fetch(`${base}rpc/app:info`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
  });

  it.skipIf(process.platform === 'win32')('refuses a token file others can read, and a headless start without a token, before opening anything', async () => {
    const data = join(dir(), 'never-created');
    const tokenFile = join(dir(), 'token');
    writeFileSync(tokenFile, TOKEN);
    chmodSync(tokenFile, 0o644);
    const open = run(['--headless', '--data-dir', data, '--token-file', tokenFile]);
    expect(await open.exited).toBe(1);
    expect(open.output()).toContain(`Loomcast: the token file ${tokenFile} can be read by other users (mode 0644), so they could use your Loomcast. Make it yours alone: chmod 600 ${tokenFile}`);

    const none = run(['--headless', '--data-dir', data]);
    expect(await none.exited).toBe(1);
    expect(none.output()).toMatch(/^Loomcast: --headless needs a fixed token/);
    expect(existsSync(data)).toBe(false);
  });
});
