import { useEffect, useRef, useState } from 'react';
import type { AccountDto, PostDto, TargetDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { EDITABLE_STATES } from '../../../../shared/domain/states';
import { navigate } from '../../app/router';
import { closePost, openPost } from '../../app/ui.store';
import { focusAfterRemoving } from './focus-after-delete';
import { useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import { deletePost, usePost } from '../../data/usePosts';
import { toProblem, type Problem } from '../../lib/errors';
import { clockTime, dayTime, plural, zoneAbbrev } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { PlatformMark } from '../../ui/PlatformMark';
import { ProblemNote } from '../../ui/ProblemNote';
import { StateBadge } from '../../ui/StateBadge';
import { useAccounts } from '../accounts/useAccounts';
import { PostBelongsTo } from './PostBelongsTo';
import { PostContents } from './PostContents';
import { PostRepeat } from './PostRepeat';
import { LookAgain, TargetNumbers, usePostNumbers } from './PostNumbers';
import type { TargetMetricsStatusDto } from '../../../../shared/contract/features/metrics';
import { ThreadStopped } from './ThreadStopped';
import { ThreadProgress, stoppedPart, useThreadParts } from './ThreadParts';
import { StoppedCopyActions } from './StoppedCopyActions';
import { UnconfirmedActions } from './UnconfirmedActions';
import { VersionHistory } from './VersionHistory';
import { duplicateAndEdit } from './duplicate';
import { deletedToast } from './undo-delete';
import { madeByLabel } from '../../lib/made-by';
import { unsaved, useComposeStore } from '../compose/compose.store';
import { UnsavedEdit } from '../compose/UnsavedEdit';
import { showInReview } from '../review/useReview';

/** What went wrong in the creator's words; the platform's own words stay under "Details". */
function TargetNote({ target }: { target: TargetDto }) {
  if (!target.lastError) return null;
  return (
    <div className="target-error" data-state={target.state} data-testid="target-error">
      <p>{target.lastError}</p>
      {target.lastErrorDetails ? (
        <details data-testid="target-error-details">
          <summary>Details</summary>
          <pre>{target.lastErrorDetails}</pre>
        </details>
      ) : null}
    </div>
  );
}

function Targets({ post, zone, accounts, numbers, now }: { post: PostDto; zone: string; accounts: AccountDto[]; numbers: TargetMetricsStatusDto[] | null; now: number }) {
  const parts = useThreadParts(post);
  const partsOf = (targetId: string) => parts?.find((c) => c.targetId === targetId && c.parts.length > 0);
  return (
    <ul className="target-list" data-testid="target-list">
      {post.targets.map((t) => {
        const account = t.accountId ? accounts.find((a) => a.id === t.accountId) : undefined;
        const waiting = !t.accountId && !['published', 'cancelled', 'draft'].includes(t.state);
        return (
          <li key={t.id} className="target" data-testid={`target-${t.platform}`} data-state={t.state}>
            <PlatformMark platform={t.platform} />
            <span className="target-when">{t.scheduledAt && t.scheduledAt !== post.scheduledAt ? clockTime(Date.parse(t.scheduledAt), zone) : null}</span>
            <StateBadge state={t.state} testId={`target-state-${t.platform}`} />
            {account ? <p className="target-account">{account.handle}</p> : null}
            {waiting ? <p className="target-account target-unbound">No {PLATFORM_NAMES[t.platform]} account connected</p> : null}
            <TargetNote target={t} />
            {t.state === 'unconfirmed' ? <UnconfirmedActions target={t} handle={account?.handle ?? null} /> : null}
            <StoppedCopyActions target={t} account={account} />
            {t.platformUrl ? (
              <a className="target-link" href={t.platformUrl} target="_blank" rel="noopener noreferrer" data-testid="target-link">
                View on {PLATFORM_NAMES[t.platform]}
                <Icon name="external" size={12} />
              </a>
            ) : null}
            {t.state === 'published' && partsOf(t.id) ? <ThreadProgress parts={partsOf(t.id)!} platform={t.platform} zone={zone} /> : null}
            {t.state === 'published' && stoppedPart(parts, t.id) ? <ThreadStopped targetId={t.id} platform={t.platform} part={stoppedPart(parts, t.id)!} handle={account?.handle ?? null} /> : null}
            {t.state === 'published' ? <TargetNumbers status={numbers?.find((n) => n.targetId === t.id)} zone={zone} now={now} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** One honest sentence under the targets: what happens next, or what the creator can do. */
function PanelHint({ post }: { post: PostDto }) {
  const states = new Set(post.targets.map((t) => t.state));
  const unbound = post.targets.filter((t) => !t.accountId && (t.state === 'scheduled' || t.state === 'approved' || t.state === 'in_review'));
  if (unbound.length > 0) {
    return (
      <p className="panel-hint">
        {unbound.length === 1 ? 'The copy without an account is' : 'Copies without an account are'} held when due, not sent. <a href="#/accounts">Connect an account in Accounts</a>.
      </p>
    );
  }
  if (states.has('unconfirmed')) {
    return <p className="panel-hint">Loomcast couldn’t tell whether an unconfirmed copy went out. Look for it on the platform, then say what you found above.</p>;
  }
  if (states.has('missed')) return <p className="panel-hint">A missed copy was due while Loomcast wasn’t running, and was held. Post it now, or edit the post to give it a new time.</p>;
  if (states.has('failed')) return <p className="panel-hint">A failed copy was not posted. Fix what the platform said, then try it again now, or edit the post to give it a new time.</p>;
  if (states.has('scheduled')) return <p className="panel-hint">Goes out by itself at its time, as long as Loomcast is running.</p>;
  return null;
}

function DeleteConfirm({ post, onCancel }: { post: PostDto; onCancel: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  const scheduled = post.targets.filter((t) => t.state === 'scheduled').length;
  const confirm = async () => {
    setBusy(true);
    const refocus = focusAfterRemoving(post.id);
    try {
      await deletePost(post.id);
      openPost(null);
      refocus();
      deletedToast([post.id], { reopen: true });
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };
  return (
    <div className="confirm" role="group" aria-labelledby="confirm-title" data-testid="delete-confirm">
      <p id="confirm-title">
        <strong>Delete this post?</strong> {scheduled > 0 ? `Its ${plural(scheduled, 'scheduled copy', 'scheduled copies')} and ` : 'Its '}
        history go with it. You can bring it back from Recently deleted (in the list view) for 30 days.
      </p>
      {problem ? <ProblemNote problem={problem} /> : null}
      <div className="confirm-actions">
        <button type="button" className="btn btn-danger" data-testid="confirm-delete" disabled={busy} onClick={confirm}>
          {busy ? 'Deleting…' : 'Delete post'}
        </button>
        <button ref={keep} type="button" className="btn" data-testid="cancel-delete" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}

function panelTitle(post: PostDto | 'gone' | undefined, at: number | null): string {
  if (!post || post === 'gone') return at ? 'Scheduled post' : 'Draft';
  const states = post.targets.map((t) => t.state);
  if (states.length > 0 && states.every((s) => s === 'published')) return 'Published post';
  if (states.some((s) => s === 'publishing')) return 'Post going out';
  if (states.some((s) => s === 'scheduled' || s === 'approved')) return 'Scheduled post';
  // Not scheduled until it is approved: the title says where it waits.
  if (states.some((s) => s === 'in_review')) return 'Post in review';
  if (states.every((s) => s === 'draft')) return 'Draft';
  return 'Post';
}

/** The side panel: a post, where it goes, its history, and what can be done with it. */
export function PostPanel({ id }: { id: string }) {
  const post = usePost(id);
  const { accounts } = useAccounts();
  const zone = useZone();
  const now = useNow();
  const [confirming, setConfirming] = useState(false);
  const [duplicating, setDuplicating] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const hasUnsaved = useComposeStore((s) => unsaved(s.edits[id]));
  const published = post && post !== 'gone' ? post.targets.some((t) => t.state === 'published') : false;
  const numbers = usePostNumbers(id, published);

  // The panel is keyed by post id, so each post starts fresh; focus moves in for the keyboard.
  useEffect(() => {
    panel.current?.focus();
  }, []);
  useEffect(() => {
    if (post === 'gone') openPost(null);
  }, [post]);

  const locked = post && post !== 'gone' ? post.targets.filter((t) => !EDITABLE_STATES.includes(t.state)) : [];
  const at = post && post !== 'gone' && post.scheduledAt ? Date.parse(post.scheduledAt) : null;

  return (
    <aside ref={panel} className="panel" aria-label="Post details" data-testid="post-panel" tabIndex={-1}>
      <header className="panel-header">
        <h2>{panelTitle(post, at)}</h2>
        <button type="button" className="btn btn-icon" aria-label="Close post details" data-testid="post-panel-close" onClick={closePost}>
          <Icon name="close" />
        </button>
      </header>
      {!post || post === 'gone' ? (
        <p className="muted panel-body">{post === 'gone' ? 'This post was deleted.' : 'Opening…'}</p>
      ) : (
        <div className="panel-body">
          <div className="panel-when" data-testid="post-panel-when">
            {at ? (
              <>
                <Icon name="clock" />
                <div>
                  <p className="panel-when-main">{dayTime(at, zone)}</p>
                  <p className="muted">
                    {zone} ({zoneAbbrev(zone, at)})
                    {post.zone && post.zone !== zone ? ` · planned as ${clockTime(at, post.zone)} in ${post.zone}` : ''}
                  </p>
                </div>
              </>
            ) : (
              <>
                <Icon name="draft" />
                <p className="muted">No time yet. Edit it to schedule.</p>
              </>
            )}
          </div>

          <p className="panel-text" data-testid="post-panel-text" dir="auto">
            {post.text}
          </p>
          <PostContents post={post} />
          <PostBelongsTo postId={post.id} version={post.version} />
          {madeByLabel(post.createdBy) ? (
            <p className="muted" data-testid="post-panel-made-by">
              {madeByLabel(post.createdBy)}
            </p>
          ) : null}

          <h3 className="panel-section-title">Where it goes</h3>
          <Targets post={post} zone={zone} accounts={accounts ?? []} numbers={numbers.list} now={now} />
          {published ? <LookAgain asked={numbers.asked} problem={numbers.problem} onLook={() => void numbers.refresh()} /> : null}
          <PanelHint post={post} />

          <PostRepeat post={post} zone={zone} now={now} />

          <h3 className="panel-section-title">
            <Icon name="history" size={14} /> History
          </h3>
          <VersionHistory id={post.id} current={post.version} createdBy={post.createdBy} now={now} editable={locked.length === 0} />

          <UnsavedEdit postId={post.id} zone={zone} locked={locked.length > 0} />
          <div className="panel-actions">
            {confirming ? (
              <DeleteConfirm post={post} onCancel={() => setConfirming(false)} />
            ) : (
              <>
                {post.targets.some((t) => t.state === 'in_review') ? (
                  <button
                    type="button"
                    className="btn btn-primary"
                    data-testid="post-open-review"
                    onClick={() => {
                      showInReview(post.id);
                      navigate('review');
                    }}
                  >
                    Open in Review
                  </button>
                ) : null}
                <button
                  type="button"
                  className="btn"
                  data-testid="post-edit"
                  disabled={locked.length > 0}
                  title={locked.length > 0 ? 'Part of this post is being published or already out, so it can’t be edited' : undefined}
                  onClick={() => navigate('compose', post.id)}
                >
                  <Icon name="compose" />
                  {hasUnsaved ? 'Continue editing' : 'Edit'}
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="post-duplicate"
                  disabled={duplicating}
                  title="A new draft with the same words, media and accounts, without a time"
                  onClick={() => {
                    setDuplicating(true);
                    void duplicateAndEdit(post.id).finally(() => setDuplicating(false));
                  }}
                >
                  <Icon name="copy" />
                  {duplicating ? 'Duplicating…' : 'Duplicate'}
                </button>
                <button type="button" className="btn btn-quiet-danger" data-testid="post-delete" onClick={() => setConfirming(true)}>
                  <Icon name="trash" />
                  Delete
                </button>
              </>
            )}
          </div>
        </div>
      )}
    </aside>
  );
}
