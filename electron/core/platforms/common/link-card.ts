/**
 * The link card a client attaches itself (Bluesky's external embed, LinkedIn's article): read
 * only for a post without media, and never a reason to stop a post. Each client words what it
 * could not attach with the two notices below, so the copies read the same on every platform.
 */
import type { PostLinkCard } from '../../link-cards/reader';
import type { PublishRequest } from '../types';

export type ReadCard = Extract<PostLinkCard, { ok: true }>;

/** The card to attach, or none; `notice` says why a link's card could not be read. */
export async function cardToAttach(req: PublishRequest): Promise<{ card: ReadCard | null; notice?: string }> {
  if (req.media.length > 0 || !req.linkCard) return { card: null };
  const card = await req.linkCard().catch((err: unknown): PostLinkCard => ({ ok: false, url: '', reason: (err as Error)?.message ?? String(err) }));
  if (!card) return { card: null };
  if (!card.ok) return { card: null, notice: `Posted without its link card: ${card.reason.replace(/\.$/, '')}.` };
  return { card };
}

/** The card went, its picture did not: `why` in a few words ("it is over 1 MB…"). */
export const pictureLeftOut = (why: string) => `Posted with its link card but without the page's picture: ${why.replace(/\.$/, '')}.`;
