/**
 * What a webhook receiver checks: X-Loomcast-Signature is the secret's HMAC-SHA256 of
 * `<X-Loomcast-Timestamp>.<raw body>`, and the timestamp is the time of the try (unix seconds, from
 * the core's clock), so a captured request replayed later is refused as stale.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookDeliveryDto, WebhookDto } from '../../shared/contract/features/alerts';
import { FakeClock } from '../support/clock';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

interface Sent {
  headers: Record<string, string>;
  body: string;
}

/** A receiver's check, as the README tells one to write it: HMAC, then the age of the timestamp. */
function receiverAccepts(secret: string, req: Sent, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = req.headers['X-Loomcast-Timestamp'] ?? '';
  const given = req.headers['X-Loomcast-Signature'] ?? '';
  if (!/^\d+$/.test(timestamp) || !given.startsWith('sha256=')) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${req.body}`).digest('hex')}`);
  if (expected.length !== Buffer.byteLength(given) || !timingSafeEqual(expected, Buffer.from(given))) return false;
  return Math.abs(nowSeconds - Number(timestamp)) <= toleranceSeconds;
}

describe('webhook signatures', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  /** A core on `clock` whose network is a list: each request is kept, and answered with the next status. */
  async function setup(clock: FakeClock, statuses: number[] = []) {
    const sent: Sent[] = [];
    const http = (async (_url: string | URL | Request, init?: RequestInit) => {
      sent.push({ headers: { ...(init?.headers as Record<string, string>) }, body: String(init?.body) });
      return new Response('ok', { status: statuses.shift() ?? 200 });
    }) as typeof fetch;
    t = await createTestCore({ vault: memoryVault(), clock, http });
    const hook = await call<WebhookDto & { secret: string }>(t.core, 'webhooks:create', { name: 'Team', url: 'https://hooks.example.com/loomcast', format: 'json', events: ['post.published'] });
    return { sent, hook };
  }

  it('a receiver verifies the HMAC over "<timestamp>.<body>"; the body alone, a changed timestamp or another secret do not verify', async () => {
    const clock = new FakeClock();
    const { sent, hook } = await setup(clock);
    await call(t!.core, 'webhooks:test', { id: hook.id });
    expect(sent).toHaveLength(1);
    const req = sent[0]!;
    const timestamp = req.headers['X-Loomcast-Timestamp']!;
    expect(req.headers['X-Loomcast-Signature']).toBe(`sha256=${createHmac('sha256', hook.secret).update(`${timestamp}.${req.body}`).digest('hex')}`);
    expect(receiverAccepts(hook.secret, req, Number(timestamp))).toBe(true);

    // What signed it before (the body alone) no longer matches: the time is part of what is signed.
    expect(req.headers['X-Loomcast-Signature']).not.toBe(`sha256=${createHmac('sha256', hook.secret).update(req.body).digest('hex')}`);
    // A replay with a fresh timestamp put in front of the old signature fails the HMAC…
    expect(receiverAccepts(hook.secret, { ...req, headers: { ...req.headers, 'X-Loomcast-Timestamp': String(Number(timestamp) + 3600) } }, Number(timestamp) + 3600)).toBe(false);
    // …and the same request as it was, an hour later, is past the tolerance.
    expect(receiverAccepts(hook.secret, req, Number(timestamp) + 3600)).toBe(false);
    expect(receiverAccepts('not the secret', req, Number(timestamp))).toBe(false);
    expect(receiverAccepts(hook.secret, { ...req, body: req.body.replace('Test', 'Tost') }, Number(timestamp))).toBe(false);
  });

  it('the timestamp is the injected clock at each try, in unix seconds: a retry 30 s later is signed at its own time', async () => {
    // Not on a whole second, so the ms are seen to be dropped rather than rounded.
    const clock = new FakeClock(Date.UTC(2031, 4, 6, 7, 8, 9, 987));
    const { sent, hook } = await setup(clock, [503]);
    const first = await call<WebhookDeliveryDto>(t!.core, 'webhooks:test', { id: hook.id });
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 503 });
    expect(sent[0]!.headers['X-Loomcast-Timestamp']).toBe(String(Date.UTC(2031, 4, 6, 7, 8, 9) / 1000));

    clock.advance(30_000);
    await expect.poll(() => sent.length).toBe(2);
    const [a, b] = sent;
    expect(b!.headers['X-Loomcast-Timestamp']).toBe(String(Date.UTC(2031, 4, 6, 7, 8, 39) / 1000));
    // Same delivery and bytes (a receiver drops the repeat by its id), a fresh timestamp and signature.
    expect(b!.headers['X-Loomcast-Delivery']).toBe(a!.headers['X-Loomcast-Delivery']);
    expect(b!.body).toBe(a!.body);
    expect(b!.headers['X-Loomcast-Signature']).not.toBe(a!.headers['X-Loomcast-Signature']);
    for (const req of [a!, b!]) expect(receiverAccepts(hook.secret, req, Math.floor(clock.now() / 1000))).toBe(true);
  });
});
