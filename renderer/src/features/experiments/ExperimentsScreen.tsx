import type { ExperimentSummaryDto } from '../../../../shared/contract/features/experiments';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { CreateExperiment } from './CreateExperiment';
import { ExperimentDetail } from './ExperimentDetail';
import { openExperiment, useExperiments, useExperimentsStore } from './useExperiments';
import './experiments.css';

const STATE = { running: 'Running', stopped: 'Stopped', decided: 'Decided' } as const;

function verdictText(e: ExperimentSummaryDto): string {
  if (e.verdict === 'winner') return `Winner: ${e.winnerLabel ?? '?'}`;
  if (e.verdict === 'no_difference') return 'No clear difference';
  if (e.verdict === 'equivalent') return 'Equally good';
  return 'Collecting';
}

function ExperimentRow({ experiment: e, selected }: { experiment: ExperimentSummaryDto; selected: boolean }) {
  return (
    <li className="experiment-row" data-testid="experiment-row" data-experiment-id={e.id} aria-current={selected ? 'true' : undefined}>
      <button type="button" className="btn-link experiment-row-name" data-testid="experiment-open" aria-expanded={selected} onClick={() => openExperiment(selected ? null : e.id)}>
        {e.name}
      </button>
      <span className="muted">
        {e.arms} versions · {e.postsPerArm} posts each
      </span>
      <span className="experiment-row-state" data-testid="experiment-row-state">
        {STATE[e.state]}
      </span>
      <span className={`experiment-row-verdict experiment-verdict-${e.verdict}`} data-testid="experiment-row-verdict">
        {verdictText(e)}
      </span>
    </li>
  );
}

/** Experiments: versions of a post sent to matched slots, with a verdict that waits for enough posts. */
export function ExperimentsScreen() {
  const { list, problem, loading } = useExperiments();
  const creating = useExperimentsStore((s) => s.creating);
  const selected = useExperimentsStore((s) => s.selected);
  const detail = useExperimentsStore((s) => s.detail);

  return (
    <Page
      title="Experiments"
      testId="experiments-screen"
      note="Versions go out as separate posts, taking turns over matched times, so the post is what is compared. Small tests only find large differences."
      actions={
        <button type="button" className="btn btn-primary" data-testid="experiment-new" onClick={() => useExperimentsStore.setState({ creating: { variantSetId: null } })}>
          <Icon name="plus" />
          New experiment
        </button>
      }
    >
      {problem ? <ProblemNote problem={problem} testId="experiments-problem" /> : null}
      {creating ? <CreateExperiment key={creating.variantSetId ?? 'hand'} variantSetId={creating.variantSetId} /> : null}
      {loading ? <p className="muted">Opening your experiments…</p> : null}
      {list && list.length === 0 && !creating ? (
        <div className="empty" data-testid="experiments-empty">
          <h2>No experiments yet</h2>
          <p>Try two to five versions of a post and learn which one your audience prefers. Start from variants the model wrote in the Library, or write them here.</p>
        </div>
      ) : null}
      {list && list.length > 0 ? (
        <ul className="experiment-list" data-testid="experiment-list">
          {list.map((e) => (
            <ExperimentRow key={e.id} experiment={e} selected={e.id === selected} />
          ))}
        </ul>
      ) : null}
      {detail ? <ExperimentDetail experiment={detail} /> : null}
    </Page>
  );
}
