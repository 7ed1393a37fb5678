import { useEffect, useState } from 'react';
import type { Platform } from '../../../../shared/domain/platforms';
import type { DeletedPostDto } from '../../../../shared/contract/features/undo';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { dayTime, plural } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { PlatformMarks } from '../../ui/PlatformMark';
import { ProblemNote } from '../../ui/ProblemNote';
import { bringBack } from './undo-delete';
import './recently-deleted.css';

type Bin = { total: number; keptDays: number; posts: DeletedPostDto[] };

const BY = { agent: ' by an agent', script: ' by a script', system: ' by Loomcast', user: '' } as const;
const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 157).trimEnd()}…` : text) || 'No words';

/**
 * Recently deleted, at the foot of the list: the posts deleted in the last 30 days, each with
 * Bring back (whole: copies, thread, media, numbers) and Delete now, and Empty for all of them.
 * Read when opened, and again whenever posts are deleted or brought back.
 */
export function RecentlyDeleted({ zone }: { zone: string }) {
  const [open, setOpen] = useState(false);
  const [bin, setBin] = useState<Bin | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // The row asking "delete for good?", or 'all' for Empty.
  const [asking, setAsking] = useState<string | null>(null);

  // Bumped to read the list again after an action here.
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState<Problem | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const load = async () => {
      try {
        const read = await api.call('posts:deleted', {});
        if (live) {
          setBin(read);
          setProblem(null);
        }
      } catch (err) {
        if (live) setProblem(toProblem(err));
      }
    };
    void load();
    const off = api.subscribe('posts:changed', ({ reason }) => {
      if (reason === 'deleted' || reason === 'created') void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [open, version]);

  /** Runs an action, then reads the list again; a refusal stays on screen, under the heading. */
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setFailed(null);
    try {
      await fn();
    } catch (err) {
      setFailed(toProblem(err));
    } finally {
      setAsking(null);
      setBusy(false);
      setVersion((v) => v + 1);
    }
  };
  const forget = (input: { ids: string[] } | { all: true }) =>
    act(async () => {
      const { count } = await api.call('posts:forget', input);
      showToast(`${plural(count, 'post')} deleted for good`);
    });

  return (
    <section className="list-section deleted-section" aria-labelledby="deleted-title" data-testid="deleted-section">
      <h2 id="deleted-title" className="section-title">
        <button type="button" className="section-toggle" aria-expanded={open} aria-controls="deleted-body" data-testid="deleted-toggle" onClick={() => setOpen((o) => !o)}>
          <Icon name="trash" size={15} />
          Recently deleted
          {open && bin ? <span className="count">{bin.total}</span> : null}
        </button>
      </h2>
      {open ? (
        <div id="deleted-body">
          {problem ?? failed ? <ProblemNote problem={(problem ?? failed)!} testId="deleted-problem" /> : null}
          {bin === null ? (
            <p className="muted section-empty">Reading what you deleted…</p>
          ) : bin.total === 0 ? (
            <p className="muted section-empty" data-testid="deleted-none">
              Nothing deleted in the last {bin.keptDays} days.
            </p>
          ) : (
            <>
              <p className="section-note">
                Deleted posts are kept for {bin.keptDays} days, then deleted for good. Bringing one back restores its copies, thread, media and numbers; a copy whose
                time passed meanwhile follows your missed-post setting.
              </p>
              <ul className="deleted-list">
                {bin.posts.map((p) => {
                  const platforms = [...new Set(p.copies.map((c) => c.platform))] as Platform[];
                  const due = p.copies.map((c) => c.scheduledAt).filter((at): at is string => at !== null).sort()[0];
                  return (
                    <li key={p.id} className="deleted-row" data-testid="deleted-row" data-post-id={p.id}>
                      <p className="deleted-text">{excerpt(p.text)}</p>
                      <p className="deleted-meta muted">
                        <PlatformMarks platforms={platforms} compact />
                        <span>
                          Deleted {dayTime(Date.parse(p.deletedAt), zone)}
                          {BY[p.deletedBy]}
                          {due ? ` · was for ${dayTime(Date.parse(due), zone)}` : ' · a draft'}
                        </span>
                      </p>
                      {asking === p.id ? (
                        <div className="confirm-actions" role="group" aria-label="Delete this post for good?">
                          <span>Delete it for good? This can’t be undone.</span>
                          <button type="button" className="btn btn-danger btn-small" data-testid="deleted-forget-confirm" disabled={busy} onClick={() => void forget({ ids: [p.id] })}>
                            Delete for good
                          </button>
                          <button type="button" className="btn btn-small" onClick={() => setAsking(null)}>
                            Keep it
                          </button>
                        </div>
                      ) : (
                        <div className="deleted-actions">
                          <button type="button" className="btn btn-small" data-testid="deleted-restore" disabled={busy} onClick={() => void act(() => bringBack([p.id]))}>
                            <Icon name="history" size={14} />
                            Bring back
                          </button>
                          <button type="button" className="btn btn-ghost btn-small btn-quiet-danger" data-testid="deleted-forget" disabled={busy} onClick={() => setAsking(p.id)}>
                            Delete now…
                          </button>
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
              {bin.total > bin.posts.length ? <p className="section-note">The {bin.posts.length} deleted last are shown, of {bin.total}.</p> : null}
              {asking === 'all' ? (
                <div className="confirm" role="group" aria-labelledby="empty-title" data-testid="deleted-empty-confirm">
                  <p id="empty-title">
                    <strong>Delete {plural(bin.total, 'post')} for good?</strong> They can’t be brought back after this.
                  </p>
                  <div className="confirm-actions">
                    <button type="button" className="btn btn-danger" data-testid="deleted-empty-yes" disabled={busy} onClick={() => void forget({ all: true })}>
                      Empty Recently deleted
                    </button>
                    <button type="button" className="btn" onClick={() => setAsking(null)}>
                      Keep them
                    </button>
                  </div>
                </div>
              ) : (
                <button type="button" className="btn btn-ghost btn-small btn-quiet-danger" data-testid="deleted-empty" onClick={() => setAsking('all')}>
                  Empty Recently deleted…
                </button>
              )}
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
