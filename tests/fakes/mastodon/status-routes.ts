/**
 * Statuses on the fake instance: `POST /api/v1/statuses` (Idempotency-Key honoured for an hour,
 * PostStatusService's validations and messages), `GET /api/v1/statuses/:id`,
 * `GET /api/v1/accounts/:id/statuses` (newest first, max_id/since_id/min_id paging, Link header),
 * and `GET /api/v2/instance`.
 */
import type { FakeRequest, Reply } from '../common/fake-server';
import { mastoError, type MastodonFake } from './fake';
import { countCharacters } from './html';
import { byIdDesc, snowflake, statusJson, type FakeAccount, type FakeStatus } from './model';
import { faultReply, readParams } from './params';

const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'];
const IDEMPOTENCY_MS = 3600 * 1000;

function render(fake: MastodonFake, s: FakeStatus): unknown {
  const account = fake.accounts.get(s.accountId) as FakeAccount;
  const media = s.mediaIds.map((id) => fake.media.get(id)).filter((m) => m !== undefined);
  return statusJson(fake.url, s, account, fake.statusCount(account.id), media, fake.countsQuotes);
}

async function createStatus(fake: MastodonFake, req: FakeRequest): Promise<Reply> {
  const auth = fake.authenticate(req, ['write', 'write:statuses']);
  if (!auth.ok) return auth.reply;
  const account = auth.account;
  const params = await readParams(req);

  const replyTo = params.get('in_reply_to_id');
  const parent = replyTo ? fake.statuses.get(replyTo) : undefined;
  if (replyTo && !parent) return mastoError(404, 'The post you are trying to reply to does not appear to exist.', fake.apiHeaders(auth.token));

  const rawKey = req.headers['idempotency-key'];
  const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
  const slot = key ? `${account.id}:${key}` : null;
  const seen = slot ? fake.idempotency.get(slot) : undefined;
  if (seen && fake.now() - seen.at < IDEMPOTENCY_MS) {
    const existing = fake.statuses.get(seen.statusId);
    if (existing) return { status: 200, headers: fake.apiHeaders(auth.token), body: render(fake, existing) };
  }

  // PostStatusService's RateLimiter (per account); on this call its headers replace the API throttle's.
  const limit = fake.throttle(`statuses:${account.id}`, fake.rates.statuses);
  const headers = fake.rateHeaders(limit);
  if (limit.exceeded) return fake.tooMany(limit.limit, limit.resetAt);

  const text = params.get('status') ?? '';
  const spoilerText = params.get('spoiler_text') ?? '';
  const visibility = params.get('visibility') || 'public';
  const mediaIds = params.getAll('media_ids');
  if (!VISIBILITIES.includes(visibility)) return mastoError(422, 'Validation failed: Visibility is not included in the list', headers);

  if (mediaIds.length > fake.limits.maxMediaAttachments) {
    return mastoError(422, `Cannot attach more than ${fake.limits.maxMediaAttachments} files`, headers);
  }
  const media = mediaIds.map((id) => fake.media.get(id));
  const missing = mediaIds.filter((id, i) => {
    const m = media[i];
    return !m || m.accountId !== account.id || m.statusId !== null;
  });
  if (missing.length > 0) return mastoError(422, `Media ${missing.join(', ')} not found or already attached to another post`, headers);
  const found = media.filter((m) => m !== undefined);
  if (found.length > 1 && found.some((m) => m.type === 'video' || m.type === 'audio')) {
    return mastoError(422, 'Cannot attach a video to a post that already contains images', headers);
  }
  if (found.some((m) => m.pollsLeft > 0 || m.failed)) {
    return mastoError(422, 'Cannot attach files that have not finished processing. Try again in a moment!', headers);
  }
  if (!text.trim() && found.length === 0) return mastoError(422, "Validation failed: Text can't be blank", headers);
  if (countCharacters(spoilerText + text, fake.limits.charactersReservedPerUrl) > fake.limits.maxCharacters) {
    return mastoError(422, `Validation failed: Text character limit of ${fake.limits.maxCharacters} exceeded`, headers);
  }

  const tokenApp = fake.apps.get(fake.tokenApps.get(auth.token) ?? '');
  const s: FakeStatus = {
    id: snowflake(fake.now()),
    accountId: account.id,
    text,
    spoilerText,
    visibility,
    inReplyToId: parent?.id ?? null,
    inReplyToAccountId: parent?.accountId ?? null,
    mediaIds,
    createdAt: fake.now(),
    applicationName: tokenApp?.name ?? null,
    applicationWebsite: tokenApp?.website ?? null,
    counts: { replies: 0, reblogs: 0, favourites: 0, quotes: 0 },
  };
  fake.statuses.set(s.id, s);
  for (const m of found) m.statusId = s.id;
  if (parent) parent.counts.replies++;
  fake.accept({ id: s.id, accountKey: account.id, text, ...(key ? { idempotencyKey: key } : {}), data: { visibility, inReplyToId: s.inReplyToId, mediaIds } });
  if (slot) fake.idempotency.set(slot, { statusId: s.id, at: fake.now() });
  return { status: 200, headers, body: render(fake, s) };
}

/** `authorize_if_got_token! :read, :'read:statuses'`: public reads need no token, but a token must fit. */
function optionalAuth(fake: MastodonFake, req: FakeRequest): { ok: true; headers: Record<string, string> } | { ok: false; reply: Reply } {
  if (!req.token) return { ok: true, headers: {} };
  const auth = fake.authenticate(req, ['read', 'read:statuses']);
  return auth.ok ? { ok: true, headers: fake.apiHeaders(auth.token) } : auth;
}

export function registerStatusRoutes(fake: MastodonFake): void {
  fake.route('POST', '/api/v1/statuses', async (req) => {
    const fault = fake.takeFault();
    const early = faultReply(fake, fault, fake.rates.statuses);
    if (early) return early;
    const reply = await createStatus(fake, req);
    return fault?.kind === 'timeout_after_accept' ? 'hang' : reply;
  });

  fake.route('GET', '/api/v1/statuses/:id', (req) => {
    const auth = optionalAuth(fake, req);
    if (!auth.ok) return auth.reply;
    const s = fake.statuses.get(req.params.id ?? '');
    if (!s || (s.visibility === 'direct' && !req.token)) return mastoError(404, 'Record not found', auth.headers);
    return { status: 200, headers: auth.headers, body: render(fake, s) };
  });

  fake.route('GET', '/api/v1/accounts/:id/statuses', (req) => {
    const auth = optionalAuth(fake, req);
    if (!auth.ok) return auth.reply;
    const account = fake.accounts.get(req.params.id ?? '');
    if (!account) return mastoError(404, 'Record not found', auth.headers);
    const q = req.query;
    const limit = Math.min(Math.max(Number(q.get('limit')) || 20, 1), 40);
    const big = (v: string | null) => (v && /^\d+$/.test(v) ? BigInt(v) : null);
    const maxId = big(q.get('max_id'));
    const sinceId = big(q.get('since_id'));
    const minId = big(q.get('min_id'));
    let list = [...fake.statuses.values()]
      .filter((s) => s.accountId === account.id)
      .filter((s) => !(q.get('exclude_replies') === 'true' && s.inReplyToId))
      .filter((s) => (maxId === null || BigInt(s.id) < maxId) && (sinceId === null || BigInt(s.id) > sinceId) && (minId === null || BigInt(s.id) > minId))
      .sort(byIdDesc);
    // min_id pages forwards: the oldest statuses just after it, still shown newest first.
    list = minId !== null ? list.slice(-limit) : list.slice(0, limit);
    const headers = { ...auth.headers };
    if (list.length > 0) {
      const base = `${fake.url}/api/v1/accounts/${account.id}/statuses`;
      headers.Link = `<${base}?limit=${limit}&max_id=${list[list.length - 1]!.id}>; rel="next", <${base}?limit=${limit}&min_id=${list[0]!.id}>; rel="prev"`;
    }
    return { status: 200, headers, body: list.map((s) => render(fake, s)) };
  });

  fake.route('GET', '/api/v2/instance', () => {
    const l = fake.limits;
    return {
      status: 200,
      body: {
        domain: fake.host,
        title: 'Loomcast test instance',
        version: fake.version,
        source_url: 'https://github.com/mastodon/mastodon',
        description: 'A fake Mastodon server for Loomcast tests.',
        usage: { users: { active_month: fake.accounts.size } },
        thumbnail: { url: `${fake.url}/packs/media/images/preview.png` },
        languages: ['en'],
        configuration: {
          urls: { streaming: fake.url.replace(/^http/, 'ws'), status: null },
          vapid: { public_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=' },
          accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
          statuses: { max_characters: l.maxCharacters, max_media_attachments: l.maxMediaAttachments, characters_reserved_per_url: l.charactersReservedPerUrl },
          media_attachments: {
            supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif', 'image/avif', 'video/webm', 'video/mp4', 'video/quicktime', 'video/ogg'],
            description_limit: l.descriptionLimit,
            image_size_limit: l.imageSizeLimit,
            image_matrix_limit: 33177600,
            video_size_limit: l.videoSizeLimit,
            video_frame_rate_limit: 120,
            video_matrix_limit: 8294400,
          },
          polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 },
          translation: { enabled: false },
        },
        registrations: { enabled: false, approval_required: false, message: null },
        api_versions: { mastodon: 6 },
        contact: { email: 'admin@example.test', account: null },
        rules: [],
      },
    };
  });
}
