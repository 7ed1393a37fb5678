import { useEffect, useRef, useState, type ReactNode } from 'react';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';

/**
 * The creator's answers in the post panel (an unconfirmed copy, a stopped thread): one call at a
 * time, a toast when it worked, the core's words when it did not.
 */
export function useAnswer() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const answer = async (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setProblem(null);
    try {
      await call();
      showToast(done);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, setProblem, answer };
}

const WEB_LINK = /^https?:\/\/\S+$/i;

/**
 * "Its link on Mastodon": a field that takes the focus, checked here in the core's words before
 * it is sent (`required`: an empty field is refused too), with a submit and a Back button.
 */
export function LinkForm(props: {
  id: string;
  testId: string;
  label: ReactNode;
  required: boolean;
  refusal: string;
  submit: { label: string; busyLabel: string; testId: string };
  busy: boolean;
  invalid: boolean;
  onProblem(message: string): void;
  onSubmit(link: string | null): void;
  onBack(): void;
}) {
  const [url, setUrl] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const link = url.trim();
        if ((link || props.required) && !WEB_LINK.test(link)) return props.onProblem(props.refusal);
        props.onSubmit(link || null);
      }}
    >
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        ref={field}
        id={props.id}
        data-testid={props.testId}
        className="text-input"
        type="url"
        inputMode="url"
        placeholder="https://"
        spellCheck={false}
        value={url}
        aria-invalid={props.invalid ? true : undefined}
        onChange={(e) => setUrl(e.target.value)}
      />
      <div className="confirm-actions">
        <button type="submit" className="btn btn-primary btn-small" data-testid={props.submit.testId} disabled={props.busy}>
          {props.busy ? props.submit.busyLabel : props.submit.label}
        </button>
        <button type="button" className="btn btn-small" onClick={props.onBack} disabled={props.busy}>
          Back
        </button>
      </div>
    </form>
  );
}
