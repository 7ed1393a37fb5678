import { useZone } from '../../data/useAppData';
import { Page } from '../../ui/Page';
import { STEPS, type FirstRun, type StepId, type StepStatus } from './first-run';
import { stillToDo } from './step-status';

/**
 * The welcome path after it was finished or dismissed: "all set up" only when it is true;
 * otherwise what is still to do, each with the way there, an account first (without one nothing
 * goes out).
 */
export function WelcomeClosed({ state, statuses }: { state: FirstRun['state']; statuses: Record<StepId, StepStatus> }) {
  const zone = useZone();
  const left = stillToDo(statuses);
  const noAccount = left.includes('account');
  const heading = state === 'dismissed' ? 'Setup was skipped' : left.length === 0 ? 'You’re all set up' : 'You can start writing';
  const items = (noAccount ? ['account' as StepId, ...left.filter((s) => s !== 'account')] : left).flatMap((id) => {
    const step = STEPS.find((s) => s.id === id);
    return step?.later ? [{ id, later: step.later }] : [];
  });
  return (
    <Page title="Welcome to Loomcast" testId="welcome-screen">
      <div className="empty" data-testid="welcome-closed">
        <h2>{heading}</h2>
        {items.length ? (
          <div className="welcome-todo" data-testid="welcome-still-to-do">
            <p>
              Still to do: {items.map((i) => i.later.todo).join('; ')}.
              {left.includes('zone') ? ` Until then times show in ${zone}.` : ''}
            </p>
            <ul className="welcome-list">
              {items.map((i) => (
                <li key={i.id}>
                  <a href={i.later.href} data-testid={`welcome-todo-${i.id}`}>
                    {i.later.link}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <p>Your calendar is where everything happens. Write a post, plan a month, or import a CSV from there.</p>
        <a className={noAccount ? 'btn' : 'btn btn-primary'} href="#/calendar">
          Go to the calendar
        </a>
      </div>
    </Page>
  );
}
