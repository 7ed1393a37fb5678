import { useMemo, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import { toProblem, type Problem } from '../../lib/errors';
import { PlatformMarks } from '../../ui/PlatformMark';
import { ProblemNote } from '../../ui/ProblemNote';
import { useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import { useAccounts } from '../accounts/useAccounts';
import { GROUP_LABELS, groupCandidates } from './candidate-labels';
import { useCampaignPosts } from './useCampaignPosts';
import { applyCampaignUtm, assignPosts } from './useCampaigns';

/** More candidates than this: a search field narrows the list. */
const SEARCH_FROM = 8;

const locked = (p: PostDto) => p.targets.some((t) => t.state === 'publishing' || t.state === 'published');

/** The posts of one campaign: add posts to it, take them out, tag their links with its UTM defaults. */
export function CampaignPosts({ campaign }: { campaign: CampaignDto }) {
  const { inside, candidates: outside, problem: readProblem } = useCampaignPosts(campaign.id);
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const zone = useZone();
  const { accounts } = useAccounts();
  // Only tells whether a post's year is this one: an hourly tick is plenty.
  const now = useNow(3_600_000);
  // Grouped and worded once per change of the posts or the search, not on every render.
  const groups = useMemo(() => groupCandidates(outside, accounts ?? [], zone, now, query), [outside, accounts, zone, now, query]);
  const shown = groups.reduce((n, g) => n + g.items.length, 0);

  const run = async (work: () => Promise<string | null>) => {
    setProblem(null);
    setNote(null);
    try {
      setNote(await work());
    } catch (err) {
      setProblem(toProblem(err));
    }
  };

  return (
    <section className="card campaign-posts" data-testid="campaign-posts" aria-label={`Posts in ${campaign.name}`}>
      <h2 className="card-title">Posts in “{campaign.name}”</h2>
      <form
        className="campaign-assign"
        onSubmit={(e) => {
          e.preventDefault();
          if (adding) void run(async () => (await assignPosts([adding], campaign.id), setAdding(''), null));
        }}
      >
        {outside.length > SEARCH_FROM ? (
          <div className="field campaign-assign-search">
            <label className="field-label" htmlFor="campaign-assign-search">
              Find a post
            </label>
            <input
              id="campaign-assign-search"
              className="text-input"
              type="search"
              data-testid="campaign-assign-search"
              value={query}
              placeholder="Words, date, platform or state"
              onChange={(e) => {
                setQuery(e.target.value);
                setAdding('');
              }}
            />
          </div>
        ) : null}
        <div className="field campaign-assign-choice">
          <label className="field-label" htmlFor="campaign-assign-select">
            Add a post
          </label>
          <div className="campaign-assign-row">
            <select id="campaign-assign-select" data-testid="campaign-assign-select" value={adding} onChange={(e) => setAdding(e.target.value)} aria-describedby="campaign-assign-hint">
              <option value="">{query && shown === 0 ? 'No post matches' : `Choose a post… (${shown})`}</option>
              {groups.map((g) => (
                <optgroup key={g.group} label={GROUP_LABELS[g.group]} data-testid={`campaign-assign-group-${g.group}`}>
                  {g.items.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <button type="submit" className="btn" data-testid="campaign-assign" disabled={!adding}>
              Add to campaign
            </button>
          </div>
          <span className="muted campaign-assign-hint" id="campaign-assign-hint">
            When · where · state · first words. Times in {zone}.
          </span>
        </div>
      </form>
      {(problem ?? readProblem) ? <ProblemNote problem={(problem ?? readProblem)!} testId="campaign-posts-problem" /> : null}
      {note ? (
        <p className="muted" role="status" data-testid="campaign-posts-note">
          {note}
        </p>
      ) : null}
      {inside.length === 0 ? (
        <p className="muted" data-testid="campaign-posts-empty">
          No posts in this campaign yet. Add one above.
        </p>
      ) : (
        <ul className="campaign-post-list">
          {inside.map((p) => (
            <li key={p.id} className="campaign-post" data-testid="campaign-post" data-post-id={p.id}>
              <PlatformMarks platforms={p.targets.map((t) => t.platform)} compact />
              <span className="campaign-post-text" data-testid="campaign-post-text">
                {p.text}
              </span>
              <span className="muted">v{p.version}</span>
              <button
                type="button"
                className="btn btn-small"
                data-testid="campaign-apply-utm"
                disabled={locked(p)}
                title={locked(p) ? 'Already going out: its links can’t change now' : 'Add the campaign’s UTM defaults to the links in this post'}
                onClick={() =>
                  void run(async () => {
                    const after = await applyCampaignUtm(p.id);
                    return after.version === p.version ? 'Every link already carries these UTM parameters.' : `Links tagged: saved as version ${after.version}.`;
                  })
                }
              >
                Apply UTM
              </button>
              <button type="button" className="btn btn-small btn-ghost" data-testid="campaign-unassign" onClick={() => void run(async () => (await assignPosts([p.id], null), null))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
