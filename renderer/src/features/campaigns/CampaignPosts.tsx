import { useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import { toProblem, type Problem } from '../../lib/errors';
import { PlatformMarks } from '../../ui/PlatformMark';
import { ProblemNote } from '../../ui/ProblemNote';
import { useCampaignPosts } from './useCampaignPosts';
import { applyCampaignUtm, assignPosts } from './useCampaigns';

const firstLine = (text: string) => {
  const line = text.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line || '(no text)';
};

const locked = (p: PostDto) => p.targets.some((t) => t.state === 'publishing' || t.state === 'published');

/** The posts of one campaign: add posts to it, take them out, tag their links with its UTM defaults. */
export function CampaignPosts({ campaign }: { campaign: CampaignDto }) {
  const { inside, candidates: outside, problem: readProblem } = useCampaignPosts(campaign.id);
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [note, setNote] = useState<string | null>(null);


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
        <label className="field">
          <span className="field-label">Add a post</span>
          <select data-testid="campaign-assign-select" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose a post…</option>
            {outside.map((p) => (
              <option key={p.id} value={p.id}>
                {firstLine(p.text)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn" data-testid="campaign-assign" disabled={!adding}>
          Add to campaign
        </button>
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
