import { ProblemNote } from '../../ui/ProblemNote';
import type { LinkOptions } from './usePostLinkOptions';

interface Props {
  campaignId: string;
  pillarId: string;
  options: LinkOptions;
  onChange: (patch: { campaignId?: string; pillarId?: string }) => void;
}

/** Where the post belongs: a campaign (for its UTM and results) and a content pillar (for the mix). */
export function PostLinksFields({ campaignId, pillarId, options, onChange }: Props) {
  const { campaigns, pillars, problem } = options;
  // A post may belong to something deleted since it was opened: keep it selectable until changed.
  const missing = (list: { id: string }[] | null, id: string) => id !== '' && list !== null && !list.some((x) => x.id === id);
  return (
    <fieldset className="field post-links">
      <legend className="field-label">Campaign and pillar</legend>
      <div className="post-links-row">
        <div className="schedule-input">
          <label htmlFor="compose-campaign">Campaign</label>
          <select id="compose-campaign" data-testid="compose-campaign" value={campaignId} disabled={campaigns === null} onChange={(e) => onChange({ campaignId: e.target.value })}>
            <option value="">None</option>
            {(campaigns ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            {missing(campaigns, campaignId) ? <option value={campaignId}>A deleted campaign</option> : null}
          </select>
        </div>
        <div className="schedule-input">
          <label htmlFor="compose-pillar">Content pillar</label>
          <select id="compose-pillar" data-testid="compose-pillar" value={pillarId} disabled={pillars === null} onChange={(e) => onChange({ pillarId: e.target.value })}>
            <option value="">None</option>
            {(pillars ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            {missing(pillars, pillarId) ? <option value={pillarId}>A deleted pillar</option> : null}
          </select>
        </div>
      </div>
      {campaigns?.length === 0 && pillars?.length === 0 ? (
        <p className="compose-hint muted">
          No campaigns or pillars yet. Create them under{' '}
          <a className="link" href="#/campaigns">
            Campaigns
          </a>{' '}
          and{' '}
          <a className="link" href="#/library">
            Library
          </a>
          .
        </p>
      ) : null}
      {problem ? <ProblemNote problem={{ ...problem, message: `Campaigns and pillars could not be loaded. ${problem.message}` }} /> : null}
    </fieldset>
  );
}
