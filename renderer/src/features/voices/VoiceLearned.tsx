import { useState } from 'react';
import type { VoiceDto, VoiceExampleDto } from '../../../../shared/contract/features/library';
import { showToast } from '../../app/ui.store';
import { toProblem } from '../../lib/errors';
import { count } from '../../lib/numbers';
import { ProblemNote } from '../../ui/ProblemNote';
import { dropVoiceExample, pinVoiceExample, unpinVoiceExample, useVoiceExamples } from './useVoices';

/**
 * The examples a model is shown for a saved voice that learns, with why each is there. A learned
 * post can be pinned (its words are kept) or dropped (never picked again); a pinned one unpinned.
 */
export function VoiceLearned({ voice, onPinnedChange }: { voice: VoiceDto; onPinnedChange: (examples: string[]) => void }) {
  const { answer, problem, setAnswer, setProblem, reload } = useVoiceExamples(voice.id, voice.learnFromPosts);
  const [busy, setBusy] = useState(false);

  async function act(run: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await run();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  const pin = (e: VoiceExampleDto) =>
    act(async () => {
      const v = await pinVoiceExample(voice.id, e.postId!);
      onPinnedChange(v.examples);
      await reload();
      showToast('Pinned: this post stays an example until you unpin it');
    });
  const drop = (e: VoiceExampleDto) =>
    act(async () => {
      setAnswer(await dropVoiceExample(voice.id, e.postId!));
      showToast('Dropped: this post won’t be picked for this voice again');
    });
  // Pinned examples come first and in the voice's own order, so the position is the index.
  const unpin = (index: number) =>
    act(async () => {
      const v = await unpinVoiceExample(voice.id, index);
      onPinnedChange(v.examples);
      await reload();
      showToast('Unpinned the example');
    });

  return (
    <section className="voice-learned" aria-labelledby="voice-learned-title" data-testid="voice-learned">
      <h3 id="voice-learned-title" className="field-label">
        Examples your model is shown
      </h3>
      {problem ? <ProblemNote problem={problem} testId="voice-learned-problem" /> : null}
      {answer === null ? (
        <p className="muted">Looking at your posts…</p>
      ) : (
        <>
          <p className="muted lib-help" data-testid="voice-learned-based-on">
            Based on {count(answer.basedOn)} of your posts.
          </p>
          {answer.examples.length === 0 || answer.basedOn === 0 ? (
            <p className="voice-learned-empty" data-testid="voice-learned-empty">
              Approve or publish a few posts and Loomcast learns from them.
            </p>
          ) : null}
          {answer.examples.length > 0 ? (
            <ol className="voice-learned-list">
              {answer.examples.map((e, i) => (
                <li key={e.postId ?? `pinned-${i}`} className="voice-learned-item" data-testid="voice-learned-item" data-post-id={e.postId ?? undefined}>
                  <p className="voice-learned-text" title={e.text}>
                    {e.text}
                  </p>
                  <div className="voice-learned-foot">
                    <span className="voice-learned-why" data-testid="voice-learned-why">
                      {e.why}
                    </span>
                    {e.pinned ? (
                      <button type="button" className="btn btn-small btn-ghost" data-testid="voice-learned-unpin" disabled={busy} aria-label={`Unpin example ${i + 1}`} onClick={() => void unpin(i)}>
                        Unpin
                      </button>
                    ) : (
                      <>
                        <button type="button" className="btn btn-small btn-ghost" data-testid="voice-learned-pin" disabled={busy} aria-label={`Pin example ${i + 1}`} onClick={() => void pin(e)}>
                          Pin
                        </button>
                        <button type="button" className="btn btn-small btn-ghost" data-testid="voice-learned-drop" disabled={busy} aria-label={`Drop example ${i + 1}`} onClick={() => void drop(e)}>
                          Drop
                        </button>
                      </>
                    )}
                  </div>
                </li>
              ))}
            </ol>
          ) : null}
        </>
      )}
    </section>
  );
}
