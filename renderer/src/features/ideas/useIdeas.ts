import { useEffect } from 'react';
import type { ChannelInput, PostDto } from '../../../../shared/contract';
import type { IdeaDto } from '../../../../shared/contract/features/ideas';
import { api } from '../../api/client';
import { refreshPosts } from '../../data/usePosts';
import { toProblem } from '../../lib/errors';
import { useIdeasStore } from './ideas.store';

let listening = false;

/** Any change to an idea, here or in another window, refetches the list; so does a deleted post (it frees its idea). */
function listen(): void {
  if (listening) return;
  listening = true;
  api.subscribe('ideas:changed', () => void refreshIdeas());
  api.subscribe('posts:changed', ({ reason }) => {
    if (reason === 'deleted') void refreshIdeas();
  });
}

let latest = 0;

/** Loads the list for the current search; an answer to an older search is dropped. */
export async function refreshIdeas(): Promise<void> {
  const ticket = ++latest;
  const { query, showArchived } = useIdeasStore.getState();
  try {
    const list = await api.call('ideas:list', { ...(query.trim() ? { query: query.trim() } : {}), includeArchived: showArchived });
    if (ticket === latest) useIdeasStore.setState({ list, problem: null });
  } catch (err) {
    if (ticket === latest) useIdeasStore.setState({ problem: toProblem(err) });
  }
}

export function useIdeas() {
  const list = useIdeasStore((s) => s.list);
  const problem = useIdeasStore((s) => s.problem);
  const query = useIdeasStore((s) => s.query);
  const showArchived = useIdeasStore((s) => s.showArchived);
  useEffect(() => {
    listen();
    void refreshIdeas();
  }, [query, showArchived]);
  return { list, problem, query, showArchived, loading: list === null && !problem };
}

export const setIdeasQuery = (query: string) => useIdeasStore.setState({ query });
export const setShowArchived = (showArchived: boolean) => useIdeasStore.setState({ showArchived });

/** Mutations refresh the list themselves too, so the screen never waits on the push. */
async function thenRefresh<T>(work: Promise<T>): Promise<T> {
  const value = await work;
  void refreshIdeas();
  return value;
}

export const captureIdea = (input: ChannelInput<'ideas:capture'>): Promise<IdeaDto> => thenRefresh(api.call('ideas:capture', input));
export const updateIdea = (input: ChannelInput<'ideas:update'>): Promise<IdeaDto> => thenRefresh(api.call('ideas:update', input));
export const archiveIdea = (id: string): Promise<IdeaDto> => thenRefresh(api.call('ideas:archive', { id }));
export const unarchiveIdea = (id: string): Promise<IdeaDto> => thenRefresh(api.call('ideas:unarchive', { id }));
export const deleteIdea = (id: string): Promise<{ id: string }> => thenRefresh(api.call('ideas:delete', { id }));

/** Makes a draft of the idea for these platforms; the posts lists know of it before this returns. */
export async function turnIdeaIntoPost(input: ChannelInput<'ideas:toPost'>): Promise<PostDto> {
  const post = await thenRefresh(api.call('ideas:toPost', input));
  await refreshPosts();
  return post;
}
