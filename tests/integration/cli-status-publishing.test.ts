/**
 * `loomcast status` says what the status line says about publishing: "on" only while an account
 * can post, no next post promised when none can go out, and the scheduled posts held, with why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { run } from '../../electron/cli/main';
import { startAgentHost, type AgentHost } from '../support/agent-host';
import { call } from '../support/core';

let h: AgentHost;
beforeAll(async () => {
  h = await startAgentHost();
});
afterAll(async () => {
  await h.close();
});

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), env: { LOOMCAST_DATA_DIR: h.t.dataDir }, cwd: h.files, fetch: h.fetch });
  return { code, out, err };
}

const schedule = (platforms: string[], time: string) => call<PostDto>(h.t.core, 'posts:create', { text: `At ${time}`, platforms, schedule: { date: h.day(2), time, zone: 'Europe/Berlin' } });

describe('loomcast status, when posts cannot go out', () => {
  it('some held, others able to go out: on, the next post, and a line per held group; --json gives blocked as the core does', async () => {
    const post = await schedule(['bluesky'], '09:00');
    await schedule(['x'], '10:00');
    const r = await cli(['status']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Publishing: on · \d+ cop(y|ies) waiting to go out\n/);
    expect(r.out).toContain('Held: 1 X post can’t go out: no account connected\n');
    expect(r.out).toContain(`[${post.id}]`);

    const j = JSON.parse((await cli(['status', '--json'])).out);
    expect(j.publishing.blocked).toEqual([{ platform: 'x', reason: 'no_account', posts: 1 }]);
  });

  it('no account can post: off with the reason, each held group, and no next post', async () => {
    h.t.core.services.accounts.needsReconnect(h.bluesky, 'The token was revoked.');
    h.t.core.services.accounts.needsReconnect(h.mastodon, 'The token was revoked.');
    try {
      const r = await cli(['status']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Publishing: off \(No account can post: posts can’t go out until you reconnect one\) · \d+ cop(y|ies) waiting to go out\n/);
      expect(r.out).toContain('Held: 1 Bluesky post can’t go out: account needs reconnecting\n');
      expect(r.out).toContain('Next post: none can go out\n');
      expect(r.out).not.toMatch(/Publishing: on|Next post: \d|nothing scheduled/);
      const j = JSON.parse((await cli(['status', '--json'])).out);
      expect(j.publishing).toMatchObject({ next: null, blocked: expect.arrayContaining([{ platform: 'bluesky', reason: 'needs_reconnect', posts: 1 }]) });
    } finally {
      h.t.core.services.accounts.worksAgain(h.bluesky);
      h.t.core.services.accounts.worksAgain(h.mastodon);
    }
  });

  it('paused: paused, and the next post only as what goes out once resumed', async () => {
    await call(h.t.core, 'publishing:pause');
    try {
      const r = await cli(['status']);
      expect(r.out).toMatch(/Publishing: paused/);
      expect(r.out).toMatch(/Next post \(once resumed\): /);
    } finally {
      await call(h.t.core, 'publishing:resume');
    }
  });
});
