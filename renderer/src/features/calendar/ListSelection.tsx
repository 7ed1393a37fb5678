import { useEffect, useRef, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import { closePost, showToast, useUiStore } from '../../app/ui.store';
import { deletePosts } from '../../data/usePosts';
import { dayTime, plural } from '../../lib/format';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { Icon } from '../../ui/Icon';
import { queueable, queueMany } from './queue-many';
import { MoveMany, movable } from './MoveMany';
import { deletedToast } from './undo-delete';

/**
 * What can be done with the posts picked in the list: moving the timed ones by days or weeks,
 * giving the drafts among them their accounts' next free posting times, deleting them all in one
 * go (after asking), picking every post shown, or letting go. Shown only while something is picked.
 */
export function SelectionBar({ posts, shown, zone, onPickAll, onClear, onDone }: { posts: PostDto[]; shown: number; zone: string; onPickAll: () => void; onClear: () => void; onDone: (ids: string[]) => void }) {
  const ids = posts.map((p) => p.id);
  const drafts = posts.filter(queueable);
  const timed = posts.filter(movable);
  const [confirming, setConfirming] = useState(false);
  const [moving, setMoving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const remove = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const gone = await deletePosts(ids);
      if (ids.includes(useUiStore.getState().openPostId ?? '')) closePost();
      const already = ids.length - gone.length;
      deletedToast(gone, already > 0 ? { detail: `${plural(already, 'other was', 'others were')} already deleted elsewhere.` } : {});
      onDone(ids);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const queue = async () => {
    setBusy(true);
    try {
      const r = await queueMany(drafts);
      const when = r.first === null ? '' : r.first === r.last ? `: ${dayTime(r.first, zone)}` : `, from ${dayTime(r.first, zone)} to ${dayTime(r.last!, zone)}`;
      if (r.problem === null) showToast(`${plural(r.queued.length, 'draft')} added to the queue${when}`);
      else showToast(`${r.queued.length} of ${plural(drafts.length, 'draft')} added to the queue${when}`, { detail: r.problem, tone: 'attention' });
      onDone(r.queued);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="selection-bar" role="region" aria-label="Selected posts" data-testid="selection-bar">
      <div className="selection-bar-row">
        <strong data-testid="selection-count">{plural(ids.length, 'post')} selected</strong>
        {ids.length < shown ? (
          <button type="button" className="btn btn-ghost btn-small" data-testid="selection-all" onClick={onPickAll}>
            Select all {shown} shown
          </button>
        ) : null}
        <button type="button" className="btn btn-ghost btn-small" data-testid="selection-clear" onClick={onClear}>
          Clear
        </button>
        <span className="selection-bar-gap" />
        {timed.length > 0 && !confirming && !moving ? (
          <button type="button" className="btn btn-small" data-testid="selection-move" onClick={() => setMoving(true)}>
            <Icon name="calendar" size={14} />
            {timed.length === posts.length ? 'Move…' : `Move ${plural(timed.length, 'post')}…`}
          </button>
        ) : null}
        {drafts.length > 0 && !confirming && !moving ? (
          <button
            type="button"
            className="btn btn-small"
            data-testid="selection-queue"
            disabled={busy}
            title="Each draft's copies take their accounts' next free posting times, in the order shown"
            onClick={() => void queue()}
          >
            <Icon name="clock" size={14} />
            {drafts.length === posts.length ? 'Add to queue' : `Add ${plural(drafts.length, 'draft')} to queue`}
          </button>
        ) : null}
        {confirming || moving ? null : (
          <button type="button" className="btn btn-quiet-danger btn-small" data-testid="selection-delete" onClick={() => setConfirming(true)}>
            <Icon name="trash" size={14} />
            Delete…
          </button>
        )}
      </div>
      {moving ? <MoveMany posts={timed} onClose={() => setMoving(false)} /> : null}
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="selection-confirm-title" data-testid="selection-confirm">
          <p id="selection-confirm-title">
            <strong>Delete {plural(ids.length, 'post')}?</strong> Their scheduled copies and their history go with them; posts already out stay on the platforms. You can bring them
            back from Recently deleted for 30 days.
          </p>
          {problem ? <ProblemNote problem={problem} /> : null}
          <div className="confirm-actions">
            <button type="button" className="btn btn-danger" data-testid="selection-confirm-delete" disabled={busy} onClick={() => void remove()}>
              {busy ? 'Deleting…' : `Delete ${plural(ids.length, 'post')}`}
            </button>
            <button ref={keep} type="button" className="btn" data-testid="selection-keep" onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
