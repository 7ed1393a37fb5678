/**
 * After an unknown outcome: did the status get made? Within the hour Mastodon keeps our
 * Idempotency-Key, sending the same request again returns the existing status rather than a new
 * one, so a retry is safe. Later, look through the account's recent statuses for ours.
 */
import type { ClientContext, PublishRequest, ReconcileResult } from '../types';
import { PlatformError } from '../types';
import { detailsOf, readJson, request } from '../common/http';
import { NAME, apiUrl, bearer, errorMessage, statusUrl, type MastodonAccount, type MastodonStatus } from './api';
import { comparableText, htmlToText } from './html-text';

/** Mastodon keeps an Idempotency-Key for 3600 s from the moment the status was created. */
const IDEMPOTENCY_WINDOW_MS = 60 * 60_000;
/** Left for the retry itself to arrive while the key still holds. */
const RETRY_MARGIN_MS = 5 * 60_000;
/** Our clock and the instance's may disagree a little about when the attempt began. */
const CLOCK_SKEW_MS = 2 * 60_000;
const PAGE_SIZE = 40;
const MAX_PAGES = 5;

async function getJson(ctx: ClientContext, path: string): Promise<unknown> {
  const got = await request(ctx, apiUrl(ctx.account.baseUrl, path), { headers: bearer(ctx) });
  if (!got.ok) throw new PlatformError(`Could not reach ${NAME} to check: ${got.failure.message}.`);
  const body = await readJson(got.res);
  if (got.res.status !== 200) {
    throw new PlatformError(`${NAME} did not let Loomcast check its recent posts (${errorMessage(body) ?? `HTTP ${got.res.status}`}).`, detailsOf(got.res.status, body), got.res.status);
  }
  return body;
}

/** The account's Mastodon id: stored at connect time, else asked for. */
export async function accountIdOf(ctx: ClientContext): Promise<string> {
  const known = ctx.account.platformUserId ?? ctx.credentials.extra?.accountId;
  if (known) return known;
  const me = (await getJson(ctx, '/api/v1/accounts/verify_credentials')) as MastodonAccount;
  if (!me?.id) throw new PlatformError(`${NAME} did not say which account this is.`);
  return me.id;
}

function isOurs(s: MastodonStatus, req: PublishRequest, want: string): boolean {
  if (s.reblog) return false;
  if (comparableText(htmlToText(s.content ?? '')) !== want) return false;
  if (req.replyTo && s.in_reply_to_id !== req.replyTo.platformPostId) return false;
  if (!req.replyTo && s.in_reply_to_id) return false;
  return (s.media_attachments?.length ?? 0) === req.media.length;
}

export async function reconcileStatus(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  if (ctx.clock.now() - req.attemptStartedAt < IDEMPOTENCY_WINDOW_MS - RETRY_MARGIN_MS) return { kind: 'retry_is_safe' };

  const accountId = await accountIdOf(ctx);
  const want = comparableText(req.text);
  const since = req.attemptStartedAt - CLOCK_SKEW_MS;
  let maxId: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (maxId) q.set('max_id', maxId);
    const list = await getJson(ctx, `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?${q}`);
    if (!Array.isArray(list)) throw new PlatformError(`${NAME} answered the recent-posts check with something unexpected.`);
    let reachedOlder = false;
    for (const s of list as MastodonStatus[]) {
      if (Date.parse(s.created_at) < since) {
        reachedOlder = true;
        continue;
      }
      if (isOurs(s, req, want)) return { kind: 'found', platformPostId: s.id, url: statusUrl(s) };
    }
    if (reachedOlder || list.length < PAGE_SIZE) return { kind: 'not_found' };
    maxId = (list[list.length - 1] as MastodonStatus).id;
  }
  return { kind: 'cannot_tell', reason: `The account made more than ${PAGE_SIZE * MAX_PAGES} posts since this attempt; Loomcast could not check them all.` };
}
