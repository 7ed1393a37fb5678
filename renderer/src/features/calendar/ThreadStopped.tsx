import { useState } from 'react';
import type { ChannelInput } from '../../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { ProblemNote } from '../../ui/ProblemNote';
import { LinkForm, useAnswer } from './panel-answers';
import type { ThreadParts } from './ThreadParts';
import './unconfirmed.css';

type Part = ThreadParts[number]['parts'][number];

/**
 * Under a published copy whose thread stopped: send the stopped part and the rest again, or,
 * for a part Loomcast could not confirm, say it is there (with its link, which the rest replies
 * to). The copy's note above already says why it stopped.
 */
export function ThreadStopped({ targetId, platform, part, handle }: { targetId: string; platform: Platform; part: Part; handle: string | null }) {
  const [step, setStep] = useState<'ask' | 'found'>('ask');
  const { busy, problem, setProblem, answer } = useAnswer();
  const name = PLATFORM_NAMES[platform];
  const what = part.kind === 'comment' ? 'the first comment' : `part ${part.position + 1}`;
  const go = (input: ChannelInput<'publishing:continueThread'>, done: string) => answer(() => api.call('publishing:continueThread', input), done);
  const sendAgain = (
    <button type="button" className="btn btn-small" data-testid="thread-send-again" disabled={busy} onClick={() => void go({ targetId, outcome: 'send_again' }, `Sending ${what} to ${name} again`)}>
      {busy ? 'Sending…' : `Send ${what}${part.kind === 'comment' ? '' : ' and the rest'} again`}
    </button>
  );

  return (
    <div className="unconfirmed-actions" data-testid="thread-stopped" data-state={part.state}>
      {part.state === 'failed' ? (
        <div className="confirm-actions">{sendAgain}</div>
      ) : step === 'ask' ? (
        <>
          <p>
            Look for {what} on {name}
            {handle ? ` (${handle})` : ''}. Is it there?
          </p>
          <div className="confirm-actions">
            <button type="button" className="btn btn-small" data-testid="thread-found" onClick={() => setStep('found')}>
              It’s there
            </button>
            {sendAgain}
          </div>
        </>
      ) : (
        <LinkForm
          id={`thread-url-${targetId}`}
          testId="thread-url"
          label={`Its link on ${name} (the rest of the thread replies to it)`}
          required
          refusal={`Paste the link to ${what} on ${name}`}
          submit={{ label: 'Go on from it', busyLabel: 'Saving…', testId: 'thread-go-on' }}
          busy={busy}
          invalid={problem !== null}
          onProblem={(message) => setProblem({ message })}
          onSubmit={(link) => void go({ targetId, outcome: 'published', url: link! }, `Going on from ${what}`)}
          onBack={() => {
            setStep('ask');
            setProblem(null);
          }}
        />
      )}
      {problem ? <ProblemNote problem={problem} testId="thread-problem" /> : null}
    </div>
  );
}
