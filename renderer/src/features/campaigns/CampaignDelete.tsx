import { useEffect, useRef, useState } from 'react';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import { toProblem } from '../../lib/errors';
import { campaignDrafts, useCampaignsStore } from './campaigns.store';
import { deleteCampaign } from './useCampaigns';

/** What deleting the campaign does to its posts, in the creator's words. */
export function postsFate(count: number): string {
  if (count === 0) return 'It has no posts.';
  if (count === 1) return 'Its post stays in your calendar, outside any campaign.';
  return `Its ${count} posts stay in your calendar, outside any campaign.`;
}

/**
 * "Delete this campaign?", asked on the page as Ideas, Templates, Voices and Pillars ask it, across
 * the campaign's row. The focus starts on the safe answer; `onKeep` (Keep it, or Escape) closes it.
 */
export function DeleteCampaignConfirm({ campaign, onKeep }: { campaign: CampaignDto; onKeep: () => void }) {
  const [busy, setBusy] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);

  const remove = () => {
    setBusy(true);
    deleteCampaign(campaign.id)
      .then(() => campaignDrafts.drop(campaign.id))
      .catch((err: unknown) => {
        setBusy(false);
        useCampaignsStore.setState({ problem: toProblem(err) });
        onKeep();
      });
  };

  const questionId = `campaign-delete-q-${campaign.id}`;
  return (
    <div
      className="campaign-confirm danger-confirm"
      role="group"
      aria-labelledby={questionId}
      data-testid="campaign-delete-confirm"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onKeep();
      }}
    >
      <p id={questionId}>
        Delete “{campaign.name}”? {postsFate(campaign.postCount)} This can’t be undone.
      </p>
      <button type="button" className="btn btn-small btn-danger" data-testid="campaign-delete-yes" disabled={busy} onClick={remove}>
        {busy ? 'Deleting…' : 'Delete'}
      </button>
      <button ref={keep} type="button" className="btn btn-small btn-ghost" data-testid="campaign-delete-no" disabled={busy} onClick={onKeep}>
        Keep it
      </button>
    </div>
  );
}
