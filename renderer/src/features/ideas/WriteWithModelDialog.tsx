import { useState } from 'react';
import type { IdeaDto } from '../../../../shared/contract/features/ideas';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { showToast } from '../../app/ui.store';
import { splitIssues, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAccounts } from '../accounts/useAccounts';
import { useVoices } from '../voices/useVoices';
import { Dialog } from './Dialog';
import { useIdeasStore } from './ideas.store';
import { platformMarkColor } from '../../ui/PlatformMark';
import { VoiceSelect } from '../voices/VoiceSelect';

/**
 * "Write it with my model": pick the accounts (and a voice if you like), and the creator's own
 * model writes a finished post from the idea in the background. The draft lands in Review.
 * `where` says where the idea's words are sent; null when no model is set up.
 */
export function WriteWithModelDialog({ idea, where }: { idea: IdeaDto; where: string | null }) {
  const { accounts } = useAccounts();
  const { voices } = useVoices();
  const [chosen, setChosen] = useState<string[]>(() => useIdeasStore.getState().lastAccounts);
  const [voiceId, setVoiceId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => useIdeasStore.setState({ writing: null });
  // Accounts picked last time that still exist.
  const picked = chosen.filter((id) => accounts?.some((a) => a.id === id) ?? true);

  const toggle = (id: string) => {
    setError(undefined);
    setChosen(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id]);
  };

  async function queue(): Promise<void> {
    if (busy || !where) return;
    if (picked.length === 0) {
      setError('Pick at least one account');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.call('generation:fromIdea', { ideaId: idea.id, accountIds: picked, voiceId: voiceId || null });
      useIdeasStore.setState({ writing: null, lastAccounts: picked });
      showToast('Queued — the draft will appear in Review');
    } catch (err) {
      const split = splitIssues(err, (path) => (path[0] === 'accountIds' ? 'accounts' : null));
      setError(split.fields.accounts);
      setProblem(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Write it with my model" titleId="write-model-title" onClose={close} testId="write-model-dialog">
      <form
        className="idea-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void queue();
        }}
      >
        <div className="field">
          <span className="field-label" id="write-model-idea-label">
            The idea
          </span>
          <p className="to-post-preview" aria-labelledby="write-model-idea-label">
            {idea.text}
          </p>
        </div>
        {where ? (
          <p className="dialog-hint" data-testid="write-model-where">
            Where the words go: {where}.
          </p>
        ) : (
          <p className="dialog-hint" data-testid="write-model-none">
            No model is set up to write with.{' '}
            <button
              type="button"
              className="btn-link"
              onClick={() => {
                close();
                navigate('settings');
              }}
            >
              Set one up in Settings → Writing
            </button>
            , or use “Turn into post” to write it yourself.
          </p>
        )}
        <fieldset className="field" aria-describedby={error ? 'write-model-accounts-error' : undefined}>
          <legend className="field-label">Accounts it is for</legend>
          <div className="platform-choices" data-testid="write-model-accounts">
            {(accounts ?? []).map((a) => (
              <button key={a.id} type="button" className="platform-choice" aria-pressed={picked.includes(a.id)} data-testid={`write-model-account-${a.id}`} onClick={() => toggle(a.id)}>
                <span className="platform-dot" style={{ background: platformMarkColor(a.platform) }} aria-hidden="true" />
                {a.handle} <span className="muted">· {PLATFORM_NAMES[a.platform]}</span>
              </button>
            ))}
          </div>
          {accounts && accounts.length === 0 ? <p className="muted">Connect an account first: the post is written for the accounts it goes to.</p> : null}
          {error ? (
            <p className="field-error" id="write-model-accounts-error" data-testid="write-model-accounts-error" role="alert">
              {error}
            </p>
          ) : null}
        </fieldset>
        <label className="field">
          <span className="field-label">Voice</span>
          <VoiceSelect testId="write-model-voice" voices={voices} value={voiceId} onChange={setVoiceId} />
        </label>
        {problem ? <ProblemNote problem={problem} testId="write-model-problem" /> : null}
        <div className="dialog-actions">
          <p className="dialog-hint">It is written in the background and waits in Review.</p>
          <button type="button" className="btn btn-ghost" data-testid="write-model-cancel" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="write-model-queue" disabled={busy || !where}>
            {busy ? 'Queueing…' : 'Write it'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
