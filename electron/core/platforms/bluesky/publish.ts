/**
 * Publish and reconcile. Exactly once comes from the record key: every attempt of a target
 * writes to the same rkey (tid.ts), the PDS refuses a second record there, and a lookup of that
 * rkey says whether the post exists.
 */
import { PlatformError, type ClientContext, type PublishOutcome, type PublishRequest, type RateLimitInfo, type ReconcileResult } from '../types';
import { createOutcome } from './outcomes';
import { POST_COLLECTION, buildCard, buildFacets, buildImages, buildReply, checkRequest } from './record';
import { tidFromKey } from './tid';
import { NAME, Xrpc, repoReadUrl } from './xrpc';
import type { AppBskyFeedPost } from '@atproto/api';

export function didOf(ctx: ClientContext): string | null {
  return ctx.credentials.extra?.did ?? ctx.account.platformUserId ?? null;
}

/** The public web address of a post. bsky.app shows posts from every PDS in the network. */
export function postUrl(ctx: ClientContext, did: string, rkey: string): string {
  const handle = ctx.credentials.extra?.handle ?? ctx.account.handle;
  const who = handle && handle !== 'handle.invalid' ? handle.replace(/^@/, '') : did;
  return `https://bsky.app/profile/${who}/post/${rkey}`;
}

/** `passing`: nothing was learned now (network, 5xx, 429, an unreadable answer); asking again later may tell. */
type Lookup = { kind: 'found'; uri: string } | { kind: 'not_found' } | { kind: 'could_not_look'; reason: string; passing: boolean };

/** Is there a record at our rkey? A public read: it needs no token, so it works with an expired one. */
async function lookup(ctx: ClientContext, did: string, rkey: string): Promise<Lookup> {
  const x = new Xrpc(ctx, repoReadUrl(ctx));
  const r = await x.call((a) => a.com.atproto.repo.getRecord({ repo: did, collection: POST_COLLECTION, rkey }));
  if (r.ok) return { kind: 'found', uri: r.data.uri };
  if (r.kind === 'http' && r.error === 'RecordNotFound') return { kind: 'not_found' };
  const why = r.kind === 'network' ? r.failure.message : r.kind === 'http' ? `HTTP ${r.status}${r.error ? ` ${r.error}` : ''}` : r.message;
  const passing = !(r.kind === 'http' && r.status < 500 && r.status !== 429);
  return { kind: 'could_not_look', reason: why, passing };
}

export async function publish(ctx: ClientContext, req: PublishRequest): Promise<PublishOutcome & { rateLimit?: RateLimitInfo }> {
  const refused = checkRequest(req);
  if (refused) return refused;
  const did = didOf(ctx);
  if (!did) return { kind: 'failed', reason: `Loomcast does not know which ${NAME} account this is. Reconnect it in Accounts.` };
  const rkey = tidFromKey(req.idempotencyKey);

  const facets = await buildFacets(ctx, req.text);
  if (!facets.ok) return facets.outcome;
  const reply = req.replyTo ? await buildReply(ctx, req.replyTo) : undefined;
  if (reply && !reply.ok) return reply.outcome;
  const embed = await buildImages(ctx, req.media);
  if (!embed.ok) return embed.outcome;
  // A post without images carries the card of its first link, as in the Bluesky app.
  const card = await buildCard(ctx, req);
  if (!card.ok) return card.outcome;
  const notice = card.value.notice ? { notice: card.value.notice } : {};

  const record: AppBskyFeedPost.Record = {
    $type: POST_COLLECTION,
    text: req.text,
    createdAt: new Date(ctx.clock.now()).toISOString(),
    ...(facets.value.length > 0 ? { facets: facets.value } : {}),
    ...(reply ? { reply: reply.value } : {}),
    ...(embed.value ? { embed: embed.value } : card.value.embed ? { embed: card.value.embed } : {}),
  };

  // From here on, only this call can make the post.
  const x = new Xrpc(ctx, ctx.account.baseUrl, ctx.credentials.accessToken);
  const r = await x.call((a) => a.com.atproto.repo.createRecord({ repo: did, collection: POST_COLLECTION, rkey, record }));
  if (r.ok) {
    ctx.log.info('bluesky post created', { accountId: ctx.account.id, uri: r.data.uri });
    return { kind: 'published', platformPostId: r.data.uri, url: postUrl(ctx, did, rkey), ...notice, ...(r.rateLimit ? { rateLimit: r.rateLimit } : {}) };
  }
  const rateLimit = r.kind === 'http' && r.rateLimit ? { rateLimit: r.rateLimit } : {};
  if (r.kind === 'network' || r.kind === 'unsent' || (r.kind === 'http' && (r.status === 429 || r.status === 401 || /Token$/.test(r.error ?? '')))) {
    // Refused before any write (auth, rate limit), never sent, or lost on the wire: the answer
    // is settled without a lookup (a lookup after a cut connection could race the write).
    return { ...createOutcome(r, ctx.clock, 'not_found'), ...rateLimit };
  }
  // The server answered with an error, or a 2xx we could not read. A record at our rkey means
  // the post is out: this attempt made it, or an earlier one did (a PDS refuses a second record
  // at a taken rkey, which is how a retry of a published post ends up here).
  const seen = await lookup(ctx, did, rkey);
  if (seen.kind === 'found') {
    ctx.log.info('bluesky post already at its record key', { accountId: ctx.account.id, uri: seen.uri, answer: r.kind === 'http' ? r.status : r.kind });
    return { kind: 'published', platformPostId: seen.uri, url: postUrl(ctx, did, rkey), ...notice, ...rateLimit };
  }
  return { ...createOutcome(r, ctx.clock, seen.kind), ...rateLimit };
}

export async function reconcile(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  const did = didOf(ctx);
  if (!did) return { kind: 'cannot_tell', reason: `Loomcast does not know which ${NAME} account this is.` };
  const rkey = tidFromKey(req.idempotencyKey);
  const seen = await lookup(ctx, did, rkey);
  if (seen.kind === 'found') return { kind: 'found', platformPostId: seen.uri, url: postUrl(ctx, did, rkey) };
  if (seen.kind === 'not_found') return { kind: 'not_found' };
  // A server that is down for now is asked again later, as on every other platform; the creator
  // is asked only when the server will not say.
  if (seen.passing) throw new PlatformError(`Could not look the post up on ${NAME} just now: ${seen.reason}.`);
  return { kind: 'cannot_tell', reason: `Could not look the post up on ${NAME}: ${seen.reason}.` };
}
