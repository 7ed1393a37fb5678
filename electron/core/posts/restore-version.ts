import { AppError, type PostDto } from '../../../shared/contract';
import type { PostsService } from './posts-service';

/**
 * Brings an older version back as a new version written by the creator: its words, and its thread
 * and first comment where it kept them (versions since schema 23). It goes through
 * posts.update, so the gates, the duplicate guard and the rules for copies already out all apply:
 * a copy being published or already published refuses the change with the usual words.
 */
export function restoreVersion(posts: PostsService, id: string, number: number): PostDto {
  const version = posts.versions(id).find((v) => v.number === number);
  if (!version) throw new AppError('not_found', `This post has no version ${number}. Reopen the post to see its history.`);
  return posts.update({ id, text: version.text, ...(version.parts ? { thread: version.parts.thread, firstComment: version.parts.firstComment } : {}) });
}
