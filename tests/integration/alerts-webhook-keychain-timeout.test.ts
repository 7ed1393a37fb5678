/**
 * A keychain that never answers (locked, an unlock prompt nobody sees) must not hold webhook
 * deliveries up for ever: a try waits KEYCHAIN_TIMEOUT_MS of the injected clock, then says the
 * keychain did not answer and waits to try again; the rest of the queue is not held behind it,
 * quitting is not either, and the delivery goes out once the keychain answers.
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createEventBus } from '../../electron/core/events';
import { openStore, type Store } from '../../electron/core/store/open';
import { KEYCHAIN_SILENT_MESSAGE, KEYCHAIN_TIMEOUT_MS, KEYCHAIN_WAIT_MS, createWebhooks, type Webhooks } from '../../electron/core/alerts/webhooks';
import type { HttpFetch, Logger, Vault } from '../../electron/core/deps';
import { FakeClock } from '../support/clock';
import { memoryVault, tempDir } from '../support/core';

const silent: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/** A keychain whose reads can be made to hang: the promise never settles, as a locked one's may not. */
function hangingVault() {
  const inner = memoryVault();
  const v = { hang: false, reads: 0 };
  const vault: Vault = {
    status: async () => ({ available: true }),
    get: (k) => {
      v.reads++;
      return v.hang ? new Promise<string | null>(() => {}) : inner.get(k);
    },
    set: (k, s) => inner.set(k, s),
    delete: (k) => inner.delete(k),
  };
  return Object.assign(v, { vault });
}

let dir: ReturnType<typeof tempDir> | null = null;
let store: Store | null = null;
let hooks: Webhooks | null = null;
afterEach(async () => {
  await hooks?.close();
  store?.db.close();
  dir?.remove();
  [dir, store, hooks] = [null, null, null];
});

function setUp() {
  dir = tempDir('loomcast-webhook-keychain-');
  const clock = new FakeClock();
  store = openStore(join(dir.path, 'loomcast.sqlite'), undefined, () => clock.now());
  const keys = hangingVault();
  const sent: string[] = [];
  const http: HttpFetch = async (_url, init) => {
    sent.push(String((init?.headers as Record<string, string>)['X-Loomcast-Delivery']));
    return new Response('ok', { status: 200 });
  };
  hooks = createWebhooks({ db: store.db, vault: keys.vault, http, clock, events: createEventBus(), log: silent });
  return { clock, keys, sent, hooks };
}

/** Lets the pending promise callbacks run (no real time passes: the clock is the fake one). */
const settle = () => new Promise((r) => setImmediate(r));

it('a try the keychain does not answer ends after KEYCHAIN_TIMEOUT_MS saying so, untried, and goes out once the keychain answers', async () => {
  const { clock, keys, sent, hooks } = setUp();
  const hook = await hooks.create({ name: 'Team', url: 'https://hooks.example/secret-path', format: 'json', events: ['post.published'], enabled: true });
  keys.hang = true;

  let answered = false;
  const testing = hooks.test(hook.id).finally(() => (answered = true));
  await expect.poll(() => keys.reads).toBeGreaterThan(0);
  clock.advance(KEYCHAIN_TIMEOUT_MS - 1);
  await settle();
  expect(answered).toBe(false);
  clock.advance(1);
  const d = await testing;
  expect(d).toMatchObject({ state: 'pending', attempts: 0, lastError: KEYCHAIN_SILENT_MESSAGE });
  expect(d.lastError).toContain('The keychain did not answer');
  expect(Date.parse(d.nextAttemptAt!) - clock.now()).toBe(KEYCHAIN_WAIT_MS);
  expect(sent).toEqual([]);

  // Unlocked: the planned retry sends it, on its first counted try.
  keys.hang = false;
  clock.advance(KEYCHAIN_WAIT_MS);
  await expect.poll(() => hooks.deliveries(null, 10)[0]).toMatchObject({ state: 'delivered', attempts: 1, lastError: null });
  expect(sent).toEqual([d.id]);
});

it('does not wait for a silent keychain once per delivery: the rest of the run waits with it, and quitting is not held up', async () => {
  const { clock, keys, sent, hooks } = setUp();
  await hooks.create({ name: 'Team', url: 'https://hooks.example/a', format: 'json', events: ['post.published'], enabled: true });
  await hooks.create({ name: 'Other', url: 'https://hooks.example/b', format: 'slack', events: ['post.published'], enabled: true });
  keys.hang = true;
  const ids = hooks.enqueue('post.published', 'Published', { targetId: 't1' });
  expect(ids).toHaveLength(2);
  await expect.poll(() => keys.reads).toBe(1);
  clock.advance(KEYCHAIN_TIMEOUT_MS);
  // Both wait for the keychain after one timeout, not two: the second was not asked again.
  await expect.poll(() => hooks.deliveries(null, 10).map((d) => d.lastError)).toEqual([KEYCHAIN_SILENT_MESSAGE, KEYCHAIN_SILENT_MESSAGE]);
  expect(keys.reads).toBe(1);
  expect(hooks.deliveries(null, 10).map((d) => [d.state, d.attempts])).toEqual([['pending', 0], ['pending', 0]]);

  // The next wake asks again and hangs; closing does not wait for the keychain (the clock stands still).
  clock.advance(KEYCHAIN_WAIT_MS);
  await expect.poll(() => keys.reads).toBe(2);
  let closed = false;
  const closing = hooks.close().then(() => (closed = true));
  await expect.poll(() => closed, { timeout: 3_000 }).toBe(true);
  await closing;
  expect(sent).toEqual([]);
  expect(hooks.deliveries(null, 10).map((d) => [d.state, d.attempts])).toEqual([['pending', 0], ['pending', 0]]);
});
