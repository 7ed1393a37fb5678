import type { Platform } from '../../../../shared/domain/platforms';
import type { TargetState } from '../../../../shared/domain/states';
import type { Db } from '../../store/open';

/** The account a confirmed copy went out on, as the link is checked against it. */
export interface LinkAccount {
  platform: Platform;
  /** As stored: `@user@host` on Mastodon, `user` on X, `name.bsky.social` on Bluesky, the username on TikTok. */
  handle: string;
  /** Mastodon's own server. */
  serverUrl: string | null;
  /** X's user id, Bluesky's DID, the Facebook Page's id. */
  platformUserId: string | null;
}

const lower = (s: string) => s.replace(/^@/, '').toLowerCase();

/**
 * The platform's id of a post, read from the link a creator pasted when they confirmed it went
 * out, so its numbers can be collected like any other. Only where the link can only mean a post
 * of this account: a Mastodon status on the account's own server under its own name (another
 * server's number for the same status is a different id), an X post under its handle (or /i/),
 * a Bluesky post under its handle or DID, a Facebook Page post under the Page's id (the Graph
 * API's id is `{page}_{post}`), a TikTok video under the account's username. Anything else
 * gives null: no numbers rather than another post's. LinkedIn, Instagram and Threads links name
 * a post by something other than the API's id, and YouTube and Pinterest links do not say whose
 * the post is, so they give null too.
 */
export function idFromLink(link: string, account: LinkAccount): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const path = url.pathname.replace(/\/+$/, '');
  switch (account.platform) {
    case 'mastodon': {
      if (!account.serverUrl || url.host.toLowerCase() !== new URL(account.serverUrl).host.toLowerCase()) return null;
      const m = /^\/@([^/@]+)\/(\d+)$/.exec(path);
      const user = lower(account.handle).split('@')[0];
      return m && user && m[1]!.toLowerCase() === user ? m[2]! : null;
    }
    case 'x': {
      if (!['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com', 'mobile.x.com'].includes(url.host.toLowerCase())) return null;
      const m = /^\/([A-Za-z0-9_]+)\/status\/(\d+)$/.exec(path);
      return m && (m[1] === 'i' || m[1]!.toLowerCase() === lower(account.handle)) ? m[2]! : null;
    }
    case 'bluesky': {
      if (url.host.toLowerCase() !== 'bsky.app' || !account.platformUserId?.startsWith('did:')) return null;
      const m = /^\/profile\/([^/]+)\/post\/([a-z0-9]+)$/i.exec(path);
      if (!m) return null;
      const who = decodeURIComponent(m[1]!).toLowerCase();
      const mine = who === lower(account.handle) || who === account.platformUserId.toLowerCase();
      return mine ? `at://${account.platformUserId}/app.bsky.feed.post/${m[2]}` : null;
    }
    case 'facebook': {
      if (!['facebook.com', 'www.facebook.com', 'm.facebook.com', 'web.facebook.com'].includes(url.host.toLowerCase()) || !account.platformUserId) return null;
      const m = /^\/(\d+)\/posts\/(\d+)$/.exec(path);
      return m && m[1] === account.platformUserId ? `${m[1]}_${m[2]}` : null;
    }
    case 'tiktok': {
      if (!['tiktok.com', 'www.tiktok.com', 'm.tiktok.com'].includes(url.host.toLowerCase())) return null;
      const m = /^\/@([^/]+)\/video\/(\d+)$/.exec(path);
      return m && decodeURIComponent(m[1]!).toLowerCase() === lower(account.handle) ? m[2]! : null;
    }
    default:
      return null;
  }
}

/** A copy as the creator's answers read it: its post, state, first attempt and account. */
export interface AnsweredCopy {
  post_id: string;
  platform: Platform;
  state: TargetState;
  attempt_started_at: number | null;
  handle: string | null;
  server_url: string | null;
  platform_user_id: string | null;
}

/** Reads a copy with its account, and the post id a pasted link names for it (null when it names none). */
export function createCopyReader(db: Db) {
  const stmt = db.prepare(`SELECT t.post_id, t.platform, t.state, t.attempt_started_at, a.handle, a.server_url, a.platform_user_id
    FROM targets t LEFT JOIN accounts a ON a.id = t.account_id WHERE t.id = ?`);
  return {
    get: (targetId: string) => stmt.get(targetId) as AnsweredCopy | undefined,
    idFrom: (link: string, c: AnsweredCopy) =>
      c.handle === null ? null : idFromLink(link, { platform: c.platform, handle: c.handle, serverUrl: c.server_url, platformUserId: c.platform_user_id }),
  };
}
