import { create } from 'zustand';
import type { PostDto, PostVersionDto } from '../../../shared/contract';
import { LIST_SECTION_STEP } from '../../../shared/domain/list-sections';
import type { Problem } from '../lib/errors';

/**
 * Cached query results for posts. Push events (posts:changed) drop what they name and refetch
 * the lists, so every screen shows what the core holds, including changes from other windows.
 */
interface PostsState {
  upcoming: PostDto[] | null;
  drafts: PostDto[] | null;
  /**
   * What the two lists leave out, the latest first and bounded (never every post): posts that
   * failed, went unconfirmed or were missed, and posts that went out with nothing left to do.
   */
  attention: PostDto[] | null;
  published: PostDto[] | null;
  /** How many posts upcoming and drafts hold beyond those read, and how many each reads (LIST_SECTION_STEP at first). */
  more: { upcoming: number; drafts: number };
  limits: { upcoming: number; drafts: number };
  /** Every untimed draft, counted by the core (the sidebar lists the newest of them). */
  untimedDrafts: number | null;
  /** Copies in review, approved or scheduled, per account id. */
  waiting: Record<string, number> | null;
  listProblem: Problem | null;
  /** One post by id; 'gone' once the core says it no longer exists. */
  byId: Record<string, PostDto | 'gone'>;
  versions: Record<string, PostVersionDto[]>;
}

export const usePostsStore = create<PostsState>(() => ({
  upcoming: null,
  drafts: null,
  attention: null,
  published: null,
  more: { upcoming: 0, drafts: 0 },
  limits: { upcoming: LIST_SECTION_STEP, drafts: LIST_SECTION_STEP },
  untimedDrafts: null,
  waiting: null,
  listProblem: null,
  byId: {},
  versions: {},
}));
