import { useRef, useState, type KeyboardEvent } from 'react';
import { showToast } from '../../app/ui.store';
import { splitIssues, type Problem } from '../../lib/errors';
import { describedBy } from '../../ui/Field';
import { ProblemNote } from '../../ui/ProblemNote';
import { Dialog } from './Dialog';
import { EMPTY_DRAFT, closeDialog, patchDialogForm, useIdeasStore, type IdeaDraft } from './ideas.store';
import { focusNewIdea } from './IdeaItem';
import { captureIdea, updateIdea } from './useIdeas';

type Field = 'text' | 'link' | 'tags';

const fieldOf = (path: (string | number)[]): Field | null => (path[0] === 'text' || path[0] === 'link' || path[0] === 'tags' ? path[0] : null);

/** "launch, #Hooks  pricing" → ['launch', '#Hooks', 'pricing']; the core normalises each tag. */
export function parseTags(input: string): string[] {
  return input
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} data-testid={id} role="alert">
      {message}
    </p>
  );
}

/** Quick capture (from anywhere) and editing an idea: the words, a link, a few tags. Enter saves. */
export function IdeaDialog() {
  const dialog = useIdeasStore((s) => s.dialog);
  const draft = useIdeasStore((s) => s.draft);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  if (!dialog) return null;

  const editing = dialog.mode === 'edit';
  const form: IdeaDraft = editing ? dialog.form : draft;

  const set = (patch: Partial<IdeaDraft>) => {
    patchDialogForm(patch);
    const cleared = { ...errors };
    for (const key of Object.keys(patch) as Field[]) delete cleared[key];
    setErrors(cleared);
  };

  const close = ({ keep }: { keep: boolean }) => {
    setErrors({});
    setProblem(null);
    closeDialog({ keep });
  };

  async function save(): Promise<void> {
    if (busy || !dialog) return;
    if (!form.text.trim()) {
      setErrors({ text: 'Write the idea first: it is empty' });
      textRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    const link = form.link.trim();
    const tags = parseTags(form.tags);
    try {
      if (dialog.mode === 'edit') {
        const { idea } = dialog;
        const tagsChanged = tags.join('\n') !== idea.tags.join('\n');
        await updateIdea({
          id: idea.id,
          ...(form.text !== idea.text ? { text: form.text } : {}),
          ...(link !== (idea.link ?? '') ? { link: link || null } : {}),
          ...(tagsChanged ? { tags } : {}),
        });
        close({ keep: false });
        showToast('Idea updated');
      } else {
        const idea = await captureIdea({ text: form.text, ...(link ? { link } : {}), ...(tags.length ? { tags } : {}) });
        useIdeasStore.setState({ draft: EMPTY_DRAFT });
        close({ keep: false });
        showToast('Idea saved');
        focusNewIdea(idea.id);
      }
    } catch (err) {
      const split = splitIssues(err, fieldOf);
      setErrors(split.fields);
      setProblem(split.form);
    } finally {
      setBusy(false);
    }
  }

  // Enter saves from any field; Shift+Enter starts a new line in the idea. An IME composing a
  // character uses Enter itself.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    if (e.target instanceof HTMLButtonElement) return;
    e.preventDefault();
    void save();
  };

  const described = (field: Field) => (errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `idea-${field}-error` } : {});

  return (
    <Dialog title={editing ? 'Edit idea' : 'Capture an idea'} titleId="idea-dialog-title" onClose={() => close({ keep: true })} initialFocus={textRef} testId="idea-dialog">
      <form
        className="idea-form"
        noValidate
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor="idea-text" className="field-label">
            Idea
          </label>
          <textarea
            id="idea-text"
            ref={textRef}
            className="idea-input idea-textarea"
            data-testid="idea-text"
            rows={3}
            placeholder="A line, a hook, a question worth a post…"
            value={form.text}
            onChange={(e) => set({ text: e.target.value })}
            {...described('text')}
          />
          <FieldMessage id="idea-text-error" message={errors.text} />
        </div>
        <div className="field">
          <label htmlFor="idea-link" className="field-label">
            Link <span className="field-optional">optional</span>
          </label>
          <input
            id="idea-link"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            className="idea-input"
            data-testid="idea-link"
            placeholder="https://…"
            value={form.link}
            onChange={(e) => set({ link: e.target.value })}
            {...described('link')}
          />
          <FieldMessage id="idea-link-error" message={errors.link} />
        </div>
        <div className="field">
          <label htmlFor="idea-tags" className="field-label">
            Tags <span className="field-optional">optional</span>
          </label>
          <input
            id="idea-tags"
            autoComplete="off"
            className="idea-input"
            data-testid="idea-tags"
            placeholder="launch, hooks"
            value={form.tags}
            onChange={(e) => set({ tags: e.target.value })}
            aria-invalid={errors.tags ? true : undefined}
            aria-describedby={describedBy(errors.tags && 'idea-tags-error', 'idea-tags-hint')}
          />
          <FieldMessage id="idea-tags-error" message={errors.tags} />
          <span className="field-hint" id="idea-tags-hint">
            Separate them with commas.
          </span>
        </div>
        {editing && dialog.restored ? (
          <p className="dialog-hint" role="status" data-testid="idea-draft-kept">
            Your unsaved changes are back. Cancel lets them go.
          </p>
        ) : null}
        {problem ? <ProblemNote problem={problem} testId="idea-problem" /> : null}
        <div className="dialog-actions">
          <p className="dialog-hint">
            <kbd>Enter</kbd> saves · <kbd>Shift</kbd> <kbd>Enter</kbd> new line · <kbd>Esc</kbd> closes, keeping what you typed
          </p>
          <button type="button" className="btn btn-ghost" data-testid="idea-cancel" onClick={() => close({ keep: false })}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="idea-save" disabled={busy}>
            {busy ? 'Saving…' : editing ? 'Save changes' : 'Save idea'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
