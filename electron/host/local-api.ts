/**
 * The local API as each shell runs it: browser mode publishes the host it started; the desktop
 * shell starts the same loopback host (a random port and token, no window of its own) so agents
 * and scripts reach the desktop app too. Both announce it in the discovery file and take it back
 * at a clean stop.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '../core';
import type { Logger } from '../core/deps';
import { discoveryFor, removeDiscovery, writeDiscovery, type DiscoveryMode } from './discovery';
import { startHost, type RunningHost } from './server';

export interface Published {
  file: string | null;
  /** Removes the discovery file if it still names this process. */
  unpublish(): void;
}

/** Writes the discovery file for a running host; a failure is logged, never fatal (the app works without it). */
export function publishLocalApi(o: { dataDir: string; host: RunningHost; token: string; mode: DiscoveryMode; log: Logger; pid?: number; now?: () => Date }): Published {
  const pid = o.pid ?? process.pid;
  let file: string | null = null;
  // The address it listens on; a host on every interface is reached through loopback.
  const url = new URL(o.host.url).origin.replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://[::1]:');
  try {
    file = writeDiscovery(o.dataDir, discoveryFor({ port: o.host.port, token: o.token, pid, mode: o.mode, startedAt: (o.now ?? (() => new Date()))(), url }));
    o.log.info('local API announced in the discovery file', { file, port: o.host.port, mode: o.mode });
  } catch (err) {
    o.log.warn('the discovery file could not be written: the loomcast command will not find this Loomcast', { error: err as Error });
  }
  return {
    file,
    unpublish: () => {
      try {
        removeDiscovery(o.dataDir, { pid, port: o.host.port });
      } catch (err) {
        o.log.warn('the discovery file could not be removed', { error: err as Error });
      }
    },
  };
}

export interface DesktopApi {
  host: RunningHost;
  published: Published;
  stop(): Promise<void>;
}

/**
 * The desktop shell's local API: loopback only, any free port, a fresh random token per run
 * (the discovery file, readable by the creator alone, hands it to their own tools).
 */
export async function startDesktopApi(o: { core: Core; log: Logger; dataDir: string; staticDir: string; token?: string }): Promise<DesktopApi> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const host = await startHost({ core: o.core, log: o.log, token, staticDir: o.staticDir, host: '127.0.0.1', port: 0 });
  const published = publishLocalApi({ dataDir: o.dataDir, host, token, mode: 'desktop', log: o.log });
  return {
    host,
    published,
    stop: async () => {
      published.unpublish();
      await host.close();
    },
  };
}
