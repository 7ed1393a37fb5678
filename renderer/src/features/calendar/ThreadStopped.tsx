import { useEffect, useRef, useState } from 'react';
import type { ChannelInput, ChannelOutput, PostDto } from '../../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import './unconfirmed.css';

type ThreadParts = ChannelOutput<'publishing:threadParts'>;
type Part = ThreadParts[number]['parts'][number];

/** Where each copy's thread stands, read again whenever the post is (its copies' notes change with it). */
export function useThreadParts(post: PostDto): ThreadParts | null {
  const threaded = post.thread.length > 0 || post.firstComment !== null;
  const out = post.targets.some((t) => t.state === 'published');
  const [parts, setParts] = useState<{ postId: string; parts: ThreadParts } | null>(null);
  useEffect(() => {
    if (!threaded || !out) return;
    let live = true;
    api.call('publishing:threadParts', { postId: post.id }).then(
      (p) => live && setParts({ postId: post.id, parts: p }),
      () => live && setParts(null),
    );
    return () => {
      live = false;
    };
  }, [post, threaded, out]);
  return threaded && out && parts?.postId === post.id ? parts.parts : null;
}

/** The part a copy's thread stopped at, if it did. */
export function stoppedPart(parts: ThreadParts | null, targetId: string): Part | null {
  return parts?.find((c) => c.targetId === targetId)?.parts.find((p) => p.state === 'failed' || p.state === 'unconfirmed') ?? null;
}

/**
 * Under a published copy whose thread stopped: send the stopped part and the rest again, or,
 * for a part Loomcast could not confirm, say it is there (with its link, which the rest replies
 * to). The copy's note above already says why it stopped.
 */
export function ThreadStopped({ targetId, platform, part, handle }: { targetId: string; platform: Platform; part: Part; handle: string | null }) {
  const [step, setStep] = useState<'ask' | 'found'>('ask');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const linkField = useRef<HTMLInputElement>(null);
  const name = PLATFORM_NAMES[platform];
  const what = part.kind === 'comment' ? 'the first comment' : `part ${part.position + 1}`;
  useEffect(() => {
    if (step === 'found') linkField.current?.focus();
  }, [step]);

  const go = async (input: ChannelInput<'publishing:continueThread'>, done: string) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.call('publishing:continueThread', input);
      showToast(done);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };
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
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const link = url.trim();
            if (!/^https?:\/\/\S+$/i.test(link)) return setProblem({ message: `Paste the link to ${what} on ${name}` });
            void go({ targetId, outcome: 'published', url: link }, `Going on from ${what}`);
          }}
        >
          <label className="field-label" htmlFor={`thread-url-${targetId}`}>
            Its link on {name} (the rest of the thread replies to it)
          </label>
          <input
            ref={linkField}
            id={`thread-url-${targetId}`}
            data-testid="thread-url"
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
            <button type="submit" className="btn btn-primary btn-small" data-testid="thread-go-on" disabled={busy}>
              {busy ? 'Saving…' : 'Go on from it'}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setStep('ask')} disabled={busy}>
              Back
            </button>
          </div>
        </form>
      )}
      {problem ? <ProblemNote problem={problem} testId="thread-problem" /> : null}
    </div>
  );
}
