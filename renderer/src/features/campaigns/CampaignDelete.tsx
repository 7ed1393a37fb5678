import { useEffect, useRef, useState } from 'react';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import { showToast } from '../../app/ui.store';
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
 * Where the keyboard goes once the campaign's row is gone: the next campaign's name, else the one
 * above, else New campaign. Read before the delete, while the row is still there.
 */
function focusAfterRemoving(id: string): () => void {
  const rows = [...document.querySelectorAll<HTMLElement>('[data-campaign-id]')];
  const at = rows.findIndex((r) => r.dataset.campaignId === id);
  const neighbour = at < 0 ? null : (rows[at + 1] ?? rows[at - 1] ?? null)?.dataset.campaignId;
  return () =>
    requestAnimationFrame(() => {
      const row = neighbour ? document.querySelector<HTMLElement>(`[data-campaign-id="${CSS.escape(neighbour)}"] [data-testid="campaign-open"]`) : null;
      (row ?? document.getElementById('campaign-new'))?.focus();
    });
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
    const refocus = focusAfterRemoving(campaign.id);
    deleteCampaign(campaign.id)
      .then(() => {
        campaignDrafts.drop(campaign.id);
        showToast(`Campaign “${campaign.name}” deleted`);
        refocus();
      })
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
