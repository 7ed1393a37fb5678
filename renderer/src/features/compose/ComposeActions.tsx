import { useEffect, useRef, useState } from 'react';
import { Icon } from '../../ui/Icon';
import { unlessMediaRefused, type Availability, type Unavailable } from '../../../../shared/domain/compose-availability';
import type { SubmitKind } from './useCompose';

interface Props {
  editing: boolean;
  /** The post being edited had a time when it was opened. */
  wasScheduled: boolean;
  /** The note saying no time is picked yet, when it is on screen. */
  scheduleNote: string | undefined;
  busy: boolean;
  /** The duplicate guard holds the post until the creator says "Post anyway". */
  held: boolean;
  /** Every send action (not a draft) waits while a chosen platform would refuse the media (the core's pre-flight). */
  media: Availability<unknown>;
  queue: Availability<unknown>;
  postNow: Availability<{ handle: string }[]>;
  onSubmit: (kind: SubmitKind) => void;
  onCancel: () => void;
  onClear: (() => void) | null;
}

const FIX_LINKS: Record<NonNullable<Unavailable['fix']>, { href: string; label: string }> = {
  'posting-times': { href: '#/accounts', label: 'Set posting times in Accounts' },
  accounts: { href: '#/accounts', label: 'Open Accounts' },
  settings: { href: '#/settings', label: 'Open Settings' },
};

function Reason({ id, action, why }: { id: string; action: string; why: Unavailable }) {
  const fix = why.fix ? FIX_LINKS[why.fix] : null;
  return (
    <li id={id} data-testid={id}>
      <strong>{action}:</strong> {why.reason}
      {fix ? (
        <>
          {' '}
          <a className="link" href={fix.href}>
            {fix.label}
          </a>
        </>
      ) : null}
    </li>
  );
}

/** Asks before anything goes out: Post now can't be taken back once a platform has it. */
function PostNowConfirm({ to, busy, onConfirm, onCancel }: { to: string[]; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const go = useRef<HTMLButtonElement>(null);
  useEffect(() => go.current?.focus(), []);
  return (
    <div className="confirm compose-confirm" role="group" aria-labelledby="compose-now-title" data-testid="compose-now-confirm">
      <p id="compose-now-title">
        <strong>Post it now to {to.join(', ')}?</strong> It goes out within seconds. Loomcast can’t take it back once a platform has it.
      </p>
      <div className="confirm-actions">
        <button ref={go} type="button" className="btn btn-primary" data-testid="compose-now-confirm-go" disabled={busy} onClick={onConfirm}>
          {busy ? 'Posting…' : 'Post now'}
        </button>
        <button type="button" className="btn" data-testid="compose-now-confirm-cancel" onClick={onCancel}>
          Keep editing
        </button>
      </div>
    </div>
  );
}

/**
 * Every way a post can leave the composer, always in the same place. An action that can't be
 * taken now stays visible, disabled, with the reason written under the buttons.
 */
export function ComposeActions({ editing, wasScheduled, scheduleNote, busy, held, media, queue: queueAlone, postNow: postNowAlone, onSubmit, onCancel, onClear }: Props) {
  const [confirming, setConfirming] = useState(false);
  const scheduleLabel = editing ? (wasScheduled ? 'Save changes' : 'Save and schedule') : 'Schedule';
  const draftLabel = editing ? (wasScheduled ? 'Unschedule to drafts' : 'Save draft') : 'Save as draft';
  // Media a chosen platform refuses hold back every send action alike, said once for them all
  // (on the line Schedule's reason has); a draft may still be saved.
  const postNow = unlessMediaRefused(media, postNowAlone);
  const queue = unlessMediaRefused(media, queueAlone);
  const mediaWhy = media.ok ? null : media;
  const nowWhy = mediaWhy || postNow.ok ? null : postNow;
  const queueWhy = mediaWhy || queue.ok ? null : queue;
  const mediaLine = mediaWhy ? 'compose-schedule-reason' : undefined;

  return (
    <div className="composer-actions-block">
      {confirming && postNow.ok ? (
        <PostNowConfirm
          to={postNow.value.map((a) => a.handle)}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onSubmit('now');
          }}
        />
      ) : null}
      <div className="composer-actions">
        {/* The ways a post goes out stay together; keeping it as a draft and leaving (Clear or Cancel) follow as a pair, so neither sits alone on a row. */}
        <div className="composer-actions-send">
          <button type="submit" className="btn btn-primary" data-testid="compose-schedule" disabled={busy || held || !media.ok} aria-keyshortcuts="Control+Enter" aria-describedby={[scheduleNote, mediaLine].filter(Boolean).join(' ') || undefined}>
            <Icon name="clock" />
            {busy ? 'Saving…' : scheduleLabel}
          </button>
          <button type="button" className="btn" data-testid="compose-post-now" disabled={busy || held || !postNow.ok} aria-describedby={mediaLine ?? (nowWhy ? 'compose-now-reason' : undefined)} onClick={() => setConfirming(true)}>
            <Icon name="external" />
            Post now
          </button>
          <button type="button" className="btn" data-testid="compose-send-review" disabled={busy || held || !media.ok} aria-describedby={mediaLine} onClick={() => onSubmit('review')}>
            <Icon name="review" />
            Send for review
          </button>
          <button type="button" className="btn" data-testid="compose-add-to-queue" disabled={busy || held || !queue.ok} aria-describedby={mediaLine ?? (queueWhy ? 'compose-queue-reason' : undefined)} onClick={() => onSubmit('queue')}>
            <Icon name="calendar" />
            Add to queue
          </button>
        </div>
        <div className="composer-actions-keep">
          <button type="button" className="btn" data-testid="compose-save-draft" disabled={busy} onClick={() => onSubmit('draft')}>
            <Icon name="draft" />
            {draftLabel}
          </button>
          {editing ? (
            <button type="button" className="btn btn-ghost" data-testid="compose-cancel" onClick={onCancel}>
              Cancel
            </button>
          ) : onClear ? (
            <button type="button" className="btn btn-ghost" data-testid="compose-clear" onClick={onClear}>
              Clear
            </button>
          ) : null}
        </div>
      </div>
      {mediaWhy || queueWhy || nowWhy ? (
        <ul className="composer-reasons" aria-label="Why some actions are unavailable">
          {mediaWhy ? <Reason id="compose-schedule-reason" action={`${scheduleLabel}, Post now, Send for review and Add to queue`} why={mediaWhy} /> : null}
          {nowWhy ? <Reason id="compose-now-reason" action="Post now" why={nowWhy} /> : null}
          {queueWhy ? <Reason id="compose-queue-reason" action="Add to queue" why={queueWhy} /> : null}
        </ul>
      ) : null}
    </div>
  );
}
