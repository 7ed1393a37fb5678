import { useRef, useState } from 'react';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import { dateRange, dayMonth } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { DeleteCampaignConfirm } from './CampaignDelete';
import { CampaignEditor } from './CampaignEditor';
import { CampaignGuardLine } from './CampaignGuard';
import { CampaignPosts } from './CampaignPosts';
import { CampaignTotals } from './CampaignTotals';
import { useCampaignsStore } from './campaigns.store';
import { formatMoney, formatRoi } from './money';
import { useCampaigns } from './useCampaigns';
import './campaigns.css';

const GOAL: Record<string, string> = { awareness: 'Awareness', engagement: 'Engagement', conversion: 'Conversion' };

/** The campaign's dates as the creator reads dates: "10 – 31 Dec 2026", "From 10 Dec 2026". */
function dates(c: CampaignDto): string | null {
  const one = (key: string) => dayMonth(key, { withYear: true });
  if (c.startsOn && c.endsOn) return c.startsOn === c.endsOn ? one(c.startsOn) : dateRange(c.startsOn, c.endsOn);
  if (c.startsOn) return `From ${one(c.startsOn)}`;
  if (c.endsOn) return `Until ${one(c.endsOn)}`;
  return null;
}

function CampaignRow({ campaign, selected }: { campaign: CampaignDto; selected: boolean }) {
  const when = dates(campaign);
  const utm = Object.entries(campaign.utm).map(([k, v]) => `utm_${k}=${v}`);
  const [confirming, setConfirming] = useState(false);
  const trash = useRef<HTMLButtonElement>(null);
  return (
    <li className="campaign-row" data-testid="campaign-row" data-campaign-id={campaign.id} aria-current={selected ? 'true' : undefined}>
      <div className="campaign-main">
        <button type="button" className="btn-link campaign-name" data-testid="campaign-open" onClick={() => useCampaignsStore.setState({ selected: selected ? null : campaign.id })} aria-expanded={selected}>
          {campaign.name}
        </button>
        <span className="campaign-meta">
          {[campaign.goal ? GOAL[campaign.goal] : null, when, campaign.theme].filter(Boolean).join(' · ') || 'No goal or dates yet'}
        </span>
        {utm.length ? <code className="campaign-utm-line">{utm.join('&')}</code> : null}
        <CampaignGuardLine campaign={campaign} />
      </div>
      <dl className="campaign-numbers">
        <div>
          <dt>Posts</dt>
          <dd data-testid="campaign-post-count">{campaign.postCount}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd data-testid="campaign-cost-value">{formatMoney(campaign.costCents, campaign.currency)}</dd>
        </div>
        <div>
          <dt>Revenue</dt>
          <dd data-testid="campaign-revenue-value">{formatMoney(campaign.revenueCents, campaign.currency)}</dd>
        </div>
        <div title="(revenue − cost) / cost">
          <dt>ROI</dt>
          <dd data-testid="campaign-roi">{formatRoi(campaign.roi)}</dd>
        </div>
      </dl>
      <div className="campaign-row-actions">
        <button id={`campaign-edit-${campaign.id}`} type="button" className="btn btn-small" data-testid="campaign-edit" onClick={() => useCampaignsStore.setState({ editing: campaign.id })}>
          Edit
        </button>
        <button ref={trash} type="button" className="btn btn-small btn-quiet-danger" data-testid="campaign-delete" aria-label={`Delete ${campaign.name}`} aria-expanded={confirming} onClick={() => setConfirming(true)}>
          <Icon name="trash" />
        </button>
      </div>
      {confirming ? (
        <DeleteCampaignConfirm
          campaign={campaign}
          onKeep={() => {
            setConfirming(false);
            trash.current?.focus();
          }}
        />
      ) : null}
    </li>
  );
}

/** Campaigns: what each one is for, when it runs, what it cost and earned, and the posts in it. */
export function CampaignsScreen() {
  const { list, problem, loading } = useCampaigns();
  const editing = useCampaignsStore((s) => s.editing);
  const selectedId = useCampaignsStore((s) => s.selected);
  const editingCampaign = editing && editing !== 'new' ? (list?.find((c) => c.id === editing) ?? null) : null;
  const selected = list?.find((c) => c.id === selectedId) ?? null;

  return (
    <Page
      title="Campaigns"
      testId="campaigns-screen"
      note="ROI is (revenue − cost) / cost. UTM defaults are added to the links of a campaign’s posts when you apply them."
      actions={
        <button id="campaign-new" type="button" className="btn btn-primary" data-testid="campaign-new" onClick={() => useCampaignsStore.setState({ editing: 'new' })}>
          <Icon name="plus" />
          New campaign
        </button>
      }
    >
      {problem ? <ProblemNote problem={problem} testId="campaigns-problem" /> : null}
      {editing ? <CampaignEditor key={editing} campaign={editingCampaign} /> : null}
      {loading ? <p className="muted">Opening your campaigns…</p> : null}
      {list && list.length === 0 && !editing ? (
        <div className="empty" data-testid="campaigns-empty">
          <h2>No campaigns yet</h2>
          <p>Group posts under a campaign to track its cost and revenue and tag its links for your analytics.</p>
        </div>
      ) : null}
      {list && list.length > 0 ? (
        <ul className="campaign-list" data-testid="campaign-list">
          {list.map((c) => (
            <CampaignRow key={c.id} campaign={c} selected={c.id === selectedId} />
          ))}
        </ul>
      ) : null}
      {list ? <CampaignTotals list={list} /> : null}
      {selected ? <CampaignPosts campaign={selected} /> : null}
    </Page>
  );
}
