import { useEffect, useMemo, useState } from 'react';
import type { IdeaDto } from '../../../../../shared/contract/features/ideas';
import { api } from '../../../api/client';
import { usePostLists } from '../../../data/usePosts';
import { toProblem, type Problem } from '../../../lib/errors';
import type { SidebarItem } from './sidebar.store';

/** Unused ideas (not archived, not a post), kept fresh by ideas:changed and posts:changed. */
function useUnusedIdeas(): { ideas: IdeaDto[] | null; problem: Problem | null } {
  const [ideas, setIdeas] = useState<IdeaDto[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    let live = true;
    let ticket = 0;
    const load = () => {
      const mine = ++ticket;
      api.call('ideas:list', {}).then(
        (list) => {
          if (!live || mine !== ticket) return;
          setIdeas(list.filter((i) => i.postId === null && i.archivedAt === null));
          setProblem(null);
        },
        (err: unknown) => live && mine === ticket && setProblem(toProblem(err)),
      );
    };
    load();
    const offIdeas = api.subscribe('ideas:changed', load);
    // A deleted post frees the idea it was made from.
    const offPosts = api.subscribe('posts:changed', (e) => e.reason === 'deleted' && load());
    return () => {
      live = false;
      offIdeas();
      offPosts();
    };
  }, []);
  return { ideas, problem };
}

const matches = (text: string, words: string[]) => {
  const lower = text.toLowerCase();
  return words.every((w) => lower.includes(w));
};

/**
 * What the calendar sidebar lists: drafts with no time yet (every copy a draft, none dated),
 * newest first, and unused ideas; both narrowed by the sidebar's own search.
 */
export function useSidebarItems(query: string) {
  const { drafts: allDrafts, untimedDrafts, problem: draftsProblem } = usePostLists();
  const { ideas: allIdeas, problem: ideasProblem } = useUnusedIdeas();
  const untimed = useMemo(() => (allDrafts ?? []).filter((p) => p.targets.every((t) => t.state === 'draft' && t.scheduledAt === null)), [allDrafts]);
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const drafts: SidebarItem[] = untimed.filter((p) => matches(p.text, words)).map((post) => ({ kind: 'draft', post }));
  const ideas: SidebarItem[] = (allIdeas ?? []).filter((i) => matches(`${i.text} ${i.link ?? ''} ${i.tags.join(' ')}`, words)).map((idea) => ({ kind: 'idea', idea }));
  return {
    drafts,
    ideas,
    // Counted by the core: the lists hold the latest drafts, not every one.
    totals: { drafts: Math.max(untimed.length, untimedDrafts ?? 0), ideas: allIdeas?.length ?? 0 },
    loading: allDrafts === null || allIdeas === null,
    problem: draftsProblem ?? ideasProblem,
  };
}
