import { Fragment, useRef, useState } from 'react';
import { VOICE_LEARN_WINDOW, type VoiceDto } from '../../../../shared/contract/features/library';
import { showToast } from '../../app/ui.store';
import { splitIssues, toProblem, type Problem } from '../../lib/errors';
import { count } from '../../lib/numbers';
import { Field as FormField } from '../../ui/Field';
import { fieldErrors } from '../../ui/fieldErrors';
import { useFocusFirstInvalid } from '../../ui/focusFirstInvalid';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { deleteVoice, saveVoice, splitWords } from './useVoices';
import { VoiceLearned } from './VoiceLearned';

/** `examples` is the list as a whole (too many); `example-2` the third example box. */
type Field = 'name' | 'tone' | 'wordsToUse' | 'wordsToAvoid' | 'examples' | `example-${number}`;
const FIELDS: readonly string[] = ['name', 'tone', 'wordsToUse', 'wordsToAvoid', 'examples'];

/**
 * The field an issue of voices:save belongs to. The core gets only the examples with words in
 * them, so its [examples, k] is the k-th box that has words, not always the k-th box.
 */
function fieldOf(examples: string[]) {
  const written = examples.flatMap((e, i) => (e.trim() !== '' ? [i] : []));
  return (path: (string | number)[]): Field | null => {
    const [head, k] = path;
    if (head === 'examples' && typeof k === 'number') return `example-${written[k] ?? k}`;
    return typeof head === 'string' && FIELDS.includes(head) ? (head as Field) : null;
  };
}

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
  const form = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusFirstInvalid(form);

  async function save() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const sent = examples;
    try {
      const saved = await saveVoice({
        ...(voice ? { id: voice.id } : {}),
        name,
        tone,
        wordsToUse: splitWords(use),
        wordsToAvoid: splitWords(avoid),
        examples: sent.map((e) => e.trim()).filter((e) => e.length > 0),
        learnFromPosts: learn,
      });
      showToast(voice ? `Saved the voice “${saved.name}”` : `Added the voice “${saved.name}”`);
      onDone(saved.id);
    } catch (err) {
      const split = splitIssues(err, fieldOf(sent));
      setErrors(split.fields);
      setProblem(split.form);
      if (Object.keys(split.fields).length > 0) focusFirstError();
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

  const { err, at, described } = fieldErrors<Field>('voice', errors);
  // An example's error belongs to its box: it goes when the box is edited, and all go when a box is removed (the others move up).
  const editExample = (i: number, text: string) => {
    setExamples(examples.map((x, j) => (j === i ? text : x)));
    setErrors(({ [`example-${i}` as Field]: _gone, ...rest }) => rest);
  };
  const removeExample = (i: number) => {
    setExamples(examples.filter((_, j) => j !== i));
    setErrors((all) => Object.fromEntries(Object.entries(all).filter(([f]) => !f.startsWith('example'))));
  };

  return (
    <form
      className="template-editor"
      data-testid="voice-editor"
      ref={form}
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
      <fieldset className="field" data-testid="voice-examples" {...(errors.examples ? { 'aria-invalid': true, 'aria-describedby': 'voice-examples-error voice-examples-help' } : { 'aria-describedby': 'voice-examples-help' })}>
        <legend className="field-label">Example posts</legend>
        <span className="muted lib-help" id="voice-examples-help">
          Up to 20 posts that sound like you, each at most 5,000 characters. Empty boxes are left out.
        </span>
        {examples.map((text, i) => (
          <Fragment key={i}>
            <div className="voice-example">
              <label htmlFor={`voice-example-${i}`} className="visually-hidden">
                Example {i + 1}
              </label>
              <textarea
                id={`voice-example-${i}`}
                className="lib-textarea"
                rows={3}
                data-testid={`voice-example-${i}`}
                value={text}
                onChange={(e) => editExample(i, e.target.value)}
                {...described(`example-${i}`)}
              />
              {examples.length > 1 ? (
                <button type="button" className="btn-icon" aria-label={`Remove example ${i + 1}`} onClick={() => removeExample(i)}>
                  <Icon name="close" />
                </button>
              ) : null}
            </div>
            {err(`example-${i}`)}
          </Fragment>
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
