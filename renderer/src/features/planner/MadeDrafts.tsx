import { useEffect, useRef } from 'react';
import { navigate } from '../../app/router';
import { usePlannerStore, writeMadeWithModel } from './usePlanner';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * After "Create drafts", when a model is set up: the drafts (written offline) wait in Review, and
 * the creator's model can be asked to write them as finished posts. Counts the jobs as they finish.
 * `where` says where the words would be sent.
 */
export function MadeDrafts({ where }: { where: string }) {
  const made = usePlannerStore((s) => s.made);
  const jobs = usePlannerStore((s) => s.slotJobs);
  const busy = usePlannerStore((s) => s.busy);
  // The Create button that was pressed is gone: the keyboard goes on from this section's heading.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (made) heading.current?.focus();
  }, [made]);
  if (!made) return null;

  const done = jobs?.filter((j) => j.state === 'done').length ?? 0;
  const failed = jobs?.filter((j) => j.state === 'failed' || j.state === 'cancelled').length ?? 0;
  const finished = jobs !== null && done + failed === jobs.length;

  return (
    <section className="planner-made" aria-labelledby="planner-made-title" data-testid="planner-made">
      <h3 id="planner-made-title" ref={heading} tabIndex={-1} data-testid="planner-made-title">{plural(made.length, 'draft', 'drafts')} made, waiting in Review</h3>
      <p className="planner-muted">They were written offline from your templates, pillars and voices. Your model can write each one as a finished post; its words become a new version, still in Review.</p>
      {jobs === null ? (
        <div className="planner-made-actions">
          <button type="button" className="btn btn-primary" data-testid="planner-write-model" disabled={busy} onClick={() => void writeMadeWithModel()}>
            Write them with my model <span className="planner-where">({where})</span>
          </button>
          <button type="button" className="btn" data-testid="planner-open-review" onClick={() => navigate('review')}>
            Keep them as they are
          </button>
        </div>
      ) : (
        <>
          <p role="status" data-testid="planner-slots-status" data-finished={finished || undefined}>
            {finished
              ? `Your model wrote ${done} of ${plural(jobs.length, 'draft', 'drafts')}.`
              : `Queued ${plural(jobs.length, 'draft', 'drafts')} for your model: ${done} written so far.`}
            {failed > 0 ? ` ${failed} kept their offline words: your model could not write them (the Writing queue says why, and can try again).` : ''}
          </p>
          <progress max={jobs.length} value={done + failed} aria-label="Drafts written by your model" />
          <div className="planner-made-actions">
            <button type="button" className="btn" data-testid="planner-open-review" onClick={() => navigate('review')}>
              Open Review
            </button>
          </div>
        </>
      )}
    </section>
  );
}
