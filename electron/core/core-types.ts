/**
 * What a Loomcast core is given (`CoreOptions`: every dependency comes in from the shell or a test)
 * and what it gives back (`Core`). `createCore` in index.ts wires one.
 */
import type { AppInfoDto } from '../../shared/contract';
import type { Platform } from '../../shared/domain/platforms';
import type { createAccountsService } from './accounts/accounts-service';
import type { ConnectDeps } from './accounts/connect';
import type { MetricsCollector } from './analytics/collect/collector';
import type { DataDirSource } from './data-folder';
import type { MoveOptions } from './data-folder-move';
import type { Clock, HttpFetch, Logger, Notifier, Vault } from './deps';
import type { EventListener } from './events';
import type { createApiTokensFeature } from './features/api-tokens';
import type { createMediaStore, PublicUrlProvider } from './media/media-store';
import type { OAuthConnector, PasswordConnector, PlatformClient } from './platforms/types';
import type { createPostsService } from './posts/posts-service';
import type { createTargets } from './posts/targets';
import type { RetryPolicy } from './publishing/backoff';
import type { createScheduler } from './publishing/scheduler';
import type { Dispatch } from './rpc/dispatcher';
import type { ExternalLinkVerdict } from './security';
import type { createSettingsService } from './settings/settings-service';
import type { WalSyncIo } from './store/wal-sync';
import type { createWorkspaceFeature } from './workspace';

export interface CoreOptions {
  dataDir: string;
  vault: Vault;
  notifier: Notifier;
  log: Logger;
  clock?: Clock;
  /** All network traffic of the platform clients goes through this. */
  http?: HttpFetch;
  /**
   * Platform requests with a text body are sent from a worker thread over `http`'s fetch
   * (net/off-thread-http.ts), keeping HTTP off the thread that commits and serves the screens.
   * The worker sends with its own thread's fetch, so only with the system's (the shells set it;
   * a test that scripts `http` leaves it off).
   */
  networkWorker?: boolean;
  /**
   * The database's checkpoints run on a thread with its own connection (store/checkpoint-thread.ts)
   * instead of inside whichever commit crosses SQLite's threshold. The shells set it.
   */
  checkpointThread?: boolean;
  /**
   * Tests only: link cards may also read pages on this machine's loopback, where test sites
   * listen. The app never sets it, so a link card never reads a page of the creator's own
   * machine or network (link-cards/public-web.ts).
   */
  linkCardsOnLoopback?: boolean;
  mode: 'desktop' | 'browser';
  /** The better-sqlite3 addon built for Electron's ABI; its own (Node) build when absent. */
  sqliteNativeBinding?: string;
  /** The zone Settings starts with; the operating system's by default. */
  defaultZone?: string;
  /** The locale Settings starts with (until a window reports its own); the process's by default. */
  defaultLocale?: string;
  /** One client per platform; a platform without one cannot be published to. */
  clients?: Partial<Record<Platform, PlatformClient>>;
  /** How each platform's accounts are connected. */
  connectors?: Partial<Record<Platform, OAuthConnector | PasswordConnector>>;
  registerApp?: ConnectDeps['registerApp'];
  /** Opens a URL in the system browser; absent in browser mode, where the tab opens it. */
  openExternal?: (url: string) => boolean;
  /** API roots that replace the platforms' own (tests point these at fake servers). */
  platformBaseUrls?: Partial<Record<Platform, string>>;
  /** The sign-in's loopback port where the redirect URL is registered exactly; 53134 unless a test gives a free one. */
  redirectPort?: number;
  /** How dataDir was chosen (shown in Settings); 'default' when not given. */
  dataDirSource?: DataDirSource;
  /** Browser mode running as a service (--headless): the app says so, with the machine's name. */
  headless?: boolean;
  /** Where media goes to get a public link; null until the creator sets up a bucket. */
  publicUrls?: () => PublicUrlProvider | null;
  publishing?: {
    /** Start the scheduler with the core (the default). Tests may start it themselves. */
    autoStart?: boolean;
    retry?: RetryPolicy;
    /** One publish timeout for every platform instead of the table in publishing/timeouts.ts. */
    requestTimeoutMs?: number;
    concurrency?: number;
    random?: () => number;
    /**
     * How a claim's commit is flushed to disk (store/wal-sync.ts); by default in libuv's thread
     * pool. Tests on a fake clock flush on the calling thread, so a few turns of the loop see a
     * claim answered.
     */
    walFlush?: WalSyncIo['flush'];
  };
  /** Closes this core and opens a new one on the same folder (a restartable core's); enables backups:restore. */
  requestRestart?: () => void;
}

export interface Core {
  dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  info(): Promise<AppInfoDto>;
  /** Whether a link may open in the creator's browser, and why (security.ts); the shells ask before opening one. */
  checkExternalLink(url: unknown): ExternalLinkVerdict;
  /** The machine woke, the screen was unlocked or the clock jumped: re-evaluate what is due. */
  resume(): void;
  /** Stops the scheduler (waiting for posts in flight) and closes the database. */
  close(): Promise<void>;
  /** Internal services, for the shells and tests; never exposed over IPC as such. */
  services: {
    accounts: ReturnType<typeof createAccountsService>;
    posts: ReturnType<typeof createPostsService>;
    /** The one writer of targets' state and due time. */
    targets: ReturnType<typeof createTargets>;
    settings: ReturnType<typeof createSettingsService>;
    media: ReturnType<typeof createMediaStore>;
    scheduler: ReturnType<typeof createScheduler>;
    /** Published posts' numbers, collected in the background. */
    metrics: MetricsCollector;
    /** The injected notifier behind the creator's switches (Settings → Notifications). */
    notifier: Notifier;
    /**
     * Copies this workspace into an empty folder (SQLite's backup and files, off the main thread,
     * desktop:moveProgress as it goes) while every change is refused, then runs `commit`. The
     * changes stay refused after a success (the shell restarts on the copy); a failure takes the
     * copy back and lets them through again. The old folder is untouched.
     */
    moveWorkspaceTo(to: string, o?: MoveOptions): Promise<string[]>;
    /** Export of the whole workspace as one archive without secrets (the desktop's save dialog calls it). */
    workspace: ReturnType<typeof createWorkspaceFeature>;
    /** Scoped tokens of the local API: the host verifies a bearer token that is not its own here. */
    apiTokens: ReturnType<typeof createApiTokensFeature>['service'];
    /** The backups taken in the background: `idle()` resolves once none is being taken. */
    backups: { idle(): Promise<void> };
  };
}
