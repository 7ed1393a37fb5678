import { useState } from 'react';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import { GUARD_MIN_POSTS } from '../../../../shared/contract/features/campaigns';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { refreshPosts } from '../../data/usePosts';
import { plural } from '../../lib/format';
import { toProblem } from '../../lib/errors';
import { percentOf } from '../../lib/numbers';
import { useCampaignsStore } from './campaigns.store';
import { refreshCampaigns } from './useCampaigns';

/** "2 %" / "1.5 %" ("1,5 %" in de-DE) from a fraction. */
export const ratePercent = (r: number): string => percentOf(Math.round(r * 1000) / 10);

/** "2", "1.5" or "1,5" (what the form shows, in either locale) ↔ a fraction; '' is off; anything else is 'invalid'. */
export function parseRatePercent(text: string): number | null | 'invalid' {
  const clean = text.trim().replace(',', '.').replace(/\s*%$/, '');
  if (clean === '') return null;
  const n = Number(clean);
  return Number.isFinite(n) && n > 0 && n <= 100 ? n / 100 : 'invalid';
}

/** The guard's line on a campaign: off, watching (with its minimum), or paused with Resume. */
export function CampaignGuardLine({ campaign }: { campaign: CampaignDto }) {
  const [busy, setBusy] = useState(false);
  if (campaign.guardMinRate === null) return null;
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      useCampaignsStore.setState({ problem: toProblem(err) });
    } finally {
      setBusy(false);
    }
  };
  const resume = () =>
    run(async () => {
      const done = await api.call('campaigns:resume', { id: campaign.id });
      await Promise.all([refreshCampaigns(), refreshPosts()]);
      const review = done.toReview ? ` ${plural(done.toReview, 'post')} whose time passed went to Review.` : '';
      showToast(`“${campaign.name}” resumed`, { detail: `${plural(done.rescheduled, 'post')} back on the schedule.${review}` });
    });
  const check = () =>
    run(async () => {
      const [verdict] = await api.call('campaigns:guardCheck', { id: campaign.id });
      await Promise.all([refreshCampaigns(), refreshPosts()]);
      if (verdict) showToast(verdict.message, { tone: verdict.status === 'below' ? 'attention' : 'calm' });
    });

  if (campaign.pausedAt) {
    return (
      <div className="campaign-guard campaign-guard-paused" role="status" data-testid="campaign-paused">
        <span>
          <strong>Paused</strong> — {campaign.pausedReason ?? 'engagement fell under the minimum.'} Its scheduled posts are held back.
        </span>
        <button type="button" className="btn btn-small btn-primary" data-testid="campaign-resume" disabled={busy} onClick={() => void resume()}>
          Resume
        </button>
      </div>
    );
  }
  return (
    <div className="campaign-guard" data-testid="campaign-guard">
      <span>
        Pauses its scheduled posts if engagement falls under {ratePercent(campaign.guardMinRate)} (judged from {GUARD_MIN_POSTS} published posts with views).
      </span>
      <button type="button" className="btn btn-small" data-testid="campaign-guard-check" disabled={busy} onClick={() => void check()}>
        Check now
      </button>
    </div>
  );
}
