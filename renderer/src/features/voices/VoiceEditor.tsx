import { useState } from 'react';
import { VOICE_LEARN_WINDOW, type VoiceDto } from '../../../../shared/contract/features/library';
import { showToast } from '../../app/ui.store';
import { splitIssues, toProblem, type Problem } from '../../lib/errors';
import { count } from '../../lib/numbers';
import { Field as FormField } from '../../ui/Field';
import { fieldErrors } from '../../ui/fieldErrors';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { deleteVoice, saveVoice, splitWords } from './useVoices';
import { VoiceLearned } from './VoiceLearned';

type Field = 'name' | 'tone' | 'wordsToUse' | 'wordsToAvoid' | 'examples';
const FIELDS: readonly string[] = ['name', 'tone', 'wordsToUse', 'wordsToAvoid', 'examples'];

/** A brand voice: its name, tone, the words it uses and avoids, and posts that show it. */
export function VoiceEditor({ voice, onDone }: { voice: VoiceDto | null; onDone: (open: string | null) => void }) {
  const [name, setName] = useState(voice?.name ?? '');
  const [tone, setTone] = useState(voice?.tone ?? '');
  const [use, setUse] = useState(voice?.wordsToUse.join(', ') ?? '');
  const [avoid, setAvoid] = useState(voice?.wordsToAvoid.join(', ') ?? '');
  const [examples, setExamples] = useState<string[]>(voice?.examples.length ? voice.examples : ['']);
  const [learn, setLearn] = useState(voice?.learnFromPosts ?? false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function save() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const saved = await saveVoice({
        ...(voice ? { id: voice.id } : {}),
        name,
        tone,
        wordsToUse: splitWords(use),
        wordsToAvoid: splitWords(avoid),
        examples: examples.map((e) => e.trim()).filter((e) => e.length > 0),
        learnFromPosts: learn,
      });
      showToast(voice ? `Saved the voice “${saved.name}”` : `Added the voice “${saved.name}”`);
      onDone(saved.id);
    } catch (err) {
      const split = splitIssues(err, (path) => (typeof path[0] === 'string' && FIELDS.includes(path[0]) ? (path[0] as Field) : null));
      setErrors(split.fields);
      setProblem(split.form);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!voice) return;
    try {
      await deleteVoice(voice.id);
      showToast(`Deleted the voice “${voice.name}”`);
      onDone(null);
    } catch (err) {
      setProblem(toProblem(err));
    }
  }

  const { err, at } = fieldErrors<Field>('voice', errors);

  return (
    <form
      className="template-editor"
      data-testid="voice-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{voice ? voice.name : 'New voice'}</h2>
      <FormField id="voice-name-field" label="Name" {...at('name')}>
        {(aria) => <input className="lib-input" data-testid="voice-name" autoFocus={!voice} value={name} onChange={(e) => setName(e.target.value)} {...aria} />}
      </FormField>
      <FormField id="voice-tone-field" label="Tone" {...at('tone')}>
        {(aria) => <input className="lib-input" data-testid="voice-tone" placeholder="Warm, plain-spoken, a little dry" value={tone} onChange={(e) => setTone(e.target.value)} {...aria} />}
      </FormField>
      <div className="use-row">
        <FormField
          id="voice-words-use-field"
          label="Words to use"
          {...at('wordsToUse')}
          hintId="voice-words-use-help"
          hint={
            <span className="muted lib-help" id="voice-words-use-help">
              Separate with commas or new lines.
            </span>
          }
        >
          {(aria) => <textarea className="lib-textarea" rows={3} data-testid="voice-words-use" placeholder="weeknight, easy, pantry" value={use} onChange={(e) => setUse(e.target.value)} {...aria} />}
        </FormField>
        <FormField id="voice-words-avoid-field" label="Words to avoid" {...at('wordsToAvoid')}>
          {(aria) => <textarea className="lib-textarea" rows={3} data-testid="voice-words-avoid" placeholder="gourmet, hack, synergy" value={avoid} onChange={(e) => setAvoid(e.target.value)} {...aria} />}
        </FormField>
      </div>
      <fieldset className="field">
        <legend className="field-label">Example posts</legend>
        {examples.map((text, i) => (
          <div className="voice-example" key={i}>
            <label htmlFor={`voice-example-${i}`} className="visually-hidden">
              Example {i + 1}
            </label>
            <textarea
              id={`voice-example-${i}`}
              className="lib-textarea"
              rows={3}
              data-testid={`voice-example-${i}`}
              value={text}
              onChange={(e) => setExamples(examples.map((x, j) => (j === i ? e.target.value : x)))}
            />
            {examples.length > 1 ? (
              <button type="button" className="btn-icon" aria-label={`Remove example ${i + 1}`} onClick={() => setExamples(examples.filter((_, j) => j !== i))}>
                <Icon name="close" />
              </button>
            ) : null}
          </div>
        ))}
        <button type="button" className="btn btn-small btn-ghost voice-add-example" data-testid="voice-add-example" onClick={() => setExamples([...examples, ''])}>
          <Icon name="plus" size={14} />
          Add an example
        </button>
        {err('examples')}
      </fieldset>
      <div className="field voice-learn">
        <label className="voice-learn-switch">
          <input type="checkbox" role="switch" data-testid="voice-learn" checked={learn} aria-describedby="voice-learn-help" onChange={(e) => setLearn(e.target.checked)} />
          <span>Learn from my posts</span>
        </label>
        <span className="muted lib-help" id="voice-learn-help">
          Posts you approve or publish become examples for the model, best-performing first, from the {count(VOICE_LEARN_WINDOW)} you most recently wrote or edited. Posts a model wrote count only once you’ve edited them.
        </span>
      </div>
      {voice?.learnFromPosts ? <VoiceLearned voice={voice} onPinnedChange={(pinned) => setExamples(pinned.length > 0 ? pinned : [''])} /> : null}
      {problem ? <ProblemNote problem={problem} testId="voice-problem" /> : null}
      <div className="use-actions">
        <button type="submit" className="btn btn-primary" data-testid="voice-save" disabled={busy}>
          {busy ? 'Saving…' : voice ? 'Save voice' : 'Add voice'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => onDone(voice?.id ?? null)}>
          Cancel
        </button>
        <span className="lib-spacer" />
        {voice ? (
          confirming ? (
            <span className="lib-confirm-inline" role="alert">
              Delete “{voice.name}”? Pillars and posts that use it keep going without a voice.
              <button type="button" className="btn btn-small btn-danger" data-testid="voice-delete-yes" onClick={() => void remove()}>
                Delete
              </button>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-small btn-quiet-danger" data-testid="voice-delete" onClick={() => setConfirming(true)}>
              <Icon name="trash" size={14} />
              Delete
            </button>
          )
        ) : null}
      </div>
    </form>
  );
}
