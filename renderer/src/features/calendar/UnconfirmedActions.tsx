import { useEffect, useRef, useState } from 'react';
import type { ChannelInput, TargetDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { ProblemNote } from '../../ui/ProblemNote';
import { LinkForm, useAnswer } from './panel-answers';
import './unconfirmed.css';

type Step = 'ask' | 'found' | 'again';

/**
 * Under an unconfirmed copy: the creator looks on the platform and says what they found. "It's
 * there" marks it published (with its link, if they paste one); "It's not there" sends it again
 * now, after saying what that risks. Nothing is sent or marked without the second click.
 */
export function UnconfirmedActions({ target, handle }: { target: TargetDto; handle: string | null }) {
  const [step, setStep] = useState<Step>('ask');
  const { busy, problem, setProblem, answer } = useAnswer();
  const sendButton = useRef<HTMLButtonElement>(null);
  const name = PLATFORM_NAMES[target.platform];
  // The confirmation's button takes the focus, as the other confirmations in the panel do.
  useEffect(() => {
    if (step === 'again') sendButton.current?.focus();
  }, [step]);
  const back = () => {
    setStep('ask');
    setProblem(null);
  };
  const settle = (input: ChannelInput<'publishing:settleUnconfirmed'>, done: string) => answer(() => api.call('publishing:settleUnconfirmed', input), done);

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
        <LinkForm
          id={`unconfirmed-url-${target.id}`}
          testId="unconfirmed-url"
          label={
            <>
              Its link on {name} <span className="muted">(optional)</span>
            </>
          }
          required={false}
          refusal="Paste the post’s link, starting with https://"
          submit={{ label: 'Mark published', busyLabel: 'Saving…', testId: 'unconfirmed-mark-published' }}
          busy={busy}
          invalid={problem !== null}
          onProblem={(message) => setProblem({ message })}
          onSubmit={(link) => void settle({ targetId: target.id, outcome: 'published', ...(link ? { url: link } : {}) }, `Marked published on ${name}`)}
          onBack={back}
        />
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
