import { useEffect, useState } from 'react';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import type { PillarDto } from '../../../../shared/contract/features/library';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

export interface LinkOptions {
  campaigns: CampaignDto[] | null;
  pillars: PillarDto[] | null;
  problem: Problem | null;
}

/** The campaigns and content pillars a post can belong to; looked up again when they change. */
export function usePostLinkOptions(): LinkOptions {
  const [state, setState] = useState<LinkOptions>({ campaigns: null, pillars: null, problem: null });
  useEffect(() => {
    let live = true;
    const load = () =>
      Promise.all([api.call('campaigns:list', {}), api.call('pillars:list', {})])
        .then(([campaigns, pillars]) => {
          if (live) setState({ campaigns, pillars, problem: null });
        })
        .catch((err: unknown) => {
          if (live) setState((s) => ({ ...s, problem: toProblem(err) }));
        });
    void load();
    const offCampaigns = api.subscribe('campaigns:changed', () => void load());
    const offLibrary = api.subscribe('library:changed', (e) => {
      if (e.kind === 'pillar') void load();
    });
    return () => {
      live = false;
      offCampaigns();
      offLibrary();
    };
  }, []);
  return state;
}

/** The campaign and pillar a saved post belongs to, as form values ('' for none). */
export async function linksOfPost(postId: string): Promise<{ campaignId: string; pillarId: string }> {
  const [campaigns, links] = await Promise.all([api.call('campaigns:postCampaigns', { postIds: [postId] }), api.call('posts:links', { ids: [postId] })]);
  return { campaignId: campaigns[0]?.campaignId ?? '', pillarId: links[0]?.pillarId ?? '' };
}

/** Puts a saved post in the chosen campaign and pillar, where they differ from what it had. */
export async function saveLinks(postId: string, wanted: { campaignId: string; pillarId: string }, before: { campaignId: string; pillarId: string }): Promise<void> {
  if (wanted.campaignId !== before.campaignId) await api.call('campaigns:assign', { postIds: [postId], campaignId: wanted.campaignId || null });
  if (wanted.pillarId !== before.pillarId) await api.call('posts:setPillar', { postId, pillarId: wanted.pillarId || null });
}
