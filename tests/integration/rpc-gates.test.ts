/**
 * Issue 7's refusals, through the local API as a script or the renderer would meet them:
 * typed errors over HTTP, nothing created twice, and a host that keeps serving after a huge but
 * valid request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { call, memoryVault, type TestCore } from '../support/core';
import { hostOverTestCore, type HostOverCore } from '../support/host';

const TOKEN = 'rpc-gates-token-0123456789abcdef';

describe('the gates through the RPC', () => {
  let t: TestCore;
  let h: HostOverCore;
  let base = '';
  const rpc = async (channel: string, input: unknown) => {
    const res = await fetch(`${base}/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(input) });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; issues?: { path: unknown[]; message: string }[] } } & Record<string, unknown> };
  };
  const count = async () => (await call<PostDto[]>(t.core, 'posts:list', { scope: 'all' })).length;

  beforeAll(async () => {
    ({ t, base } = h = await hostOverTestCore({ token: TOKEN, core: { vault: memoryVault() } }));
    for (const handle of ['@main@example.social', '@second@example.social']) {
      await t.core.services.accounts.add({ platform: 'mastodon', handle, serverUrl: 'https://example.social', credentials: { accessToken: 'a' } });
    }
  });
  afterAll(() => h.close());

  it('refuses to approve a post with {x} left', async () => {
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Launching {x} today', platforms: ['bluesky'], schedule: { date: '2026-11-25', time: '09:00' } });
    const r = await rpc('review:approve', { postIds: [post.id] });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'gate_failed', message: expect.stringContaining('{x}'), issues: [{ path: ['bluesky', 'text'] }] });
    await call(t.core, 'settings:update', { autoApproveOwnPosts: true });
  });

  it('refuses to schedule 301 graphemes to Bluesky', async () => {
    const before = await count();
    const r = await rpc('posts:create', { text: `${'ü'.repeat(300)}.`, platforms: ['bluesky'], schedule: { date: '2026-11-25', time: '09:00' } });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'gate_failed', message: expect.stringMatching(/Bluesky/) });
    expect(await count()).toBe(before);
  });

  it('refuses a post for mastodon with two Mastodon accounts, listing them', async () => {
    const r = await rpc('posts:create', { text: 'To which?', platforms: ['mastodon'], schedule: null });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('@main@example.social') });
    expect(r.body.error!.message).toContain('@second@example.social');
  });

  it('creates nothing when the same import is committed again', async () => {
    const row = { line: 2, fields: { when: '2026-11-26 09:00', zone: 'Europe/Berlin', text: 'Imported once', accounts: 'bluesky', link: '', media: '', altText: '', firstComment: '', campaign: '' } };
    const first = await rpc('io:importCommit', { importId: 'same-import', rows: [row] });
    expect(first.status).toBe(200);
    const after = await count();
    const second = await rpc('io:importCommit', { importId: 'same-import', rows: [row] });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await count()).toBe(after);
  });

  it('answers a row error for a 1,000,000-character text, and keeps serving', async () => {
    const text = 'x'.repeat(1_000_000);
    const r = await rpc('io:importCheck', { rows: [{ line: 2, fields: { when: '2026-11-26 09:00', zone: '', text, accounts: 'bluesky', link: '', media: '', altText: '', firstComment: '', campaign: '' } }] });
    expect(r.status).toBe(200);
    const rows = (r.body as unknown as { rows: { errors: { field: string; message: string }[] }[] }).rows;
    expect(rows[0]!.errors).toEqual([{ field: 'text', message: expect.stringContaining('1,000,000 characters') }]);
    expect((await rpc('app:info', {})).status).toBe(200);
  });
});
