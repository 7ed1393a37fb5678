import { useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import { parseTemplate, renderTemplate } from '../../../../shared/domain/template-text';
import { updatePost } from '../../data/usePosts';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';

/** The blanks a post still has, as the template wrote them: `{topic}`, `{time ago}`. */
export function blanksOf(post: PostDto): { key: string; label: string }[] {
  return parseTemplate(post.text).variables.map((v) => ({ key: v.key, label: v.label }));
}

/**
 * A post made from a template with blanks left: the template's fill-in form in place, so the
 * creator fills them here and Review can approve it. Saving makes a new version of the text.
 * Keyed by post and version where it is used, so another post or version starts empty.
 */
export function BlanksForm({ post, onSaved }: { post: PostDto; onSaved: (message: string) => void }) {
  const blanks = blanksOf(post);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  if (blanks.length === 0) return null;
  const filled = blanks.every((b) => values[b.key]?.trim());

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await updatePost({ id: post.id, text: renderTemplate(post.text, values).text });
      onSaved('Blanks filled in');
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="review-blanks"
      data-testid="review-blanks"
      aria-labelledby={`blanks-${post.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (filled && !busy) void save();
      }}
    >
      <h3 id={`blanks-${post.id}`} className="review-blanks-title">
        Fill in {blanks.length === 1 ? 'the blank' : `${blanks.length} blanks`} before approving
      </h3>
      {blanks.map((b, i) => (
        <label key={b.key} className="field">
          <span className="field-label">{b.label}</span>
          <input
            className="text-input"
            type="text"
            data-testid={`review-blank-${i}`}
            value={values[b.key] ?? ''}
            onChange={(e) => setValues({ ...values, [b.key]: e.target.value })}
          />
        </label>
      ))}
      {problem ? <ProblemNote problem={problem} testId="review-blanks-problem" /> : null}
      <button type="submit" className="btn" data-testid="review-blanks-save" disabled={!filled || busy}>
        Save the text
      </button>
    </form>
  );
}
