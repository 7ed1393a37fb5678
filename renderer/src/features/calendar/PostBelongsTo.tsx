import { useEffect, useState } from 'react';
import { api } from '../../api/client';

interface Belongs {
  campaign: string | null;
  pillar: { name: string; color: string } | null;
}

/** The campaign and content pillar a post belongs to, under its text; nothing when neither. */
export function PostBelongsTo({ postId, version }: { postId: string; version: number }) {
  const [belongs, setBelongs] = useState<Belongs | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      Promise.all([api.call('campaigns:postCampaigns', { postIds: [postId] }), api.call('posts:links', { ids: [postId] }), api.call('campaigns:list', {}), api.call('pillars:list', {})])
        .then(([inCampaign, links, campaigns, pillars]) => {
          if (!live) return;
          const campaign = campaigns.find((c) => c.id === inCampaign[0]?.campaignId)?.name ?? null;
          const pillar = pillars.find((p) => p.id === links[0]?.pillarId) ?? null;
          setBelongs({ campaign, pillar: pillar ? { name: pillar.name, color: pillar.color } : null });
        })
        // The rest of the panel still stands; this line is only extra.
        .catch(() => undefined);
    void load();
    const offCampaigns = api.subscribe('campaigns:changed', () => void load());
    const offLibrary = api.subscribe('library:changed', () => void load());
    return () => {
      live = false;
      offCampaigns();
      offLibrary();
    };
  }, [postId, version]);

  if (!belongs || (!belongs.campaign && !belongs.pillar)) return null;
  return (
    <dl className="panel-belongs" data-testid="post-panel-belongs">
      {belongs.campaign ? (
        <div>
          <dt>Campaign</dt>
          <dd data-testid="post-panel-campaign">{belongs.campaign}</dd>
        </div>
      ) : null}
      {belongs.pillar ? (
        <div>
          <dt>Pillar</dt>
          <dd data-testid="post-panel-pillar">
            <span className="panel-pillar-dot" style={{ background: belongs.pillar.color }} aria-hidden="true" />
            {belongs.pillar.name}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
