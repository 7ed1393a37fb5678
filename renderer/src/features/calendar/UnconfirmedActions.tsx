import { useEffect, useRef, useState } from 'react';
import type { ChannelInput, TargetDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import './unconfirmed.css';

type Step = 'ask' | 'found' | 'again';

/**
 * Under an unconfirmed copy: the creator looks on the platform and says what they found. "It's
 * there" marks it published (with its link, if they paste one); "It's not there" sends it again
 * now, after saying what that risks. Nothing is sent or marked without the second click.
 */
export function UnconfirmedActions({ target, handle }: { target: TargetDto; handle: string | null }) {
  const [step, setStep] = useState<Step>('ask');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const linkField = useRef<HTMLInputElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  const name = PLATFORM_NAMES[target.platform];
  // The next step's first control takes the focus, as the other confirmations in the panel do.
  useEffect(() => {
    if (step === 'found') linkField.current?.focus();
    if (step === 'again') sendButton.current?.focus();
  }, [step]);

  const back = () => {
    setStep('ask');
    setProblem(null);
  };
  const settle = async (input: ChannelInput<'publishing:settleUnconfirmed'>, done: string) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.call('publishing:settleUnconfirmed', input);
      showToast(done);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="unconfirmed-actions" data-testid="unconfirmed-actions" data-step={step}>
      {step === 'ask' ? (
        <>
          <p>Look for it on {name}{handle ? ` (${handle})` : ''}. Is it there?</p>
          <div className="confirm-actions">
            <button type="button" className="btn btn-small" data-testid="unconfirmed-found" onClick={() => setStep('found')}>
              It’s there
            </button>
            <button type="button" className="btn btn-small" data-testid="unconfirmed-missing" onClick={() => setStep('again')}>
              It’s not there
            </button>
          </div>
        </>
      ) : null}
      {step === 'found' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const link = url.trim();
            // The core checks it too; said here first, in the field's own words.
            if (link && !/^https?:\/\/\S+$/i.test(link)) return setProblem({ message: 'Paste the post’s link, starting with https://' });
            void settle({ targetId: target.id, outcome: 'published', ...(link ? { url: link } : {}) }, `Marked published on ${name}`);
          }}
        >
          <label className="field-label" htmlFor={`unconfirmed-url-${target.id}`}>
            Its link on {name} <span className="muted">(optional)</span>
          </label>
          <input
            ref={linkField}
            id={`unconfirmed-url-${target.id}`}
            data-testid="unconfirmed-url"
            className="text-input"
            type="url"
            inputMode="url"
            placeholder="https://"
            spellCheck={false}
            value={url}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => setUrl(e.target.value)}
          />
          <div className="confirm-actions">
            <button type="submit" className="btn btn-primary btn-small" data-testid="unconfirmed-mark-published" disabled={busy}>
              {busy ? 'Saving…' : 'Mark published'}
            </button>
            <button type="button" className="btn btn-small" onClick={back} disabled={busy}>
              Back
            </button>
          </div>
        </form>
      ) : null}
      {step === 'again' ? (
        <>
          <p>
            Send it to {name} again now? If the first one turns up after all, {name} may show it twice
            {target.platform === 'mastodon' ? ' (within an hour of the first try Mastodon knows it and keeps one)' : ''}.
          </p>
          <div className="confirm-actions">
            <button
              ref={sendButton}
              type="button"
              className="btn btn-primary btn-small"
              data-testid="unconfirmed-send-again"
              disabled={busy}
              onClick={() => void settle({ targetId: target.id, outcome: 'send_again' }, `Sending it to ${name} again`)}
            >
              {busy ? 'Sending…' : 'Send it again'}
            </button>
            <button type="button" className="btn btn-small" onClick={back} disabled={busy}>
              Back
            </button>
          </div>
        </>
      ) : null}
      {problem ? <ProblemNote problem={problem} testId="unconfirmed-problem" /> : null}
    </div>
  );
}
