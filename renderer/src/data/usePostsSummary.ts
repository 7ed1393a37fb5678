import { useEffect } from 'react';
import { create } from 'zustand';
import type { PostsSummaryDto } from '../../../shared/contract/features/calendar';
import { api } from '../api/client';
import { toProblem, type Problem } from '../lib/errors';

/**
 * The app shell's counts (status line, Review badge), read from the core's posts:summary: a
 * handful of numbers, never the posts themselves, so the shell costs the same at 100 or
 * 100,000 posts. Changes are gathered for a moment and read once; time passing re-reads them
 * too, since "next post" and "past its time" move with the clock.
 */
interface SummaryState {
  summary: PostsSummaryDto | null;
  problem: Problem | null;
}

export const useSummaryStore = create<SummaryState>(() => ({ summary: null, problem: null }));

/** Changes closer together than this (a publishing run, an import) become one read. */
const SETTLE_MS = 150;
/** The clock's part: "next post" and "past its time" are read again this often. */
const EVERY_MS = 30_000;

let listening = false;
let latest = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

export async function refreshSummary(): Promise<void> {
  const ticket = ++latest;
  try {
    const summary = await api.call('posts:summary', {});
    if (ticket === latest) useSummaryStore.setState({ summary, problem: null });
  } catch (err) {
    if (ticket === latest) useSummaryStore.setState({ problem: toProblem(err) });
  }
}

function soon(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void refreshSummary();
  }, SETTLE_MS);
}

function listen(): void {
  if (listening) return;
  listening = true;
  api.subscribe('posts:changed', soon);
  // An account connected or reconnected can bind copies that had none.
  api.subscribe('accounts:changed', soon);
  setInterval(() => void refreshSummary(), EVERY_MS);
  void refreshSummary();
}

export function usePostsSummary(): SummaryState {
  const summary = useSummaryStore((s) => s.summary);
  const problem = useSummaryStore((s) => s.problem);
  useEffect(() => listen(), []);
  return { summary, problem };
}
