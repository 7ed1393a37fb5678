import { useState } from 'react';
import type { GenerationJobDto } from '../../../../shared/contract/features/generation';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { toProblem, type Problem } from '../../lib/errors';
import { count } from '../../lib/numbers';
import { ProblemNote } from '../../ui/ProblemNote';
import { showInReview } from '../review/useReview';
import { setQueueOpen, streamedChars, upsertJob } from './generation.store';
import { jobStateWords } from './job-words';

const PRIORITY_STEP = 10;
const clampPriority = (n: number) => Math.max(-100, Math.min(100, n));

/** Opens Review on the job's first draft. */
function openInReview(job: GenerationJobDto): void {
  setQueueOpen(false);
  if (job.postIds[0]) showInReview(job.postIds[0]);
  navigate('review');
}

/** One job of the writing queue: where it stands, what it streamed, and what can be done with it. */
export function QueueJob({ job, texts, nowMs, clock }: { job: GenerationJobDto; texts: string[] | undefined; nowMs: number; clock: (ms: number) => string }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<GenerationJobDto>) => {
    setProblem(null);
    setBusy(true);
    try {
      upsertJob(await run());
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };
  const prioritize = (priority: number) => void act(() => api.call('generation:prioritize', { id: job.id, priority: clampPriority(priority) }));
  const chars = streamedChars(texts);
  const titleId = `queue-job-${job.id}`;

  return (
    <li className="queue-job" data-testid="queue-job" data-job-id={job.id} data-state={job.state} data-kind={job.kind} aria-labelledby={titleId}>
      <p id={titleId} className="queue-job-title">
        {job.title}
      </p>
      <p className="queue-job-state" data-testid="queue-job-state" data-tone={job.state === 'failed' ? 'attention' : undefined}>
        {jobStateWords(job, nowMs, clock)}
      </p>
      <p className="queue-job-meta muted">
        <span data-testid="queue-job-attempts">
          {job.attempts} {job.attempts === 1 ? 'try' : 'tries'}
        </span>
        <span data-testid="queue-job-priority">Priority {job.priority}</span>
        {job.state === 'running' ? <span data-testid="queue-job-progress">{count(chars)} characters written</span> : null}
      </p>
      {job.state === 'running' && chars > 0 ? (
        <div className="queue-job-preview" data-testid="queue-job-preview" aria-live="off" aria-label="Text as it is written">
          {(texts ?? []).map((t, i) => (
            <p key={i}>{t}</p>
          ))}
        </div>
      ) : null}
      <div className="queue-job-actions">
        {job.state === 'queued' ? (
          <>
            <button
              type="button"
              className="btn btn-small"
              data-testid="queue-job-raise"
              aria-label={`Raise priority of ${job.title}`}
              disabled={busy || job.priority >= 100}
              onClick={() => prioritize(job.priority + PRIORITY_STEP)}
            >
              Raise
            </button>
            <button
              type="button"
              className="btn btn-small"
              data-testid="queue-job-lower"
              aria-label={`Lower priority of ${job.title}`}
              disabled={busy || job.priority <= -100}
              onClick={() => prioritize(job.priority - PRIORITY_STEP)}
            >
              Lower
            </button>
          </>
        ) : null}
        {job.state === 'queued' || job.state === 'running' ? (
          <button type="button" className="btn btn-small" data-testid="queue-job-cancel" aria-label={`Cancel ${job.title}`} disabled={busy} onClick={() => void act(() => api.call('generation:cancel', { id: job.id }))}>
            Cancel
          </button>
        ) : null}
        {job.state === 'failed' || job.state === 'cancelled' ? (
          <button type="button" className="btn btn-small" data-testid="queue-job-retry" aria-label={`Retry ${job.title}`} disabled={busy} onClick={() => void act(() => api.call('generation:retry', { id: job.id }))}>
            Retry
          </button>
        ) : null}
        {job.state === 'done' && job.postIds.length > 0 ? (
          <button type="button" className="btn btn-small" data-testid="queue-job-open" onClick={() => openInReview(job)}>
            Open in Review
          </button>
        ) : null}
      </div>
      {problem ? <ProblemNote problem={problem} testId="queue-job-problem" /> : null}
    </li>
  );
}
