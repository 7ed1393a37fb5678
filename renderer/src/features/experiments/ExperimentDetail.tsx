import { useState } from 'react';
import type { ExperimentDto } from '../../../../shared/contract/features/experiments';
import { toProblem, type Problem } from '../../lib/errors';
import { firstWords, plural } from '../../lib/format';
import { count, fixed, percent } from '../../lib/numbers';
import { ProblemNote } from '../../ui/ProblemNote';
import { stopExperiment } from './useExperiments';
import { RolloutCard } from './RolloutCard';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { pFmt, srmWords } from './srm-words';

const VERDICT_TITLE = { collecting: 'Collecting', no_difference: 'No clear difference', equivalent: 'Equally good', winner: 'Winner' } as const;

/** A rate as a percentage; plain engagements as a number. */
export function formatValue(e: Pick<ExperimentDto, 'metric'>, v: number | null): string {
  if (v === null) return '—';
  return e.metric === 'engagement_rate' ? percent(v) : Number.isInteger(v) ? count(v) : fixed(v, 1);
}


/** Each arm's per-post numbers as bars, with the numbers written out for screen readers and copying. */
function RatesChart({ experiment: e }: { experiment: ExperimentDto }) {
  const max = Math.max(0, ...e.armsTable.flatMap((a) => a.rates));
  return (
    <ScrollRegion label="Rates by variant">
      <table className="experiment-rates" data-testid="experiment-rates">
        <caption>{e.metric === 'engagement_rate' ? 'Engagement rate of each post, by version' : 'Engagements of each post, by version'}</caption>
        <tbody>
          {e.armsTable.map((a) => (
            <tr key={a.arm}>
              <th scope="row">{a.label}</th>
              <td>
                {a.rates.length === 0 ? <span className="muted">No numbers yet</span> : null}
                <span className="experiment-bars">
                  {a.rates.map((r, i) => (
                    <span key={i} className="experiment-bar-item">
                      <span className={`experiment-bar${a.arm === e.result.winner ? ' experiment-bar-win' : ''}`} style={{ width: `${max > 0 ? Math.max(2, (r / max) * 100) : 2}%` }} aria-hidden="true" />
                      <span className="experiment-bar-value">{formatValue(e, r)}</span>
                    </span>
                  ))}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function VerdictPanel({ experiment: e }: { experiment: ExperimentDto }) {
  const v = e.result;
  const winner = v.winner === null ? null : e.armsTable.find((a) => a.arm === v.winner);
  return (
    <section className={`card experiment-verdict experiment-panel-${v.state}`} data-testid="experiment-verdict" aria-labelledby="experiment-verdict-title">
      <h3 id="experiment-verdict-title" data-testid="experiment-verdict-state">
        {VERDICT_TITLE[v.state]}
        {winner ? `: ${winner.label}` : ''}
      </h3>
      <p data-testid="experiment-verdict-reason">{v.reason}</p>
      <dl className="experiment-facts">
        <div>
          <dt>Compared at the same age</dt>
          <dd data-testid="experiment-comparison">{e.comparison.text}</dd>
        </div>
        <div>
          <dt>Stopping rule</dt>
          <dd data-testid="experiment-rule">{v.rule}</dd>
        </div>
        <div>
          <dt>Posts per version vs planned</dt>
          <dd data-testid="experiment-srm">{srmWords(e)}</dd>
        </div>
        <div>
          <dt>Permutation test</dt>
          <dd data-testid="experiment-pvalue">{v.pValue === null ? 'after the minimum' : `p ${pFmt(v.pValue)}`}</dd>
        </div>
        <div>
          <dt>Difference, best vs runner-up (bootstrap interval)</dt>
          <dd data-testid="experiment-difference">
            {v.difference ? `${formatValue(e, v.difference.estimate)} (${formatValue(e, v.difference.low)} to ${formatValue(e, v.difference.high)})` : 'after the minimum'}
          </dd>
        </div>
        {v.pBest ? (
          <div>
            <dt>Chance each is best (optimistic: pooled views)</dt>
            <dd data-testid="experiment-pbest">{e.armsTable.map((a) => `${a.label} ${percent(v.pBest![a.arm] ?? 0, 0)}`).join(', ')}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

/**
 * What can be done from here, in words beside the button. While running, Stop ends the test
 * early (no winner from then on; posts not out yet are cancelled). Once decided, stopping means
 * nothing: the winner is rolled out below, and "End experiment" files it away, keeping the
 * decision and every post as it is.
 */
function HeaderActions({ experiment: e, act }: { experiment: ExperimentDto; act: (work: Promise<unknown>) => void }) {
  if (e.state === 'stopped') return null;
  if (e.state === 'running') {
    return (
      <div className="experiment-detail-actions">
        <span className="muted" id="experiment-stop-note" data-testid="experiment-action-note">
          Stop ends the test early: no winner is named after that, and its posts that have not gone out are cancelled.
        </span>
        <button
          type="button"
          className="btn btn-small btn-quiet-danger"
          data-testid="experiment-stop"
          aria-describedby="experiment-stop-note"
          onClick={() => {
            if (!window.confirm(`Stop “${e.name}”? Its posts that have not gone out are cancelled.`)) return;
            act(stopExperiment(e.id, false));
          }}
        >
          Stop
        </button>
      </div>
    );
  }
  const winner = e.result.winner === null ? null : e.armsTable.find((a) => a.arm === e.result.winner);
  const next = winner
    ? e.rolloutCandidates.length > 0
      ? `${winner.label} won: roll out its words below. End the experiment when you are done; the decision stays.`
      : `${winner.label} won. End the experiment to file it away; the decision stays and no post changes.`
    : 'Decided with no winner. End the experiment to file it away; the decision stays and no post changes.';
  return (
    <div className="experiment-detail-actions">
      <span className="muted" id="experiment-end-note" data-testid="experiment-action-note">
        {next}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="experiment-end"
        aria-describedby="experiment-end-note"
        onClick={() => act(stopExperiment(e.id, true))}
      >
        End experiment
      </button>
    </div>
  );
}

export function ExperimentDetail({ experiment: e }: { experiment: ExperimentDto }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const act = (work: Promise<unknown>) => {
    setProblem(null);
    work.catch((err: unknown) => setProblem(toProblem(err)));
  };
  const unitNote = e.metric === 'engagement_rate' ? 'engagements ÷ views, per post' : 'engagements per post (this platform reports no views)';

  return (
    <section className="experiment-detail" data-testid="experiment-detail" aria-label={e.name}>
      <header className="experiment-detail-header">
        <h2>{e.name}</h2>
        <span className="muted">
          {e.state === 'stopped' ? 'Stopped' : e.state === 'decided' ? 'Decided' : 'Running'} · compares {unitNote} · {plural(e.postsPerArm, 'post')} per version ·{' '}
          {e.mode === 'accounts' ? 'takes turns over accounts' : 'takes turns over weekly posting times'}
        </span>
        <HeaderActions experiment={e} act={act} />
      </header>
      {problem ? <ProblemNote problem={problem} testId="experiment-problem" /> : null}
      <VerdictPanel experiment={e} />

      <ScrollRegion label="Variants">
        <table className="experiment-arms" data-testid="experiment-arms">
          <caption>Versions</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Words</th>
              <th scope="col">Posts</th>
              <th scope="col">Published</th>
              <th scope="col">Counted at {e.comparison.ageHours} h</th>
              <th scope="col">Average</th>
            </tr>
          </thead>
          <tbody>
            {e.armsTable.map((a) => (
              <tr key={a.arm} data-testid="experiment-arm-row" data-arm={a.arm}>
                <th scope="row">{a.label}</th>
                <td title={a.text}>{firstWords(a.text, 80)}</td>
                <td>{a.planned}</td>
                <td>{a.published}</td>
                <td data-testid="experiment-arm-measured">{a.measured}</td>
                <td>{formatValue(e, a.mean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <RatesChart experiment={e} />

      <RolloutCard key={e.id} experiment={e} act={act} />

      <details className="experiment-posts">
        <summary>{plural(e.posts.length, 'post')} and their slots</summary>
        <ul>
          {e.posts.map((p) => (
            <li key={p.postId} data-testid="experiment-post">
              {e.armsTable.find((a) => a.arm === p.arm)?.label} · {p.slot} · {p.state.replace('_', ' ')}
              {p.rate !== null ? ` · ${formatValue(e, p.rate)}` : ''}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
