import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../../electron/core/deps';
import type { AuthLimitOptions } from '../../electron/host/auth-limiter';
import { startHost, type RunningHost } from '../../electron/host/server';
import { createTestCore, tempDir, type TestCore, type TestCoreOptions } from './core';

const silent: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

export interface HostOverCore {
  t: TestCore;
  host: RunningHost;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string;
  /** The folder the host serves the renderer from. */
  staticDir: string;
  close(): Promise<void>;
}

/**
 * Browser mode's host over a fresh test core on a free loopback port, as the suites that call the
 * local API over HTTP need it. `files`: what the static folder holds (path → contents).
 */
export async function hostOverTestCore(o: { token: string; core?: TestCoreOptions; files?: Record<string, string>; log?: Logger; authLimit?: AuthLimitOptions }): Promise<HostOverCore> {
  const dir = tempDir('loomcast-static-');
  for (const [path, text] of Object.entries(o.files ?? {})) {
    mkdirSync(dirname(join(dir.path, path)), { recursive: true });
    writeFileSync(join(dir.path, path), text);
  }
  const t = await createTestCore(o.core);
  const host = await startHost({ core: t.core, log: o.log ?? silent, token: o.token, staticDir: dir.path, port: 0, authLimit: o.authLimit });
  return {
    t,
    host,
    base: `http://127.0.0.1:${host.port}`,
    staticDir: dir.path,
    async close() {
      await host.close();
      await t.close();
      dir.remove();
    },
  };
}
