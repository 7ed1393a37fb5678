import { create } from 'zustand';
import type { PostDto, PostVersionDto } from '../../../shared/contract';
import type { Problem } from '../lib/errors';

/**
 * Cached query results for posts. Push events (posts:changed) drop what they name and refetch
 * the lists, so every screen shows what the core holds, including changes from other windows.
 */
interface PostsState {
  upcoming: PostDto[] | null;
  drafts: PostDto[] | null;
  /**
   * Every post, for what the two lists leave out: posts whose copies all went out, failed,
   * were missed or are unconfirmed (the core's upcoming scope ends at 'publishing').
   */
  all: PostDto[] | null;
  listProblem: Problem | null;
  /** One post by id; 'gone' once the core says it no longer exists. */
  byId: Record<string, PostDto | 'gone'>;
  versions: Record<string, PostVersionDto[]>;
}

export const usePostsStore = create<PostsState>(() => ({ upcoming: null, drafts: null, all: null, listProblem: null, byId: {}, versions: {} }));
