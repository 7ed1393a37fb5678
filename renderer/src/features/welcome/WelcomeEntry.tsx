import { navigate } from '../../app/router';
import { useSettings } from '../../data/useAppData';
import { Icon } from '../../ui/Icon';
import { useAccounts } from '../accounts/useAccounts';
import { dismissFirstRun, STEPS, useFirstRun, useStepStatuses } from './first-run';
import { StepMark } from './StepMark';
import { doneCount } from './step-status';
import './welcome.css';

/**
 * Whether to offer the welcome path: never once finished or dismissed; otherwise when it was
 * started, or when there is nothing yet (no account; the empty calendar already means no posts).
 */
export function useWelcomeOffer(): {
  show: boolean;
  /** Steps done: skipped ones do not count. */
  done: number;
  started: boolean;
} {
  const run = useFirstRun();
  const { accounts } = useAccounts();
  const statuses = useStepStatuses();
  const started = run.steps.length > 0;
  const show = run.state === 'open' && (started || (accounts !== null && accounts.length === 0));
  return { show, done: doneCount(statuses), started };
}

/** The card on the empty calendar: start the path, pick it up again, or skip it for good. */
export function WelcomeEntry() {
  const settings = useSettings();
  const { show, done, started } = useWelcomeOffer();
  const statuses = useStepStatuses();
  const skipped = STEPS.filter((s) => statuses[s.id] === 'skipped').length;
  if (!show) return null;
  return (
    <section className="welcome-entry" data-testid="welcome-entry" aria-labelledby="welcome-entry-title">
      <h2 id="welcome-entry-title">{started ? 'Finish setting up' : 'Welcome to Loomcast'}</h2>
      <p>
        {started
          ? `${done} of ${STEPS.length} steps done${skipped ? `, ${skipped} skipped` : ''}. Pick up where you left off.`
          : 'Five short steps: your time zone, an account, a voice, posting times, and your first week. Each one can be skipped.'}
      </p>
      <ol className="welcome-entry-steps" aria-label="Setup steps">
        {STEPS.map((s) => (
          <li key={s.id} data-done={statuses[s.id] === 'done' ? 'true' : 'false'} data-status={statuses[s.id]}>
            {statuses[s.id] === 'todo' ? null : <StepMark status={statuses[s.id]} />} {s.title}
            {statuses[s.id] === 'done' ? <span className="visually-hidden"> (done)</span> : null}
            {statuses[s.id] === 'skipped' ? <span className="visually-hidden"> (skipped)</span> : null}
          </li>
        ))}
      </ol>
      <div className="welcome-actions">
        <button type="button" className="btn btn-primary" data-testid="welcome-start" onClick={() => navigate('welcome')}>
          {started ? 'Continue setting up' : 'Start'}
        </button>
        <button type="button" className="btn btn-ghost" data-testid="welcome-entry-skip" onClick={() => void dismissFirstRun(settings)}>
          Skip for now
        </button>
      </div>
    </section>
  );
}

/** The sidebar's way back into a path that was started and not finished. */
export function WelcomeNavItem({ current }: { current: boolean }) {
  const { show, done, started } = useWelcomeOffer();
  if (!show || !started) return null;
  return (
    <a href="#/welcome" className="nav-item welcome-nav" data-testid="nav-welcome" title="Finish setting up" aria-current={current ? 'page' : undefined}>
      <Icon name="check" />
      <span className="nav-label">Finish setting up</span>
      <span className="nav-badge" aria-label={`${done} of ${STEPS.length} done`}>
        {done}/{STEPS.length}
      </span>
    </a>
  );
}
