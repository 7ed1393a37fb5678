import { useEffect, useRef, useState } from 'react';
import type { IdeaDto } from '../../../../shared/contract/features/ideas';
import { navigate } from '../../app/router';
import { openPost, showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { useZone } from '../../data/useAppData';
import { dayTime, firstWords, relative } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { focusWhenShown } from '../../ui/focusWhenShown';
import { useIdeasStore } from './ideas.store';
import { editIdea } from './quick-capture';
import { archiveIdea, deleteIdea, unarchiveIdea } from './useIdeas';

/** "example.com/blog/free-plan" for a link shown in a row; the full address stays in the href. */
export function shortLink(link: string): string {
  try {
    const url = new URL(link);
    const rest = `${url.pathname === '/' ? '' : url.pathname}${url.search}`;
    const shown = `${url.host.replace(/^www\./, '')}${rest}`;
    return shown.length > 60 ? `${shown.slice(0, 59)}…` : shown;
  } catch {
    return link;
  }
}

/**
 * Where the keyboard goes when an idea leaves the list (deleted, or archived out of sight): the
 * next idea's first button, else the one before it, else the search box, never the page itself.
 */
function focusNeighbour(row: HTMLElement | null): void {
  const next = row?.nextElementSibling ?? row?.previousElementSibling;
  const target = next?.querySelector<HTMLElement>('.idea-actions button:not([disabled])') ?? document.getElementById('ideas-search');
  target?.focus();
}

/**
 * After quick capture on the Ideas screen: the new idea's words take the focus once the list
 * shows it, so the creator can act on it (Tab goes on to its buttons). On another screen, or
 * when a search hides it, the focus stays where the dialog put it back.
 */
export function focusNewIdea(id: string): void {
  if (document.querySelector('[data-testid="ideas-screen"]')) focusWhenShown(`[data-idea-id="${CSS.escape(id)}"] [data-testid="idea-row-text"]`);
}

/**
 * One idea: its words, link and tags, when it came, and what can be done with it. `modelReady`:
 * whether a model is set up to write it (null while that is being asked).
 */
export function IdeaItem({ idea, now, modelReady = null }: { idea: IdeaDto; now: number; modelReady?: boolean | null }) {
  const zone = useZone();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const row = useRef<HTMLLIElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  // The question takes the focus on its safe answer; closing it puts the focus back on Delete.
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) keep.current?.focus();
    else if (asked.current && row.current?.contains(document.activeElement) !== true) deleteButton.current?.focus();
    asked.current = confirming;
  }, [confirming]);

  /** `leaves`: the idea goes out of the list once done, so the focus moves on to its neighbour first. */
  const run = async (work: () => Promise<unknown>, done: string, leaves = false) => {
    setProblem(null);
    try {
      await work();
      if (leaves && row.current?.contains(document.activeElement)) focusNeighbour(row.current);
      showToast(done);
    } catch (err) {
      setProblem(toProblem(err));
    }
  };

  const openThePost = () => {
    if (!idea.postId) return;
    navigate('calendar');
    openPost(idea.postId);
  };

  const archived = idea.archivedAt !== null;
  return (
    <li ref={row} className="idea" data-testid="idea-row" data-idea-id={idea.id} data-archived={archived || undefined}>
      <p className="idea-text" data-testid="idea-row-text" dir="auto" tabIndex={-1}>
        {idea.text}
      </p>
      {idea.link ? (
        <a className="idea-link" href={idea.link} title={idea.link} target="_blank" rel="noopener noreferrer" data-testid="idea-row-link">
          <Icon name="link" size={13} />
          {shortLink(idea.link)}
        </a>
      ) : null}
      {idea.tags.length ? (
        <ul className="idea-tags" aria-label="Tags">
          {idea.tags.map((t) => (
            <li key={t} className="idea-tag">
              #{t}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="idea-meta">
        <span title={dayTime(Date.parse(idea.createdAt), zone, { withYear: true })}>Captured {relative(Date.parse(idea.createdAt), now)}</span>
        {idea.postId ? (
          <span className="idea-badge" data-testid="idea-used">
            <Icon name="check" size={12} /> Turned into a post
          </span>
        ) : idea.usedAt ? (
          <span className="idea-badge idea-badge-quiet">Its post was deleted</span>
        ) : null}
        {archived ? <span className="idea-badge idea-badge-quiet">Archived</span> : null}
      </p>
      {problem ? <ProblemNote problem={problem} testId="idea-row-problem" /> : null}
      {confirming ? (
        <div key="confirm" className="idea-actions" role="group" aria-label="Delete this idea?" data-testid="idea-delete-confirm">
          <span className="idea-confirm-text">Delete this idea? This can’t be undone{idea.postId ? '; its post stays' : ''}.</span>
          <button type="button" className="btn btn-small btn-danger" data-testid="idea-delete-yes" onClick={() => void run(() => deleteIdea(idea.id), 'Idea deleted', true)}>
            Delete
          </button>
          <button ref={keep} type="button" className="btn btn-small btn-ghost" data-testid="idea-delete-no" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        // Named for its idea: a screen reader moving through the list hears which one Edit or Delete is for.
        // Keyed apart from the question, so React swaps the groups instead of relabelling one's buttons
        // (which kept the focus on whichever button took the old one's place).
        <div key="actions" className="idea-actions" role="group" aria-label={`Idea “${firstWords(idea.text, 40)}”`}>
          {idea.postId ? (
            <button type="button" className="btn btn-small" data-testid="idea-open-post" onClick={openThePost}>
              Open the post
            </button>
          ) : (
            <button type="button" className="btn btn-small" data-testid="idea-to-post" onClick={() => useIdeasStore.setState({ turning: idea })}>
              <Icon name="compose" size={14} />
              Turn into post
            </button>
          )}
          {idea.postId ? null : (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              data-testid="idea-write-model"
              disabled={modelReady === false}
              aria-describedby={modelReady === false ? 'ideas-no-model' : undefined}
              title={modelReady === false ? 'No model is set up: set one up in Settings → Writing' : undefined}
              onClick={() => useIdeasStore.setState({ writing: idea })}
            >
              Write it with my model
            </button>
          )}
          <button type="button" className="btn btn-small btn-ghost" data-testid="idea-edit" onClick={() => editIdea(idea)}>
            Edit
          </button>
          {archived ? (
            <button type="button" className="btn btn-small btn-ghost" data-testid="idea-unarchive" onClick={() => void run(() => unarchiveIdea(idea.id), 'Idea restored')}>
              Restore
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              data-testid="idea-archive"
              onClick={() => void run(() => archiveIdea(idea.id), 'Idea archived', !useIdeasStore.getState().showArchived)}
            >
              Archive
            </button>
          )}
          <button ref={deleteButton} type="button" className="btn btn-small btn-ghost btn-quiet-danger" data-testid="idea-delete" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
