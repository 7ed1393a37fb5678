import { useState } from 'react';
import { useSettings } from '../../data/useAppData';
import { toProblem, type Problem } from '../../lib/errors';
import { createKeptDrafts } from '../../lib/kept-drafts';
import { ProblemNote } from '../../ui/ProblemNote';
import { saveVoice } from '../voices/useVoices';
import { markStep } from './first-run';

/** What was typed here, kept until it is saved: leaving the step (Back, another step, a reload) loses none of it. */
const kept = createKeptDrafts<{ name: string; tone: string }>('loomcast.welcome.voice');
const EMPTY = { name: '', tone: '' };

/** Step 3 (optional): a name and a tone, saved as a brand voice for writing help later. */
export function VoiceStep({ onDone, onSkip }: { onDone: () => void; onSkip: () => void }) {
  const settings = useSettings();
  const { form, set } = kept.useDraft('new', EMPTY);
  const { name, tone } = form;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await saveVoice({ name: name.trim(), tone: tone.trim() });
      kept.drop('new');
      await markStep(settings, 'voice');
      onDone();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="welcome-step"
      data-testid="welcome-voice"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p>A voice tells the writing help how you sound. You can add examples and more voices later in Library → Voices.</p>
      <div className="field">
        <label htmlFor="welcome-voice-name" className="field-label">
          Voice name
        </label>
        <input
          id="welcome-voice-name"
          className="text-input"
          data-testid="welcome-voice-name"
          placeholder="e.g. Studio notes"
          value={name}
          onChange={(e) => set({ name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="welcome-voice-tone" className="field-label">
          Tone
        </label>
        <textarea
          id="welcome-voice-tone"
          className="text-input"
          data-testid="welcome-voice-tone"
          rows={3}
          placeholder="e.g. warm, plain words, a little dry humour"
          value={tone}
          onChange={(e) => set({ tone: e.target.value })}
        />
      </div>
      {problem ? <ProblemNote problem={problem} testId="welcome-voice-problem" /> : null}
      <div className="welcome-actions">
        <button type="submit" className="btn btn-primary" data-testid="welcome-voice-save" disabled={busy || !name.trim()}>
          {busy ? 'Saving…' : 'Save this voice'}
        </button>
        <button type="button" className="btn btn-ghost" data-testid="welcome-skip" onClick={onSkip}>
          Skip for now
        </button>
      </div>
    </form>
  );
}
