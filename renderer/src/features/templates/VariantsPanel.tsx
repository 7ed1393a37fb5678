import { useEffect, useRef, useState } from 'react';
import type { GenerationJobDto } from '../../../../shared/contract/features/generation';
import type { TemplateDto } from '../../../../shared/contract/features/library';
import type { WritingStateDto } from '../../../../shared/contract/features/writing';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAccounts } from '../accounts/useAccounts';
import { startExperimentFromJob } from '../experiments/useExperiments';
import { useVoices } from '../voices/useVoices';
import { VoiceSelect } from '../voices/VoiceSelect';

const STATE_WORDS: Record<GenerationJobDto['state'], string> = {
  queued: 'Waiting its turn…',
  running: 'Writing…',
  done: 'Done: the drafts wait in Review.',
  failed: 'Stopped.',
  cancelled: 'Cancelled: nothing was saved.',
};

/**
 * "Write N variants" of this template with the creator's own model: the text streams in as it is
 * written, can be cancelled, and the drafts land in Review. Says where the text goes first.
 */
export function VariantsPanel({ template, values }: { template: TemplateDto; values: Record<string, string> }) {
  const { accounts } = useAccounts();
  const { voices } = useVoices();
  const [voiceId, setVoiceId] = useState('');
  const [writing, setWriting] = useState<WritingStateDto | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [count, setCount] = useState(3);
  const [job, setJob] = useState<GenerationJobDto | null>(null);
  const [texts, setTexts] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('writing:get', {}).then((s) => live && setWriting(s), () => undefined);
    const offWriting = api.subscribe('writing:changed', (s) => setWriting(s));
    return () => {
      live = false;
      offWriting();
    };
  }, []);

  // Tokens and job changes are kept per job from the moment the panel opens: a fast model can
  // finish before generation:variants answers, and nothing it streamed may be lost.
  const seen = useRef(new Map<string, { texts: string[]; job: GenerationJobDto | null }>());
  const current = useRef<string | null>(null);
  const entry = (id: string) => {
    let e = seen.current.get(id);
    if (!e) seen.current.set(id, (e = { texts: [], job: null }));
    return e;
  };
  // Once done, the drafts as saved are what the panel shows.
  const showSaved = (j: GenerationJobDto) => {
    void Promise.all(j.postIds.map((id) => api.call('posts:get', { id }))).then(
      (posts) => current.current === j.id && setTexts(posts.map((p) => p.text)),
      () => undefined,
    );
  };
  useEffect(() => {
    const offToken = api.subscribe('generation:token', (t) => {
      const e = entry(t.jobId);
      e.texts[t.variant] = (e.texts[t.variant] ?? '') + t.delta;
      if (t.jobId === current.current) setTexts([...e.texts]);
    });
    const offJob = api.subscribe('generation:job', (j) => {
      const e = entry(j.id);
      // Asked again: the text streams anew from the first variant.
      if (j.state === 'running' && j.lastError?.startsWith('Asked again')) e.texts = [];
      e.job = j;
      if (j.id !== current.current) return;
      setTexts([...e.texts]);
      setJob(j);
      if (j.state === 'done') showSaved(j);
    });
    return () => {
      offToken();
      offJob();
    };
  }, []);

  if (!writing) return null;
  if (!writing.provider) {
    return (
      <section className="use-panel variants-panel" data-testid="variants">
        <h3 className="use-title">Write variants</h3>
        <p className="muted">
          Set up a model in{' '}
          <button type="button" className="btn-link" onClick={() => navigate('settings')}>
            Settings → Writing
          </button>{' '}
          to have it write variants of this template in your voice.
        </p>
      </section>
    );
  }
  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  const start = async () => {
    setProblem(null);
    setTexts([]);
    try {
      const queued = await api.call('generation:variants', { templateId: template.id, values, accountIds: chosen, count, voiceId: voiceId || null });
      current.current = queued.id;
      const e = entry(queued.id);
      const latest = e.job ?? queued;
      setJob(latest);
      setTexts([...e.texts]);
      if (latest.state === 'done') showSaved(latest);
    } catch (err) {
      setProblem(toProblem(err));
    }
  };

  return (
    <section className="use-panel variants-panel" aria-labelledby="variants-title" data-testid="variants">
      <h3 id="variants-title" className="use-title">
        Write variants
      </h3>
      <p className="muted" data-testid="variants-where">
        Written {writing.where}.
      </p>
      <ul className="account-chips" aria-label="Accounts">
        {(accounts ?? []).map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="account-chip"
              aria-pressed={chosen.includes(a.id)}
              data-testid={`variants-account-${a.id}`}
              onClick={() => setChosen(chosen.includes(a.id) ? chosen.filter((x) => x !== a.id) : [...chosen, a.id])}
            >
              {a.handle} <span className="muted">· {PLATFORM_NAMES[a.platform]}</span>
            </button>
          </li>
        ))}
      </ul>
      {(accounts ?? []).length === 0 ? <p className="muted">Connect an account first: variants are written for the accounts they go to.</p> : null}
      <label className="field">
        <span className="field-label">How many</span>
        <select data-testid="variants-count" value={count} onChange={(e) => setCount(Number(e.target.value))}>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Voice</span>
        <VoiceSelect testId="variants-voice" voices={voices} value={voiceId} onChange={setVoiceId} />
      </label>
      <div className="setting-actions">
        <button type="button" className="btn btn-primary" data-testid="variants-start" disabled={running || chosen.length === 0} onClick={() => void start()}>
          Write {count} variant{count === 1 ? '' : 's'}
        </button>
        {running ? (
          <button type="button" className="btn" data-testid="variants-cancel" onClick={() => void api.call('generation:cancel', { id: job.id }).then(setJob, (err: unknown) => setProblem(toProblem(err)))}>
            Cancel
          </button>
        ) : null}
      </div>
      {chosen.length === 0 && !running ? <p className="muted">Pick the accounts the variants are for.</p> : null}
      {job ? (
        <div data-testid="variants-job" data-state={job.state}>
          <p role="status" data-testid="variants-status">
            {STATE_WORDS[job.state]} {job.state === 'failed' && job.lastError ? job.lastError : ''}
          </p>
          <ol className="variants-list">
            {texts.map((text, i) => (
              <li key={i} data-testid="variants-text">
                {text}
              </li>
            ))}
          </ol>
          {job.state === 'done' ? (
            <button type="button" className="btn" data-testid="variants-open-review" onClick={() => navigate('review')}>
              Open Review
            </button>
          ) : null}
          {job.state === 'done' && texts.length > 1 ? (
            <button type="button" className="btn" data-testid="variants-start-experiment" onClick={() => void startExperimentFromJob(job.id).catch((err: unknown) => setProblem(toProblem(err)))}>
              Start an experiment
            </button>
          ) : null}
        </div>
      ) : null}
      {problem ? <ProblemNote problem={problem} testId="variants-problem" /> : null}
    </section>
  );
}
