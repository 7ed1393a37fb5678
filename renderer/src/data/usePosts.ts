import { useEffect } from 'react';
import { AppError } from '../../../shared/contract/errors';
import type { ChannelInput, PostDto, PostVersionDto } from '../../../shared/contract';
import { LIST_SECTION_MAX, LIST_SECTION_STEP } from '../../../shared/domain/list-sections';
import { api } from '../api/client';
import { toProblem } from '../lib/errors';
import { usePostsStore } from './posts.store';

let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  api.subscribe('posts:changed', ({ ids }) => {
    usePostsStore.setState((s) => {
      const byId = { ...s.byId };
      const versions = { ...s.versions };
      for (const id of ids) {
        delete byId[id];
        delete versions[id];
      }
      return { byId, versions };
    });
    // A burst of changes (a publishing run, an import) becomes one read of the lists.
    if (settle) clearTimeout(settle);
    settle = setTimeout(() => {
      settle = null;
      void refreshPosts();
    }, 150);
  });
}

let settle: ReturnType<typeof setTimeout> | null = null;
/** Screens showing the lists now; with none, a change only marks them stale (read on the next visit). */
let users = 0;

async function loadLists(): Promise<void> {
  try {
    // One read of all four: read one by one, a post going out in between showed in two lists.
    // Upcoming and drafts as far as the screen has asked (a step at a time, "Show more").
    const { upcoming, drafts, attention, published, more, untimedDrafts, waiting } = await api.call('posts:lists', usePostsStore.getState().limits);
    usePostsStore.setState((s) => {
      const byId = { ...s.byId };
      for (const list of [upcoming, drafts, attention, published]) for (const p of list) byId[p.id] = p;
      return { upcoming, drafts, attention, published, more, untimedDrafts, waiting, byId, listProblem: null };
    });
  } catch (err) {
    usePostsStore.setState({ listProblem: toProblem(err) });
  }
}

let running: Promise<void> | null = null;
let queued: Promise<void> | null = null;

/**
 * Refetches the upcoming and draft lists while a screen shows them. A call made while a fetch
 * is running waits for one more fetch after it, so a list never reflects a moment before the
 * caller's own change.
 */
export function refreshPosts(): Promise<void> {
  if (users === 0 && !running) {
    // Nobody shows the lists: drop them rather than read every post for no screen.
    usePostsStore.setState({ upcoming: null, drafts: null, attention: null, published: null, untimedDrafts: null, waiting: null });
    return Promise.resolve();
  }
  if (!running) {
    running = loadLists().finally(() => {
      running = null;
    });
    return running;
  }
  queued ??= running.then(() => {
    queued = null;
    return refreshPosts();
  });
  return queued;
}

/** Reads the next step of a growing section (what is coming, drafts). */
export function showMorePosts(section: 'upcoming' | 'drafts'): Promise<void> {
  usePostsStore.setState((s) => ({ limits: { ...s.limits, [section]: Math.min(LIST_SECTION_MAX, s.limits[section] + LIST_SECTION_STEP) } }));
  return refreshPosts();
}

export function usePostLists() {
  const upcoming = usePostsStore((s) => s.upcoming);
  const drafts = usePostsStore((s) => s.drafts);
  const attention = usePostsStore((s) => s.attention);
  const published = usePostsStore((s) => s.published);
  const problem = usePostsStore((s) => s.listProblem);
  const more = usePostsStore((s) => s.more);
  const untimedDrafts = usePostsStore((s) => s.untimedDrafts);
  const waiting = usePostsStore((s) => s.waiting);
  useEffect(() => {
    listen();
    users++;
    if (usePostsStore.getState().upcoming === null) void refreshPosts();
    return () => {
      users--;
    };
  }, []);
  return { upcoming, drafts, attention, published, more, untimedDrafts, waiting, problem, loading: upcoming === null && !problem };
}

async function fetchPost(id: string): Promise<void> {
  try {
    const post = await api.call('posts:get', { id });
    usePostsStore.setState((s) => ({ byId: { ...s.byId, [id]: post } }));
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') usePostsStore.setState((s) => ({ byId: { ...s.byId, [id]: 'gone' } }));
  }
}

/** One post, from the cache or the core; undefined while loading, 'gone' if deleted. */
export function usePost(id: string | null): PostDto | 'gone' | undefined {
  const post = usePostsStore((s) => (id ? s.byId[id] : undefined));
  useEffect(() => {
    listen();
    if (id && post === undefined) void fetchPost(id);
  }, [id, post]);
  return post;
}

/** The post's text history, newest first. */
export function usePostVersions(id: string | null): PostVersionDto[] | undefined {
  const versions = usePostsStore((s) => (id ? s.versions[id] : undefined));
  useEffect(() => {
    listen();
    if (!id || versions) return;
    api
      .call('posts:versions', { id })
      .then((list) => usePostsStore.setState((s) => ({ versions: { ...s.versions, [id]: list } })))
      .catch(() => undefined);
  }, [id, versions]);
  return versions;
}

/** Mutations: each refreshes the lists itself too, so the screen never waits on the push. */
/** A post the core just made: known at once by id, and the lists read again. */
async function made(post: PostDto): Promise<PostDto> {
  usePostsStore.setState((s) => ({ byId: { ...s.byId, [post.id]: post } }));
  await refreshPosts();
  return post;
}

export async function createPost(input: ChannelInput<'posts:create'>): Promise<PostDto> {
  return made(await api.call('posts:create', input));
}

/** A draft of the same post without a time (posts:duplicate). */
export async function duplicatePost(id: string): Promise<PostDto> {
  return made(await api.call('posts:duplicate', { id }));
}

export async function updatePost(input: ChannelInput<'posts:update'>): Promise<PostDto> {
  const post = await api.call('posts:update', input);
  usePostsStore.setState((s) => {
    const versions = { ...s.versions };
    delete versions[post.id];
    return { byId: { ...s.byId, [post.id]: post }, versions };
  });
  await refreshPosts();
  return post;
}

/** Several posts moved by whole days in one transaction (posts:shift); all or none. */
export async function shiftPosts(ids: string[], days: number): Promise<PostDto[]> {
  const moved = await api.call('posts:shift', { ids, days });
  usePostsStore.setState((s) => ({ byId: { ...s.byId, ...Object.fromEntries(moved.map((p) => [p.id, p])) } }));
  await refreshPosts();
  return moved;
}

/** Several posts in one transaction; returns the ids deleted (those already gone are left out). */
export async function deletePosts(ids: string[]): Promise<string[]> {
  const out = await api.call('posts:deleteMany', { ids });
  usePostsStore.setState((s) => ({ byId: { ...s.byId, ...Object.fromEntries(ids.map((id) => [id, 'gone' as const])) } }));
  await refreshPosts();
  return out.ids;
}

/** Brings deleted posts back whole (posts:restore): all of them or none. */
export async function restorePosts(ids: string[]): Promise<PostDto[]> {
  const back = await api.call('posts:restore', { ids });
  usePostsStore.setState((s) => ({ byId: { ...s.byId, ...Object.fromEntries(back.map((p) => [p.id, p])) } }));
  await refreshPosts();
  return back;
}

export async function deletePost(id: string): Promise<void> {
  await api.call('posts:delete', { id });
  usePostsStore.setState((s) => ({ byId: { ...s.byId, [id]: 'gone' } }));
  await refreshPosts();
}
