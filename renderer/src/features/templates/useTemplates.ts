import { useEffect, useState } from 'react';
import type { ChannelInput, PostDto } from '../../../../shared/contract';
import type { TemplateCategory, TemplateDto } from '../../../../shared/contract/features/library';
import { api } from '../../api/client';
import { refreshPosts } from '../../data/usePosts';
import { toProblem, type Problem } from '../../lib/errors';
import { bumpLibrary, useLibraryStore } from './library.store';

let listening = false;

/** library:changed pushes (from this window or another) make every library hook refetch. */
export function listenToLibrary(): void {
  if (listening) return;
  listening = true;
  api.subscribe('library:changed', ({ kind }) => bumpLibrary(kind));
  // A deleted post no longer counts as a use of its template.
  api.subscribe('posts:changed', ({ reason }) => reason === 'deleted' && bumpLibrary('template'));
}

/** Templates matching the search and category; the search waits for a pause in typing. */
export function useTemplateList(query: string, category: TemplateCategory | 'all') {
  const version = useLibraryStore((s) => s.versions.template);
  const [state, setState] = useState<{ templates: TemplateDto[] | null; problem: Problem | null; key: string }>({ templates: null, problem: null, key: '' });
  const key = `${query.trim()}\u0000${category}\u0000${version}`;

  useEffect(() => {
    listenToLibrary();
    let cancelled = false;
    const timer = setTimeout(
      () => {
        const input = { ...(query.trim() ? { query: query.trim() } : {}), ...(category === 'all' ? {} : { category }) };
        api
          .call('templates:list', input)
          .then((templates) => !cancelled && setState({ templates, problem: null, key }))
          .catch((err: unknown) => !cancelled && setState((s) => ({ ...s, problem: toProblem(err), key })));
      },
      query.trim() ? 120 : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, category, key]);

  return { templates: state.templates, problem: state.problem, searching: state.key !== key };
}

/** One template; 'gone' when it no longer exists. */
export function useTemplate(id: string | null) {
  const version = useLibraryStore((s) => s.versions.template);
  const [state, setState] = useState<{ id: string | null; template: TemplateDto | 'gone' | null; problem: Problem | null }>({ id: null, template: null, problem: null });

  useEffect(() => {
    listenToLibrary();
    if (!id) return;
    let cancelled = false;
    api
      .call('templates:get', { id })
      .then((template) => !cancelled && setState({ id, template, problem: null }))
      .catch((err: unknown) => {
        if (cancelled) return;
        const problem = toProblem(err);
        setState({ id, template: (err as { code?: string }).code === 'not_found' ? 'gone' : null, problem });
      });
    return () => {
      cancelled = true;
    };
  }, [id, version]);

  const current = state.id === id ? state : { template: null, problem: null };
  return { template: current.template, problem: current.problem };
}

export async function saveTemplate(input: ChannelInput<'templates:save'>): Promise<TemplateDto> {
  const saved = await api.call('templates:save', input);
  bumpLibrary('template');
  return saved;
}

export async function duplicateTemplate(id: string): Promise<TemplateDto> {
  const copy = await api.call('templates:duplicate', { id });
  bumpLibrary('template');
  return copy;
}

export async function deleteTemplate(id: string): Promise<void> {
  await api.call('templates:delete', { id });
  bumpLibrary('template');
}

export async function createPostFromTemplate(input: ChannelInput<'templates:use'>): Promise<PostDto> {
  const post = await api.call('templates:use', input);
  bumpLibrary('template');
  await refreshPosts();
  return post;
}
