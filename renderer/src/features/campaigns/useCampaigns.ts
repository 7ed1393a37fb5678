import { useEffect } from 'react';
import type { ChannelInput, PostDto } from '../../../../shared/contract';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import { api } from '../../api/client';
import { refreshPosts } from '../../data/usePosts';
import { toProblem } from '../../lib/errors';
import { useCampaignsStore } from './campaigns.store';

let listening = false;

/** A campaign or a post changed, here or in another window: reload the list and who belongs where. */
function listen(): void {
  if (listening) return;
  listening = true;
  api.subscribe('campaigns:changed', () => void refreshCampaigns());
  api.subscribe('posts:changed', () => void refreshCampaigns());
}

let latest = 0;

export async function refreshCampaigns(): Promise<void> {
  const ticket = ++latest;
  try {
    const list = await api.call('campaigns:list', {});
    if (ticket !== latest) return;
    useCampaignsStore.setState({ list, problem: null });
  } catch (err) {
    if (ticket === latest) useCampaignsStore.setState({ problem: toProblem(err) });
  }
}

export function useCampaigns() {
  const list = useCampaignsStore((s) => s.list);
  const problem = useCampaignsStore((s) => s.problem);
  useEffect(() => {
    listen();
    void refreshCampaigns();
  }, []);
  return { list, problem, loading: list === null && !problem };
}

async function thenRefresh<T>(work: Promise<T>): Promise<T> {
  const value = await work;
  void refreshCampaigns();
  return value;
}

export const saveCampaign = (input: ChannelInput<'campaigns:save'>): Promise<CampaignDto> => thenRefresh(api.call('campaigns:save', input));
export const deleteCampaign = (id: string): Promise<{ id: string }> => thenRefresh(api.call('campaigns:delete', { id }));

export async function assignPosts(postIds: string[], campaignId: string | null): Promise<void> {
  await thenRefresh(api.call('campaigns:assign', { postIds, campaignId }));
  await refreshPosts();
}

/** Tags the post's links with its campaign's UTM defaults; the posts lists know the new version before this returns. */
export async function applyCampaignUtm(postId: string): Promise<PostDto> {
  const post = await api.call('campaigns:applyUtm', { postId });
  await refreshPosts();
  return post;
}
