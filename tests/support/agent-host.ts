/**
 * A running Loomcast for the `loomcast` CLI and MCP tests: a test core, the browser-mode host on
 * a free loopback port, and the discovery file in its data folder. Every request's naming headers
 * are recorded through `fetch`, the client side's own network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { FetchLike } from '../../electron/cli/client';
import { discoveryFor, writeDiscovery } from '../../electron/host/discovery';
import { startHost, type RunningHost } from '../../electron/host/server';
import { createTestCore, type TestCore } from './core';

export const ZONE = 'Europe/Berlin';
export const TOKEN = 'agent-test-token-0123456789abcdef';

export interface SeenRequest {
  channel: string;
  actor: string | undefined;
  client: string | undefined;
}

export interface AgentHost {
  t: TestCore;
  host: RunningHost;
  /** A folder for files the test writes (CSV to import, exports). */
  files: string;
  seen: SeenRequest[];
  fetch: FetchLike;
  bluesky: string;
  mastodon: string;
  /** A local day (YYYY-MM-DD in ZONE) `days` after the fake clock's today. */
  day(days: number): string;
  close(): Promise<void>;
}

export async function startAgentHost(): Promise<AgentHost> {
  const t = await createTestCore({ zone: ZONE });
  const bluesky = (await t.core.services.accounts.add({ platform: 'bluesky', handle: 'me.bsky.social', credentials: { accessToken: 'a' } })).id;
  const mastodon = (await t.core.services.accounts.add({ platform: 'mastodon', handle: 'me@example.social', credentials: { accessToken: 'b' } })).id;
  const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
  const host = await startHost({ core: t.core, log: quiet, token: TOKEN, staticDir: t.dataDir, port: 0 });
  writeDiscovery(t.dataDir, discoveryFor({ port: host.port, token: TOKEN, pid: process.pid, mode: 'browser', startedAt: new Date(t.clock.now()) }));
  const files = mkdtempSync(join(tmpdir(), 'loomcast-agent-files-'));
  const seen: SeenRequest[] = [];
  const recording: FetchLike = (url, init) => {
    seen.push({ channel: url.replace(/^.*\/rpc\//, ''), actor: init.headers['x-loomcast-actor'], client: init.headers['x-loomcast-client'] });
    return fetch(url, init);
  };
  return {
    t,
    host,
    files,
    seen,
    fetch: recording,
    bluesky,
    mastodon,
    day: (days) => DateTime.fromMillis(t.clock.now(), { zone: ZONE }).plus({ days }).toFormat('yyyy-LL-dd'),
    close: async () => {
      await host.close();
      await t.close();
      rmSync(files, { recursive: true, force: true });
    },
  };
}
