import { useEffect } from 'react';
import { create } from 'zustand';
import { api } from '../api/client';

/** The posts that belong to a repeating series (queue:repeating): the calendar marks them. */
const useRepeatingStore = create<{ ids: ReadonlySet<string> }>(() => ({ ids: new Set<string>() }));

let watching = 0;
let stop: (() => void) | null = null;

async function load(): Promise<void> {
  try {
    const { postIds } = await api.call('queue:repeating', {});
    useRepeatingStore.setState({ ids: new Set(postIds) });
  } catch {
    // The marks stay as last read; the series themselves are unaffected.
  }
}

/**
 * Keeps the marks current while a calendar is on screen: read once, then again after posts are
 * made, changed or deleted (a series made, a copy added, a series stopped); publishing's moves of
 * state don't change who repeats.
 */
export function useRepeatingMarks(): void {
  useEffect(() => {
    watching++;
    if (watching === 1) {
      void load();
      stop = api.subscribe('posts:changed', ({ reason }) => {
        if (reason !== 'state') void load();
      });
    }
    return () => {
      watching--;
      if (watching === 0) {
        stop?.();
        stop = null;
      }
    };
  }, []);
}

/** Whether this post repeats (one chip's question; it re-renders only when its answer changes). */
export const useRepeats = (postId: string): boolean => useRepeatingStore((s) => s.ids.has(postId));
