import { useEffect } from 'react';
import { navigate } from '../../app/router';
import { useNow } from '../../data/useNow';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { useWriting } from '../settings/useWriting';
import { IdeaItem } from './IdeaItem';
import { ToPostDialog } from './ToPostDialog';
import { useIdeasStore } from './ideas.store';
import { openQuickCapture } from './quick-capture';
import { setIdeasQuery, setShowArchived, useIdeas } from './useIdeas';
import { WriteWithModelDialog } from './WriteWithModelDialog';
import './ideas.css';

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/**
 * The key chord that captures an idea while typing, as this keyboard labels it. Kept on one line,
 * with the punctuation that opens it (`before`, e.g. "("), so a line never breaks inside it.
 */
export function CaptureChord({ before = '' }: { before?: string }) {
  return (
    <span className="key-chord" data-testid="capture-chord">
      {before}
      <kbd>{MAC ? '⌘' : 'Ctrl'}</kbd> <kbd>Shift</kbd> <kbd>I</kbd>
    </span>
  );
}

function Empty({ searching, showArchived }: { searching: string; showArchived: boolean }) {
  if (searching) {
    return (
      <div className="empty" data-testid="ideas-empty">
        <h2>No ideas match “{searching}”</h2>
        <p>Search looks at the words, the link and the tags of each idea{showArchived ? '' : ', leaving archived ideas out'}.</p>
        {showArchived ? null : (
          <button type="button" className="btn" onClick={() => setShowArchived(true)}>
            Search archived ideas too
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="empty" data-testid="ideas-empty">
      <div className="empty-icon" aria-hidden="true">
        <Icon name="ideas" size={22} />
      </div>
      <h2>No ideas yet</h2>
      <p>
        Catch a thought the moment you have it: press <kbd>I</kbd> on any screen <CaptureChord before="(" /> while typing), write a line, paste a link, press Enter. Turn it into a post when you are
        ready.
      </p>
      <button type="button" className="btn btn-primary" onClick={openQuickCapture}>
        <Icon name="plus" />
        Capture your first idea
      </button>
    </div>
  );
}

/** The idea bank: everything captured, newest first, searchable, each one a post in waiting. */
export function IdeasScreen() {
  const { list, problem, query, showArchived, loading } = useIdeas();
  const turning = useIdeasStore((s) => s.turning);
  const writing = useIdeasStore((s) => s.writing);
  // Where a model would send the words; null when none is set up (the offline writer).
  const model = useWriting().state;
  const where = model?.provider ? model.where : null;
  const now = useNow();
  // A "Turn into post" left open belongs to this visit of the screen, not the next one.
  useEffect(
    () => () => {
      useIdeasStore.setState({ turning: null, writing: null });
    },
    [],
  );

  return (
    <Page
      title="Ideas"
      testId="ideas-screen"
      note={
        <>
          Press <kbd>I</kbd> anywhere to capture an idea, or <CaptureChord /> while typing.
        </>
      }
      actions={
        <button type="button" className="btn" data-testid="ideas-capture" onClick={openQuickCapture} aria-keyshortcuts="I">
          <Icon name="plus" />
          Capture idea
        </button>
      }
    >
      <div className="ideas-toolbar">
        <div className="ideas-search">
          <Icon name="search" className="ideas-search-icon" />
          <label htmlFor="ideas-search" className="visually-hidden">
            Search ideas
          </label>
          <input
            id="ideas-search"
            type="search"
            data-testid="ideas-search"
            placeholder="Search ideas"
            autoComplete="off"
            value={query}
            onChange={(e) => setIdeasQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query) {
                e.preventDefault();
                setIdeasQuery('');
              }
            }}
          />
        </div>
        <label className="ideas-archived-toggle">
          <input type="checkbox" data-testid="ideas-show-archived" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          Show archived
        </label>
      </div>

      {problem ? <ProblemNote problem={problem} testId="ideas-problem" /> : null}
      {loading ? <p className="muted">Opening your ideas…</p> : null}
      {list && list.length === 0 ? <Empty searching={query.trim()} showArchived={showArchived} /> : null}
      {list && list.length > 0 && model && !where ? (
        <p className="muted ideas-no-model" id="ideas-no-model" data-testid="ideas-no-model">
          To have your own model write an idea into a post,{' '}
          <button type="button" className="btn-link" onClick={() => navigate('settings')}>
            set one up in Settings → Writing
          </button>
          .
        </p>
      ) : null}
      {list && list.length > 0 ? (
        <ul className="idea-list" data-testid="idea-list" aria-label={`${list.length} ${list.length === 1 ? 'idea' : 'ideas'}`}>
          {list.map((idea) => (
            <IdeaItem key={idea.id} idea={idea} now={now} modelReady={model ? where !== null : null} />
          ))}
        </ul>
      ) : null}
      {turning ? <ToPostDialog idea={turning} /> : null}
      {writing ? <WriteWithModelDialog idea={writing} where={where} /> : null}
    </Page>
  );
}
