/**
 * What the core needs from the world, injected by whoever creates it (the Electron shell, the
 * browser host, or a test). Nothing in electron/core reaches for globals like Date.now or fetch.
 */
import type { NotificationKind } from '../../shared/contract/features/desktop';
import type { OffThreadSend } from './net/off-thread-http';

export interface Clock {
  now(): number;
  /** Calls `fn` once after `ms` of this clock's time; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Notification {
  title: string;
  body: string;
  /** A post id or account id the notification is about, so a click can open it. */
  subject?: { kind: 'post' | 'account'; id: string };
  urgency?: 'normal' | 'critical';
  /** Which switch in Settings → Notifications governs it; without one it always shows. */
  kind?: NotificationKind;
}

export interface Notifier {
  notify(n: Notification): void;
}

/**
 * fetch; the app's (net/off-thread-http.ts) also carries `offThread`, which platform requests
 * use to send from the network worker instead of the main thread.
 */
export type HttpFetch = typeof fetch & { offThread?: OffThreadSend };

/** Credentials live in the OS keychain, keyed by account id; never in SQLite, logs or IPC. */
export interface Vault {
  status(): Promise<{ available: true } | { available: false; reason: string; details?: string }>;
  set(accountId: string, secret: string): Promise<void>;
  get(accountId: string): Promise<string | null>;
  delete(accountId: string): Promise<boolean>;
}

/** The real network, for the shells; tests pass their own. */
export const systemHttp: HttpFetch = (input, init) => fetch(input, init);

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    // setTimeout's ceiling is ~24.8 days; chain longer waits.
    const MAX = 2_000_000_000;
    let handle: ReturnType<typeof setTimeout>;
    const arm = (left: number) => {
      handle = setTimeout(() => (left > MAX ? arm(left - MAX) : fn()), Math.min(left, MAX));
    };
    arm(Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};
