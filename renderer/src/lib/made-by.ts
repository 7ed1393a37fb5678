import type { PostDto, PostVersionDto } from '../../../shared/contract';

/**
 * "Made by an agent · claude-ai", "Made by a script · loomcast-cli": said wherever such a post is
 * shown, so the creator knows what they did not write themselves. Null for their own posts and
 * Loomcast's (and posts from before Loomcast recorded it).
 */
export function madeByLabel(createdBy: PostDto['createdBy']): string | null {
  if (!createdBy || (createdBy.actor !== 'agent' && createdBy.actor !== 'script')) return null;
  const who = createdBy.actor === 'agent' ? 'Made by an agent' : 'Made by a script';
  return createdBy.client ? `${who} · ${createdBy.client}` : who;
}

const WRITERS = { user: 'Written by you', agent: 'Written by an agent', script: 'Written by a script', system: 'Written by Loomcast' } as const;

/**
 * Who typed a version's words, as the history and Review say it: "Written by you", "Written by
 * an agent · claude-ai", "Written by a script · nightly-import", "Written by Loomcast". A version
 * saved before Loomcast recorded it (schema 21): the first is its post's maker's; a later one says
 * only "Edited", since who edited it is not known.
 */
export function writtenByLabel(version: Pick<PostVersionDto, 'number' | 'writtenBy'>, createdBy: PostDto['createdBy']): string {
  const by = version.writtenBy ?? (version.number === 1 ? (createdBy ?? { actor: 'user', client: null }) : null);
  if (!by) return 'Edited';
  return by.client && (by.actor === 'agent' || by.actor === 'script') ? `${WRITERS[by.actor]} · ${by.client}` : WRITERS[by.actor];
}
