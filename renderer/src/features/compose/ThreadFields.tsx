import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlatformCapabilitiesDto } from '../../../../shared/contract';
import type { Platform } from '../../../../shared/domain/platforms';
import { platformList } from '../../lib/format';
import type { ComposeForm } from './compose.store';
import { errorIdOf } from './compose-checks';
import type { FieldErrors } from './compose-form';
import { Counters } from './Counters';
import { FieldError } from './FieldError';

interface Props {
  form: ComposeForm;
  caps: PlatformCapabilitiesDto[] | null;
  onChange: (patch: Partial<Pick<ComposeForm, 'thread' | 'firstComment'>>) => void;
  /** Problems said under a part or the first comment. */
  errors?: FieldErrors;
}

const MAX_PARTS = 25;

/** Which of the chosen platforms can take `what`. */
export function platformsWith(form: ComposeForm, caps: PlatformCapabilitiesDto[] | null, what: 'threads' | 'firstComment'): Platform[] {
  if (!caps) return [];
  return form.platforms.filter((p) => caps.find((c) => c.platform === p)?.[what]);
}

/** A part taken out of the thread, kept so Undo can put it back where it was. */
interface Removed {
  index: number;
  text: string;
}

/** Where focus goes once the parts change: a part's text field, or Add to thread. */
type FocusTo = number | 'add' | null;

function Part({ index, text, platforms, error, onText, onRemove, fieldRef }: { index: number; text: string; platforms: Platform[]; error?: string | undefined; onText: (t: string) => void; onRemove: () => void; fieldRef: (el: HTMLTextAreaElement | null) => void }) {
  const textFor = useCallback(() => text, [text]);
  const id = `compose-thread-${index}`;
  const errorId = errorIdOf(`thread.${index}`);
  return (
    <li className="thread-part" data-testid="compose-thread-part">
      <div className="thread-part-bar">
        <label htmlFor={id} className="field-label">
          Part {index + 2}
        </label>
        <button type="button" className="btn btn-ghost btn-small" data-testid={`compose-thread-remove-${index}`} onClick={onRemove} aria-label={`Remove part ${index + 2}`}>
          Remove
        </button>
      </div>
      <textarea
        ref={fieldRef}
        id={id}
        data-testid={id}
        className="compose-override"
        rows={3}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onText(e.target.value)}
      />
      <FieldError id={errorId} message={error} />
      <Counters textFor={textFor} platforms={platforms} />
    </li>
  );
}

/**
 * A thread (replies after the post) and a first comment, offered only when a chosen platform
 * publishes them, and naming which ones will get them.
 */
export function ThreadFields({ form, caps, onChange, errors = {} }: Props) {
  const threadTo = platformsWith(form, caps, 'threads');
  const commentTo = platformsWith(form, caps, 'firstComment');
  const comment = form.firstComment;
  const commentText = useCallback(() => comment, [comment]);
  // Removed parts, newest last: Undo puts the newest back, so no typed part is lost to a stray click.
  const [removed, setRemoved] = useState<Removed[]>([]);
  const [said, setSaid] = useState('');
  const fields = useRef(new Map<number, HTMLTextAreaElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  const focusTo = useRef<FocusTo>(null);
  // After a removal focus never stays on a Remove button (now another part's): a second Enter would remove that one too.
  useEffect(() => {
    const to = focusTo.current;
    if (to === null) return;
    focusTo.current = null;
    if (to === 'add') addButton.current?.focus();
    else fields.current.get(to)?.focus();
  });
  if (threadTo.length === 0 && commentTo.length === 0) return null;
  const without = (list: Platform[]) => form.platforms.filter((p) => !list.includes(p));
  const setPart = (i: number, text: string) => onChange({ thread: form.thread.map((t, j) => (j === i ? text : t)) });
  const fieldRef = (i: number) => (el: HTMLTextAreaElement | null) => {
    if (el) fields.current.set(i, el);
    else fields.current.delete(i);
  };
  /** Takes part `i` out, keeps its words for Undo, and moves focus to the part that took its place (or the one before, or Add to thread). */
  const remove = (i: number) => {
    const rest = form.thread.filter((_, j) => j !== i);
    setRemoved((was) => [...was, { index: i, text: form.thread[i] ?? '' }]);
    setSaid(`Part ${i + 2} removed.`);
    focusTo.current = rest.length > i ? i : rest.length > 0 ? rest.length - 1 : 'add';
    onChange({ thread: rest });
  };
  /** Puts the newest removed part back where it was, and focuses it. */
  const undo = () => {
    const last = removed.at(-1);
    if (!last || form.thread.length >= MAX_PARTS) return;
    const at = Math.min(last.index, form.thread.length);
    setRemoved((was) => was.slice(0, -1));
    setSaid(`Part ${at + 2} is back.`);
    focusTo.current = at;
    onChange({ thread: [...form.thread.slice(0, at), last.text, ...form.thread.slice(at)] });
  };
  const lastRemoved = removed.at(-1);

  return (
    <>
      {threadTo.length ? (
        <fieldset className="field thread-fields" data-testid="compose-thread">
          <legend className="field-label">Thread</legend>
          <p className="compose-hint muted" data-testid="compose-thread-note">
            Goes to {platformList(threadTo)} as replies, one after the other.
            {without(threadTo).length ? ` ${platformList(without(threadTo))} ${without(threadTo).length === 1 ? 'gets' : 'get'} the first post only.` : ''}
          </p>
          {form.thread.length ? (
            <ol className="thread-parts">
              {form.thread.map((t, i) => (
                <Part key={i} index={i} text={t} platforms={threadTo} error={errors[`thread.${i}`]} onText={(text) => setPart(i, text)} onRemove={() => remove(i)} fieldRef={fieldRef(i)} />
              ))}
            </ol>
          ) : null}
          <div className="thread-undo">
            <span role="status" data-testid="compose-thread-status">
              {said}
            </span>
            {lastRemoved ? (
              <button type="button" className="btn btn-ghost btn-small" data-testid="compose-thread-undo" disabled={form.thread.length >= MAX_PARTS} onClick={undo} aria-label={`Undo: put part ${Math.min(lastRemoved.index, form.thread.length) + 2} back`}>
                Undo
              </button>
            ) : null}
          </div>
          <div>
            <button ref={addButton} type="button" className="btn btn-small" data-testid="compose-thread-add" disabled={form.thread.length >= MAX_PARTS} onClick={() => onChange({ thread: [...form.thread, ''] })}>
              Add to thread
            </button>
          </div>
        </fieldset>
      ) : null}
      {commentTo.length ? (
        <div className="field">
          <label htmlFor="compose-first-comment" className="field-label">
            First comment <span className="muted">(optional)</span>
          </label>
          <p className="compose-hint muted" id="compose-first-comment-note" data-testid="compose-first-comment-note">
            Posted as a reply to the post on {platformList(commentTo)}.
            {without(commentTo).length ? ` Not on ${platformList(without(commentTo))}.` : ''}
          </p>
          <textarea
            id="compose-first-comment"
            data-testid="compose-first-comment"
            className="compose-override"
            rows={2}
            aria-invalid={errors.firstComment ? true : undefined}
            aria-describedby={errors.firstComment ? `compose-first-comment-note ${errorIdOf('firstComment')}` : 'compose-first-comment-note'}
            value={comment}
            onChange={(e) => onChange({ firstComment: e.target.value })}
          />
          <FieldError id={errorIdOf('firstComment')} message={errors.firstComment} />
          {comment ? <Counters textFor={commentText} platforms={commentTo} /> : null}
        </div>
      ) : null}
    </>
  );
}
