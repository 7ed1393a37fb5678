import { useEffect, useState } from 'react';
import type { HistorySearch } from './useHistorySearch';
import { count } from '../../lib/numbers';

/**
 * The answer for what is typed now waits this long before it is said: a keystroke within it says
 * nothing (the next answer is awaited), so a screen reader hears one count per pause in typing.
 */
const SPEAK_AFTER_MS = 600;

const match = (n: number, query: string, floor: boolean): string => {
  if (n === 0 && !floor) return `No posts match “${query}”`;
  return `${floor ? 'At least ' : ''}${count(n)} ${n === 1 ? 'post matches' : 'posts match'} “${query}”`;
};

/**
 * What a screen reader is told of a search: the core's count once its answer for what is typed,
 * filtered and shown now has arrived; null while it is on its way. Where no count will come (the
 * search failed, or the list shows more than a search can be told of), the posts shown are a floor.
 */
export function searchSpoken(query: string, history: HistorySearch, shown: number, countable: boolean): string | null {
  if (history.total !== null) return match(history.total, query, false);
  if (history.problem || (!countable && history.posts !== null)) return match(shown, query, true);
  return null;
}

/** What a screen reader is told of a search over a month or a week: how many posts of `period` it shows. */
export function gridSearchSpoken(query: string, posts: number, period: string): string {
  return `${match(posts, query, false)} in ${period}`;
}

/**
 * A polite live region, always in the list or the grid (a region added with its words is often not read),
 * saying how many posts match once the answer has come and typing has paused. The same words are
 * said again only after something else was typed (not when the list is merely counted again).
 */
export function SearchAnnouncer({ query, words }: { query: string; words: string | null }) {
  // `typed`: something else was typed since the words were last said. Cleared with the search.
  const [said, setSaid] = useState({ text: '', n: 0, query, typed: true });
  if (said.query !== query) setSaid({ text: query ? said.text : '', n: said.n, query, typed: true });

  useEffect(() => {
    if (!query || words === null) return;
    const timer = setTimeout(() => setSaid((s) => (s.text === words && !s.typed ? s : { text: words, n: s.n + 1, query: s.query, typed: false })), SPEAK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [query, words]);

  // The same words said again must change the node's text to be heard: vary it by a space.
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="search-announcer">
      {said.text}
      {said.text && said.n % 2 ? '\u00a0' : ''}
    </div>
  );
}
