import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStale, discoveryFor, discoveryPath, parseDiscovery, portAnswers, readDiscovery, removeDiscovery, writeDiscovery, type DiscoveryError } from '../../electron/host/discovery';

const POSIX = process.platform !== 'win32';
const d = (o: Partial<{ port: number; pid: number }> = {}) => discoveryFor({ port: o.port ?? 4917, token: 'a-token-of-sixteen-chars', pid: o.pid ?? 4242, mode: 'browser', startedAt: new Date(Date.UTC(2026, 10, 23, 9)) });

describe('the discovery file', () => {
  const dirs: string[] = [];
  const dir = () => {
    const p = mkdtempSync(join(tmpdir(), 'loomcast-discovery-'));
    dirs.push(p);
    return p;
  };
  afterEach(() => {
    for (const p of dirs.splice(0)) rmSync(p, { recursive: true, force: true });
  });

  it('says where the local API is, in the shape the interface fixes', () => {
    expect(d()).toEqual({ version: 1, url: 'http://127.0.0.1:4917', port: 4917, token: 'a-token-of-sixteen-chars', pid: 4242, mode: 'browser', startedAt: '2026-11-23T09:00:00.000Z' });
  });

  it('is written whole and owner-only, read back, and removed only while it is still ours', () => {
    const p = dir();
    const file = writeDiscovery(p, d());
    expect(file).toBe(discoveryPath(p));
    if (POSIX) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(p)).toEqual(['api.json']);
    expect(readDiscovery(p)).toEqual(d());
    // Another Loomcast wrote its own since: ours is not removed from under it.
    writeDiscovery(p, d({ pid: 999, port: 5000 }));
    expect(removeDiscovery(p, { pid: 4242, port: 4917 })).toBe(false);
    expect(readDiscovery(p).pid).toBe(999);
    expect(removeDiscovery(p, { pid: 999, port: 5000 })).toBe(true);
    expect(readdirSync(p)).toEqual([]);
    expect(removeDiscovery(p, { pid: 999, port: 5000 })).toBe(false);
  });

  it('makes a file owner-only even where an older one was readable by others', () => {
    if (!POSIX) return;
    const p = dir();
    writeFileSync(join(p, 'api.json'), '{}', { mode: 0o644 });
    writeDiscovery(p, d());
    expect(statSync(join(p, 'api.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses with a typed error: missing, readable by others, malformed', () => {
    const p = dir();
    const problem = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return [(err as DiscoveryError).problem, (err as Error).message];
      }
      throw new Error('no error');
    };
    expect(problem(() => readDiscovery(p))).toEqual(['missing', expect.stringContaining('Loomcast is not running for the data folder')]);
    writeDiscovery(p, d());
    if (POSIX) {
      chmodSync(join(p, 'api.json'), 0o640);
      expect(problem(() => readDiscovery(p))).toEqual(['insecure', expect.stringContaining('can be read by other users (mode 0640)')]);
      chmodSync(join(p, 'api.json'), 0o600);
    }
    writeFileSync(join(p, 'api.json'), 'not json', { mode: 0o600 });
    expect(problem(() => readDiscovery(p))).toEqual(['malformed', expect.stringContaining('it is not JSON')]);
    const bad = (patch: Record<string, unknown>) => problem(() => parseDiscovery(JSON.stringify({ ...d(), ...patch })));
    expect(bad({ version: 2 })[1]).toMatch(/version 2/);
    expect(bad({ port: 70000 })[1]).toMatch(/"port"/);
    expect(bad({ token: 'short' })[1]).toMatch(/"token"/);
    expect(bad({ mode: 'server' })[1]).toMatch(/"mode"/);
    expect(bad({ url: 'ftp://x' })[1]).toMatch(/"url"/);
    expect(bad({ pid: -1 })[1]).toMatch(/"pid"/);
    expect(bad({ startedAt: 'yesterday' })[1]).toMatch(/"startedAt"/);
    expect(problem(() => parseDiscovery('[1]'))[1]).toMatch(/not an object/);
  });

  it('tells a stale file: its process gone, or its port silent', async () => {
    expect(await checkStale(d(), { alive: () => false, answers: async () => true })).toEqual({ stale: true, reason: expect.stringContaining('process 4242') });
    expect(await checkStale(d(), { alive: () => true, answers: async () => false })).toEqual({ stale: true, reason: expect.stringContaining('port 4917') });
    expect(await checkStale(d(), { alive: () => true, answers: async () => true })).toEqual({ stale: false });
    // The real probes: this process is alive, and a listening port answers while a closed one does not.
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    expect(await checkStale(d({ pid: process.pid, port }))).toEqual({ stale: false });
    await new Promise((r) => server.close(r));
    expect(await portAnswers(port)).toBe(false);
  });
});
