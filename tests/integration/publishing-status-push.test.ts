import { afterEach, describe, expect, it } from 'vitest';
import type { PublishingStatusDto } from '../../shared/contract/features/publishing';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the publishing status pushed to the screens', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('is read once per quarter second while changes keep coming, and always ends on the latest', async () => {
    t = await createTestCore({ clients: { mastodon: scriptedClient('mastodon').client }, publishing: { autoStart: false } });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    const pushed: PublishingStatusDto[] = [];
    t.core.subscribe((event, payload) => {
      if (event === 'publishing:changed') pushed.push(payload as PublishingStatusDto);
    });
    const schedule = (time: string) => call(t.core, 'posts:create', { text: `Due at ${time}`, platforms: ['mastodon'], schedule: at(time) });

    // The first change of a quiet spell is read on the next turn.
    await schedule('12:00');
    await nextTurn();
    expect(pushed.map((s) => s.queued)).toEqual([1]);

    // Three more within the quarter second: none read yet...
    for (const time of ['12:10', '12:20', '12:30']) await schedule(time);
    await nextTurn();
    expect(pushed.map((s) => s.queued)).toEqual([1]);

    // ...then one read, of where they ended.
    t.clock.advance(250);
    await nextTurn();
    expect(pushed.map((s) => s.queued)).toEqual([1, 4]);

    // Quiet again: the next change is read at once.
    t.clock.advance(1_000);
    await schedule('12:40');
    await nextTurn();
    expect(pushed.map((s) => s.queued)).toEqual([1, 4, 5]);
  });
});
