import { useCallback, useEffect, useRef, useState } from 'react';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { editFromReview } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { RejectDialog } from './RejectDialog';
import { ApproveAllDialog } from './ApproveAllDialog';
import { BlanksForm, blanksOf } from './BlanksForm';
import { ReviewDetail } from './ReviewDetail';
import { ReviewEmpty } from './ReviewEmpty';
import { approvePosts, showMoreReview, useReviewList, useReviewStore } from './useReview';
import { ReviewMore, SelectAllShown } from './ReviewMore';
import './review.css';
import { madeByLabel } from '../../lib/made-by';
import { shortWhen } from '../../lib/format';
import { useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';

/** Opens the post on the right and puts the focus on it in the list. */
function focusItem(id: string): void {
  useReviewStore.setState({ currentId: id });
  document.querySelector<HTMLElement>(`[data-review-item="${id}"]`)?.focus();
}

/** The post to show once `ids` leave the queue: the next one down, else the nearest one above. */
function neighbourOf(list: readonly { post: { id: string } }[] | null, ids: readonly string[]): string | null {
  if (!list) return null;
  const at = list.findIndex((i) => ids.includes(i.post.id));
  if (at < 0) return null;
  const rest = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < list.length; i += step) if (!ids.includes(list[i]!.post.id)) return list[i]!.post.id;
    return null;
  };
  return rest(at + 1, 1) ?? rest(at - 1, -1);
}

/** After a decision the neighbour opens on the right (the decided posts have left the queue). */
function showNext(next: string | null): void {
  if (next && useReviewStore.getState().list?.some((i) => i.post.id === next)) useReviewStore.setState({ currentId: next });
}

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** The review inbox: posts waiting for a yes or no, one at a time, or many at once. */
export function ReviewScreen() {
  const { list, total, problem } = useReviewList();
  const currentId = useReviewStore((s) => s.currentId);
  const selected = useReviewStore((s) => s.selected);
  const [rejecting, setRejectingId] = useState<string | null>(null);
  /** Where the queue goes once the post being rejected has left it. */
  const afterReject = useRef<string | null>(null);
  /**
   * Decided posts on their way out of the queue, and their neighbour: once they have left it (and
   * a dialog that asked has closed), a keyboard left on a row that went goes to the neighbour's row.
   */
  const landing = useRef<{ gone: string[]; next: string | null } | null>(null);
  const approveButton = useRef<HTMLButtonElement>(null);
  /**
   * The post whose blanks were just filled: its Approve, the next step, takes the focus once it
   * can be pressed. Only that post's, and not behind a dialog: once another post is shown (the
   * creator moved on, say after a save that still left a blank), it is dropped.
   */
  const toApprove = useRef<string | null>(null);
  const [approvingAll, setApprovingAll] = useState(false);
  const [status, setStatus] = useState('');
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const current = list?.find((i) => i.post.id === currentId) ?? null;
  const zone = useZone();
  const now = useNow();
  const blanks = current ? blanksOf(current.post) : [];
  /** Why Approve can't be pressed yet, in words; null when it can. */
  const notYet = blanks.length ? `Fill in ${blanks.map((b) => `{${b.label}}`).join(', ')} first: a post can't go out with a blank in it.` : null;

  // Runs after every draw: the queue without the decided posts arrives after the decision returns.
  useEffect(() => {
    const l = landing.current;
    if (!l || rejecting || list?.some((i) => l.gone.includes(i.post.id))) return;
    landing.current = null;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && l.next) document.querySelector<HTMLElement>(`[data-review-item="${l.next}"]`)?.focus();
  });

  const setRejecting = useCallback(
    (id: string | null) => {
      afterReject.current = id ? neighbourOf(list, [id]) : null;
      setRejectingId(id);
    },
    [list],
  );

  const approve = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      setActionProblem(null);
      const next = neighbourOf(list, ids);
      try {
        // The toast says "Approved" (a live region too) and offers Undo.
        landing.current = { gone: ids, next };
        await approvePosts(ids);
        showNext(next);
      } catch (err) {
        landing.current = null;
        setActionProblem(toProblem(err));
      }
    },
    [list],
  );

  // Runs after every draw: the new version without blanks arrives after the save returns.
  useEffect(() => {
    if (toApprove.current === null || rejecting || approvingAll) return;
    if (toApprove.current !== current?.post.id) toApprove.current = null;
    else if (notYet === null) {
      toApprove.current = null;
      approveButton.current?.focus();
    }
  });

  const move = useCallback(
    (step: number) => {
      if (!list?.length) return;
      const at = list.findIndex((i) => i.post.id === currentId);
      // J on the last post read reads the next step of the queue, then moves on.
      if (at + step >= list.length && total > list.length) {
        void showMoreReview().then(() => {
          const read = useReviewStore.getState().list ?? [];
          const next = read[Math.min(read.length - 1, at + step)];
          if (next) focusItem(next.post.id);
        });
        return;
      }
      focusItem(list[Math.min(list.length - 1, Math.max(0, at + step))]!.post.id);
    },
    [list, total, currentId],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || typing(e.target) || rejecting || approvingAll) return;
      const key = e.key.toLowerCase();
      if (key === 'j' || key === 'k') move(key === 'j' ? 1 : -1);
      else if (key === 'a' && currentId && !notYet) void approve([currentId]);
      else if (key === 'e' && currentId) editFromReview(currentId);
      else if (key === 'r' && currentId) setRejecting(currentId);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, approve, setRejecting, currentId, rejecting, approvingAll, notYet]);

  const toggle = (id: string) => useReviewStore.setState((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] }));

  return (
    <Page
      title="Review"
      testId="review-screen"
      note={
        <>
          <kbd>J</kbd> <kbd>K</kbd> move · <kbd>A</kbd> approve · <kbd>E</kbd> edit · <kbd>R</kbd> reject
        </>
      }
      actions={
        <>
          {total > 1 ? (
            <button type="button" className="btn" data-testid="review-approve-all" onClick={() => setApprovingAll(true)}>
              Approve all…
            </button>
          ) : null}
          {total > 0 ? (
            <button type="button" className="btn btn-primary" data-testid="review-approve-selected" disabled={selected.length === 0} onClick={() => void approve(selected)}>
              Approve selected{selected.length ? ` (${selected.length})` : ''}
            </button>
          ) : null}
        </>
      }
    >
      <p className="visually-hidden" role="status" data-testid="review-status">
        {status}
      </p>
      {problem ? <ProblemNote problem={problem} testId="review-problem" /> : null}
      {actionProblem ? <ProblemNote problem={actionProblem} testId="review-action-problem" /> : null}
      {list === null && !problem ? <p className="review-empty">Loading…</p> : null}
      {list && list.length === 0 ? <ReviewEmpty /> : null}
      {list && list.length > 0 ? (
        <div className="review-panes">
          <div className="review-queue">
          <SelectAllShown ids={list.map((i) => i.post.id)} selected={selected} />
          <ul className="review-list" aria-label="Waiting for review" data-testid="review-list">
            {list.map(({ post }) => (
              <li key={post.id} className="review-item" data-current={post.id === currentId || undefined}>
                <input
                  type="checkbox"
                  aria-label={`Select “${post.text.slice(0, 40)}”`}
                  data-testid="review-select"
                  checked={selected.includes(post.id)}
                  onChange={() => toggle(post.id)}
                />
                <button
                  type="button"
                  className="review-item-open"
                  data-testid="review-item"
                  data-review-item={post.id}
                  aria-current={post.id === currentId ? 'true' : undefined}
                  onClick={() => useReviewStore.setState({ currentId: post.id })}
                >
                  <span className="review-item-text" dir="auto">{post.text}</span>
                  <span className="review-item-meta">
                    {[post.scheduledAt ? shortWhen(Date.parse(post.scheduledAt), zone, now) : 'No time yet', ...post.targets.map((t) => PLATFORM_NAMES[t.platform]), madeByLabel(post.createdBy) ?? []].flat().join(' · ')}
                  </span>
                </button>
              </li>
            ))}
            {total > list.length ? <ReviewMore shown={list.length} total={total} /> : null}
          </ul>
          </div>
          {current ? (
            <div className="review-side">
              <ReviewDetail item={current} />
              <BlanksForm
                key={`${current.post.id}:${current.post.version}`}
                post={current.post}
                onSaved={(message) => {
                  setStatus(message);
                  toApprove.current = current.post.id;
                }}
              />
              <div className="review-actions">
                <button
                  ref={approveButton}
                  type="button"
                  className="btn btn-primary"
                  data-testid="review-approve"
                  disabled={notYet !== null}
                  aria-describedby={notYet ? 'review-approve-why' : undefined}
                  onClick={() => void approve([current.post.id])}
                >
                  Approve <kbd>A</kbd>
                </button>
                <button type="button" className="btn" data-testid="review-edit" onClick={() => editFromReview(current.post.id)}>
                  Edit <kbd>E</kbd>
                </button>
                <button type="button" className="btn btn-danger" data-testid="review-reject" onClick={() => setRejecting(current.post.id)}>
                  Reject <kbd>R</kbd>
                </button>
              </div>
              {notYet ? (
                <p id="review-approve-why" className="review-why" data-testid="review-approve-why">
                  {notYet}
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
      {approvingAll ? <ApproveAllDialog waiting={total} onClose={() => setApprovingAll(false)} /> : null}
      {rejecting ? <RejectDialog
          postId={rejecting}
          onClose={() => setRejecting(null)}
          onDone={() => {
            landing.current = { gone: [rejecting], next: afterReject.current };
            showNext(afterReject.current);
          }}
        /> : null}
    </Page>
  );
}
