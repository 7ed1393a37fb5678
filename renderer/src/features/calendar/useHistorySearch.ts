import { useEffect, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** Matches asked for at most: the best ones; more words narrow it. */
export const HISTORY_MATCHES = 50;
/** Typing settles this long before the core is asked (each keystroke would be a search). */
const SETTLE_MS = 250;

export interface HistorySearch {
  /** The best matches from every post ever written, or null before the first answer. */
  posts: PostDto[] | null;
  /** There are more matches than were sent. */
  more: boolean;
  problem: Problem | null;
}

/**
 * Every post ever written whose words match `text` (posts:search), not only those the lists
 * hold: asked once typing settles, and again when posts change while a search is shown.
 */
export function useHistorySearch(text: string): HistorySearch {
  const query = text.trim();
  const [state, setState] = useState<{ query: string; posts: PostDto[]; more: boolean } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (!query) return;
    return api.subscribe('posts:changed', () => setAsked((n) => n + 1));
  }, [query]);

  useEffect(() => {
    if (!query) return;
    let live = true;
    const timer = setTimeout(() => {
      api.call('posts:search', { text: query, limit: HISTORY_MATCHES }).then(
        (found) => {
          if (!live) return;
          setState({ query, posts: found.posts, more: found.more });
          setProblem(null);
        },
        (err) => live && setProblem(toProblem(err)),
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, asked]);

  const current = state?.query === query ? state : null;
  return { posts: query ? (current?.posts ?? null) : null, more: current?.more ?? false, problem: query ? problem : null };
}
