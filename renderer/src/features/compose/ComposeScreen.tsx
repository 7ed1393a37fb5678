import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { Platform } from '../../../../shared/domain/platforms';
import { navigate } from '../../app/router';
import { takeEarlyKeys } from '../../app/early-keys';
import { useUiStore } from '../../app/ui.store';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { DuplicateNotice } from '../guard/DuplicateNotice';
import { useDuplicateGuard } from '../guard/useDuplicateGuard';
import { Counters } from './Counters';
import { FieldError } from './FieldError';
import { HashtagSuggestions } from './HashtagSuggestions';
import { MediaTray } from './MediaTray';
import { PlatformPicker } from './PlatformPicker';
import { ThreadFields } from './ThreadFields';
import { edited, textFor } from './compose.store';
import { ComposeActions } from './ComposeActions';
import { ComposeProblems, focusField } from './ComposeProblems';
import { errorIdOf, orderedProblems } from './compose-checks';
import type { FieldErrors } from './compose-form';
import { EarlierWords } from './EarlierWords';
import { RejectionNote } from './RejectionNote';
import { PostLinksFields } from './PostLinksFields';
import { PreviewPane } from './PreviewPane';
import { RepeatChoice } from './RepeatChoice';
import { noTimeNote, SchedulePicker } from './SchedulePicker';
import { freeTimesNote, type Availability } from '../../../../shared/domain/compose-availability';
import { usePostLinkOptions } from './usePostLinkOptions';
import { useCompose } from './useCompose';
import './compose.css';
import './composer-layout.css';

/** What the When picker says when it has no free posting times to offer. */
function slotsNote(anyPlatform: boolean, queue: Availability<unknown>): ReactNode {
  if (!anyPlatform) return 'Pick a platform to see its next free posting times here.';
  const note = freeTimesNote(queue);
  if (note === null) return null;
  return (
    <>
      {note}{' '}
      <a className="link" href="#/accounts">
        Set posting times in Accounts
      </a>
    </>
  );
}

/**
 * Puts the keyboard on the first field in error, in the order they read (a platform's own text,
 * in the preview pane, last), or scrolls to a problem of the whole form.
 */
function showFirstProblem(errors: FieldErrors, root: HTMLElement | null): void {
  const first = orderedProblems(errors)[0];
  if (first && focusField(first[0])) return;
  root?.querySelector<HTMLElement>('[data-testid="compose-problem"]')?.scrollIntoView({ block: 'center' });
}

/**
 * Two panes on a wide window: the post and its settings on the left, the live previews on the
 * right; one column below 1200 px. Schedule, Post now, Send for review, Add to queue or a draft.
 */
export function ComposeScreen({ editId }: { editId: string | null }) {
  const c = useCompose(editId);
  const linkOptions = usePostLinkOptions();
  const text = useRef<HTMLTextAreaElement>(null);
  const focusRequest = useUiStore((s) => s.composeFocus);
  const form = c.form;
  const textForPlatform = useCallback((p: Platform) => textFor(form, p), [form]);
  const guard = useDuplicateGuard({ text: form.text, platforms: form.platforms, date: form.date, time: form.time, zone: c.zone, excludePostId: editId });
  // An identical post to two accounts of one platform waits for an explicit "Post anyway".
  const held = guard.blocked && !guard.overridden;

  useEffect(() => {
    if (!text.current) return;
    text.current.focus();
    // Keys typed after "New post" while this screen loaded go on the end of the text.
    const early = takeEarlyKeys();
    if (early) c.set({ text: c.form.text + early });
    // Only on a request or a post opened, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest, c.session?.id]);

  // A save refused for what is written: take the creator to the first problem, which may be far
  // above the button that was pressed (the text, the platforms), so the press never seems to do nothing.
  const editor = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (c.refusals > 0) showFirstProblem(c.errors, editor.current);
    // Once per refusal, not as the problems are fixed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c.refusals]);

  if (c.editing && c.post === 'gone') {
    // Words typed into it and not saved are still here: they can start a new post.
    const typed = c.session ? (edited(c.session) ? c.session.form : (c.session.earlier?.form ?? null)) : null;
    return (
      <Page title="Edit post">
        <div className="compose-gone">
          <ProblemNote problem={{ message: 'That post no longer exists. It may have been deleted in another window.' }} />
          {c.problem ? <ProblemNote problem={c.problem} testId="compose-problem" /> : null}
          <div className="compose-choices">
            {typed ? (
              <button type="button" className="btn btn-primary" data-testid="compose-gone-keep" disabled={c.busy} onClick={() => void c.rescue(typed)}>
                Keep the words you typed as a new post
              </button>
            ) : null}
            <button type="button" className="btn" data-testid="compose-gone-back" onClick={() => navigate('calendar')}>
              Back to the calendar
            </button>
          </div>
        </div>
      </Page>
    );
  }
  if (c.editing && !c.session) {
    return (
      <Page title="Edit post">
        <p className="muted">Opening the post…</p>
      </Page>
    );
  }

  const wasScheduled = c.session ? c.session.original.date !== '' : false;
  const timeNote = noTimeNote(form.date, form.time, c.errors) ? 'compose-no-time' : undefined;

  return (
    <Page
      title={c.editing ? 'Edit post' : 'New post'}
      testId="compose-screen"
      note={c.editing && c.session ? `Version ${c.session.version}. Saving changed text keeps the old words in its history.` : 'Write it once; pick where it goes and when.'}
    >
      <div className="composer-layout" data-testid="compose-layout">
        <form
          ref={editor}
          className="composer"
          aria-label={c.editing ? 'Edit post' : 'New post'}
          data-testid="compose-editor"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void c.submit('schedule', guard.overridden);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              void c.submit('schedule', guard.overridden);
            }
          }}
        >
          {c.editing ? <RejectionNote post={c.post} /> : null}
          {c.session ? <EarlierWords session={c.session} zone={c.zone} onRestore={c.earlier.restore} onDiscard={c.earlier.discard} /> : null}

          <div className="field">
            <label htmlFor="compose-text" className="field-label">
              Post
            </label>
            <textarea
              id="compose-text"
              ref={text}
              data-testid="compose-text"
              className="compose-text"
              rows={6}
              placeholder="What do you want to say?"
              value={c.form.text}
              aria-invalid={c.errors.text ? true : undefined}
              aria-describedby={c.errors.text ? errorIdOf('text') : undefined}
              onChange={(e) => c.set({ text: e.target.value })}
            />
            <FieldError id="compose-text-error" message={c.errors.text} />
            <Counters textFor={textForPlatform} platforms={c.form.platforms} />
            <HashtagSuggestions text={c.form.text} platforms={c.form.platforms} onText={(t) => c.set({ text: t })} />
          </div>

          <MediaTray media={c.form.media} platforms={c.form.platforms} caps={c.caps} refusals={c.mediaRefusals} errors={c.errors} onChange={c.setMedia} />

          <PlatformPicker selected={c.form.platforms} onToggle={c.togglePlatform} accounts={c.accounts} chosen={c.form.accounts} onToggleAccount={c.toggleAccount} error={c.errors.platforms} />

          <ThreadFields form={c.form} caps={c.caps} errors={c.errors} onChange={c.setExtras} />

          <SchedulePicker
            date={c.form.date}
            time={c.form.time}
            zone={c.zone}
            errors={c.errors}
            onChange={c.set}
            slots={c.slots.free}
            accountCount={c.dests.accounts.length}
            slotsNote={slotsNote(c.form.platforms.length > 0, c.queue)}
          />

          {c.editing ? null : <RepeatChoice form={c.form} error={c.errors.repeat} onChange={c.set} />}

          <PostLinksFields campaignId={c.form.campaignId} pillarId={c.form.pillarId} options={linkOptions} onChange={c.set} />

          <DuplicateNotice guard={guard} zone={c.zone} />

          <ComposeProblems key={c.refusals} errors={c.errors} asked={c.refusedAs} />
          {c.problem ? <ProblemNote problem={c.problem} testId="compose-problem" /> : null}

          <ComposeActions
            editing={c.editing}
            wasScheduled={wasScheduled}
            scheduleNote={timeNote}
            busy={c.busy}
            held={held}
            media={c.mediaGate}
            queue={c.queue}
            postNow={c.postNow}
            onSubmit={(kind) => void c.submit(kind, guard.overridden)}
            onCancel={c.cancel}
            onClear={c.form.text || c.form.platforms.length ? c.clear : null}
          />
          <p className="composer-footnote">
            <kbd>Ctrl</kbd> <kbd>Enter</kbd> schedules. Posts go out from the accounts you connected in Accounts, at the time shown, in the zone named above.
          </p>
        </form>
        <PreviewPane form={c.form} accounts={c.accounts} errors={c.errors} onOverrides={c.setOverrides} />
      </div>
    </Page>
  );
}
