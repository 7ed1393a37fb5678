import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../core';
import { readPointer } from '../core/data-folder';
import { PLATFORM_SUPPORT } from '../core/platforms/registry';
import { createFileLogger } from '../core/log/file-logger';
import { defaultDataDir } from '../core/paths';
import { createRestartableCore } from '../core/restartable';
import { StoreRefusedError } from '../core/store/errors';
import { backupDate, stageLatestBackup } from '../core/store/recovery';
import { createKeyringVault } from '../core/vault/keyring-vault';
import { importWorkspace, WorkspaceArchiveError } from '../core/workspace';
import { parseHostArgs, USAGE } from './args';
import { publishLocalApi } from './local-api';
import { HostRefusedError, startHost } from './server';

function fail(message: string): never {
  console.error(`Loomcast: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const defaultDir = defaultDataDir();
  const parsed = parseHostArgs(process.argv.slice(2), {
    env: process.env,
    platform: process.platform,
    defaultDir,
    pointer: () => readPointer(defaultDir),
    exists: existsSync,
    readTokenFile: (path) => {
      const st = statSync(path);
      return { text: st.isFile() ? readFileSync(path, 'utf8') : '', mode: st.mode, isFile: st.isFile() };
    },
  });
  if (!parsed.ok) fail(parsed.message);
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const args = parsed.args;
  for (const w of args.warnings) console.warn(`Loomcast: ${w}`);
  const { dataDir } = args;
  if (args.importWorkspace !== null) {
    const archive = resolve(args.importWorkspace);
    try {
      const r = await importWorkspace(archive, dataDir);
      const c = r.manifest.counts;
      console.log(`Loomcast: imported ${c.posts ?? 0} posts, ${c.media ?? 0} media files and ${c.accounts ?? 0} accounts into ${dataDir}.`);
      if (r.accountsToReconnect > 0) console.log(`Loomcast: ${r.accountsToReconnect} account${r.accountsToReconnect === 1 ? ' needs' : 's need'} reconnecting: sign-ins are not part of a workspace archive.`);
    } catch (err) {
      if (err instanceof WorkspaceArchiveError) fail(`nothing was imported: ${err.message}`);
      throw err;
    }
  }
  // A service's output goes to its journal: there, every line the log file gets goes to stdout too.
  const log = createFileLogger(join(dataDir, 'logs', 'loomcast.log'), args.headless ? { consoleLevel: 'info' } : {});
  const vault = createKeyringVault(process.env.LOOMCAST_KEYCHAIN_SERVICE ?? 'Loomcast');

  if (args.restoreLatestBackup) {
    const backup = stageLatestBackup(dataDir);
    if (!backup) fail(`there is no backup that passes its integrity check in ${join(dataDir, 'backups')}, so nothing was restored.`);
    console.log(`Loomcast: restoring the backup from ${backupDate(backup.takenAt)} (${backup.name}). The database it replaces is kept: backed up if sound, renamed aside if damaged.`);
  }

  let core;
  try {
    // Restartable: a restore from Settings reopens the core on the restored file under the running server.
    core = await createRestartableCore(
      (requestRestart) =>
        createCore({
          dataDir,
          dataDirSource: args.dataDirSource,
          headless: args.headless,
          requestRestart,
          vault,
          log,
          mode: 'browser',
          http: fetch,
          // Platform requests leave from a worker thread, as in the desktop app.
          networkWorker: true,
          // And the database's checkpoints on a thread of their own, as in the desktop app.
          checkpointThread: true,
          ...PLATFORM_SUPPORT,
          platformBaseUrls: args.platformBaseUrls,
          linkCardsOnLoopback: args.linkCardsOnLoopback,
          notifier: { notify: (n) => log.info(`notification: ${n.title}`, { body: n.body }) },
        }),
      log,
    );
  } catch (err) {
    if (err instanceof StoreRefusedError) fail(err.message);
    throw err;
  }

  const info = await core.info();
  if (!info.vault.available) {
    console.warn(`Loomcast: ${info.vault.message} (${info.vault.details ?? 'no details'})`);
    if (args.headless) console.warn('Loomcast: a service needs an unlocked keychain (Secret Service) in its session to publish to connected accounts; see the README’s headless section.');
  }

  let host;
  const token = args.token ?? randomBytes(24).toString('base64url');
  try {
    host = await startHost({
      core,
      log,
      token,
      staticDir: resolve(__dirname, '../renderer'),
      host: args.host,
      port: args.port,
      allowRemote: args.allowRemote,
    });
  } catch (err) {
    await core.close();
    if (err instanceof HostRefusedError) fail(err.message);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(`port ${args.port} is in use. Pick another with --port, or --port 0 for any free one.`);
    throw err;
  }

  // The `loomcast` command and `loomcast mcp` find this host through <dataDir>/api.json.
  const published = publishLocalApi({ dataDir, host, token, mode: args.headless ? 'headless' : 'browser', log });

  if (args.headless) {
    // The journal is no place for the token: the address is printed without it.
    const address = host.url.replace(/\?token=.*$/, '');
    console.log(`Loomcast is running as a service on ${hostname()} at ${address} (data folder ${dataDir}). Open ${address}?token=… with the token from ${args.tokenFrom}.`);
    log.info('headless service listening', { port: host.port, dataDir, tokenFrom: args.tokenFrom });
  } else {
    console.log(`Loomcast is running at ${host.url}`);
    log.info('browser mode listening', { port: host.port, dataDir });
  }

  const stop = async (signal: string) => {
    log.info('stopping', { signal });
    published.unpublish();
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => fail(`could not start: ${(err as Error).message}`));
