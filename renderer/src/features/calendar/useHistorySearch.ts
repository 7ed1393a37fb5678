import { useEffect, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
// Schema-free, so the calendar's first screen does not pull in zod (cold-start.spec.ts).
import { MAX_SEARCH_SHOWN } from '../../../../shared/domain/list-sections';
import type { TargetState } from '../../../../shared/domain/states';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** Matches asked for at most: the best ones; more words narrow it. */
export const HISTORY_MATCHES = 50;
/** Typing settles this long before the core is asked (each keystroke would be a search). */
const SETTLE_MS = 250;

export interface HistoryScope {
  /** The list's filters, as postPasses applies them to the posts it holds. */
  accountIds: readonly string[];
  states: readonly TargetState[];
  /** The posts the list shows as matches (found there by their text): counted once in `total`. */
  shown: readonly string[];
}

export interface HistorySearch {
  /** The best matches from every post ever written, or null before the first answer. */
  posts: PostDto[] | null;
  /** There are more matches than were sent. */
  more: boolean;
  /**
   * How many posts match in all, those shown and the rest of the history, each once (the core's
   * count); null while the answer for what is typed, filtered and shown now is on its way, or
   * when the list shows more posts than a search can be told of.
   */
  total: number | null;
  problem: Problem | null;
}

/** The search as sent: what is typed, the filters and the posts shown, as one key. */
function requestOf(query: string, scope: HistoryScope) {
  const input = {
    text: query,
    limit: HISTORY_MATCHES,
    ...(scope.accountIds.length > 0 ? { accountIds: [...scope.accountIds] } : {}),
    ...(scope.states.length > 0 ? { states: [...scope.states] } : {}),
    ...(scope.shown.length > 0 ? { shown: [...new Set(scope.shown)].sort().slice(0, MAX_SEARCH_SHOWN) } : {}),
  };
  return { input, key: JSON.stringify(input) };
}

/**
 * Every post ever written whose words match `text` (posts:search), not only those the lists
 * hold: asked once typing settles, and again when posts change while a search is shown, or
 * when the filters or the posts the list shows change (the count takes them in).
 */
export function useHistorySearch(text: string, scope: HistoryScope): HistorySearch {
  const query = text.trim();
  const { key } = requestOf(query, scope);
  // Beyond what a search takes, the count would leave shown posts out: none is said.
  const countable = new Set(scope.shown).size <= MAX_SEARCH_SHOWN;
  const [state, setState] = useState<{ key: string; query: string; posts: PostDto[]; more: boolean; total: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (!query) return;
    return api.subscribe('posts:changed', () => setAsked((n) => n + 1));
  }, [query]);

  useEffect(() => {
    if (!query) return;
    let live = true;
    const input = JSON.parse(key) as ReturnType<typeof requestOf>['input'];
    const timer = setTimeout(() => {
      api.call('posts:search', input).then(
        (found) => {
          if (!live) return;
          setState({ key, query, posts: found.posts, more: found.more, total: found.total });
          setProblem(null);
        },
        (err) => live && setProblem(toProblem(err)),
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, key, asked]);

  // The posts found stay while the same words are asked again; the count only fits its own request.
  const current = state?.query === query ? state : null;
  return {
    posts: query ? (current?.posts ?? null) : null,
    more: current?.more ?? false,
    total: query && countable && state?.key === key ? state.total : null,
    problem: query ? problem : null,
  };
}
