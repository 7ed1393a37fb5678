import type { PostDto } from '../../../shared/contract';

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

/** The first version's source when an agent or a script wrote it ("Written by an agent"); null otherwise. */
export function writtenByLabel(createdBy: PostDto['createdBy']): string | null {
  if (createdBy?.actor === 'agent') return 'Written by an agent';
  if (createdBy?.actor === 'script') return 'Written by a script';
  return null;
}
