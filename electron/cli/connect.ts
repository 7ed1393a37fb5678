/**
 * Finding the running Loomcast: LOOMCAST_URL + LOOMCAST_TOKEN when LOOMCAST_URL is set (a scoped token
 * for a script, another machine's service), else the discovery file of the data folder chosen
 * as the app chooses it: --data-dir > LOOMCAST_DATA_DIR > the folder picked in the app > the
 * OS default.
 */
import { existsSync } from 'node:fs';
import { readPointer, resolveDataDir } from '../core/data-folder';
import { defaultDataDir } from '../core/paths';
import { checkStale, DiscoveryError, readDiscovery, type Discovery } from '../host/discovery';
import { ApiError, createApiClient, EXIT, type Actor, type ApiClient, type FetchLike } from './client';

export interface ConnectOptions {
  dataDir?: string | undefined;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  actor: Actor;
  client: () => string;
  fetch?: FetchLike;
  /** Check that the discovery file's process is alive and its port answers (on by default). */
  checkStale?: boolean;
}

export interface Connection {
  client: ApiClient;
  /** The data folder whose discovery file was read; null with LOOMCAST_URL. */
  dataDir: string | null;
  discovery: Discovery | null;
}

/** The data folder, resolved exactly as the app and browser mode resolve it. */
export function cliDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const defaultDir = defaultDataDir(env, platform);
  let pointer: string | null;
  try {
    pointer = readPointer(defaultDir);
  } catch {
    pointer = '';
  }
  return resolveDataDir({ flag, env, pointer, defaultDir, exists: existsSync }).dir;
}

export async function connect(o: ConnectOptions): Promise<Connection> {
  const url = o.env.LOOMCAST_URL?.trim();
  const token = o.env.LOOMCAST_TOKEN?.trim();
  // LOOMCAST_TOKEN alone is browser mode's own setting (npm run web reads it): the discovery file has that token too.
  if (url) {
    if (!token) throw new ApiError(EXIT.usage, 'LOOMCAST_URL needs LOOMCAST_TOKEN beside it (or unset LOOMCAST_URL to use the discovery file of the data folder).');
    if (!/^https?:\/\/[^/]+\/?$/.test(url)) throw new ApiError(EXIT.usage, `LOOMCAST_URL must be an address such as http://127.0.0.1:4917, not "${url}".`);
    return { client: createApiClient({ url, token, actor: o.actor, client: o.client, fetch: o.fetch }), dataDir: null, discovery: null };
  }
  const dataDir = cliDataDir(o.dataDir, o.env, o.platform);
  let d: Discovery;
  try {
    d = readDiscovery(dataDir, o.platform);
  } catch (err) {
    if (!(err instanceof DiscoveryError)) throw err;
    throw new ApiError(EXIT.notRunning, err.message);
  }
  if (o.checkStale !== false) {
    const s = await checkStale(d);
    if (s.stale) throw new ApiError(EXIT.notRunning, `Loomcast is not running for ${dataDir}: its discovery file is left over from an earlier run (${s.reason}). Start Loomcast again.`);
  }
  return { client: createApiClient({ url: d.url, token: d.token, actor: o.actor, client: o.client, fetch: o.fetch }), dataDir, discovery: d };
}
