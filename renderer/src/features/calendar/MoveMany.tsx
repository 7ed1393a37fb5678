import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PostDto } from '../../../../shared/contract';
import { showToast } from '../../app/ui.store';
import { shiftPosts } from '../../data/usePosts';
import { toProblem, type Problem } from '../../lib/errors';
import { plural } from '../../lib/format';
import { ProblemNote } from '../../ui/ProblemNote';
import { FieldError } from '../compose/FieldError';
import { lockedReason } from './move';

/** A timed post none of whose copies is out or on its way: it can be moved by days. */
export const movable = (post: PostDto): boolean => post.scheduledAt !== null && lockedReason(post) === null;

/** "1 week later", "3 days earlier". */
export function shiftWords(days: number): string {
  const n = Math.abs(days);
  const span = n % 7 === 0 ? plural(n / 7, 'week') : plural(n, 'day');
  return `${span} ${days > 0 ? 'later' : 'earlier'}`;
}

async function undoShift(ids: string[], days: number): Promise<void> {
  try {
    await shiftPosts(ids, -days);
    showToast(`Moved back ${shiftWords(-days)}`);
  } catch (err) {
    showToast('Not moved back', { detail: toProblem(err).message, tone: 'attention' });
  }
}

/**
 * Moves the picked posts by a number of days or weeks, later or earlier, each keeping its time of
 * day: all of them, or (saying which post could not) none. The notice offers Undo.
 */
export function MoveMany({ posts, onClose }: { posts: PostDto[]; onClose: () => void }) {
  const [amount, setAmount] = useState('1');
  const [unit, setUnit] = useState<'days' | 'weeks'>('weeks');
  const [direction, setDirection] = useState<'later' | 'earlier'>('later');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const n = Number(amount);
  const most = unit === 'weeks' ? 52 : 366;
  const fieldError = amount.trim() === '' || !Number.isInteger(n) || n < 1 || n > most ? `Enter a whole number from 1 to ${most}` : null;
  const days = (direction === 'later' ? 1 : -1) * (fieldError ? 0 : n) * (unit === 'weeks' ? 7 : 1);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (fieldError) return;
    setBusy(true);
    setProblem(null);
    const ids = posts.map((p) => p.id);
    try {
      const moved = await shiftPosts(ids, days);
      showToast(`${plural(moved.length, 'post')} moved ${shiftWords(days)}`, { action: { label: 'Undo', undo: true, run: () => undoShift(ids, days) } });
      onClose();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="move-many" aria-label="Move the picked posts" data-testid="move-many" onSubmit={(e) => void submit(e)} noValidate>
      <div className="move-many-fields">
        <span>Move {plural(posts.length, 'post')}</span>
        <input
          ref={first}
          type="number"
          inputMode="numeric"
          min={1}
          max={most}
          className="move-many-amount"
          aria-label="How many"
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'move-many-error' : undefined}
          data-testid="move-many-amount"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
        <select aria-label="Days or weeks" data-testid="move-many-unit" value={unit} onChange={(e) => setUnit(e.target.value as 'days' | 'weeks')}>
          <option value="days">{n === 1 ? 'day' : 'days'}</option>
          <option value="weeks">{n === 1 ? 'week' : 'weeks'}</option>
        </select>
        <select aria-label="Later or earlier" data-testid="move-many-direction" value={direction} onChange={(e) => setDirection(e.target.value as 'later' | 'earlier')}>
          <option value="later">later</option>
          <option value="earlier">earlier</option>
        </select>
      </div>
      <FieldError id="move-many-error" message={fieldError ?? undefined} />
      <p className="muted move-many-note">Each keeps its time of day; if one can’t move (its new time has passed, or doesn’t exist that night), none moves.</p>
      {problem ? <ProblemNote problem={problem} /> : null}
      <div className="confirm-actions">
        <button type="submit" className="btn btn-primary" data-testid="move-many-go" disabled={busy || fieldError !== null}>
          {busy ? 'Moving…' : `Move ${plural(posts.length, 'post')}`}
        </button>
        <button type="button" className="btn" data-testid="move-many-cancel" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
