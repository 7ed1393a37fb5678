import { useEffect, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** Posts offered under "Add a post": the newest ones, never the whole history. */
export const CANDIDATES = 200;
/** Posts of one campaign shown at most. */
const INSIDE_MAX = 1000;

/**
 * One campaign's posts and the newest posts to add to it, read from the core by campaign
 * (posts:list with campaignId), not filtered from every post; read again, gathered, when a
 * post or a campaign changes.
 */
export function useCampaignPosts(campaignId: string): { inside: PostDto[]; candidates: PostDto[]; problem: Problem | null } {
  const [state, setState] = useState<{ inside: PostDto[]; candidates: PostDto[]; problem: Problem | null }>({ inside: [], candidates: [], problem: null });
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () =>
      Promise.all([api.call('posts:list', { scope: 'all', campaignId, limit: INSIDE_MAX }), api.call('posts:list', { scope: 'all', limit: CANDIDATES })])
        .then(([inside, newest]) => {
          const mine = new Set(inside.map((p) => p.id));
          if (live) setState({ inside, candidates: newest.filter((p) => !mine.has(p.id)), problem: null });
        })
        .catch((err: unknown) => live && setState((s) => ({ ...s, problem: toProblem(err) })));
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void load(), 150);
    };
    void load();
    const offPosts = api.subscribe('posts:changed', soon);
    const offCampaigns = api.subscribe('campaigns:changed', soon);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      offPosts();
      offCampaigns();
    };
  }, [campaignId]);
  return state;
}
