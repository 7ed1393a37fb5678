import { useState } from 'react';
import { TEMPLATE_CATEGORIES, TEMPLATE_CATEGORY_LABELS, type TemplateCategory } from '../../../../shared/contract/features/library';
import { parseTemplate } from '../../../../shared/domain/template-text';
import { showToast } from '../../app/ui.store';
import { splitIssues, type Problem } from '../../lib/errors';
import { Field as FormField } from '../../ui/Field';
import { ProblemNote } from '../../ui/ProblemNote';
import { goLibrary, libraryHref } from './library-route';
import { patchTemplateDraft, useLibraryStore } from './library.store';
import { saveTemplate, useTemplate } from './useTemplates';

type Field = 'name' | 'category' | 'description' | 'body';
const FIELDS: readonly string[] = ['name', 'category', 'description', 'body'];

interface Draft {
  name: string;
  category: TemplateCategory;
  description: string;
  body: string;
}

const EMPTY: Draft = { name: '', category: 'hook', description: '', body: '' };
const NO_EDITS: Partial<Draft> = {};

/** Writing or changing one of the creator's own templates; variables are found as they type. */
export function TemplateEditor({ id }: { id: string | null }) {
  const { template, problem: loadProblem } = useTemplate(id);
  const draftKey = id ?? 'new';
  const edits = useLibraryStore((s) => s.drafts[draftKey] ?? NO_EDITS);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  if (id && !template) return loadProblem ? <ProblemNote problem={loadProblem} /> : <p className="muted">Opening the template…</p>;
  if (template === 'gone' || (template && (template.builtin || template.deletedAt))) {
    return (
      <div className="template-detail">
        <ProblemNote
          problem={{ message: template === 'gone' || template?.deletedAt ? 'That template no longer exists.' : 'Templates that come with Loomcast can’t be changed. Duplicate it to make your own.' }}
        />
        <a className="link" href={libraryHref('templates', id ?? undefined)}>
          Back
        </a>
      </div>
    );
  }

  const base: Draft = template ? { name: template.name, category: template.category, description: template.description, body: template.body } : EMPTY;
  const draft: Draft = { ...base, ...edits };
  const parsed = parseTemplate(draft.body);
  const set = (patch: Partial<Draft>) => {
    patchTemplateDraft(draftKey, patch);
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch) as Field[]) delete next[k];
      return next;
    });
  };

  async function save() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const saved = await saveTemplate({ ...(id ? { id } : {}), ...draft });
      patchTemplateDraft(draftKey, null);
      showToast(id ? `Saved “${saved.name}”` : `Added “${saved.name}” to your templates`);
      goLibrary('templates', saved.id);
    } catch (err) {
      const split = splitIssues(err, (path) => (typeof path[0] === 'string' && FIELDS.includes(path[0]) ? (path[0] as Field) : null));
      setErrors(split.fields);
      setProblem(split.form);
    } finally {
      setBusy(false);
    }
  }

  /** A <Field>'s error props, with the ids the messages have always had. */
  const at = (field: Field) => ({ error: errors[field], errorId: `tpl-${field}-error`, errorTestId: `template-${field}-error` });

  return (
    <form
      className="template-editor"
      data-testid="template-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
          e.preventDefault();
          void save();
        }
      }}
    >
      <h2>{id ? 'Edit template' : 'New template'}</h2>
      <div className="use-row">
        <FormField id="template-name-field" label="Name" {...at('name')}>
          {(aria) => <input className="lib-input" data-testid="template-name" autoFocus value={draft.name} onChange={(e) => set({ name: e.target.value })} {...aria} />}
        </FormField>
        <FormField id="template-category-field" label="Category" {...at('category')}>
          {(aria) => (
            <select data-testid="template-category" value={draft.category} onChange={(e) => set({ category: e.target.value as TemplateCategory })} {...aria}>
              {TEMPLATE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {TEMPLATE_CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <FormField id="template-description-field" label="What it is for (optional)" {...at('description')}>
        {(aria) => <input className="lib-input" data-testid="template-description" value={draft.description} onChange={(e) => set({ description: e.target.value })} {...aria} />}
      </FormField>
      <FormField id="template-body-field" label="Template" {...at('body')}>
        {(aria) => (
          <textarea
            className="lib-textarea"
            data-testid="template-body"
            rows={8}
            value={draft.body}
            placeholder={'Most {audience} get {topic} wrong. Here’s the fix:'}
            onChange={(e) => set({ body: e.target.value })}
            {...aria}
          />
        )}
      </FormField>
      <div className="template-found" data-testid="template-found" aria-live="polite">
        {parsed.variables.length > 0 ? (
          <p>
            Variables: {parsed.variables.map((v) => (
              <code key={v.key} className="tpl-var-chip">{`{${v.label}}`}</code>
            ))}
          </p>
        ) : (
          <p className="muted">No variables yet. Write one in braces, like {'{product}'}.</p>
        )}
        {parsed.problems.length > 0 ? (
          <ul className="template-problems" data-testid="template-body-problems">
            {parsed.problems.map((p, i) => (
              <li key={i} className="field-note">
                Line {p.line + 1}: {p.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {problem ? <ProblemNote problem={problem} testId="template-save-problem" /> : null}
      <div className="use-actions">
        <button type="submit" className="btn btn-primary" data-testid="template-save" disabled={busy} aria-keyshortcuts="Control+Enter">
          {busy ? 'Saving…' : id ? 'Save changes' : 'Add template'}
        </button>
        <a className="btn btn-ghost" href={libraryHref('templates', id ?? undefined)} data-testid="template-cancel" onClick={() => patchTemplateDraft(draftKey, null)}>
          Cancel
        </a>
      </div>
    </form>
  );
}
