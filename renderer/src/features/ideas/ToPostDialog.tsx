import { useState } from 'react';
import { AppError } from '../../../../shared/contract';
import { postTextFor, type IdeaDto } from '../../../../shared/contract/features/ideas';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../../../../shared/domain/platforms';
import { navigate } from '../../app/router';
import { showToast } from '../../app/ui.store';
import { splitIssues, type Problem } from '../../lib/errors';
import { platformList } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { Dialog } from './Dialog';
import { useIdeasStore } from './ideas.store';
import { turnIdeaIntoPost } from './useIdeas';
import { platformMarkColor } from '../../ui/PlatformMark';

/**
 * "Turn into post": pick where it goes, and Loomcast makes a draft of the idea (its link on the
 * last line) and opens it in the composer, where the time, overrides and media are set.
 */
export function ToPostDialog({ idea }: { idea: IdeaDto }) {
  const [platforms, setPlatforms] = useState<Platform[]>(() => useIdeasStore.getState().lastPlatforms);
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => useIdeasStore.setState({ turning: null });

  const toggle = (p: Platform) => {
    setError(undefined);
    setPlatforms((list) => (list.includes(p) ? list.filter((x) => x !== p) : [...list, p]));
  };

  async function create(): Promise<void> {
    if (busy) return;
    if (platforms.length === 0) {
      setError('Pick at least one platform');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const post = await turnIdeaIntoPost({ id: idea.id, platforms, schedule: null });
      useIdeasStore.setState({ turning: null, lastPlatforms: platforms });
      navigate('compose', post.id);
      showToast(`Draft made for ${platformList(platforms)}. Pick a time, or keep it as a draft.`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') {
        setProblem({ message: err.message });
      } else {
        const split = splitIssues(err, (path) => (path[0] === 'platforms' ? 'platforms' : null));
        setError(split.fields.platforms);
        setProblem(split.form);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Turn this idea into a post" titleId="to-post-title" onClose={close} testId="to-post-dialog">
      <form
        className="idea-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <span className="field-label" id="to-post-preview-label">
            The post will say
          </span>
          <p className="to-post-preview" aria-labelledby="to-post-preview-label" data-testid="to-post-preview">
            {postTextFor(idea)}
          </p>
        </div>
        <fieldset className="field" aria-describedby={error ? 'to-post-platforms-error' : undefined}>
          <legend className="field-label">Where it goes</legend>
          <div className="platform-choices" data-testid="to-post-platforms">
            {PLATFORMS.map((p) => (
              <button key={p} type="button" className="platform-choice" aria-pressed={platforms.includes(p)} data-testid={`to-post-platform-${p}`} onClick={() => toggle(p)}>
                <span className="platform-dot" style={{ background: platformMarkColor(p) }} aria-hidden="true" />
                {PLATFORM_NAMES[p]}
              </button>
            ))}
          </div>
          {error ? (
            <p className="field-error" id="to-post-platforms-error" data-testid="to-post-platforms-error" role="alert">
              {error}
            </p>
          ) : null}
        </fieldset>
        {problem ? <ProblemNote problem={problem} testId="to-post-problem" /> : null}
        <div className="dialog-actions">
          <p className="dialog-hint">It is saved as a draft and opens in the composer: set the time there.</p>
          <button type="button" className="btn btn-ghost" data-testid="to-post-cancel" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="to-post-create" disabled={busy}>
            <Icon name="compose" />
            {busy ? 'Making the draft…' : 'Make a draft and open it'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
