/**
 * Outbound webhooks: the creator's list (webhook-list.ts: the address and signing secret of each
 * are in the keychain), and the delivery queue here. Each delivery keeps one id across its
 * retries; its body is fixed when it is queued, so every try carries the same bytes. Each try is signed afresh with the time it is sent
 * (see signWebhook), so a receiver can refuse an old request replayed by whoever captured it.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { WebhookDeliveryDto, WebhookEventName } from '../../../shared/contract/features/alerts';
import type { Clock, HttpFetch, Logger, Vault } from '../deps';
import type { EventBus } from '../events';
import type { Db } from '../store/open';
import { createWebhookList, KEYCHAIN_SILENT_MESSAGE, type WebhookRow } from './webhook-list';

export { KEYCHAIN_SILENT_MESSAGE, KEYCHAIN_TIMEOUT_MS, webhookShownUrl, webhookUrlVaultKey, webhookVaultKey } from './webhook-list';

/** Waits before the 2nd, 3rd, 4th and 5th try; after the 5th, the delivery has failed. */
export const WEBHOOK_BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000] as const;
export const WEBHOOK_MAX_TRIES = WEBHOOK_BACKOFF_MS.length + 1;
const TIMEOUT_MS = 15_000;
/** The abort reason of a try cut short by close(), told apart from the timeout's. */
const CLOSING = Symbol('closing');
/** How long a delivery waits when the keychain cannot be read (locked, or its service not up): it is not a try. */
export const KEYCHAIN_WAIT_MS = 5 * 60_000;
export const KEYCHAIN_WAIT_MESSAGE = 'Waiting for the keychain, which holds the address: Loomcast tries again.';
/**
 * The X-Loomcast-Signature of a request: HMAC-SHA256, with the webhook's secret, of
 * `<X-Loomcast-Timestamp>.<raw body>`. Signing the time with the body (as Stripe and Slack do) is
 * what lets a receiver refuse a captured request sent again later: the body alone, as signed
 * before, verified forever. `timestamp` is unix seconds, as the header carries it.
 */
export const signWebhook = (secret: string, timestamp: number, body: string) => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
/** Unix seconds of an instant in ms, as X-Loomcast-Timestamp carries it. */
export const webhookTimestamp = (ms: number) => Math.floor(ms / 1000);

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event: string;
  payload: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toDelivery = (r: DeliveryRow): WebhookDeliveryDto => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: iso(r.next_attempt_at),
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: new Date(r.created_at).toISOString(),
  deliveredAt: iso(r.delivered_at),
});

/** What is sent, by format: Loomcast's JSON, or the one text field Slack and Discord read. */
function bodyFor(format: WebhookRow['format'], envelope: { text: string }): string {
  if (format === 'slack') return JSON.stringify({ text: envelope.text });
  if (format === 'discord') return JSON.stringify({ content: envelope.text });
  return JSON.stringify(envelope);
}

export interface WebhooksDeps {
  db: Db;
  vault: Vault;
  http: HttpFetch;
  clock: Clock;
  events: EventBus;
  log: Logger;
}

export function createWebhooks({ db, vault, http, clock, events, log }: WebhooksDeps) {
  const list = createWebhookList({ db, vault, clock, events, log });
  const { get, changed, keysWithin } = list;
  const s = {
    enqueue: db.prepare(`INSERT INTO webhook_deliveries (id, webhook_id, event, payload, state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`),
    delivery: db.prepare<[string], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?'),
    due: db.prepare<[number], DeliveryRow>(`SELECT * FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at`),
    nextDue: db.prepare<[], { at: number | null }>(`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE state = 'pending'`),
    settle: db.prepare('UPDATE webhook_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE id = ?'),
    history: db.prepare<[{ w: string | null; limit: number }], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE (@w IS NULL OR webhook_id = @w) ORDER BY created_at DESC, rowid DESC LIMIT @limit'),
    sentFor: db.prepare<[string, string, string], { n: number }>(`SELECT count(*) AS n FROM webhook_deliveries WHERE webhook_id = ? AND event = ? AND json_extract(payload, '$.data.targetId') = ?`),
  };
  const inFlight = new Set<string>();
  /** The tries under way, so close() can abort them rather than wait up to 15 s each. */
  const aborts = new Set<AbortController>();
  let cancelTimer: (() => void) | null = null;
  /** Not sending: closing, or paused (the data folder's move). */
  let closed = false;
  let shut = false;

  const queue = (webhookId: string, event: string, text: string, data: unknown): string => {
    const id = randomUUID();
    const at = clock.now();
    const envelope = { id, event, at: new Date(at).toISOString(), text, data };
    s.enqueue.run(id, webhookId, event, JSON.stringify(envelope), at, at);
    return id;
  };

  const plan = () => {
    cancelTimer?.();
    cancelTimer = null;
    if (closed) return;
    const at = s.nextDue.get()?.at;
    if (at === null || at === undefined) return;
    cancelTimer = clock.setTimer(Math.max(0, at - clock.now()), () => void run());
  };

  /**
   * One try of one delivery; network errors, 5xx and 429 are tried again later. `keychainSilent`:
   * the keychain already left a try of this run unanswered, so this one does not wait for it again.
   */
  async function attempt(d: DeliveryRow, keychainSilent = false): Promise<'keychain silent' | void> {
    if (inFlight.has(d.id)) return;
    inFlight.add(d.id);
    const tries = d.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    let retry = false;
    let waitForKeychain: string | null = null;
    let url: string | null = null;
    const abort = new AbortController();
    aborts.add(abort);
    try {
      const hook = list.row(d.webhook_id);
      if (!hook) return;
      const keys = keychainSilent ? 'silent' : await keysWithin(hook, abort.signal);
      // Quitting while the keychain answered (or before it did): not sent, so not tried.
      if (keys === 'closing' || abort.signal.aborted) return;
      if (keys === 'silent' || !keys) {
        waitForKeychain = keys === 'silent' ? KEYCHAIN_SILENT_MESSAGE : KEYCHAIN_WAIT_MESSAGE;
        return keys === 'silent' ? 'keychain silent' : undefined;
      }
      url = keys.url;
      const secret = keys.secret;
      const body = bodyFor(hook.format, JSON.parse(d.payload) as { text: string });
      const cancel = clock.setTimer(TIMEOUT_MS, () => abort.abort());
      try {
        // The time of this try, not of the event: a retry an hour on must still be fresh to the receiver.
        const timestamp = webhookTimestamp(clock.now());
        const res = await http(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Loomcast',
            'X-Loomcast-Timestamp': String(timestamp),
            'X-Loomcast-Signature': signWebhook(secret, timestamp, body),
            'X-Loomcast-Delivery': d.id,
            'X-Loomcast-Event': d.event,
          },
          body,
          signal: abort.signal,
        });
        status = res.status;
        await res.body?.cancel().catch(() => undefined);
        if (!res.ok) {
          error = `The server answered ${res.status}.`;
          retry = res.status >= 500 || res.status === 429;
        }
      } finally {
        cancel();
      }
    } catch (err) {
      // The address never goes into a message (fetch's "Failed to parse URL from …" quotes it).
      const raw = err instanceof Error ? err.message : String(err);
      const message = url ? raw.split(url).join('[the address]') : raw;
      error = err instanceof AppError ? message : `Could not reach the address: ${message}`;
      retry = !(err instanceof AppError);
    } finally {
      inFlight.delete(d.id);
      aborts.delete(abort);
      // The keychain could not be read: not a try, and not failed; the delivery waits for it.
      if (waitForKeychain !== null) {
        s.settle.run('pending', d.attempts, clock.now() + KEYCHAIN_WAIT_MS, d.last_status, waitForKeychain, null, d.id);
        log.warn('webhook delivery waits for the keychain', { delivery: d.id, silent: waitForKeychain === KEYCHAIN_SILENT_MESSAGE });
        changed([d.webhook_id]);
      }
    }
    // Cut short by quitting: the endpoint's fault it is not, so the delivery stays pending as it
    // was (same tries, same time) and the next start sends it. (One answered before the abort counts.)
    if (error !== null && abort.signal.reason === CLOSING) {
      log.info('webhook delivery left for the next start', { delivery: d.id });
      return;
    }
    const now = clock.now();
    if (error === null) s.settle.run('delivered', tries, null, status, null, now, d.id);
    else if (retry && tries < WEBHOOK_MAX_TRIES) s.settle.run('pending', tries, now + WEBHOOK_BACKOFF_MS[tries - 1]!, status, error, null, d.id);
    else s.settle.run('failed', tries, null, status, error, null, d.id);
    if (error !== null) log.warn('webhook delivery did not go through', { delivery: d.id, tries, status, error });
    changed([d.webhook_id]);
  }

  let running: Promise<void> | null = null;
  function run(): Promise<void> {
    if (running) return running;
    // Started on the next tick, so `running` is set before the finally below clears it.
    running = Promise.resolve().then(async () => {
      try {
        // Quitting stops the list; what is left stays pending for the next start. A keychain that
        // left one try unanswered is not waited for again in the same run: the rest wait too.
        let keychainSilent = false;
        for (const d of s.due.all(clock.now())) {
          if (closed) break;
          if ((await attempt(d, keychainSilent)) === 'keychain silent') keychainSilent = true;
        }
      } finally {
        running = null;
        plan();
      }
    });
    return running;
  }

  /** Sends nothing more: the try under way is aborted and left pending, as is the rest of the list. */
  function halt(): Promise<void> {
    closed = true;
    cancelTimer?.();
    for (const a of aborts) a.abort(CLOSING);
    return running ?? Promise.resolve();
  }

  const { anyEnabled } = list;

  return {
    list: list.list,
    create: list.create,
    update: list.update,
    /** Deletes a webhook (webhook-list.ts); its deliveries go with it, so the next wake is planned again. */
    async remove(id: string): Promise<{ id: string }> {
      const out = await list.remove(id);
      plan();
      return out;
    },
    sweep: list.sweep,
    secret: list.secret,

    /** Whether any webhook is on: with none, events need not be worked out at all. */
    anyEnabled,

    /**
     * Queues `event` for every enabled webhook that asked for it and existed when it happened;
     * once per webhook, event and target. Returns the delivery ids.
     */
    enqueue(event: WebhookEventName, text: string, data: Record<string, unknown>, happenedAt = clock.now()): string[] {
      // Most creators have none: publishing a burst then costs one cheap read per copy, not a list.
      if (!anyEnabled()) return [];
      const ids = list
        .rows()
        .filter((w) => w.enabled === 1 && w.created_at <= happenedAt && (JSON.parse(w.events) as string[]).includes(event))
        .filter((w) => typeof data.targetId !== 'string' || s.sentFor.get(w.id, event, data.targetId)!.n === 0)
        .map((w) => queue(w.id, event, text, data));
      if (ids.length > 0) void run();
      return ids;
    },

    /** Sends one test delivery now and answers how it went. */
    async test(id: string): Promise<WebhookDeliveryDto> {
      const w = get(id);
      const deliveryId = queue(w.id, 'test', `Test from Loomcast: the webhook “${w.name}” works.`, { test: true });
      await attempt(s.delivery.get(deliveryId)!);
      plan();
      return toDelivery(s.delivery.get(deliveryId)!);
    },

    deliveries: (webhookId: string | null, limit: number): WebhookDeliveryDto[] => s.history.all({ w: webhookId, limit }).map(toDelivery),

    /** Sends what is due now (and plans the next wake). */
    run,

    /** Stops sending: the try under way is aborted and left pending, as is the rest of the list. */
    close(): Promise<void> {
      shut = true;
      return halt();
    },
    /** Stops sending for a while, as close() does; `resume` sends what is due then. */
    pause: halt,
    resume(): void {
      if (shut) return;
      closed = false;
      void run();
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
