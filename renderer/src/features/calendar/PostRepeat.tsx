import { DateTime } from 'luxon';
import { useCallback, useEffect, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import type { RecurrenceDto } from '../../../../shared/contract/features/posting-times';
import { api } from '../../api/client';
import { openPost, showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { dateLabel, dayTime, plural, wallClock } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { RepeatForm } from './RepeatForm';
import './post-repeat.css';

/** "every day", "every 7 days", and how the series ends. */
function ruleWords(r: RecurrenceDto): string {
  const every = r.everyDays === 1 ? 'every day' : `every ${r.everyDays} days`;
  const ends = 'count' in r.until ? `${plural(r.total, 'time')} in all` : `until ${dateLabel(r.until.date, { withYear: true })} (${plural(r.total, 'time')} in all)`;
  return `Goes out ${every} at ${wallClock(r.time)} (${r.zone}), ${ends}.`;
}

/**
 * A post that repeats (evergreen): its rule, the copies made so far (each its own post, opened
 * from here), when the next is made, and Change or Stop. Any post of the series leads to the same
 * series; the copies are made ahead as their day comes near, at the same wall-clock time across
 * daylight-saving changes (the core's recurrence service).
 */
export function PostRepeat({ post, zone, now }: { post: PostDto; zone: string; now: number }) {
  const [series, setSeries] = useState<RecurrenceDto | null | undefined>(undefined);
  const [mode, setMode] = useState<'view' | 'edit' | 'stop'>('view');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      api.call('queue:recurrence', { postId: post.id }).then(
        (r) => setSeries(r),
        () => setSeries(null),
      ),
    [post.id],
  );
  useEffect(() => {
    void load();
    return api.subscribe('queue:recurrenceChanged', () => void load());
  }, [load, post.version, post.scheduledAt]);

  if (series === undefined) return null;
  const unsent = series ? series.occurrences.filter((o) => o.postId !== null && o.postId !== series.originPostId && Date.parse(o.at) > now).length : 0;

  const stop = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { removed, originPostId } = await api.call('queue:clearRecurrence', { postId: post.id });
      setMode('view');
      // A copy not yet out goes with the series: the panel moves to the first post, which stays.
      if (originPostId !== post.id) openPost(originPostId);
      else await load();
      showToast(removed ? `Stopped repeating; ${plural(removed, 'copy', 'copies')} not yet out removed` : 'Stopped repeating');
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="post-repeat" aria-labelledby="post-repeat-title" data-testid="post-repeat">
      <h3 className="panel-section-title" id="post-repeat-title">
        <Icon name="repeat" size={14} /> Repeats
      </h3>
      {mode === 'edit' ? (
        <RepeatForm
          postId={post.id}
          current={series}
          startDate={series?.startDate ?? (post.scheduledAt ? DateTime.fromISO(post.scheduledAt, { zone: post.zone ?? zone }).toISODate() : null)}
          onCancel={() => setMode('view')}
          onSaved={(r) => {
            setSeries(r);
            setMode('view');
            // The copies not yet out were made again, this one too: the panel moves to the first post.
            if (r.originPostId !== post.id) openPost(r.originPostId);
            showToast(`Repeats ${r.everyDays === 1 ? 'every day' : `every ${r.everyDays} days`}, ${plural(r.total, 'time')} in all`);
          }}
        />
      ) : series ? (
        <>
          <p data-testid="repeat-rule">{ruleWords(series)}</p>
          <ol className="repeat-list" data-testid="repeat-list">
            {series.occurrences.map((o) => (
              <li key={o.number} data-testid="repeat-occurrence" data-current={o.postId === post.id ? 'true' : undefined}>
                <span className="repeat-number-label">{o.number}.</span>{' '}
                {o.postId === null ? (
                  <span className="muted">{dayTime(Date.parse(o.at), zone)} · deleted</span>
                ) : o.postId === post.id ? (
                  <span>{dayTime(Date.parse(o.at), zone)} · this post</span>
                ) : (
                  <button type="button" className="link" onClick={() => openPost(o.postId)}>
                    {dayTime(Date.parse(o.at), zone)}
                  </button>
                )}
              </li>
            ))}
          </ol>
          {series.next ? (
            <p className="muted" data-testid="repeat-next">
              The next copy ({series.next.number} of {series.total}) is made as its day comes near: {dayTime(Date.parse(series.next.at), zone)}.
            </p>
          ) : null}
          {mode === 'stop' ? (
            <div className="confirm" role="group" aria-labelledby="repeat-stop-title" data-testid="repeat-stop-confirm">
              <p id="repeat-stop-title">
                <strong>Stop repeating?</strong> {unsent ? `The ${plural(unsent, 'copy', 'copies')} not out yet ${unsent === 1 ? 'is' : 'are'} deleted; posts` : 'Posts'} already out stay, and so does the first post.
              </p>
              <div className="confirm-actions">
                <button type="button" className="btn btn-danger btn-small" data-testid="repeat-stop-go" disabled={busy} onClick={() => void stop()}>
                  Stop repeating
                </button>
                <button type="button" className="btn btn-small" data-testid="repeat-stop-keep" onClick={() => setMode('view')}>
                  Keep it
                </button>
              </div>
            </div>
          ) : (
            <div className="repeat-actions">
              <button type="button" className="btn btn-small" data-testid="repeat-change" onClick={() => setMode('edit')}>
                Change…
              </button>
              <button type="button" className="btn btn-small btn-quiet-danger" data-testid="repeat-stop" onClick={() => setMode('stop')}>
                Stop repeating…
              </button>
            </div>
          )}
        </>
      ) : post.scheduledAt ? (
        <button type="button" className="btn btn-small" data-testid="repeat-start" onClick={() => setMode('edit')}>
          Repeat this post…
        </button>
      ) : (
        <p className="muted" data-testid="repeat-needs-time">
          Give it a day and time to repeat it: a repeat keeps its time of day.
        </p>
      )}
      {problem ? <ProblemNote problem={problem} testId="repeat-stop-problem" /> : null}
    </section>
  );
}
