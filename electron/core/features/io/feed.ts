/**
 * The calendar subscription of browser mode: GET /ical/<token>.ics answers the iCal feed to any
 * calendar app that has the link. The token is its own secret, separate from the host's token,
 * and only ever opens this one read-only file. Loomcast keeps a SHA-256 fingerprint of it, not
 * the token (secrets stay out of SQLite), so the link is shown once, when it is made; a lost or
 * leaked link is replaced by making a new one, which retires the old one at once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../../shared/contract';
import type { FeedLinkDto, FeedStatusDto } from '../../../../shared/contract/features/io';
import { createSettingsStore, type SettingValue } from '../../settings/settings-store';
import type { FeatureDeps } from '../types';

/** Its row in the settings store (declared there with its schema); null while the feed is off. */
const KEY = 'io.icalFeed';

type Stored = NonNullable<SettingValue<typeof KEY>>;

const fingerprint = (token: string) => createHash('sha256').update(token, 'utf8').digest();
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createFeed(deps: Pick<FeatureDeps, 'db' | 'audit' | 'clock' | 'log' | 'background'>) {
  const settings = createSettingsStore({ db: deps.db, log: deps.log });
  /**
   * A calendar app asks on its own timer, the data folder's move or not: paused, the feed still
   * answers (a read), and the time of the last fetch is kept here and written on the resume.
   */
  let paused = false;
  let fetchedMeanwhile: number | null = null;
  const noteFetch = (s: Stored, at: number) => settings.set(KEY, { ...s, lastFetchedAt: at });
  deps.background.register('calendar feed', {
    async pause() {
      paused = true;
    },
    resume() {
      paused = false;
      const at = fetchedMeanwhile;
      fetchedMeanwhile = null;
      const s = stored();
      // Not when the feed was turned off or its link made anew since.
      if (at !== null && s && (s.lastFetchedAt ?? 0) < at) noteFetch(s, at);
    },
  });

  /** An unreadable row reads as null (the store logs it): the feed is then off. */
  const stored = (): Stored | null => settings.get(KEY);

  const status = (s: Stored | null): FeedStatusDto => ({ enabled: s !== null, createdAt: iso(s?.createdAt ?? null), lastFetchedAt: iso(s?.lastFetchedAt ?? null) });

  /** A new token replaces any old one in the same write. */
  const issue = (action: 'feed.enable' | 'feed.rotate'): FeedLinkDto => {
    const token = randomBytes(24).toString('base64url');
    const s: Stored = { sha256: fingerprint(token).toString('hex'), createdAt: deps.clock.now(), lastFetchedAt: null };
    deps.db.transaction(() => {
      settings.set(KEY, s);
      deps.audit.record({ actor: 'user', action, entity: 'ical_feed' });
    })();
    return { ...status(s), path: `/ical/${token}.ics` };
  };

  return {
    status: () => status(stored()),

    enable(): FeedLinkDto {
      if (stored()) throw new AppError('conflict', 'The calendar subscription is already on. Make a new link if you lost the old one: the old link then stops working.');
      return issue('feed.enable');
    },

    rotate(): FeedLinkDto {
      if (!stored()) throw new AppError('conflict', 'The calendar subscription is off: turn it on to get a link.');
      return issue('feed.rotate');
    },

    disable(): FeedStatusDto {
      deps.db.transaction(() => {
        settings.reset(KEY);
        deps.audit.record({ actor: 'user', action: 'feed.disable', entity: 'ical_feed' });
      })();
      return status(null);
    },

    /** True for the current token only; compared in constant time, as fingerprints of equal length. */
    verify(token: string): boolean {
      const s = stored();
      if (!s) return false;
      const ok = timingSafeEqual(fingerprint(token), Buffer.from(s.sha256, 'hex'));
      if (ok && paused) fetchedMeanwhile = deps.clock.now();
      else if (ok) noteFetch(s, deps.clock.now());
      return ok;
    },
  };
}
