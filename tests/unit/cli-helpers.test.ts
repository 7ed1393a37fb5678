import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { AccountDto } from '../../shared/contract';
import { ApiError, createApiClient, describeError, exitFor } from '../../electron/cli/client';
import { dayStartOf, parseAt, parseInstant, windows } from '../../electron/cli/dates';
import { ambiguousSlashedDate, chooseDateOrder, dateOrderFlag, dateOrderNote } from '../../electron/cli/date-order';
import { resolveDestinations } from '../../electron/cli/targets';

const ZONE = 'Europe/Berlin';
const account = (id: string, platform: AccountDto['platform'], handle: string): AccountDto => ({ id, platform, handle, displayName: null, status: 'connected', lastError: null, tokenExpiresAt: null, signInEndsAt: null, signInEndsSoon: false, rateLimitedUntil: null, serverUrl: null, createdAt: '2026-11-01T00:00:00.000Z' });
const ACCOUNTS = [account('b1', 'bluesky', 'me.bsky.social'), account('m1', 'mastodon', 'me@example.social'), account('m2', 'mastodon', '@studio@example.social')];
const exitOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return [(err as ApiError).exit, (err as Error).message];
  }
  return null;
};

describe('loomcast: dates read in the app’s zone', () => {
  it('a day is its local midnight; --to takes the whole day; an ISO instant keeps its offset', () => {
    expect(parseInstant('2026-12-24', ZONE, '--from').toISO()).toBe('2026-12-24T00:00:00.000+01:00');
    expect(parseInstant('2026-12-24', ZONE, '--to', true).toISO()).toBe('2026-12-25T00:00:00.000+01:00');
    // The day the clocks jump forward is 23 hours long: its end is still the next local midnight.
    expect(parseInstant('2027-03-28', ZONE, '--to', true).toISO()).toBe('2027-03-29T00:00:00.000+02:00');
    expect(parseInstant('2026-12-24T09:00:00Z', ZONE, '--from').toUTC().toISO()).toBe('2026-12-24T09:00:00.000Z');
    expect(exitOf(() => parseInstant('2026-02-30', ZONE, '--from'))).toEqual([2, '--from 2026-02-30 is not a real date.']);
    expect(exitOf(() => parseInstant('2026-12-24T09:00', ZONE, '--from'))?.[0]).toBe(2);
  });

  it('a day in a zone that turns its clocks back over midnight starts at its first midnight, so its first hour is in it', () => {
    // Havana goes back from 01:00 to 00:00: that night's first hour happens twice. The next such
    // night after the test core's clock (23 Nov 2026), found from the zone.
    const zone = 'America/Havana';
    let at = Date.parse('2026-11-23T09:00:00Z');
    const offset = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
    while (offset(at + 3_600_000) >= offset(at)) at += 3_600_000;
    // Havana changes on the hour, so stepping by hours from a whole hour stops an hour before it.
    const firstMidnight = at;
    const day = DateTime.fromMillis(firstMidnight, { zone }).toFormat('yyyy-LL-dd');
    expect(DateTime.fromMillis(firstMidnight, { zone }).toFormat('yyyy-LL-dd HH:mm')).toBe(`${day} 00:00`);
    expect(parseInstant(day, zone, '--from').toMillis()).toBe(firstMidnight);
    const dayBefore = DateTime.fromMillis(firstMidnight - 86_400_000, { zone }).toFormat('yyyy-LL-dd');
    expect(parseInstant(dayBefore, zone, '--to', true).toMillis()).toBe(firstMidnight);
    // A post at 00:30, the first one (as Loomcast takes it), is in its own day's range.
    const halfPast = firstMidnight + 30 * 60_000;
    expect(parseInstant(day, zone, '--from').toMillis()).toBeLessThanOrEqual(halfPast);
    // "Today" read at either half past midnight starts at the first midnight, not after it.
    for (const now of [halfPast, halfPast + 3_600_000]) expect(dayStartOf(DateTime.fromMillis(now, { zone })).toMillis()).toBe(firstMidnight);
  });

  it('a day whose midnight the clocks skip starts when they jump', () => {
    // Santiago jumps from 00:00 to 01:00 on its spring night: the next one after the clock's now.
    const zone = 'America/Santiago';
    let at = Date.parse('2026-11-23T09:00:00Z');
    const offset = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
    while (offset(at + 3_600_000) <= offset(at)) at += 3_600_000;
    const jump = at + 3_600_000;
    const day = DateTime.fromMillis(jump, { zone }).toFormat('yyyy-LL-dd');
    expect(DateTime.fromMillis(jump, { zone }).toFormat('HH:mm')).toBe('01:00');
    expect(parseInstant(day, zone, '--from').toMillis()).toBe(jump);
    const dayBefore = DateTime.fromMillis(jump - 86_400_000, { zone }).toFormat('yyyy-LL-dd');
    expect(parseInstant(dayBefore, zone, '--to', true).toMillis()).toBe(jump);
  });

  it('--at is a wall-clock time for the core to resolve (the core refuses a skipped one); an instant becomes the zone’s wall time', () => {
    expect(parseAt('2026-12-24 09:00', ZONE)).toEqual({ date: '2026-12-24', time: '09:00' });
    expect(parseAt('2027-03-28T02:30', ZONE)).toEqual({ date: '2027-03-28', time: '02:30' });
    expect(parseAt('2026-12-24T08:00:00Z', ZONE)).toEqual({ date: '2026-12-24', time: '09:00' });
    expect(exitOf(() => parseAt('tomorrow 9am', ZONE))?.[0]).toBe(2);
  });

  it('--at refuses an instant it could not keep: seconds, or the second of a wall time the clocks repeat', () => {
    expect(exitOf(() => parseAt('2026-12-24T08:00:45Z', ZONE))).toEqual([2, '--at 2026-12-24T08:00:45Z has seconds; Loomcast schedules to the minute. Give a time such as 2026-12-24T08:00Z.']);
    // 31 Oct 2027 in Berlin: 02:30 happens twice; 00:30Z is the first (taken), 01:30Z the second.
    expect(parseAt('2027-10-31T00:30:00Z', ZONE)).toEqual({ date: '2027-10-31', time: '02:30' });
    expect(exitOf(() => parseAt('2027-10-31T01:30:00Z', ZONE))?.[1]).toMatch(/is the second 02:30 of 2027-10-31 in Europe\/Berlin/);
  });

  it('splits a long range into windows the calendar channel takes', () => {
    const from = DateTime.fromISO('2026-01-01', { zone: ZONE });
    const w = windows(from, from.plus({ days: 130 }), 62);
    expect(w.map((x) => x.from.slice(0, 10))).toEqual(['2026-01-01', '2026-03-04', '2026-05-05']);
    expect(w.at(-1)!.to.slice(0, 10)).toBe('2026-05-11');
  });
});

describe('loomcast import: the order of a slashed date', () => {
  it('follows the locale (month first in the US, day first in Britain and Germany) unless --date-order names one', async () => {
    const asked: string[] = [];
    const locale = (tag: string) => async () => (asked.push(tag), tag);
    expect(await chooseDateOrder(undefined, locale('en-US'))).toEqual({ order: 'mdy', from: { locale: 'en-US' } });
    expect(await chooseDateOrder(undefined, locale('en-GB'))).toEqual({ order: 'dmy', from: { locale: 'en-GB' } });
    expect(await chooseDateOrder(undefined, locale('de-DE'))).toEqual({ order: 'dmy', from: { locale: 'de-DE' } });
    // The flag wins, and the settings are not asked for.
    expect(await chooseDateOrder(dateOrderFlag('dmy'), locale('en-CA'))).toEqual({ order: 'dmy', from: { flag: true } });
    expect(asked).toEqual(['en-US', 'en-GB', 'de-DE']);
    expect(dateOrderFlag(undefined)).toBeUndefined();
    expect(exitOf(() => dateOrderFlag('ymd'))).toEqual([2, '--date-order takes dmy or mdy, not "ymd".']);
  });

  it('finds a date both orders read, and says how it was read and how to read it the other way', () => {
    // A day over 12, the same number twice, or dots (always day first) read one way only.
    expect(ambiguousSlashedDate(['2027-03-04 10:00', '13/04/2027 10:00', '04/04/2027 10:00', '03.04.2027 10:00'])).toBeNull();
    expect(ambiguousSlashedDate(['13/04/2027 10:00', '3/4/2027 9:30 PM', '05/06/2027'])).toBe('3/4/2027');
    expect(dateOrderNote('03/04/2027', { order: 'mdy', from: { locale: 'en-US' } })).toBe(
      "Slashed dates were read month first, the order of your locale (en-US, from Loomcast's settings): 03/04/2027 is March 4, 2027. For 3 April 2027, run it again with --date-order dmy.",
    );
    expect(dateOrderNote('03/04/2027', { order: 'dmy', from: { flag: true } })).toBe('Slashed dates were read day first, as --date-order dmy says: 03/04/2027 is 3 April 2027. For March 4, 2027, run it again with --date-order mdy.');
  });
});

describe('loomcast: --to names accounts as a creator does', () => {
  it('platform:@handle (any case, with or without @), an id, or a platform with one account', () => {
    expect(resolveDestinations(['bluesky:@ME.bsky.social', 'mastodon:me@example.social'], ACCOUNTS)).toEqual({ accounts: ['b1', 'm1'] });
    expect(resolveDestinations(['m2', 'bluesky'], ACCOUNTS)).toEqual({ accounts: ['m2', 'b1'] });
    // Only platforms: the core picks each one's account, as the app does.
    expect(resolveDestinations(['x', 'bluesky'], ACCOUNTS)).toEqual({ platforms: ['x', 'bluesky'] });
  });

  it('says what is connected when a name does not match', () => {
    expect(exitOf(() => resolveDestinations(['mastodon', 'bluesky:@me.bsky.social'], ACCOUNTS))).toEqual([1, expect.stringContaining('mastodon has several accounts (mastodon @me@example.social, mastodon @studio@example.social)')]);
    expect(exitOf(() => resolveDestinations(['bluesky:@other'], ACCOUNTS))).toEqual([1, 'Cannot send to "bluesky:@other": no bluesky account is @other (connected: bluesky @me.bsky.social).']);
    expect(exitOf(() => resolveDestinations(['friendster:@me'], ACCOUNTS))?.[0]).toBe(2);
    expect(exitOf(() => resolveDestinations([], ACCOUNTS))?.[0]).toBe(2);
  });
});

describe('loomcast: exit codes from answers', () => {
  it('maps 401/403 to 4, internal to 5, any other refusal to 1', () => {
    expect(exitFor(401, 'unauthorized')).toBe(4);
    expect(exitFor(403, 'forbidden')).toBe(4);
    expect(exitFor(500, 'internal')).toBe(5);
    expect(exitFor(502, undefined)).toBe(5);
    for (const [status, code] of [[400, 'invalid_input'], [409, 'conflict'], [422, 'gate_failed'], [404, 'not_found'], [503, 'vault_unavailable'], [502, 'unreachable']] as const) expect(exitFor(status, code)).toBe(1);
  });

  it('lists the issues of an invalid input under Loomcast’s message', () => {
    expect(describeError({ code: 'invalid_input', message: 'Invalid input', issues: [{ path: ['text'], message: 'Write something first' }, { path: [], message: 'Invalid input' }] })).toBe('Invalid input\n  - text: Write something first');
  });
});

describe('the client name a request carries', () => {
  it('is printable ASCII of at most 80 characters, as the host accepts it', async () => {
    const sent: string[] = [];
    const fetch = async (_url: string, init: { headers: Record<string, string> }) => {
      sent.push(init.headers['x-loomcast-client']!);
      return new Response('[]', { status: 200 });
    };
    for (const name of ['Claude 🤖 Desktop', 'line\nbreak', '🤖', 'x'.repeat(100)]) {
      await createApiClient({ url: 'http://127.0.0.1:1', token: 't', actor: 'agent', client: () => name, fetch: fetch as never }).call('posts:list', {});
    }
    expect(sent).toEqual(['Claude  Desktop', 'linebreak', 'unnamed-client', 'x'.repeat(80)]);
  });
});
