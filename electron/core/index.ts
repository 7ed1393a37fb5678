import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json';
import type { AppInfoDto } from '../../shared/contract';
import { systemZone } from '../../shared/domain/time';
import { createAccountsService } from './accounts/accounts-service';
import { createAudit } from './audit';
import { systemClock, type Clock, type HttpFetch, type Logger, type Notifier, type Vault } from './deps';
import { createEventBus, type EventListener } from './events';
import { createPostsRepo } from './posts/posts-repo';
import { createPostsService } from './posts/posts-service';
import { createDispatcher, type Dispatch } from './rpc/dispatcher';
import { createSettingsService } from './settings/settings-service';
import { openStore } from './store/open';

export interface CoreOptions {
  dataDir: string;
  vault: Vault;
  notifier: Notifier;
  log: Logger;
  clock?: Clock;
  /** All network traffic of the platform clients goes through this. */
  http?: HttpFetch;
  mode: 'desktop' | 'browser';
  /** The zone Settings starts with; the operating system's by default. */
  defaultZone?: string;
}

export interface Core {
  dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  info(): Promise<AppInfoDto>;
  /** The machine woke or the clock jumped: re-evaluate what is due. */
  resume(): void;
  close(): void;
  /** Internal services, for the shells and tests; never exposed over IPC as such. */
  services: {
    accounts: ReturnType<typeof createAccountsService>;
    posts: ReturnType<typeof createPostsService>;
    settings: ReturnType<typeof createSettingsService>;
  };
}

export const DATABASE_FILE = 'loomcast.sqlite';

/** The one way to make a Loomcast core: every dependency comes in through `opts`. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const { log, vault } = opts;
  mkdirSync(opts.dataDir, { recursive: true });
  const databasePath = join(opts.dataDir, DATABASE_FILE);
  const store = openStore(databasePath, undefined, () => clock.now());
  const { db } = store;

  const events = createEventBus();
  const audit = createAudit(db, () => clock.now());
  const settings = createSettingsService({ db, audit, events, log, defaults: { timeZone: opts.defaultZone ?? systemZone(), theme: 'system', missedGraceMinutes: 120, missedAction: 'hold' } });
  const posts = createPostsService({ db, repo: createPostsRepo(db), audit, events, clock, zone: () => settings.get().timeZone });
  const accounts = createAccountsService({ db, vault, audit, events, clock, log });

  const vaultStatus = await vault.status();
  if (!vaultStatus.available) log.warn('keychain unavailable; accounts cannot be connected', { reason: vaultStatus.reason });

  const info = async (): Promise<AppInfoDto> => {
    const s = await vault.status();
    return {
      name: 'Loomcast',
      version: pkg.version,
      mode: opts.mode,
      dataDir: opts.dataDir,
      databasePath,
      schemaVersion: store.schemaVersion,
      systemTimeZone: systemZone(),
      vault: { available: s.available, message: s.available ? null : s.reason },
    };
  };

  const dispatch = createDispatcher(
    {
      'app:info': () => info(),
      'settings:get': () => settings.get(),
      'settings:update': (patch) => settings.update(patch),
      'posts:list': ({ scope }) => posts.list(scope),
      'posts:get': ({ id }) => posts.get(id),
      'posts:create': (input) => posts.create(input),
      'posts:update': (input) => posts.update(input),
      'posts:delete': ({ id }) => posts.delete(id),
      'posts:versions': ({ id }) => posts.versions(id),
      'accounts:list': () => accounts.list(),
    },
    log,
  );

  log.info('core started', { dataDir: opts.dataDir, schemaVersion: store.schemaVersion, mode: opts.mode });

  return {
    dispatch,
    subscribe: events.subscribe,
    info,
    resume() {
      log.info('resume: re-evaluating due work');
    },
    close() {
      store.close();
      log.info('core stopped');
    },
    services: { accounts, posts, settings },
  };
}
