import { useEffect } from 'react';
import { create } from 'zustand';
import type { LinkPreviewDto } from '../../../../../shared/contract/features/links';
import { api } from '../../../api/client';
import { toProblem } from '../../../lib/errors';

export type LinkCardState = { status: 'loading' } | { status: 'done'; preview: LinkPreviewDto };

/** Cards by URL for this session; the core keeps its own cache with the real time limits. */
const MAX_CARDS = 30;
/** Asked only once typing pauses, so a half-typed address is not fetched. */
export const LINK_DEBOUNCE_MS = 400;

interface LinkCardsState {
  cards: Record<string, LinkCardState>;
}

export const useLinkCards = create<LinkCardsState>()(() => ({ cards: {} }));

function put(url: string, state: LinkCardState) {
  useLinkCards.setState((s) => {
    const cards = { ...s.cards };
    delete cards[url]; // re-inserted last: the oldest card goes first
    cards[url] = state;
    const keys = Object.keys(cards);
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_CARDS))) if (cards[k]!.status === 'done') delete cards[k];
    return { cards };
  });
}

function ask(url: string) {
  if (useLinkCards.getState().cards[url]) return;
  put(url, { status: 'loading' });
  api
    .call('links:preview', { url })
    .then((preview) => put(url, { status: 'done', preview }))
    .catch((err: unknown) => put(url, { status: 'done', preview: { ok: false, url, problem: 'unreachable', message: toProblem(err).message } }));
}

/**
 * The card for `url`, asked of the core after a short pause; nothing is fetched when there is no
 * link (null). Returns null until the question is asked.
 */
export function useLinkCard(url: string | null): LinkCardState | null {
  const state = useLinkCards((s) => (url ? (s.cards[url] ?? null) : null));
  useEffect(() => {
    if (!url || useLinkCards.getState().cards[url]) return;
    const timer = window.setTimeout(() => ask(url), LINK_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [url]);
  return state;
}
