/**
 * Alerts and webhooks put together: the rules are looked at after every change that can open or
 * clear a condition (new numbers, posts moving, accounts changing) and every five minutes; each
 * newly opened alert is noticed once, kept in the inbox and sent to the webhooks that want it.
 */
import type { AlertRule, AlertRulesDto } from '../../../shared/contract/features/alerts';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { CredentialStore } from '../accounts/credentials';
import type { AccountsService } from '../accounts/accounts-service';
import type { Background } from '../background';
import type { Clock, HttpFetch, Logger, Notifier, Vault } from '../deps';
import type { EventBus } from '../events';
import type { FeatureHandlers } from '../features/types';
import type { SettingsStore } from '../settings/settings-store';
import type { Db } from '../store/open';
import { createAlerts } from './alerts';
import { resolveBands, type Band } from '../analytics/bands';
import { createConditions, type Condition } from './conditions';
import { signInEnd } from '../../../shared/domain/sign-in';
import type { Credentials } from '../platforms/types';
import { createWebhooks } from './webhooks';

export const EVALUATE_EVERY_MS = 5 * 60_000;
/**
 * After a change, the rules are looked at once at once and then at most once per this interval:
 * publishing a burst of posts moves each copy twice, and a look per move was most of the work.
 */
export const CHANGE_LOOK_MS = 1_000;
/**
 * Rules raised about a post as things happen (by publishing; post_removed by the numbers'
 * collector); here they are only resolved once they clear.
 */
const RAISED_AS_THEY_HAPPEN: readonly AlertRule[] = ['post_failed', 'post_unconfirmed', 'post_missed', 'thread_stopped', 'post_removed'];

export interface AlertEngineDeps {
  db: Db;
  notifier: Notifier;
  events: EventBus;
  clock: Clock;
  log: Logger;
  vault: Vault;
  http: HttpFetch;
  credentials: Pick<CredentialStore, 'load'>;
  /** The accounts' owner: where what the keychain says about a sign-in's end is kept. */
  accounts: Pick<AccountsService, 'signInEnds'>;
  store: SettingsStore;
  /** Where the engine's looks and sends pause for the data folder's move. */
  background: Pick<Background, 'register'>;
}

type Channel = 'alerts:list' | 'alerts:markRead' | 'alerts:acknowledge' | 'alerts:snooze' | 'alerts:check' | 'alerts:rules' | 'alerts:setRules'
  | 'webhooks:list' | 'webhooks:create' | 'webhooks:update' | 'webhooks:delete' | 'webhooks:secret' | 'webhooks:test' | 'webhooks:deliveries';

export function createAlertEngine(d: AlertEngineDeps) {
  const { db, events, clock, log } = d;
  const rules = (): AlertRulesDto => d.store.get('alerts.rules');
  const alerts = createAlerts({ db, notifier: d.notifier, events, now: () => clock.now(), enabled: (r) => rules()[r].enabled });
  // Low engagement is judged against the creator's own target bands where they set some.
  const conditions = createConditions(db, () => Object.fromEntries(resolveBands(d.store.get('analytics.targetBands')).map((b) => [b.platform, b])) as Record<Platform, Band>, () => d.store.get('locale'));
  const webhooks = createWebhooks({ db, vault: d.vault, http: d.http, clock, events, log });
  const postOutcomes = db.prepare<[string], { id: string; post_id: string; platform: string; state: 'published' | 'failed'; platform_url: string | null; last_error: string | null; at: number; handle: string | null }>(
    `SELECT t.id, t.post_id, t.platform, t.state, t.platform_url, t.last_error, coalesce(t.published_at, t.updated_at) AS at, a.handle
     FROM targets t LEFT JOIN accounts a ON a.id = t.account_id WHERE t.post_id IN (SELECT value FROM json_each(?)) AND +t.state IN ('published','failed')`,
  );

  // (`+t.state`: found by post, never by walking every published copy on the index on state.)

  // What a look at the keychain learnt about when a sign-in ends goes to the account's row (its
  // owner, the accounts service, announces a change), so the Accounts card can say it without
  // reading the keychain.
  const loadNoting = async (accountId: string): Promise<Credentials | null> => {
    const c = await d.credentials.load(accountId);
    d.accounts.signInEnds(accountId, signInEnd(c));
    return c;
  };
  alerts.onOpened((a) => webhooks.enqueue(a.kind, `${a.title}: ${a.body}`, { alert: a }));

  /** Posts that went out or failed are news for the webhooks that asked (once per copy). */
  const postEvents = (postIds: string[]) => {
    if (!webhooks.anyEnabled()) return;
    for (const t of postOutcomes.all(JSON.stringify(postIds))) {
      const where = `${PLATFORM_NAMES[t.platform as Platform] ?? t.platform}${t.handle ? ` (${t.handle})` : ''}`;
      const text = t.state === 'published' ? `Posted on ${where}${t.platform_url ? `: ${t.platform_url}` : '.'}` : `A post failed on ${where}: ${t.last_error ?? 'no reason given.'}`;
      webhooks.enqueue(t.state === 'published' ? 'post.published' : 'post.failed', text, { postId: t.post_id, targetId: t.id, platform: t.platform, url: t.platform_url, error: t.state === 'failed' ? t.last_error : null }, t.at);
    }
  };

  /** The subject keys each rule's look covers; an alert raised elsewhere under the rule (a campaign's pause) is left alone. */
  const OWNS: Partial<Record<AlertRule, (key: string) => boolean>> = {
    zero_views: (k) => k.startsWith('target:'),
    low_engagement: (k) => k.startsWith('target:'),
    backlog: (k) => k.startsWith('backlog:'),
    failure_rate: (k) => k === 'app',
    token_expiring: (k) => k.startsWith('account:'),
    metrics_failing: (k) => k.startsWith('account:'),
    account_needs_reconnect: (k) => k.startsWith('account:'),
  };

  /** `unknown`: subject keys the look could not judge (credentials unread); their alerts stay as they are. */
  const apply = (rule: AlertRule, found: Condition[], on: boolean, unknown: ReadonlySet<string> = new Set()): { opened: number; resolved: number } => {
    let opened = 0;
    const holding = new Set<string>(on ? unknown : []);
    if (on) {
      for (const c of found) {
        holding.add(c.subjectKey);
        const before = alerts.openKeys(rule).includes(c.subjectKey);
        if (alerts.raise(c) && !before) opened++;
      }
    }
    return { opened, resolved: alerts.resolveAllBut(rule, holding, OWNS[rule]) };
  };

  async function evaluateOnce(): Promise<{ opened: number; resolved: number }> {
    const r = rules();
    const now = clock.now();
    const total = { opened: 0, resolved: 0 };
    const add = (x: { opened: number; resolved: number }) => {
      total.opened += x.opened;
      total.resolved += x.resolved;
    };
    // Copies whose newest look did not report the number: their alerts stay as they are.
    const viewsUnread = new Set<string>();
    add(apply('zero_views', r.zero_views.enabled ? conditions.zeroViews(r, now, viewsUnread) : [], r.zero_views.enabled, viewsUnread));
    const rateUnread = new Set<string>();
    add(apply('low_engagement', r.low_engagement.enabled ? conditions.lowEngagement(r, now, rateUnread) : [], r.low_engagement.enabled, rateUnread));
    add(apply('failure_rate', r.failure_rate.enabled ? conditions.failureRate(r, now) : [], r.failure_rate.enabled));
    add(apply('backlog', r.backlog.enabled ? conditions.backlog(r) : [], r.backlog.enabled));
    add(apply('metrics_failing', r.metrics_failing.enabled ? conditions.metricsFailing(r) : [], r.metrics_failing.enabled));
    add(apply('account_needs_reconnect', conditions.needsReconnect(), r.account_needs_reconnect.enabled));
    for (const rule of RAISED_AS_THEY_HAPPEN) {
      const open = r[rule].enabled ? alerts.openKeys(rule).flatMap((k) => (k.startsWith('post:') ? [k.slice('post:'.length)] : [])) : [];
      total.resolved += alerts.resolveAllBut(rule, conditions.stillHolding(rule, open), (k) => k.startsWith('post:'));
    }
    alerts.wakeSnoozed();
    // Last: it reads the keychain, and the rules above should not wait for it. Read with the rule
    // off too: what it learns keeps the Accounts cards' word on sign-ins true.
    const unread = new Set<string>();
    const expiring = await conditions.tokenExpiring(r, clock.now(), loadNoting, unread);
    add(apply('token_expiring', expiring, r.token_expiring.enabled, unread));
    return total;
  }

  // One evaluation at a time; a change during one asks for one more after it.
  let running: Promise<{ opened: number; resolved: number }> | null = null;
  let again = false;
  function evaluate(): Promise<{ opened: number; resolved: number }> {
    // Paused (the data folder's move): the look after the pause covers what changed meanwhile.
    if (paused) return Promise.resolve({ opened: 0, resolved: 0 });
    if (running) {
      again = true;
      return running;
    }
    running = Promise.resolve().then(async () => {
      try {
        return await evaluateOnce();
      } catch (err) {
        log.error('looking at the alert rules failed', { error: err as Error });
        return { opened: 0, resolved: 0 };
      } finally {
        running = null;
        if (again) {
          again = false;
          void evaluate();
        }
      }
    });
    return running;
  }

  let cancelTick: (() => void) | null = null;
  let stopped = false;
  let paused = false;
  const tick = () => {
    if (stopped || paused) return;
    cancelTick = clock.setTimer(EVALUATE_EVERY_MS, () => {
      void evaluate();
      tick();
    });
  };

  // A change looks at once unless a look after a change ran within CHANGE_LOOK_MS; then one
  // more look follows when that interval is over, covering every change made meanwhile.
  let lastChangeLook = Number.NEGATIVE_INFINITY;
  let cancelChangeLook: (() => void) | null = null;
  const changeLook = () => {
    lastChangeLook = clock.now();
    void evaluate();
  };
  const afterChange = () => {
    if (cancelChangeLook || stopped || paused) return;
    const wait = lastChangeLook + CHANGE_LOOK_MS - clock.now();
    if (wait <= 0) return changeLook();
    cancelChangeLook = clock.setTimer(wait, () => {
      cancelChangeLook = null;
      if (!stopped && !paused) changeLook();
    });
  };

  const unsubscribe = events.subscribe((event, payload) => {
    const name = event as string;
    if (name === 'posts:changed') {
      const p = payload as { ids: string[]; reason: string };
      if (p.reason === 'state') postEvents(p.ids);
      afterChange();
    } else if (name === 'metrics:updated' || name === 'accounts:changed') {
      afterChange();
    }
  });

  const handlers: FeatureHandlers<Channel> = {
    'alerts:list': (input) => alerts.list(input?.limit ?? 100),
    'alerts:markRead': ({ ids }) => alerts.markRead(ids),
    'alerts:acknowledge': ({ id }) => alerts.acknowledge(id),
    'alerts:snooze': ({ id, until }) => alerts.snooze(id, Date.parse(until)),
    'alerts:check': () => evaluate(),
    'alerts:rules': () => rules(),
    'alerts:setRules': (input) => {
      const saved = d.store.set('alerts.rules', input);
      void evaluate();
      return saved;
    },
    'webhooks:list': () => webhooks.list(),
    'webhooks:create': (input) => webhooks.create(input),
    'webhooks:update': (input) => webhooks.update(input),
    'webhooks:delete': ({ id }) => webhooks.remove(id),
    'webhooks:secret': ({ id }) => webhooks.secret(id),
    'webhooks:test': ({ id }) => webhooks.test(id),
    'webhooks:deliveries': ({ webhookId, limit }) => webhooks.deliveries(webhookId ?? null, limit ?? 50),
  };

  // Paused, nothing is looked at nor sent (the look under way, and a send, end first); resumed,
  // the rules are looked at once at once, so a condition that arose meanwhile opens its alert now.
  let started = false;
  const unregister = d.background.register('alerts and webhooks', {
    async pause() {
      paused = true;
      cancelTick?.();
      cancelChangeLook?.();
      cancelTick = cancelChangeLook = null;
      again = false;
      await Promise.all([running, webhooks.pause()]);
    },
    resume() {
      paused = false;
      if (stopped || !started) return;
      tick();
      void evaluate();
      webhooks.resume();
    },
  });

  return {
    alerts,
    webhooks,
    handlers,
    evaluate,
    /** Starts the five-minute look and sends deliveries left from the last run. */
    start(): void {
      started = true;
      tick();
      void evaluate();
      void webhooks.run();
    },
    /** Stops looking and sending, and waits for a look or a send in progress. */
    async close(): Promise<void> {
      stopped = true;
      unregister();
      cancelTick?.();
      cancelChangeLook?.();
      unsubscribe();
      again = false;
      await Promise.all([running, webhooks.close()]);
    },
  };
}

export type AlertEngine = ReturnType<typeof createAlertEngine>;
