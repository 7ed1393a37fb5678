import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { Logger } from '../../electron/core/deps';
import { startHost, type RunningHost } from '../../electron/host/server';
import { tempDir } from '../support/core';

const HOST_TOKEN = 'host-token-0123456789abcdef';
/** The calendar link's own secret and a download id: each is the permission, so neither may reach the log. */
const FEED_TOKEN = 'FeedSecret_abcdefghijklmnopqrstu';
const DOWNLOAD_ID = 'DownloadSecret_0123456789abcdefg';

describe('the host’s log when a request fails inside it', () => {
  const lines: string[] = [];
  const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error: (m, f) => void lines.push(`${m} ${JSON.stringify(f)}`) };
  const staticDir = tempDir('loomcast-static-');
  let host: RunningHost;
  let base: string;

  beforeAll(async () => {
    // A core that is reopening (a backup restore, a workspace replace): every part of it fails for a moment.
    const reopening = {
      dispatch: async () => {
        throw new Error('the core is reopening');
      },
      get services(): never {
        throw new Error('The core is reopening; try again in a moment.');
      },
      subscribe: () => () => {},
    } as unknown as Core;
    host = await startHost({ core: reopening, log, token: HOST_TOKEN, staticDir: staticDir.path, port: 0 });
    base = `http://127.0.0.1:${host.port}`;
  });
  afterAll(async () => {
    await host.close();
    staticDir.remove();
  });

  it('names the calendar feed’s route, never its token', async () => {
    lines.length = 0;
    const res = await fetch(`${base}/ical/${FEED_TOKEN}.ics`);
    expect(res.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/ical/');
    expect(lines[0]).not.toContain(FEED_TOKEN);
  });

  it('names the download route, never the one-time id that opens it', async () => {
    lines.length = 0;
    const res = await fetch(`${base}/download/workspace/${DOWNLOAD_ID}`);
    expect(res.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/download/workspace/');
    expect(lines[0]).not.toContain(DOWNLOAD_ID);
  });
});
