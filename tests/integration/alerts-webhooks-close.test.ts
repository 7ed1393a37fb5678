/**
 * Quitting with webhook deliveries queued for an endpoint that does not answer: the app closes
 * at once, starts no new try, and sends everything at the next start.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { WebhookDeliveryDto, WebhookDto } from '../../shared/contract/features/alerts';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

const MIN = 60_000;
// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });

let server: Server | null = null;
let t: TestCore | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
  await t?.close();
  t = null;
});

it('close() aborts the try in flight and sends nothing more; the deliveries stay pending, untried, for the next start', async () => {
  let answering = false;
  const hanging: ServerResponse[] = [];
  const got: { delivery: string; answered: boolean }[] = [];
  server = createServer((req, res) => {
    got.push({ delivery: String(req.headers['x-loomcast-delivery']), answered: answering });
    req.resume();
    if (answering) res.end('ok');
    else hanging.push(res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  t = await createTestCore({ vault: memoryVault(), clients: { threads: scriptedClient('threads').client }, publishing: { autoStart: false, retry: { maxAttempts: 1, baseMs: MIN, capMs: MIN }, random: () => 0.5 } });
  await t.core.services.accounts.add({ platform: 'threads', handle: '@me', credentials: { accessToken: 'token' } });
  await call<WebhookDto>(t.core, 'webhooks:create', { name: 'Slow', url, format: 'json', events: ['post.published'] });
  await t.core.services.scheduler.start();
  for (const time of ['10:30', '10:31', '10:32']) await call<PostDto>(t.core, 'posts:create', { text: time, platforms: ['threads'], schedule: at(time) });
  t.clock.advance(33 * MIN);
  await t.core.services.scheduler.wake();
  await expect.poll(() => got.length).toBe(1);

  // Quitting: close() ends without the 15 s timeout coming (the clock does not move).
  let closed = false;
  const closing = t.core.close().then(() => (closed = true));
  await expect.poll(() => closed, { timeout: 3_000 }).toBe(true);
  await closing;
  expect(got).toHaveLength(1);

  // The next start sends all three, each on its first counted try.
  answering = true;
  t = await t.restart();
  await expect.poll(() => got.filter((g) => g.answered).length).toBe(3);
  const deliveries = await call<WebhookDeliveryDto[]>(t.core, 'webhooks:deliveries', {});
  expect(deliveries.map((d) => [d.state, d.attempts])).toEqual([['delivered', 1], ['delivered', 1], ['delivered', 1]]);
  expect(new Set(got.map((g) => g.delivery)).size).toBe(3);
});
