/**
 * The fuzz suites' host: the browser-mode HTTP server (electron/host/server.ts, the code that
 * `node out/main/host.js` runs) started in this process around a test core. In-process because
 * it is the same request path — host, dispatcher, handlers, SQLite — without a build and a
 * second Node start; the spawned host adds cli.ts's argument parsing (covered by the host-args
 * tests) and the restartable wrapper around the core, which only matters for restore and replace.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { DATABASE_FILE } from '../../../electron/core';
import type { HttpFetch, Logger } from '../../../electron/core/deps';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { createTestCore, tempDir, type TestCore } from '../../support/core';

export const TOKEN = 'fuzz-token-7f3a9c1e5b2d4f6a8c0e';

/** No network for a fuzzed core: every request fails as a refused connection would, at once. */
export const refusingHttp: HttpFetch = async (input) => {
  const err = new TypeError(`fetch failed (the fuzz allows no network: ${String(input instanceof Request ? input.url : input).slice(0, 80)})`);
  (err as { cause?: unknown }).cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  throw err;
};

export interface FuzzHost {
  t: TestCore;
  host: RunningHost;
  base: string;
  staticDir: string;
  /** Errors the host logged ("host request failed"): each one is a 500 someone got. */
  hostErrors: string[];
  close(): Promise<void>;
}

export async function startFuzzHost(): Promise<FuzzHost> {
  const t = await createTestCore({ http: refusingHttp });
  const staticDir = tempDir('loomcast-fuzz-static-');
  mkdirSync(join(staticDir.path, 'assets'), { recursive: true });
  writeFileSync(join(staticDir.path, 'index.html'), '<!doctype html><title>Loomcast</title>');
  writeFileSync(join(staticDir.path, 'assets', 'app.js'), 'console.log(1)');
  const hostErrors: string[] = [];
  const log: Logger = {
    log() {},
    debug() {},
    info() {},
    warn() {},
    error: (message, fields) => void hostErrors.push(`${message} ${JSON.stringify(fields ?? {}).slice(0, 300)}`),
  };
  const host = await startHost({ core: t.core, log, token: TOKEN, staticDir: staticDir.path, port: 0 });
  return {
    t,
    host,
    base: `http://127.0.0.1:${host.port}`,
    staticDir: staticDir.path,
    hostErrors,
    async close() {
      await host.close();
      await t.close();
      staticDir.remove();
    },
  };
}

/** SQLite's own verdict on the file, read through a second connection as another process would. */
export function integrityCheck(dataDir: string): string {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** The rows behind the given posts and ideas, exactly as stored. */
export function rowsOf(dataDir: string, ids: { posts: string[]; ideas: string[] }): unknown {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const each = (sql: string, list: string[]) => list.map((id) => db.prepare(sql).all(id));
    return {
      posts: each('SELECT * FROM posts WHERE id = ?', ids.posts),
      targets: each('SELECT * FROM targets WHERE post_id = ? ORDER BY id', ids.posts),
      versions: each('SELECT * FROM post_versions WHERE post_id = ? ORDER BY number', ids.posts),
      ideas: each('SELECT * FROM ideas WHERE id = ?', ids.ideas),
    };
  } finally {
    db.close();
  }
}
