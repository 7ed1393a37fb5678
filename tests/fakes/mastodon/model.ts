/**
 * The fake instance's records and how Mastodon's REST API renders them (Account, Status,
 * MediaAttachment entities, trimmed to the fields clients read). Ids are snowflakes like
 * Mastodon's: milliseconds shifted left 16 bits plus a sequence, so they sort by time.
 */
import { renderContent } from './html';

export interface FakeLimits {
  maxCharacters: number;
  maxMediaAttachments: number;
  charactersReservedPerUrl: number;
  imageSizeLimit: number;
  videoSizeLimit: number;
  descriptionLimit: number;
}

export const DEFAULT_LIMITS: FakeLimits = {
  maxCharacters: 500,
  maxMediaAttachments: 4,
  charactersReservedPerUrl: 23,
  imageSizeLimit: 16 * 1024 * 1024,
  videoSizeLimit: 99 * 1024 * 1024,
  descriptionLimit: 1500,
};

export interface FakeAccount {
  id: string;
  username: string;
  displayName: string;
  createdAt: number;
}

export interface FakeApp {
  id: string;
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  clientSecret: string;
}

export interface FakeMedia {
  id: string;
  accountId: string;
  type: 'image' | 'gifv' | 'video' | 'audio';
  mime: string;
  fileName: string;
  size: number;
  description: string | null;
  statusId: string | null;
  /** How many more `GET /api/v1/media/:id` answer 206 before it is processed. */
  pollsLeft: number;
  failed: boolean;
}

export interface FakeStatus {
  id: string;
  accountId: string;
  text: string;
  spoilerText: string;
  visibility: string;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  mediaIds: string[];
  createdAt: number;
  applicationName: string | null;
  applicationWebsite: string | null;
  counts: { replies: number; reblogs: number; favourites: number; quotes: number };
}

let sequence = 0;
export function snowflake(nowMs: number): string {
  sequence = (sequence + 1) & 0xffff;
  return ((BigInt(Math.floor(nowMs)) << 16n) + BigInt(sequence)).toString();
}

export const byIdDesc = (a: { id: string }, b: { id: string }) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

const iso = (ms: number) => new Date(ms).toISOString();

export function accountJson(base: string, a: FakeAccount, statusesCount: number) {
  return {
    id: a.id,
    username: a.username,
    acct: a.username,
    display_name: a.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: iso(a.createdAt).slice(0, 10) + 'T00:00:00.000Z',
    note: '<p>Writing things, mostly.</p>',
    url: `${base}/@${a.username}`,
    uri: `${base}/users/${a.username}`,
    avatar: `${base}/avatars/original/missing.png`,
    avatar_static: `${base}/avatars/original/missing.png`,
    header: `${base}/headers/original/missing.png`,
    header_static: `${base}/headers/original/missing.png`,
    followers_count: 42,
    following_count: 17,
    statuses_count: statusesCount,
    last_status_at: null,
    emojis: [],
    fields: [],
  };
}

export function credentialAccountJson(base: string, a: FakeAccount, statusesCount: number) {
  return {
    ...accountJson(base, a, statusesCount),
    source: { privacy: 'public', sensitive: false, language: 'en', note: 'Writing things, mostly.', fields: [], follow_requests_count: 0 },
    role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
  };
}

export function mediaJson(base: string, m: FakeMedia) {
  const ready = m.pollsLeft <= 0 && !m.failed;
  const path = `${base}/system/media_attachments/files/${m.id}`;
  return {
    id: m.id,
    type: m.type,
    url: ready ? `${path}/original/${m.fileName}` : null,
    preview_url: `${path}/small/${m.fileName.replace(/\.\w+$/, '.png')}`,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: ready ? { original: { size: m.size } } : {},
    description: m.description,
    blurhash: 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}',
  };
}

export function statusJson(base: string, s: FakeStatus, account: FakeAccount, statusesCount: number, media: FakeMedia[], quotes = true) {
  return {
    id: s.id,
    created_at: iso(s.createdAt),
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToAccountId,
    sensitive: false,
    spoiler_text: s.spoilerText,
    visibility: s.visibility,
    language: 'en',
    uri: `${base}/users/${account.username}/statuses/${s.id}`,
    url: `${base}/@${account.username}/${s.id}`,
    replies_count: s.counts.replies,
    reblogs_count: s.counts.reblogs,
    favourites_count: s.counts.favourites,
    ...(quotes ? { quotes_count: s.counts.quotes } : {}),
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    pinned: false,
    content: renderContent(s.text, base),
    filtered: [],
    reblog: null,
    application: s.applicationName ? { name: s.applicationName, website: s.applicationWebsite } : null,
    account: accountJson(base, account, statusesCount),
    media_attachments: media.map((m) => mediaJson(base, m)),
    mentions: [],
    tags: [],
    emojis: [],
    quote: null,
    card: null,
    poll: null,
  };
}
