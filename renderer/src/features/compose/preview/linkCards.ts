import { useEffect } from 'react';
import { create } from 'zustand';
import type { LinkPreviewDto } from '../../../../../shared/contract/features/links';
import { api } from '../../../api/client';
import { toProblem } from '../../../lib/errors';

export type LinkCardState = { status: 'loading' } | { status: 'done'; preview: LinkPreviewDto; at: number };

/** Cards by URL for this session; the core keeps its own cache with the real time limits. */
const MAX_CARDS = 30;
/** Asked only once typing pauses, so a half-typed address is not fetched. */
export const LINK_DEBOUNCE_MS = 400;
/** A link that gave no card is asked again after this (the site may be back), as the core does. */
const RETRY_FAILED_MS = 60_000;

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

/** Whether the card for `url` is known (or on its way) and need not be asked for. */
function known(url: string): boolean {
  const c = useLinkCards.getState().cards[url];
  return c !== undefined && (c.status === 'loading' || c.preview.ok || Date.now() - c.at < RETRY_FAILED_MS);
}

function ask(url: string) {
  if (known(url)) return;
  put(url, { status: 'loading' });
  api
    .call('links:preview', { url })
    .then((preview) => put(url, { status: 'done', preview, at: Date.now() }))
    .catch((err: unknown) => put(url, { status: 'done', preview: { ok: false, url, problem: 'unreachable', message: toProblem(err).message }, at: Date.now() }));
}

/**
 * The card for `url`, asked of the core after a short pause; nothing is fetched when there is no
 * link (null). Returns null until the question is asked.
 */
export function useLinkCard(url: string | null): LinkCardState | null {
  const state = useLinkCards((s) => (url ? (s.cards[url] ?? null) : null));
  useEffect(() => {
    if (!url || known(url)) return;
    const timer = window.setTimeout(() => ask(url), LINK_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [url]);
  return state;
}
