import { useState } from 'react';
import { TEMPLATE_CATEGORY_LABELS } from '../../../../shared/contract/features/library';
import { parseTemplate, renderTemplate } from '../../../../shared/domain/template-text';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { goLibrary, libraryHref } from './library-route';
import { clearTemplateValues, setTemplateValue, useLibraryStore } from './library.store';
import { TemplatePreview } from './TemplatePreview';
import { deleteTemplate, duplicateTemplate, useTemplate } from './useTemplates';
import { UseTemplatePanel } from './UseTemplatePanel';
import { VariantsPanel } from './VariantsPanel';

const NO_VALUES: Record<string, string> = {};

/** One template: its blanks to fill, the post as it will read, and what to do with it. */
export function TemplateDetail({ id }: { id: string }) {
  const { template, problem } = useTemplate(id);
  const values = useLibraryStore((s) => s.values[id] ?? NO_VALUES);
  const [varErrors, setVarErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);

  if (template === 'gone') {
    return (
      <div className="template-detail" data-testid="template-detail">
        <ProblemNote problem={problem ?? { message: 'That template no longer exists.' }} />
        <a className="link" href={libraryHref('templates')}>
          Back to the templates
        </a>
      </div>
    );
  }
  if (!template) return problem ? <ProblemNote problem={problem} /> : <p className="muted">Opening the template…</p>;

  const variables = parseTemplate(template.body).variables;
  const { missing } = renderTemplate(template.body, values);
  const labelOf = new Map(variables.map((v) => [v.key, v.label]));

  const act = async (work: () => Promise<void>) => {
    setActionProblem(null);
    try {
      await work();
    } catch (err) {
      setActionProblem(toProblem(err));
    }
  };

  return (
    <article className="template-detail" data-testid="template-detail" aria-labelledby="template-title">
      <header className="template-detail-head">
        <div>
          <h2 id="template-title" data-testid="template-title">
            {template.name}
          </h2>
          <p className="template-detail-meta">
            {TEMPLATE_CATEGORY_LABELS[template.category]} · {template.builtin ? 'Comes with Loomcast' : 'Yours'}
            {template.useCount > 0 ? ` · used in ${template.useCount} post${template.useCount === 1 ? '' : 's'}` : ''}
          </p>
        </div>
        {template.deletedAt ? null : (
          <div className="template-detail-actions">
            <button
              type="button"
              className="btn btn-small"
              data-testid="template-duplicate"
              onClick={() =>
                void act(async () => {
                  const copy = await duplicateTemplate(template.id);
                  showToast(`Copied to “${copy.name}”`);
                  goLibrary('templates', copy.id, 'edit');
                })
              }
            >
              <Icon name="copy" size={14} />
              Duplicate
            </button>
            {template.builtin ? null : (
              <>
                <a className="btn btn-small" href={libraryHref('templates', template.id, 'edit')} data-testid="template-edit">
                  <Icon name="compose" size={14} />
                  Edit
                </a>
                <button type="button" className="btn btn-small btn-quiet-danger" data-testid="template-delete" onClick={() => setConfirming(true)}>
                  <Icon name="trash" size={14} />
                  Delete
                </button>
              </>
            )}
          </div>
        )}
      </header>

      {confirming ? (
        <div className="danger-confirm" role="alertdialog" aria-labelledby="template-delete-q" data-testid="template-delete-confirm">
          <p id="template-delete-q">Delete “{template.name}”? Posts made from it keep their text and still name it.</p>
          <button
            type="button"
            className="btn btn-small btn-danger"
            data-testid="template-delete-yes"
            autoFocus
            onClick={() =>
              void act(async () => {
                await deleteTemplate(template.id);
                clearTemplateValues(template.id);
                showToast(`Deleted “${template.name}”`);
                goLibrary('templates');
              })
            }
          >
            Delete
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : null}
      {actionProblem ? <ProblemNote problem={actionProblem} /> : null}

      {template.description ? <p className="template-description">{template.description}</p> : null}

      {template.deletedAt ? (
        <p className="library-empty">This template was deleted. Posts made from it still name it; duplicate another to start again.</p>
      ) : (
        <>
          {variables.length > 0 ? (
            <section aria-labelledby="vars-title" className="template-vars">
              <div className="lib-subtitle-row">
                <h3 id="vars-title" className="lib-subtitle">
                  Fill in the blanks
                </h3>
                {Object.keys(values).length > 0 ? (
                  <button type="button" className="btn btn-ghost btn-small" data-testid="template-clear-values" onClick={() => clearTemplateValues(template.id)}>
                    Clear
                  </button>
                ) : null}
              </div>
              <div className="template-var-grid">
                {variables.map((v) => {
                  const fieldId = `tpl-var-${v.key.replace(/[^\p{L}\p{N}]+/gu, '-')}`;
                  const error = varErrors[v.key];
                  return (
                    <Field key={v.key} id={fieldId} label={v.label.charAt(0).toUpperCase() + v.label.slice(1)} error={error} errorTestId={`template-var-error-${v.key}`}>
                      {(aria) => (
                        <input
                          className="lib-input"
                          data-testid={`template-var-${v.key}`}
                          value={values[v.key] ?? ''}
                          onChange={(e) => {
                            setTemplateValue(template.id, v.key, e.target.value);
                            if (error) setVarErrors(({ [v.key]: _gone, ...rest }) => rest);
                          }}
                          {...aria}
                        />
                      )}
                    </Field>
                  );
                })}
              </div>
            </section>
          ) : null}

          <section aria-labelledby="preview-title">
            <div className="lib-subtitle-row">
              <h3 id="preview-title" className="lib-subtitle">
                Preview
              </h3>
              <p className="muted template-missing" data-testid="template-missing" aria-live="polite">
                {missing.length === 0 ? 'Every blank is filled.' : `Still to fill: ${missing.map((k) => labelOf.get(k) ?? k).join(', ')}`}
              </p>
            </div>
            <TemplatePreview body={template.body} values={values} />
          </section>

          <UseTemplatePanel template={template} values={values} onFieldErrors={setVarErrors} />
          <VariantsPanel template={template} values={values} />
        </>
      )}
    </article>
  );
}
