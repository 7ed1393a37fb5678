/**
 * Settling an unknown outcome: read the account's posts made since the attempt began
 * (`GET /2/users/:id/tweets?start_time=…`) and look for ours by its text. Never posts.
 *
 * X changes the text it stores: it escapes &amp; &lt; &gt;, rewrites every link to a t.co link
 * (its `entities.urls` say what each stands for), appends one more for attached media, and may
 * start a reply with the names it answers. So both sides are compared with entities decoded,
 * links written out as what they stand for (scheme, `www.` and a trailing slash aside), the media
 * link dropped and whitespace collapsed; a reply may also differ by its leading @names.
 * A post whose words match but whose links cannot be read back is not taken for ours: the
 * creator is asked (`cannot_tell`), never told it went out.
 *
 * Throws PlatformError when X could not be asked (network, 5xx, 429, 401): the scheduler looks
 * again later. `cannot_tell` also when X will not answer at all (403: the developer plan has no
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

/** A link as written or as X expands it, without what X may add or drop: scheme, `www.`, a trailing slash. */
const linkKey = (url: string) => ` <${url.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '').toLowerCase()}> `;

/** Every link in our text, written as its key (twitter-text finds the same links X does). */
function ourLinks(text: string): string {
  let out = '';
  let at = 0;
  for (const u of extractUrlsWithIndices(text, true)) {
    out += text.slice(at, u.indices[0]) + linkKey(u.url);
    at = u.indices[1];
  }
  return out + text.slice(at);
}

const collapse = (text: string) => text.replace(/\s+/gu, ' ').trim();
const LEADING_NAMES = /^(\s*@\w{1,15})+\s*/u;

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

/** The words alone: every link and leading @name removed (what two posts share if they may be the same). */
export function normaliseForMatch(text: string): string {
  return collapse(withoutUrls(decodeEntities(text.normalize('NFC'))).replace(LEADING_NAMES, ''));
}

/** Our text as X would show it once its links are read back. */
const ours = (text: string) => collapse(ourLinks(text.normalize('NFC')));

/**
 * A post of the account as written: each t.co link replaced by what `entities.urls` says it stands
 * for, the media link dropped. Null when a t.co link is left that no entity explains.
 */
function theirs(t: Tweet): string | null {
  let text = decodeEntities(t.text.normalize('NFC'));
  for (const u of t.entities?.urls ?? []) {
    const media = u.media_key !== undefined || /^https?:\/\/(x|twitter)\.com\/[^/]+\/status\/\d+\/(photo|video)\/\d+$/i.test(u.expanded_url ?? '');
    text = text.split(u.url).join(media ? ' ' : linkKey(u.expanded_url ?? u.url));
  }
  return /https?:\/\/t\.co\//i.test(text) ? null : collapse(text);
}

/** A text's leading @names (lower case: X's names are not case-sensitive) and what follows them. */
function leadingNames(text: string): { names: string[]; rest: string } {
  const lead = LEADING_NAMES.exec(text)?.[0] ?? '';
  return { names: lead.toLowerCase().match(/@\w+/g) ?? [], rest: text.slice(lead.length) };
}

/**
 * Same post: same words and links. A reply may start with more names than we wrote (X puts the
 * names of the post it answers first), never with fewer or others.
 */
function sameAs(t: Tweet, req: PublishRequest): 'same' | 'other' | 'unsure' {
  if (normaliseForMatch(t.text) !== normaliseForMatch(req.text)) return 'other';
  const written = theirs(t);
  if (written === null) return 'unsure';
  const want = ours(req.text);
  if (written === want) return 'same';
  if (!req.replyTo) return 'other';
  const [a, b] = [leadingNames(written), leadingNames(want)];
  return a.rest === b.rest && b.names.every((n) => a.names.includes(n)) ? 'same' : 'other';
}

/** X wants RFC 3339 to the second: 2026-11-23T09:00:00Z. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const UrlEntity = z.object({ url: z.string().min(1), expanded_url: z.string().optional(), media_key: z.string().optional() });
const TweetShape = z.object({
  id: z.string().min(1),
  text: z.string(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  entities: z.object({ urls: z.array(UrlEntity).optional() }).optional(),
});
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
    'tweet.fields': 'created_at,referenced_tweets,entities',
  });
  let token: string | undefined;
  let unsure = false;
  for (let page = 0; page < MAX_PAGES; page++) {
    const q = new URLSearchParams(base);
    if (token) q.set('pagination_token', token);
    const { status, body } = await get(ctx, `/2/users/${encodeURIComponent(userId)}/tweets?${q}`);
    if (status === 403) {
      return { kind: 'cannot_tell', reason: `X would not list this account's recent posts (${xMessage(body) ?? 'forbidden'}); your X developer plan may not include reading posts.` };
    }
    if (status !== 200) throw new PlatformError(`X could not list recent posts (HTTP ${status}).`, detailsOf(status, body), status);
    const p = shaped(PageShape, body ?? {}, status, 'X');
    const judged = (p.data ?? []).filter((t) => repliesTo(t, req)).map((t) => ({ t, verdict: sameAs(t, req) }));
    const hit = judged.find((j) => j.verdict === 'same')?.t;
    if (hit) return { kind: 'found', platformPostId: hit.id, url: urlOf(hit.id) };
    unsure ||= judged.some((j) => j.verdict === 'unsure');
    token = p.meta?.next_token;
    if (!token) break;
  }
  if (unsure) return { kind: 'cannot_tell', reason: 'A post with the same words is on X, but X did not say where its links lead, so Loomcast cannot tell whether it is this one.' };
  if (!token) return { kind: 'not_found' };
  return { kind: 'cannot_tell', reason: 'Too many posts were made on this account since the attempt to find ours among them.' };
}

/** For a thread part or first comment: the match must reply to the post before it. */
function repliesTo(t: Tweet, req: PublishRequest): boolean {
  if (!req.replyTo) return true;
  return (t.referenced_tweets ?? []).some((r) => r.type === 'replied_to' && r.id === req.replyTo!.platformPostId);
}
