/**
 * Settling an unknown outcome: read the account's posts made since the attempt began
 * (`GET /2/users/:id/tweets?start_time=…`) and look for ours by its text. Never posts.
 *
 * X changes the text it stores, so both sides are normalised before comparing: NFC, the HTML
 * entities X escapes (&amp; &lt; &gt;), every URL removed (X rewrites them to t.co links and
 * appends one for attached media), leading @mentions removed (X prefixes replies to others'
 * posts with them), whitespace collapsed.
 *
 * Throws PlatformError when X could not be asked (network, 5xx, 429, 401): the scheduler looks
 * again later. `cannot_tell` only when X will not answer at all (403: the developer plan has no
 * timeline access).
 */
import { extractUrlsWithIndices } from '../../../../shared/text-rules/entities';
import { z } from 'zod';
import { detailsOf, readJson } from '../common/http';
import { shaped } from '../common/shape';
import { PlatformError, type ClientContext, type PublishRequest, type ReconcileResult } from '../types';
import { xCall, xMessage } from './api';

/** Look a little before the attempt began: this machine's clock and X's may disagree. */
const CLOCK_SKEW_MS = 2 * 60_000;
const MAX_PAGES = 5;

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Whole `http(s)://…` tokens first (t.co links included), then what twitter-text sees as a URL without a scheme. */
function withoutUrls(text: string): string {
  const t = text.replace(/https?:\/\/\S+/g, ' ');
  let out = '';
  let at = 0;
  for (const u of extractUrlsWithIndices(t, true)) {
    out += t.slice(at, u.indices[0]);
    at = u.indices[1];
  }
  return out + t.slice(at);
}

export function normaliseForMatch(text: string): string {
  const t = withoutUrls(decodeEntities(text.normalize('NFC')));
  return t
    .replace(/^(\s*@\w{1,15})+\s*/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** X wants RFC 3339 to the second: 2026-11-23T09:00:00Z. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const TweetShape = z.object({ id: z.string().min(1), text: z.string(), referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional() });
type Tweet = z.infer<typeof TweetShape>;
/** One page of the account's timeline; `data` is absent when there are no posts. */
const PageShape = z.object({ data: z.array(TweetShape).optional(), meta: z.object({ next_token: z.string().optional() }).optional() });

async function get(ctx: ClientContext, path: string): Promise<{ status: number; body: unknown }> {
  const r = await xCall(ctx, path);
  if (!r.ok) throw new PlatformError(`Could not reach X to check: ${r.failure.message}.`);
  return { status: r.res.status, body: await readJson(r.res) };
}

/** The account's X user id: stored at connect; asked for if missing. */
export async function userIdOf(ctx: ClientContext): Promise<string> {
  if (ctx.account.platformUserId) return ctx.account.platformUserId;
  const { status, body } = await get(ctx, '/2/users/me');
  const id = (body as { data?: { id?: string } } | null)?.data?.id;
  if (status !== 200 || !id) throw new PlatformError('X did not say which account this is.', detailsOf(status, body), status);
  return id;
}

export async function reconcileByTimeline(ctx: ClientContext, req: PublishRequest, urlOf: (id: string) => string): Promise<ReconcileResult> {
  const wanted = normaliseForMatch(req.text);
  if (!wanted) return { kind: 'cannot_tell', reason: 'The post has no text X keeps as written (only links), so it cannot be recognised among your recent posts.' };
  const userId = await userIdOf(ctx);
  const base = new URLSearchParams({
    start_time: isoSeconds(req.attemptStartedAt - CLOCK_SKEW_MS),
    max_results: '100',
    'tweet.fields': 'created_at,referenced_tweets',
  });
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const q = new URLSearchParams(base);
    if (token) q.set('pagination_token', token);
    const { status, body } = await get(ctx, `/2/users/${encodeURIComponent(userId)}/tweets?${q}`);
    if (status === 403) {
      return { kind: 'cannot_tell', reason: `X would not list this account's recent posts (${xMessage(body) ?? 'forbidden'}); your X developer plan may not include reading posts.` };
    }
    if (status !== 200) throw new PlatformError(`X could not list recent posts (HTTP ${status}).`, detailsOf(status, body), status);
    const p = shaped(PageShape, body ?? {}, status, 'X');
    const hit = (p.data ?? []).find((t) => normaliseForMatch(t.text) === wanted && repliesTo(t, req));
    if (hit) return { kind: 'found', platformPostId: hit.id, url: urlOf(hit.id) };
    token = p.meta?.next_token;
    if (!token) return { kind: 'not_found' };
  }
  return { kind: 'cannot_tell', reason: 'Too many posts were made on this account since the attempt to find ours among them.' };
}

/** For a thread part or first comment: the match must reply to the post before it. */
function repliesTo(t: Tweet, req: PublishRequest): boolean {
  if (!req.replyTo) return true;
  return (t.referenced_tweets ?? []).some((r) => r.type === 'replied_to' && r.id === req.replyTo!.platformPostId);
}
