/**
 * The pieces of an app.bsky.feed.post record: facets (links, mentions, hashtags), the reply
 * refs of a thread part, and the images embed. Each step either gives its piece or the outcome
 * that ends the publish; all of them run before createRecord, so none can have posted anything.
 */
import type { $Typed, AppBskyEmbedExternal, AppBskyEmbedImages, AppBskyFeedPost, AppBskyRichtextFacet, AtUri, BlobRef } from '@atproto/api';
import type { ClientContext, MediaItem, PublishOutcome, PublishRequest } from '../types';
import { cardToAttach, pictureLeftOut } from '../common/link-card';
import { beforeCreateOutcome, definiteRefusal } from './outcomes';
import { NAME, Xrpc, atproto, repoReadUrl } from './xrpc';

export const POST_COLLECTION = 'app.bsky.feed.post';
/** Limits from the app.bsky.feed.post and app.bsky.embed.images lexicons. */
export const MAX_GRAPHEMES = 300;
export const MAX_IMAGES = 4;
export const MAX_IMAGE_BYTES = 2_000_000;
/** app.bsky.embed.external: a card's picture (thumb) is at most this many bytes. */
export const MAX_THUMB_BYTES = 1_000_000;

type Step<T> = { ok: true; value: T } | { ok: false; outcome: PublishOutcome };

const done = <T>(value: T): Step<T> => ({ ok: true, value });
const stop = <T>(outcome: PublishOutcome): Step<T> => ({ ok: false, outcome });

/** What can be refused without asking the server. */
export function checkRequest(req: PublishRequest): PublishOutcome | null {
  const graphemes = new (atproto().RichText)({ text: req.text }).graphemeLength;
  if (graphemes > MAX_GRAPHEMES) {
    return { kind: 'failed', reason: `The post has ${graphemes} characters; ${NAME} allows at most ${MAX_GRAPHEMES}.` };
  }
  if (!req.text.trim() && req.media.length === 0) return { kind: 'failed', reason: `The post is empty: ${NAME} needs some text or an image.` };
  if (req.media.some((m) => !m.mime.startsWith('image/'))) {
    return { kind: 'failed', reason: `Loomcast posts only images to ${NAME}; remove the video or other file from this post.` };
  }
  if (req.media.length > MAX_IMAGES) return { kind: 'failed', reason: `${NAME} allows at most ${MAX_IMAGES} images per post; this one has ${req.media.length}.` };
  const big = req.media.find((m) => m.bytes > MAX_IMAGE_BYTES);
  if (big) return tooBig(big.bytes);
  return null;
}

function tooBig(bytes: number): PublishOutcome {
  const mb = (n: number) => (n / 1_000_000).toFixed(1);
  return { kind: 'failed', reason: `An image is ${mb(bytes)} MB; ${NAME} takes images up to ${mb(MAX_IMAGE_BYTES)} MB each. Make it smaller and try again.` };
}

/**
 * Links, hashtags and mentions as facets (byte ranges over UTF-8). Mentions are resolved to
 * DIDs through the PDS; a handle that does not exist stays plain text, as in the Bluesky app.
 */
export async function buildFacets(ctx: ClientContext, text: string): Promise<Step<AppBskyRichtextFacet.Main[]>> {
  const rt = new (atproto().RichText)({ text });
  rt.detectFacetsWithoutResolution();
  const x = new Xrpc(ctx, ctx.account.baseUrl);
  const facets: AppBskyRichtextFacet.Main[] = [];
  for (const facet of rt.facets ?? []) {
    const features: AppBskyRichtextFacet.Main['features'] = [];
    for (const feature of facet.features) {
      if (feature.$type !== 'app.bsky.richtext.facet#mention') {
        features.push(feature);
        continue;
      }
      const handle = (feature as AppBskyRichtextFacet.Mention).did;
      const r = await x.call((a) => a.com.atproto.identity.resolveHandle({ handle }));
      if (r.ok) features.push({ $type: 'app.bsky.richtext.facet#mention', did: r.data.did } satisfies $Typed<AppBskyRichtextFacet.Mention>);
      else if (r.kind === 'http' && r.status === 400) ctx.log.debug('bluesky mention left as text: handle not found', { handle });
      else return stop(beforeCreateOutcome(r, ctx.clock, `looking up @${handle}`));
    }
    if (features.length > 0) facets.push({ ...facet, features });
  }
  return done(facets);
}

/** A thread part replies to the previous part (parent) inside the thread's first post (root). */
export async function buildReply(ctx: ClientContext, replyTo: NonNullable<PublishRequest['replyTo']>): Promise<Step<AppBskyFeedPost.ReplyRef>> {
  const x = new Xrpc(ctx, repoReadUrl(ctx));
  const ref = async (uri: string): Promise<Step<{ uri: string; cid: string }>> => {
    let at: AtUri;
    try {
      at = new (atproto().AtUri)(uri);
    } catch {
      return stop({ kind: 'failed', reason: `Loomcast does not know the ${NAME} post this one replies to (${uri}).` });
    }
    const r = await x.call((a) => a.com.atproto.repo.getRecord({ repo: at.host, collection: at.collection, rkey: at.rkey }));
    if (r.ok && r.data.cid) return done({ uri: r.data.uri, cid: r.data.cid });
    if (r.ok || (r.kind === 'http' && r.error === 'RecordNotFound')) {
      return stop({ kind: 'failed', reason: `The ${NAME} post this one replies to is gone (was it deleted?), so the reply cannot be posted.`, ...(r.ok ? {} : { details: r.details }) });
    }
    return stop(beforeCreateOutcome(r, ctx.clock, 'looking up the post this one replies to'));
  };
  const parent = await ref(replyTo.platformPostId);
  if (!parent.ok) return parent;
  const root = replyTo.rootPostId === replyTo.platformPostId ? parent : await ref(replyTo.rootPostId);
  if (!root.ok) return root;
  return done({ root: root.value, parent: parent.value });
}

/** Uploads each image as a blob and builds the embed, alt text and aspect ratio included. */
export async function buildImages(ctx: ClientContext, media: MediaItem[]): Promise<Step<$Typed<AppBskyEmbedImages.Main> | undefined>> {
  if (media.length === 0) return done(undefined);
  const x = new Xrpc(ctx, ctx.account.baseUrl, ctx.credentials.accessToken);
  const images: AppBskyEmbedImages.Image[] = [];
  for (const m of media) {
    let bytes: Uint8Array;
    try {
      bytes = await m.read();
    } catch (err) {
      return stop({ kind: 'failed', reason: `Loomcast could not read an image of this post: ${(err as Error).message}.` });
    }
    if (bytes.byteLength > MAX_IMAGE_BYTES) return stop(tooBig(bytes.byteLength));
    const r = await x.call((a) => a.com.atproto.repo.uploadBlob(bytes, { encoding: m.mime }));
    if (!r.ok) return stop(beforeCreateOutcome(r, ctx.clock, 'uploading an image'));
    const blob: BlobRef = r.data.blob;
    const ratio = m.width && m.height ? { aspectRatio: { width: Math.max(1, Math.round(m.width)), height: Math.max(1, Math.round(m.height)) } } : {};
    // alt is required by the lexicon; an empty string is allowed, but Loomcast passes the creator's.
    images.push({ $type: 'app.bsky.embed.images#image', image: blob, alt: m.altText ?? '', ...ratio });
  }
  return done({ $type: 'app.bsky.embed.images', images });
}

/**
 * The link card (app.bsky.embed.external) of a post without images: the page's title,
 * description and picture, which the Bluesky app attaches itself (a PDS builds no cards), read as
 * the composer's preview reads them. A page Loomcast could not read leaves the post without a
 * card and `notice` says why; only what would stop the post as well (the sign-in, a rate limit,
 * the network, a server error) ends the publish here, before anything is posted.
 */
export async function buildCard(ctx: ClientContext, req: PublishRequest): Promise<Step<{ embed?: $Typed<AppBskyEmbedExternal.Main>; notice?: string }>> {
  const { card, notice: unread } = await cardToAttach(req);
  if (!card) return done(unread ? { notice: unread } : {});
  let thumb: BlobRef | undefined;
  let notice: string | undefined;
  if (card.image && card.image.bytes.byteLength > MAX_THUMB_BYTES) {
    notice = pictureLeftOut(`it is over ${MAX_THUMB_BYTES / 1_000_000} MB, more than ${NAME} takes`);
  } else if (card.image) {
    const image = card.image;
    const x = new Xrpc(ctx, ctx.account.baseUrl, ctx.credentials.accessToken);
    const r = await x.call((a) => a.com.atproto.repo.uploadBlob(image.bytes, { encoding: image.mime }));
    if (r.ok) thumb = r.data.blob;
    else if (definiteRefusal(r, ctx.clock, 'uploads') || r.kind === 'network' || (r.kind === 'http' && r.status >= 500)) {
      return stop(beforeCreateOutcome(r, ctx.clock, 'uploading an image'));
    } else notice = pictureLeftOut(`${NAME} did not take it${r.kind === 'http' ? ` (HTTP ${r.status})` : ''}`);
  }
  const external: AppBskyEmbedExternal.External = { uri: card.url, title: card.title, description: card.description, ...(thumb ? { thumb } : {}) };
  return done({ embed: { $type: 'app.bsky.embed.external', external }, ...(notice ? { notice } : {}) });
}
