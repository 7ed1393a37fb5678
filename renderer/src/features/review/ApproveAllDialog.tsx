import { useRef, useState } from 'react';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { firstWords } from '../../lib/format';
import { count } from '../../lib/numbers';
import { ProblemNote } from '../../ui/ProblemNote';
import { Dialog } from '../ideas/Dialog';
import type { HeldPostDto } from '../../../../shared/contract/features/review';
import { approveAllWaiting, sendBackToReview, type ApproveAllProgress } from './approve-all';
import { showInReview } from './useReview';

const posts = (n: number) => `${count(n)} ${n === 1 ? 'post' : 'posts'}`;
/** The held posts the summary names one by one; the rest are counted. */
const NAMED = 50;

type Stage = 'confirm' | 'running' | 'done' | 'returning' | 'returned';

/** The summary's first words: how far Approve all got, and how many it left in Review. */
function approvedWords({ approvedIds, held, total }: ApproveAllProgress, stopped: boolean, failed: boolean): string {
  const approved = approvedIds.length;
  const how = failed ? `Stopped by a problem after approving ${posts(approved)}.` : stopped ? `Stopped: approved ${posts(approved)} of ${count(total)}. The rest still wait in Review.` : `Approved ${posts(approved)}.`;
  return held.length ? `${how} ${posts(held.length)} stayed in Review:` : how;
}

/** After Send them back: how many are back, and how many had moved on since. */
function returnedWords(sent: number, approved: number, failed: boolean): string {
  if (failed) return `Stopped by a problem after sending ${posts(sent)} back to Review.`;
  const back = `${posts(sent)} ${sent === 1 ? 'is' : 'are'} back in Review`;
  const gone = approved - sent;
  return gone === 0 ? `${back}.` : `${back}; ${posts(gone)} had gone out or changed since and ${gone === 1 ? 'stays as it is' : 'stay as they are'}.`;
}

/** The toast after the dialog: Undo sends the approved posts back to Review, as Send them back does. */
function offerUndo(approvedIds: readonly string[]): void {
  const approved = approvedIds.length;
  showToast(`Approved ${posts(approved)}`, {
    action: {
      label: 'Undo',
      undo: true,
      run: async () => {
        try {
          const { sent } = await sendBackToReview(approvedIds, () => undefined);
          showToast(returnedWords(sent, approved, false));
        } catch (err) {
          showToast('Not undone', { detail: toProblem(err).message, tone: 'attention' });
        }
      },
    },
  });
}

/** The posts a gate left in Review, each with why; a click opens it in Review. */
function HeldPosts({ held, open }: { held: readonly HeldPostDto[]; open: (postId: string) => void }) {
  return (
    <ul className="review-all-held" data-testid="review-all-held">
      {held.slice(0, NAMED).map((h) => (
        <li key={h.postId}>
          <button type="button" className="btn-link" data-testid="review-all-held-open" onClick={() => open(h.postId)}>
            {firstWords(h.text, 80) || 'A post with no text'}
          </button>
          <span className="muted">{h.why}</span>
        </li>
      ))}
      {held.length > NAMED ? <li className="muted">and {posts(held.length - NAMED)} more, first in the queue</li> : null}
    </ul>
  );
}

/**
 * "Approve all": asks first (how many, what happens to them, what stays), then approves the
 * queue a round at a time with a progress bar and a Stop, and ends with what was approved and
 * which posts stayed in Review and why (each one opens in Review). "Send them back to Review"
 * undoes it for every approved post that has not gone out since; once the dialog is closed, the
 * toast's Undo does the same.
 */
export function ApproveAllDialog({ waiting, onClose }: { waiting: number; onClose: () => void }) {
  const [stage, setStage] = useState<Stage>('confirm');
  const [progress, setProgress] = useState<ApproveAllProgress>({ approvedIds: [], held: [], total: waiting });
  const [returned, setReturned] = useState({ done: 0, sent: 0 });
  const [stopped, setStopped] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const stopAsked = useRef(false);
  const [stopping, setStopping] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);

  const run = async () => {
    setStage('running');
    setProblem(null);
    try {
      const end = await approveAllWaiting(setProgress, () => stopAsked.current);
      setProgress(end);
      setStopped(end.stopped);
    } catch (err) {
      setProblem(toProblem(err));
    }
    setStage('done');
  };

  const sendBack = async () => {
    setStage('returning');
    setProblem(null);
    try {
      const { sent } = await sendBackToReview(progress.approvedIds, (done, sentSoFar) => setReturned({ done, sent: sentSoFar }));
      setReturned({ done: progress.approvedIds.length, sent });
      setStage('returned');
    } catch (err) {
      setProblem(toProblem(err));
      setStage('returned');
    }
  };

  const stop = () => {
    stopAsked.current = true;
    setStopping(true);
  };
  const { held, total } = progress;
  const approved = progress.approvedIds.length;
  // Closed with posts approved and not sent back: the toast keeps Undo (and Ctrl+Z) within reach.
  const finish = () => {
    if (stage === 'done' && approved > 0) offerUndo(progress.approvedIds);
    onClose();
  };
  // While it runs, Escape asks it to stop after the round under way; the dialog then shows where it got to.
  // Sending back is not stopped halfway: Escape waits for it.
  const close = stage === 'running' ? stop : stage === 'returning' ? () => undefined : finish;
  const open = (postId: string) => {
    showInReview(postId);
    finish();
  };

  return (
    <Dialog title={stage === 'confirm' ? `Approve all ${posts(waiting)} waiting?` : 'Approve all'} titleId="review-all-title" onClose={close} initialFocus={confirm} testId="review-all-dialog">
      {stage === 'confirm' ? (
        <>
          <ul className="review-all-terms">
            <li>Posts with a time are scheduled to go out then; posts without one are approved and wait for a time.</li>
            <li>A post with a blank to fill in, or over a platform’s limit, stays in Review, and you’ll see which.</li>
            <li>Posts that arrive in Review while this runs wait for you.</li>
            <li>Changed your mind? At the end, Send them back to Review (or Undo, once this is closed) puts every approved post that hasn’t gone out back where it was.</li>
          </ul>
          <div className="dialog-actions">
            <button type="button" className="btn btn-ghost" data-testid="review-all-cancel" onClick={onClose}>
              Cancel
            </button>
            <button type="button" ref={confirm} className="btn btn-primary" data-testid="review-all-confirm" onClick={() => void run()}>
              Approve all {count(waiting)}
            </button>
          </div>
        </>
      ) : null}
      {stage === 'running' ? (
        <>
          <progress className="review-all-progress" aria-label="Posts approved" max={total || undefined} value={total ? approved + held.length : undefined} />
          <p role="status" data-testid="review-all-progress">
            {stopping ? 'Stopping after this round… ' : ''}Approved {count(approved)} of {count(total)}
            {held.length ? `; ${count(held.length)} stay in Review` : ''}
          </p>
          <div className="dialog-actions">
            <button type="button" className="btn" data-testid="review-all-stop" autoFocus disabled={stopping} onClick={stop}>
              Stop
            </button>
          </div>
        </>
      ) : null}
      {stage === 'returning' ? (
        <>
          <progress className="review-all-progress" aria-label="Posts sent back to Review" max={approved} value={returned.done} />
          <p role="status" data-testid="review-all-returning">
            Sending {posts(approved)} back to Review…
          </p>
        </>
      ) : null}
      {stage === 'done' || stage === 'returned' ? (
        <>
          {stage === 'done' ? (
            <p role="status" data-testid="review-all-summary">
              {approvedWords(progress, stopped, problem !== null)}
            </p>
          ) : (
            <p role="status" data-testid="review-all-returned">
              {returnedWords(returned.sent, approved, problem !== null)}
            </p>
          )}
          {problem ? <ProblemNote problem={problem} testId="review-all-problem" /> : null}
          {stage === 'done' && held.length ? <HeldPosts held={held} open={open} /> : null}
          <div className="dialog-actions">
            {stage === 'done' && approved > 0 ? (
              <button type="button" className="btn" data-testid="review-all-send-back" onClick={() => void sendBack()}>
                Send {approved === 1 ? 'it' : 'them'} back to Review
              </button>
            ) : null}
            <button type="button" className="btn btn-primary" data-testid="review-all-done" autoFocus onClick={finish}>
              Done
            </button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
