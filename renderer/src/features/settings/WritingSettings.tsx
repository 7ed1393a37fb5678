import { useState } from 'react';
import { WRITING_TASK_LABELS, WRITING_TASKS, type WritingProviderDto } from '../../../../shared/contract/features/writing';
import { ProblemNote } from '../../ui/ProblemNote';
import { useWriting } from './useWriting';
import { CheckWithHint } from '../../ui/Field';

type Choice = 'offline' | WritingProviderDto['kind'];

const CHOICES: { value: Choice; label: string; help: string }[] = [
  { value: 'offline', label: 'Offline writer', help: 'Fills templates by rules on this computer. Nothing is sent anywhere.' },
  { value: 'openai', label: 'OpenAI-compatible', help: 'Ollama, LM Studio, llama.cpp server on this computer; or OpenAI, OpenRouter with your key.' },
  { value: 'anthropic', label: 'Anthropic', help: 'Claude, with your own key.' },
];

/** Settings → Writing: which model drafts posts, where the text goes, and its key in the keychain. */
export function WritingSettings() {
  const w = useWriting();
  const saved = w.state?.provider ?? null;
  const [choice, setChoice] = useState<Choice | null>(null);
  const [form, setForm] = useState<WritingProviderDto | null>(null);
  const [key, setKey] = useState('');
  const current: Choice = choice ?? saved?.kind ?? 'offline';
  const fields: WritingProviderDto = form ?? saved ?? { kind: 'openai', baseURL: 'http://localhost:11434/v1', model: '', label: 'Ollama', taskModels: {}, concurrency: 1 };
  const edit = (patch: Partial<WritingProviderDto>) => setForm({ ...fields, ...patch });

  const save = () => {
    // An empty task model means "the main model": leave it out rather than save a blank.
    const taskModels = Object.fromEntries(Object.entries(fields.taskModels ?? {}).filter(([, m]) => m && m.trim() !== ''));
    void w.setProvider(current === 'offline' ? null : { ...fields, kind: current, taskModels });
  };

  return (
    <section className="card" aria-labelledby="settings-writing" data-testid="settings-writing">
      <h2 id="settings-writing" className="card-title">
        Writing
      </h2>
      <p className="setting-help" data-testid="writing-where">
        Drafts are written {w.state?.where ?? '…'}.
      </p>
      <fieldset className="setting">
        <legend className="field-label">Who writes drafts</legend>
        {CHOICES.map((c) => (
          <CheckWithHint key={c.value} className="setting-check" testId={`writing-kind-${c.value}`} label={c.label} hintId={`writing-kind-${c.value}-hint`} hint={c.help}>
            {(aria) => <input type="radio" name="writing-kind" value={c.value} checked={current === c.value} onChange={() => setChoice(c.value)} {...aria} />}
          </CheckWithHint>
        ))}
      </fieldset>
      {current !== 'offline' ? (
        <div className="setting writing-fields">
          <label className="field">
            <span className="field-label">Server address</span>
            <input
              type="url"
              data-testid="writing-base-url"
              value={fields.baseURL}
              placeholder={current === 'openai' ? 'http://localhost:11434/v1 (empty: api.openai.com)' : 'empty: api.anthropic.com'}
              onChange={(e) => edit({ baseURL: e.target.value })}
            />
          </label>
          <label className="field">
            <span className="field-label">Model</span>
            <input type="text" data-testid="writing-model" list="writing-models" value={fields.model} placeholder="llama3.1" onChange={(e) => edit({ model: e.target.value })} />
            <datalist id="writing-models">
              {(w.test?.models ?? []).map((m) => (
                <option key={m.id} value={m.id} />
              ))}
            </datalist>
          </label>
          <label className="field">
            <span className="field-label">Name (optional)</span>
            <input type="text" data-testid="writing-label" value={fields.label} placeholder="Ollama" onChange={(e) => edit({ label: e.target.value })} />
          </label>
          <fieldset className="setting">
            <legend className="field-label">Model per task</legend>
            <p className="setting-help">Leave a task empty to use {fields.model.trim() || 'the model above'}.</p>
            {WRITING_TASKS.map((task) => (
              <label key={task} className="field">
                <span className="field-label">{WRITING_TASK_LABELS[task]}</span>
                <input
                  type="text"
                  data-testid={`writing-task-model-${task}`}
                  list="writing-models"
                  value={fields.taskModels?.[task] ?? ''}
                  placeholder={fields.model.trim() || 'Same as the model above'}
                  onChange={(e) => edit({ taskModels: { ...fields.taskModels, [task]: e.target.value } })}
                />
              </label>
            ))}
          </fieldset>
          <fieldset className="setting">
            <legend className="field-label">Requests at once</legend>
            {([1, 2] as const).map((n) => (
              <CheckWithHint
                key={n}
                className="setting-check"
                testId={`writing-concurrency-${n}`}
                label={n}
                hintId={`writing-concurrency-${n}-hint`}
                hint={n === 1 ? 'One draft at a time; best for a model on this computer.' : 'Two drafts at once; for a server with room to spare.'}
              >
                {(aria) => <input type="radio" name="writing-concurrency" value={n} checked={(fields.concurrency ?? 1) === n} onChange={() => edit({ concurrency: n })} {...aria} />}
              </CheckWithHint>
            ))}
          </fieldset>
        </div>
      ) : null}
      <div className="setting-actions">
        <button type="button" className="btn btn-primary" data-testid="writing-save" disabled={w.busy} onClick={save}>
          Save
        </button>
        <button type="button" className="btn" data-testid="writing-test" disabled={w.busy} onClick={() => void w.runTest()}>
          Test connection
        </button>
      </div>
      {w.test ? (
        <p className={w.test.ok ? 'ok-text' : 'warn-text'} role="status" data-testid="writing-test-result">
          {w.test.message}
        </p>
      ) : null}
      {saved ? (
        <div className="setting">
          <label className="field">
            <span className="field-label">Key</span>
            <input type="password" autoComplete="off" data-testid="writing-key" value={key} placeholder={w.state?.keySaved ? 'A key is saved in the system keychain' : 'Paste the key (not needed for a server on this computer)'} onChange={(e) => setKey(e.target.value)} />
          </label>
          <p className="setting-help" data-testid="writing-key-state">
            {w.state?.keySaved ? 'A key is saved in the system keychain. Loomcast never shows it again.' : 'No key is saved.'}
          </p>
          <div className="setting-actions">
            <button
              type="button"
              className="btn"
              data-testid="writing-save-key"
              disabled={w.busy || key.trim() === ''}
              onClick={() => void w.setKey(key.trim()).then(() => setKey(''))}
            >
              Save key
            </button>
            {w.state?.keySaved ? (
              <button type="button" className="btn" data-testid="writing-forget-key" disabled={w.busy} onClick={() => void w.setKey(null)}>
                Forget key
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {w.problem ? <ProblemNote problem={w.problem} testId="writing-problem" /> : null}
    </section>
  );
}
