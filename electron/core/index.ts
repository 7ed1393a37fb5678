import { ensurePrivateDataDir } from './store/private-files';
import { join } from 'node:path';
import pkg from '../../package.json';
import type { AppInfoDto } from '../../shared/contract';
import { dateFormat, systemLocale, type DateFormat } from '../../shared/domain/datetime-format';
import { systemZone } from '../../shared/domain/time';
import { createAccountsService } from './accounts/accounts-service';
import { createApps } from './accounts/apps';
import { createConnectFlows } from './accounts/connect';
import { createCredentialStore } from './accounts/credentials';
import { checkSignInsInBackground } from './accounts/sign-in-check';
import { createAlertEngine } from './alerts/engine';
import { createAudit } from './audit';
import { createOffThreadHttp } from './net/off-thread-http';
import { systemClock, systemHttp } from './deps';
import { createEventBus } from './events';
import { createExternalLinks } from './external-links';
import { createBucketSettings } from './media/bucket-settings';
import { backfillVideoFacts } from './media/video-backfill';
import { workOutAtAgeInBackground } from './analytics/at-age-backfill';
import { createMediaStore } from './media/media-store';
import { createCalendarFeature } from './features/calendar';
import { createMediaLibraryFeature } from './features/media-library';
import { createWritingFeature } from './features/writing';
import { createGenerationFeature } from './features/generation';
import { createHashtagsFeature } from './features/hashtags';
import { createReportsFeature } from './features/reports';
import { createPlannerFeature } from './features/planner';
import { createCampaignsFeature } from './features/campaigns';
import { createGuardFeature } from './features/guard';
import { createComposeFeature } from './features/compose';
import { createReviewFeature } from './features/review';
import { createIdeasFeature } from './features/ideas';
import { createUndoFeature } from './features/undo';
import { createIoFeature } from './features/io';
import { createLibraryFeature } from './features/library';
import { createQueueFeature } from './features/posting-times';
import { createAnalyticsFeature } from './features/analytics';
import { createExperimentsFeature } from './features/experiments';
import { createLinksFeature } from './features/links';
import { createLinkCards } from './link-cards/reader';
import { createDesktopFeature } from './features/desktop';
import { createDataFolderMove } from './data-folder-move';
import { createWriteHold } from './write-hold';
import { createBackground, startStopWorker } from './background';
import { hostname } from 'node:os';
import { createPublishingFeature, isPublishingPaused } from './features/publishing';
import type { FeatureDeps } from './features/types';
import { createPostsRepo } from './posts/posts-repo';
import { createGates } from './posts/gates';
import { createPostsService } from './posts/posts-service';
import { createTargets } from './posts/targets';
import { createAccountContexts } from './publishing/accounts-context';
import { createMetricsCollector } from './analytics/collect/collector';
import { createRollups } from './analytics/rollups';
import { createMetricsHandlers } from './analytics/collect/handlers';
import { DEFAULT_RETRY } from './publishing/backoff';
import { createPublisher } from './publishing/publisher';
import { createPublishQueue } from './publishing/publish-queue';
import { createScheduler } from './publishing/scheduler';
import { composeHandlers, createDispatcher } from './rpc/dispatcher';
import { coreChannels } from './core-channels';
import { outsideRequest } from './rpc/request-context';
import { createSettingsService } from './settings/settings-service';
import { settingsStoreOf } from './settings/settings-store';
import { openStore } from './store/open';
import { startCheckpointThread } from './store/checkpoint-thread';
import { createWalSync } from './store/wal-sync';
import { applyStagedRestore } from './store/recovery';
import { createBackupsFeature } from './features/backups';
import { createWorkspaceFeature } from './workspace';
import { createApiTokensFeature } from './features/api-tokens';

import type { Core, CoreOptions } from './core-types';

export type { Core, CoreOptions } from './core-types';

export const DATABASE_FILE = 'loomcast.sqlite';

/** How the core writes dates and times in its messages: as the creator's window does. */
const formatOf = (s: { locale: string; timeFormat: 'system' | 'h23' | 'h12' }): DateFormat => dateFormat({ locale: s.locale, timeFormat: s.timeFormat });

/** The one way to make a Loomcast core: every dependency comes in through `opts`. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const network = opts.networkWorker ? createOffThreadHttp(opts.http ?? systemHttp) : null;
  const http = network?.http ?? opts.http ?? systemHttp;
  const { log, vault } = opts;
  ensurePrivateDataDir(opts.dataDir, (message, fields) => log.warn(message, fields));
  const databasePath = join(opts.dataDir, DATABASE_FILE);
  // A restore chosen in Settings (or at a refused start) takes the database's place before it is opened.
  const restored = applyStagedRestore(opts.dataDir, clock.now(), { nativeBinding: opts.sqliteNativeBinding });
  if (restored) log.info('restored a backup', { ...restored });
  const store = openStore(databasePath, undefined, () => clock.now(), { nativeBinding: opts.sqliteNativeBinding });
  const { db } = store;
  const checkpoints = opts.checkpointThread ? startCheckpointThread(db, store.path, log, { nativeBinding: opts.sqliteNativeBinding }) : null;
  // The data folder's move holds every change (data-folder-move.ts); the dispatcher asks it.
  const hold = createWriteHold(db);
  // Every worker writing on a timer or a queue registers here as it is made; the move pauses them all.
  const background = createBackground(log);

  const events = createEventBus();
  const audit = createAudit(db, () => clock.now());
  const settings = createSettingsService({ db, audit, events, log, defaults: { timeZone: opts.defaultZone ?? systemZone(), theme: 'system', timeFormat: 'system', locale: opts.defaultLocale ?? systemLocale(), missedGraceMinutes: 120, missedAction: 'hold', autoApproveOwnPosts: true, importedPostsSkipReview: false, agentPostsWaitInReview: true } });
  const clients = opts.clients ?? {};
  const gates = createGates(db, (platform) => clients[platform]?.capabilities ?? null);
  const targets = createTargets({ db, clock, events, gates, log });
  const posts = createPostsService({
    db,
    repo: createPostsRepo(db),
    targets,
    audit,
    clock,
    zone: () => settings.get().timeZone,
    dateFormat: () => formatOf(settings.get()),
    features: (platform) => ({ threads: clients[platform]?.capabilities.threads ?? false, firstComment: clients[platform]?.capabilities.firstComment ?? false }),
  });
  const credentials = createCredentialStore(vault);
  const accounts = createAccountsService({
    db, vault, credentials, audit, events, clock, log, targets,
    signInWarningDays: () => settingsStoreOf(db, log).get('alerts.rules').token_expiring.days,
  });
  const bucket = createBucketSettings({ db, vault, http, clock, log });
  const media = createMediaStore({ db, dataDir: opts.dataDir, now: () => clock.now(), publicUrls: opts.publicUrls ?? bucket.provider });
  // Every notice goes through the creator's per-kind switches; alerts are kept in the inbox either way.
  const desktop = createDesktopFeature({ store: settingsStoreOf(db, log), notifier: opts.notifier, log });
  // Alerts are conditions (one per rule and subject); the engine also sends the webhooks.
  const alertEngine = createAlertEngine({ db, notifier: desktop.notifier, events, clock, log, vault, http, credentials, accounts, store: settingsStoreOf(db, log), background });
  const alerts = alertEngine.alerts;
  const queue = createPublishQueue(db);
  const pub = opts.publishing ?? {};
  const contexts = createAccountContexts({ queue, accounts, clients, credentials, alerts, clock, http, log, baseUrls: opts.platformBaseUrls ?? {} });
  const rollups = createRollups(db, log);
  const metrics = createMetricsCollector({ db, clients, contexts, events, clock, log, rollups, alerts });
  // Link cards: the composer's previews and the cards a post carries (Bluesky, LinkedIn) read one way, one cache.
  const linkCards = createLinkCards({ clock, log, web: { allowLoopback: opts.linkCardsOnLoopback === true } });
  const walSync = createWalSync(store.path, pub.walFlush ? { flush: pub.walFlush } : undefined);
  const publisher = createPublisher({
    queue,
    targets,
    gates,
    accounts,
    contexts,
    media,
    linkCards,
    alerts,
    clock,
    log,
    retry: pub.retry ?? DEFAULT_RETRY,
    ...(pub.requestTimeoutMs !== undefined ? { requestTimeoutMs: pub.requestTimeoutMs } : {}),
    // Read before every post sent: two keys through the store's cache, not every setting decoded.
    missedPolicy: () => ({ graceMs: settings.store.get('missedGraceMinutes') * 60_000, action: settings.store.get('missedAction') }),
    zone: () => settings.get().timeZone,
    dateFormat: () => formatOf(settings.get()),
    ...(pub.random ? { random: pub.random } : {}),
    walSync,
  });
  const apps = createApps({ db, vault, now: () => clock.now(), ...(opts.redirectPort !== undefined ? { redirectPort: opts.redirectPort } : {}) });
  // The core never asks a shell to open a link its own rule refuses (security.ts).
  const externalLinks = createExternalLinks({ db });
  const connect = createConnectFlows({
    connectors: opts.connectors ?? {},
    clients,
    ...(opts.registerApp ? { registerApp: opts.registerApp } : {}),
    accounts,
    apps,
    events,
    http,
    clock,
    log,
    baseUrls: opts.platformBaseUrls ?? {},
    openExternal: (url) => externalLinks.check(url).ok && (opts.openExternal?.(url) ?? false),
    trustAuthorizeUrl: externalLinks.trustAuthorizeUrl,
    // Where the shell opens sign-in pages (desktop), one it would refuse is not started.
    ...(opts.openExternal ? { linkRule: (url: string) => externalLinks.check(url) } : {}),
    held: hold.isHeld,
  });
  // Paused publishing (publishing:pause, kept in settings) stops the scheduler sending anything.
  const scheduler = createScheduler({ queue, publisher, clock, log, paused: () => isPublishingPaused(settings.store), ...(pub.concurrency ? { concurrency: pub.concurrency } : {}) });
  // Paused first: a post being sent is recorded (and heard by the others) before they pause.
  background.register('publishing', startStopWorker('publishing', scheduler, log), { first: true });
  background.register('numbers', startStopWorker('numbers', metrics, log), { first: true });
  // Whatever makes a copy due (scheduled, moved, approved, bound to an account) wakes the
  // scheduler through the targets' owner; an account that works again may free waiting posts.
  // The scheduler's work is its own, not the request's that woke it (an agent's rules don't apply to it).
  const wakeScheduler = () => outsideRequest(() => void scheduler.wake());
  targets.onDue(wakeScheduler);
  events.subscribe((event) => {
    if (event === 'accounts:changed') wakeScheduler();
  });

  const vaultStatus = await vault.status();
  if (!vaultStatus.available) log.warn('keychain unavailable; accounts cannot be connected', { reason: vaultStatus.reason, cause: vaultStatus.details });
  else {
    await accounts.sweepPendingSecrets();
    // Webhook addresses still in SQLite (from before schema 33) go to the keychain.
    await alertEngine.webhooks.sweep();
  }

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
      vault: s.available ? { available: true, message: null, details: null } : { available: false, message: s.reason, details: s.details ?? null },
      dataDirSource: opts.dataDirSource ?? 'default',
      service: { headless: opts.headless ?? false, hostname: hostname() },
    };
  };

  const featureDeps: FeatureDeps = { db, dataDir: opts.dataDir, audit, events, clock, log, settings, posts, targets, media, zone: () => settings.get().timeZone, dateFormat: () => formatOf(settings.get()), capabilities: (p) => clients[p]?.capabilities ?? null, background };
  const calendar = createCalendarFeature(featureDeps);
  const queueSlots = createQueueFeature(featureDeps);
  const library = createLibraryFeature(featureDeps);
  const io = createIoFeature(featureDeps);
  const ideas = createIdeasFeature(featureDeps);
  const review = createReviewFeature(featureDeps);
  const undo = createUndoFeature(featureDeps);
  const compose = createComposeFeature(featureDeps);
  const guard = createGuardFeature(featureDeps);
  // The campaign guard's pause is one low-engagement alert per campaign (inbox and notification), resolved by Resume.
  const campaigns = createCampaignsFeature({
    ...featureDeps,
    notify: (n) => void alerts.raise({ kind: 'low_engagement', title: n.title, body: n.body, subject: null, subjectKey: `campaign:${n.campaignId}` }),
    cleared: (id) => void alerts.resolveAllBut('low_engagement', new Set(), (k) => k === `campaign:${id}`),
  });
  const planner = createPlannerFeature(featureDeps);
  const mediaLibrary = createMediaLibraryFeature(featureDeps);
  const reports = createReportsFeature(featureDeps);
  // Writing alone among the features reaches the keychain and the network: its model and key.
  const writing = createWritingFeature({ ...featureDeps, vault, http });
  // The generation queue asks the model Writing configured (none: it refuses, nothing is sent).
  const generation = createGenerationFeature({ ...featureDeps, provider: writing.provider, concurrency: writing.concurrency });
  const hashtags = createHashtagsFeature({ ...featureDeps, provider: writing.provider });
  const analytics = createAnalyticsFeature(featureDeps, rollups);
  const experiments = createExperimentsFeature(featureDeps);
  // Link cards read the page a creator linked (and its image) over the network, within limits.
  const links = createLinksFeature({ cards: linkCards });
  const publishing = createPublishingFeature({ ...featureDeps, unreadAlerts: () => alerts.unreadNotAboutPosts(), wake: wakeScheduler });
  const backups = createBackupsFeature({ db, dataDir: opts.dataDir, clock, log, media, background, nativeBinding: opts.sqliteNativeBinding, ...(opts.requestRestart ? { requestRestart: opts.requestRestart } : {}) });
  const workspace = createWorkspaceFeature({ db, dataDir: opts.dataDir, vault, clock, log, appVersion: pkg.version, ...(opts.sqliteNativeBinding ? { nativeBinding: opts.sqliteNativeBinding } : {}), ...(opts.requestRestart ? { requestRestart: opts.requestRestart } : {}) });

  const apiTokens = createApiTokensFeature({ db, audit, events, clock });

  const dataFolderMove = createDataFolderMove({ db, dataDir: opts.dataDir, events, log, hold, background, beforeFreeze: calendar.catchUpSearch });
  // Each channel has one handler: a channel two groups both answered would refuse the start.
  const dispatch = createDispatcher(
    composeHandlers({
      core: coreChannels({ info, settings, posts, clients, accounts, connect, apps, bucket, dataFolderMove }),
      calendar: calendar.handlers,
      queueSlots: queueSlots.handlers,
      library: library.handlers,
      io: io.handlers,
      ideas: ideas.handlers,
      review: review.handlers,
      undo: undo.handlers,
      compose: compose.handlers,
      guard: guard.handlers,
      campaigns: campaigns.handlers,
      planner: planner.handlers,
      mediaLibrary: mediaLibrary.handlers,
      reports: reports.handlers,
      writing: writing.handlers,
      generation: generation.handlers,
      hashtags: hashtags.handlers,
      alerts: alertEngine.handlers,
      experiments: experiments.handlers,
      metrics: createMetricsHandlers(db, metrics),
      analytics: analytics.handlers,
      links: links.handlers,
      desktop: desktop.handlers,
      publishing: publishing.handlers,
      backups: backups.handlers,
      workspace: workspace.handlers,
      apiTokens: apiTokens.handlers,
    }),
    log,
    hold.refusal,
  );

  // `sealed`: the file was as the last clean close left it, so the start skipped its check.
  log.info('core started', { dataDir: opts.dataDir, schemaVersion: store.schemaVersion, mode: opts.mode, startCheck: store.startCheck, checkedAt: new Date(store.checkedAt).toISOString() });
  // Publishing runs in the background: a backlog after a long sleep must not hold up the UI.
  campaigns.guard.start();
  if (pub.autoStart !== false) {
    scheduler.start().catch((err: unknown) => log.error('the scheduler failed to start', { error: err as Error }));
    metrics.start();
  }
  alertEngine.start();
  backups.start();
  calendar.start();
  // Videos stored before their headers were read get their length now, so the pre-flight knows it.
  const stopBackfill = new AbortController();
  const videoBackfill = backfillVideoFacts({ db, dataDir: opts.dataDir, log, signal: stopBackfill.signal, background }).catch((err: unknown) => {
    log.warn('could not read the length of older videos', { error: err as Error });
  });
  // Copies measured before schema 37 get their reading at an age kept (read from snapshots until then).
  const atAgeBackfill = workOutAtAgeInBackground({ db, rollups, log, signal: stopBackfill.signal, background }).catch((err: unknown) => {
    // Each batch is one transaction: nothing half-written; what is left waits for the next start.
    log.warn('could not work out the numbers at an age of older copies', { error: err as Error });
  });
  void checkSignInsInBackground({ db, vault, credentials, accounts, clock, log, signal: stopBackfill.signal, background });

  return {
    dispatch,
    subscribe: events.subscribe,
    info,
    checkExternalLink: (url) => externalLinks.check(url),
    resume() {
      log.info('resume: looking at what became due while asleep');
      void scheduler.wake();
    },
    async close() {
      connect.cancelAll();
      stopBackfill.abort();
      await backups.stop();
      campaigns.guard.stop();
      await generation.close();
      await scheduler.stop();
      await metrics.stop();
      // Nothing refreshes a sign-in any more: one the keychain would not take gets a last try.
      await contexts.close();
      await alertEngine.close();
      await calendar.stop();
      await videoBackfill;
      await atAgeBackfill;
      await network?.close();
      await walSync.close();
      await checkpoints?.close();
      store.close();
      log.info('core stopped');
    },
    services: { accounts, posts, targets, settings, media, scheduler, metrics, notifier: desktop.notifier, moveWorkspaceTo: dataFolderMove.moveTo, workspace, apiTokens: apiTokens.service, backups: { idle: backups.idle } },
  };
}
