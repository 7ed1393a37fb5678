import { useState } from 'react';
import type { ExperimentDto } from '../../../../shared/contract/features/experiments';
import { firstWords, plural } from '../../lib/format';
import { rollOut } from './useExperiments';

/** What the last roll-out did, post by post, in the words the posts had when it ran. */
interface Done {
  label: string;
  moved: string[];
  unchanged: string[];
}

/**
 * "Roll out the winner": the campaign's waiting posts without the winner's words yet, each ticked.
 * After a roll-out it says what changed and which posts; it offers more only when there is more.
 */
export function RolloutCard({ experiment: e, act }: { experiment: ExperimentDto; act: (work: Promise<unknown>) => void }) {
  const [skipped, setSkipped] = useState<string[]>([]);
  const [done, setDone] = useState<Done | null>(null);
  const winner = e.result.winner === null ? null : e.armsTable.find((a) => a.arm === e.result.winner);
  if (!winner || (e.rolloutCandidates.length === 0 && !done)) return null;
  const label = winner.label;
  const chosen = e.rolloutCandidates.map((c) => c.postId).filter((id) => !skipped.includes(id));

  const run = () => {
    const words = new Map(e.rolloutCandidates.map((c) => [c.postId, firstWords(c.text, 90)]));
    act(
      rollOut(e.id, chosen).then((r) => {
        setSkipped([]);
        setDone({ label, moved: r.postIds.map((id) => words.get(id) ?? id), unchanged: r.unchanged.map((id) => words.get(id) ?? id) });
      }),
    );
  };

  return (
    <div className="card experiment-rollout" data-testid="experiment-rollout">
      {done ? (
        <div role="status" data-testid="experiment-rollout-done">
          {done.moved.length > 0 ? (
            <>
              <p>
                {plural(done.moved.length, 'post')} now in Review with {done.label}’s words:
              </p>
              <ul data-testid="experiment-rollout-moved">
                {done.moved.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </>
          ) : null}
          {done.unchanged.length > 0 ? (
            <>
              <p>Left as {done.unchanged.length === 1 ? 'it was' : 'they were'}: already {done.unchanged.length === 1 ? 'uses' : 'use'} {done.label}’s words.</p>
              <ul data-testid="experiment-rollout-unchanged">
                {done.unchanged.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </>
          ) : null}
          {e.rolloutCandidates.length === 0 ? <p className="muted">Nothing more to roll out: the campaign’s waiting posts all have {done.label}’s words.</p> : null}
        </div>
      ) : null}
      {e.rolloutCandidates.length > 0 ? (
        <>
          <p>
            Roll out the winner: its words replace the text of {plural(e.rolloutCandidates.length, 'post')} of the campaign that {e.rolloutCandidates.length === 1 ? 'has' : 'have'} not gone out. Each
            gets a new version and goes back to Review.
          </p>
          <ul className="experiment-rollout-posts">
            {e.rolloutCandidates.map((c) => (
              <li key={c.postId}>
                <label>
                  <input
                    type="checkbox"
                    data-testid="experiment-rollout-post"
                    checked={!skipped.includes(c.postId)}
                    onChange={() => setSkipped((list) => (list.includes(c.postId) ? list.filter((x) => x !== c.postId) : [...list, c.postId]))}
                  />{' '}
                  {firstWords(c.text, 90)}
                </label>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-primary btn-small" data-testid="experiment-rollout-button" disabled={chosen.length === 0} onClick={run}>
            Roll out to {plural(chosen.length, 'post')}
          </button>
        </>
      ) : null}
    </div>
  );
}
