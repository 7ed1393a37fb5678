import { useEffect, useRef, useState } from 'react';
import type { PostDto, PostVersionDto } from '../../../../shared/contract';
import { diffWords } from '../../../../shared/domain/text-diff';
import { changedParts } from '../../../../shared/domain/thread-parts';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { usePostsStore } from '../../data/posts.store';
import { refreshPosts, usePostVersions } from '../../data/usePosts';
import { toProblem, type Problem } from '../../lib/errors';
import { relative } from '../../lib/format';
import { writtenByLabel } from '../../lib/made-by';
import { ProblemNote } from '../../ui/ProblemNote';
import './version-history.css';

const SOURCES = { template: 'From a template', ai: 'Drafted with AI', import: 'Imported' } as const;

/** What changed from the version before, word by word: added words underlined, removed ones struck through. */
function WordChanges({ before, after }: { before: string | undefined; after: string }) {
  if (before === undefined) return <p className="version-text">{after}</p>;
  const parts = diffWords(before, after);
  if (parts.every((p) => p.kind === 'same')) return <p className="version-text">{after}</p>;
  return (
    <p className="version-text" data-testid="version-diff">
      {parts.map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={i} className="version-ins" data-testid="version-added">
            {part.text}
          </ins>
        ) : (
          <del key={i} className="version-del" data-testid="version-removed">
            {part.text}
          </del>
        ),
      )}
    </p>
  );
}

type Parts = PostVersionDto['parts'] | undefined;
/** Both versions kept their thread and first comment (schema 23), and they differ. */
const partsDiffer = (a: Parts, b: Parts) => {
  if (!a || !b) return false;
  const changed = changedParts(a, b);
  return changed.thread || changed.comment;
};

/** Names a change of thread or first comment, where both versions kept theirs (schema 23). */
function PartsChanged({ before, after }: { before: Parts; after: Parts }) {
  if (!before || !after) return null;
  const { thread, comment } = changedParts(before, after);
  if (!thread && !comment) return null;
  return (
    <p className="version-note" data-testid="version-parts-changed">
      {thread && comment ? 'Thread and first comment changed' : thread ? 'Thread changed' : 'First comment changed'}
    </p>
  );
}

/** Asks once before bringing an older text back; the current text stays in the history. */
function RestoreConfirm({ id, version, onDone }: { id: string; version: PostVersionDto; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  const restore = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const post = await api.call('posts:restoreVersion', { id, number: version.number });
      usePostsStore.setState((s) => {
        const versions = { ...s.versions };
        delete versions[id];
        return { byId: { ...s.byId, [id]: post }, versions };
      });
      void refreshPosts();
      showToast(`Restored version ${version.number}`);
      onDone();
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };
  const titleId = `restore-title-${version.number}`;
  return (
    <div className="confirm" role="group" aria-labelledby={titleId} data-testid="restore-confirm" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <p id={titleId}>
        <strong>Restore version {version.number}?</strong> Its words{version.parts ? ', thread and first comment' : ''} become the newest version; what you have now stays in the history.
      </p>
      {problem ? <ProblemNote problem={problem} /> : null}
      <div className="confirm-actions">
        <button type="button" className="btn btn-primary" data-testid="confirm-restore" disabled={busy} onClick={restore}>
          {busy ? 'Restoring…' : `Restore version ${version.number}`}
        </button>
        <button ref={keep} type="button" className="btn" data-testid="cancel-restore" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * Every saved text of a post, newest first; each edit of its words, thread or first comment adds
 * one. Each version shows what changed from the one before it (a change of thread or first comment
 * is named; Review shows it part by part), and older words can be brought back as a new version.
 */
export function VersionHistory({ id, current, createdBy, now, editable = true }: { id: string; current: number; createdBy: PostDto['createdBy']; now: number; editable?: boolean }) {
  const versions = usePostVersions(id);
  const [restoring, setRestoring] = useState<number | null>(null);
  if (!versions) return <p className="muted">Reading history…</p>;
  const shown = versions.find((v) => v.number === current);
  return (
    <ol className="version-list" data-testid="version-list">
      {versions.map((v, i) => {
        const older = versions[i + 1];
        // Something to bring back: other words, or (where both kept them) another thread or comment.
        const canRestore = editable && v.number !== current && (v.text !== shown?.text || partsDiffer(v.parts, shown?.parts));
        return (
          <li key={v.number} className="version" data-testid="version-item" data-version={v.number}>
            <div className="version-head">
              <span className="version-number">Version {v.number}</span>
              {v.number === current ? <span className="version-current">Current</span> : null}
              <span className="muted">
                {v.source === 'manual' ? writtenByLabel(v, createdBy) : SOURCES[v.source]} · <time dateTime={v.createdAt}>{relative(Date.parse(v.createdAt), now)}</time>
              </span>
              {canRestore && restoring !== v.number ? (
                <button type="button" className="btn-link version-restore" data-testid="version-restore" aria-label={`Restore version ${v.number}`} onClick={() => setRestoring(v.number)}>
                  Restore
                </button>
              ) : null}
            </div>
            {older ? <span className="visually-hidden">Changes since version {older.number}:</span> : null}
            <WordChanges before={older?.text} after={v.text} />
            <PartsChanged before={older?.parts} after={v.parts} />
            {restoring === v.number ? <RestoreConfirm id={id} version={v} onDone={() => setRestoring(null)} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
