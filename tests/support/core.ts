import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core';
import type { Logger, Notification, Vault } from '../../electron/core/deps';
import { createFileLogger } from '../../electron/core/log/file-logger';
import { FakeClock } from './clock';
import { createRestartableCore, type RestartableCore } from '../../electron/core/restartable';
import type { RpcErrorBody } from '../../shared/contract';

export function tempDir(prefix = 'loomcast-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A vault for tests that are not about the keychain; the keychain itself is tested for real. */
export function memoryVault(): Vault & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    status: async () => ({ available: true }),
    set: async (id, secret) => void entries.set(id, secret),
    get: async (id) => entries.get(id) ?? null,
    delete: async (id) => entries.delete(id),
  };
}

export function unavailableVault(reason = 'No system keychain is available (test).'): Vault {
  const refuse = async (): Promise<never> => {
    throw new Error(reason);
  };
  return { status: async () => ({ available: false, reason }), set: refuse, get: refuse, delete: refuse };
}

/** A real flush of a file on the calling thread (the app flushes a claim's WAL in the thread pool). */
export async function flushHere(path: string): Promise<void> {
  const fd = openSync(path, 'r+');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface TestCore {
  core: Core;
  clock: FakeClock;
  dataDir: string;
  logFile: string;
  notifications: Notification[];
  /** Closes this core and opens a new one on the same data dir, as a restart would. */
  restart(): Promise<TestCore>;
  close(): Promise<void>;
}

export interface TestCoreOptions {
  dataDir?: string;
  vault?: Vault;
  clock?: FakeClock;
  log?: Logger;
  zone?: string;
  /** The locale Settings starts with; en-GB ("Mon 7 Dec, 14:30") so messages read the same on any machine. */
  locale?: string;
  clients?: CoreOptions['clients'];
  platformBaseUrls?: CoreOptions['platformBaseUrls'];
  publishing?: CoreOptions['publishing'];
  /** The network the core sees; without it, the real one. */
  http?: CoreOptions['http'];
  /** Send platform requests from the network worker, as the shells do. */
  networkWorker?: boolean;
  /** Checkpoint the database from its own thread, as the shells do. */
  checkpointThread?: boolean;
  /** Let link cards read this machine's test sites (on 127.0.0.1); off, as in the app, unless asked. */
  linkCardsOnLoopback?: boolean;
}

export async function createTestCore(opts: TestCoreOptions = {}): Promise<TestCore> {
  const dir = opts.dataDir ?? tempDir().path;
  const clock = opts.clock ?? new FakeClock();
  const vault = opts.vault ?? memoryVault();
  const logFile = join(dir, 'logs', 'loomcast.log');
  const log = opts.log ?? createFileLogger(logFile, { now: () => clock.now(), consoleLevel: 'silent' });
  const notifications: Notification[] = [];
  const core = await createCore({
    dataDir: dir,
    vault,
    clock,
    log,
    mode: 'browser',
    defaultZone: opts.zone ?? 'Europe/Berlin',
    defaultLocale: opts.locale ?? 'en-GB',
    notifier: { notify: (n) => notifications.push(n) },
    ...(opts.clients ? { clients: opts.clients } : {}),
    ...(opts.platformBaseUrls ? { platformBaseUrls: opts.platformBaseUrls } : {}),
    ...(opts.http ? { http: opts.http } : {}),
    ...(opts.networkWorker ? { networkWorker: true } : {}),
    ...(opts.checkpointThread ? { checkpointThread: true } : {}),
    ...(opts.linkCardsOnLoopback ? { linkCardsOnLoopback: true } : {}),
    // Tests without platforms don't need the scheduler's timers; publishing tests pass their own.
    // Claims are flushed on this thread: on the fake clock, a few turns of the loop see them answered.
    publishing: { walFlush: flushHere, ...(opts.publishing ?? { autoStart: false }) },
  });
  const self: TestCore = {
    core,
    clock,
    dataDir: dir,
    logFile,
    notifications,
    async restart() {
      await core.close();
      return createTestCore({ ...opts, dataDir: dir, vault, clock });
    },
    close: () => core.close(),
  };
  return self;
}

/** Calls a channel and returns the value, failing the test with the error body otherwise. */
export async function call<T = unknown>(core: Core, channel: string, input?: unknown): Promise<T> {
  const r = await core.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Calls a channel that must refuse, and returns its typed error, failing the test when it answered. */
export async function refusalOf(core: Core, channel: string, input?: unknown): Promise<RpcErrorBody> {
  const r = await core.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} was expected to be refused`);
  return r.error;
}

/** A core as the shells make it: restartable, so a restore or a workspace replace can reopen it. */
export async function restartableCore(dataDir: string, clock: FakeClock): Promise<RestartableCore> {
  const log = createFileLogger(join(dataDir, 'logs', 'loomcast.log'), { now: () => clock.now(), consoleLevel: 'silent' });
  const vault = memoryVault();
  return createRestartableCore(
    (requestRestart) =>
      createCore({ dataDir, vault, clock, log, mode: 'browser', defaultZone: 'Europe/Berlin', defaultLocale: 'en-GB', notifier: { notify: () => {} }, publishing: { autoStart: false, walFlush: flushHere }, requestRestart }),
    log,
  );
}
