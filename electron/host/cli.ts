import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isPlatform, type Platform } from '../../shared/domain/platforms';
import { createCore } from '../core';
import { PLATFORM_SUPPORT } from '../core/platforms/registry';
import { createFileLogger } from '../core/log/file-logger';
import { defaultDataDir } from '../core/paths';
import { StoreRefusedError } from '../core/store/errors';
import { createKeyringVault } from '../core/vault/keyring-vault';
import { HostRefusedError, startHost } from './server';

const USAGE = `Usage: npm run web -- [--port P] [--data-dir DIR] [--host 127.0.0.1] [--allow-remote] [--token T] [--api-base platform=url ...]`;

function fail(message: string): never {
  console.error(`Loomcast: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '4917' },
        'data-dir': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-remote': { type: 'boolean', default: false },
        token: { type: 'string' },
        // platform=url, repeatable: point a platform's API at another server (self-hosted, tests).
        'api-base': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${args.port}"`);
  if (args.token !== undefined && args.token.length < 16) fail('--token must be at least 16 characters');

  const platformBaseUrls: Partial<Record<Platform, string>> = {};
  for (const pair of args['api-base'] ?? []) {
    const [platform, url] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    if (!isPlatform(platform) || !/^https?:\/\//.test(url)) fail(`--api-base takes platform=url, e.g. mastodon=http://127.0.0.1:3000, not "${pair}"`);
    platformBaseUrls[platform] = url;
  }

  const dataDir = resolve(args['data-dir'] ?? process.env.LOOMCAST_DATA_DIR ?? defaultDataDir());
  const log = createFileLogger(join(dataDir, 'logs', 'loomcast.log'));
  const vault = createKeyringVault(process.env.LOOMCAST_KEYCHAIN_SERVICE ?? 'Loomcast');

  let core;
  try {
    core = await createCore({
      dataDir,
      vault,
      log,
      mode: 'browser',
      http: fetch,
      ...PLATFORM_SUPPORT,
      platformBaseUrls,
      notifier: { notify: (n) => log.info(`notification: ${n.title}`, { body: n.body }) },
    });
  } catch (err) {
    if (err instanceof StoreRefusedError) fail(err.message);
    throw err;
  }

  const info = await core.info();
  if (!info.vault.available) console.warn(`Loomcast: ${info.vault.message} (${info.vault.details ?? 'no details'})`);

  let host;
  try {
    host = await startHost({
      core,
      log,
      token: args.token ?? randomBytes(24).toString('base64url'),
      staticDir: resolve(__dirname, '../renderer'),
      host: args.host,
      port,
      allowRemote: args['allow-remote'],
    });
  } catch (err) {
    await core.close();
    if (err instanceof HostRefusedError) fail(err.message);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(`port ${port} is in use. Pick another with --port, or --port 0 for any free one.`);
    throw err;
  }

  console.log(`Loomcast is running at ${host.url}`);
  log.info('browser mode listening', { port: host.port, dataDir });

  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => fail(`could not start: ${(err as Error).message}`));
