import { useEffect } from 'react';
import { create } from 'zustand';
import type { PostDto, PostVersionDto } from '../../../../shared/contract';
import type { ReviewItemDto } from '../../../../shared/contract/features/review';
import { api } from '../../api/client';
import { LIST_SECTION_MAX, LIST_SECTION_STEP } from '../../../../shared/domain/list-sections';
import { refreshPosts } from '../../data/usePosts';
import { toProblem, type Problem } from '../../lib/errors';
import { offerReviewUndo, reviewSnapshot } from './review-undo';

interface ReviewState {
  /** Posts waiting for a decision, the longest-waiting first, as far as read; null until loaded. */
  list: ReviewItemDto[] | null;
  /** How many posts wait in all (the list holds the first of them). */
  total: number;
  /** How many the screen asks for: a step at a time (Show more), so a 10,000-post import is not read whole. */
  limit: number;
  problem: Problem | null;
  /** The post shown on the right. */
  currentId: string | null;
  /** Posts ticked for "Approve selected". */
  selected: string[];
  /** Version histories by post id, newest first. */
  versions: Record<string, PostVersionDto[]>;
  /** Why a post's history could not be read, by post id (until asked again). */
  versionProblems: Record<string, Problem>;
}

export const useReviewStore = create<ReviewState>(() => ({ list: null, total: 0, limit: LIST_SECTION_STEP, problem: null, currentId: null, selected: [], versions: {}, versionProblems: {} }));

let listening = false;
let latest = 0;
/** Review screens showing the queue: with none, a change elsewhere reads nothing. */
let users = 0;

export async function refreshReview(): Promise<void> {
  const ticket = ++latest;
  try {
    const { limit, currentId } = useReviewStore.getState();
    // The open post stays open even when it waits past the first page (a draft opened from the writing queue).
    const { items: list, total } = await api.call('review:list', { limit, ...(currentId ? { reach: currentId } : {}) });
    if (ticket !== latest) return;
    useReviewStore.setState((s) => {
      const ids = new Set(list.map((i) => i.post.id));
      return {
        list,
        total,
        limit: Math.max(s.limit, Math.min(list.length, LIST_SECTION_MAX)),
        problem: null,
        selected: s.selected.filter((id) => ids.has(id)),
        currentId: s.currentId && ids.has(s.currentId) ? s.currentId : (list[0]?.post.id ?? null),
      };
    });
  } catch (err) {
    if (ticket === latest) useReviewStore.setState({ problem: toProblem(err) });
  }
}

function listen(): void {
  if (listening) return;
  listening = true;
  api.subscribe('posts:changed', ({ ids }) => {
    useReviewStore.setState((s) => {
      const versions = { ...s.versions };
      const versionProblems = { ...s.versionProblems };
      for (const id of ids) {
        delete versions[id];
        delete versionProblems[id];
      }
      return { versions, versionProblems };
    });
    if (users > 0) void refreshReview();
  });
}

/** Opens this post in Review; when Review is already shown, reads the queue as far down as the post waits. */
export function showInReview(postId: string): void {
  useReviewStore.setState({ currentId: postId });
  if (users > 0) void refreshReview();
}

/** Reads the next step of the queue. */
export function showMoreReview(): Promise<void> {
  useReviewStore.setState((s) => ({ limit: Math.min(LIST_SECTION_MAX, s.limit + LIST_SECTION_STEP) }));
  return refreshReview();
}

export function useReviewList() {
  const list = useReviewStore((s) => s.list);
  const total = useReviewStore((s) => s.total);
  const problem = useReviewStore((s) => s.problem);
  useEffect(() => {
    listen();
    users++;
    void refreshReview();
    return () => {
      users--;
    };
  }, []);
  return { list, total, problem };
}

/**
 * The version history of a post, loaded once and dropped when the post changes; `problem` says why
 * it could not be read, and `retry` asks again.
 */
export function useVersions(postId: string | null): { versions: PostVersionDto[] | null; problem: Problem | null; retry: () => void } {
  const versions = useReviewStore((s) => (postId ? s.versions[postId] : undefined));
  const problem = useReviewStore((s) => (postId ? s.versionProblems[postId] : undefined));
  useEffect(() => {
    if (!postId || versions || problem) return;
    api
      .call('posts:versions', { id: postId })
      .then((list) => useReviewStore.setState((s) => ({ versions: { ...s.versions, [postId]: list } })))
      .catch((err: unknown) => useReviewStore.setState((s) => ({ versionProblems: { ...s.versionProblems, [postId]: toProblem(err) } })));
  }, [postId, versions, problem]);
  const retry = () => {
    if (!postId) return;
    useReviewStore.setState((s) => {
      const versionProblems = { ...s.versionProblems };
      delete versionProblems[postId];
      return { versionProblems };
    });
  };
  return { versions: versions ?? null, problem: problem ?? null, retry };
}

/** After a decision the lists everywhere (calendar, sidebar badge) catch up before this returns. */
async function decided<T>(work: Promise<T>): Promise<T> {
  const value = await work;
  await Promise.all([refreshReview(), refreshPosts()]);
  return value;
}

/** Approves the posts; the toast says so and offers Undo, which sends them back to Review. */
export async function approvePosts(postIds: string[]): Promise<PostDto[]> {
  const before = reviewSnapshot(postIds);
  const after = await decided(api.call('review:approve', { postIds }));
  offerReviewUndo(postIds.length === 1 ? 'Approved' : `Approved ${postIds.length} posts`, before, after);
  return after;
}

/** Rejects the post with the reason; Undo puts it back in Review as it was. */
export async function rejectPost(postId: string, reason: string): Promise<PostDto> {
  const before = reviewSnapshot([postId]);
  const after = await decided(api.call('review:reject', { postId, reason }));
  offerReviewUndo('Sent back to drafts with your reason', before, [after]);
  return after;
}
