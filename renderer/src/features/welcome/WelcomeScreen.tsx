import { useEffect, useRef } from 'react';
import { navigate } from '../../app/router';
import { startNewPost } from '../../app/TopBar';
import { useSettings } from '../../data/useAppData';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { AccountStep } from './AccountStep';
import { dismissFirstRun, finishFirstRun, isStep, nextStep, skipStep, STEPS, useFirstRun, useStepStatuses, type StepId } from './first-run';
import { StepMark } from './StepMark';
import { TimesStep } from './TimesStep';
import { VoiceStep } from './VoiceStep';
import { WelcomeClosed } from './WelcomeClosed';
import { ZoneStep } from './ZoneStep';
import './welcome.css';

function PlanStep({ onFinish }: { onFinish: (go: () => void) => void }) {
  return (
    <div className="welcome-step" data-testid="welcome-plan">
      <p>Last step. Fill your first week the way that suits you; you can always do the others later from the calendar.</p>
      <div className="welcome-choices">
        <button type="button" className="btn btn-primary" data-testid="welcome-plan-week" onClick={() => onFinish(() => navigate('planner'))}>
          Plan your first week
        </button>
        <button type="button" className="btn" data-testid="welcome-import" onClick={() => onFinish(() => navigate('import'))}>
          Import a CSV
        </button>
        <button type="button" className="btn" data-testid="welcome-write" onClick={() => onFinish(startNewPost)}>
          <Icon name="compose" />
          Write your first post
        </button>
      </div>
    </div>
  );
}

/** The first-run path: five short steps, each skippable; the list shows which are done and which skipped. */
export function WelcomeScreen({ param }: { param: string | null }) {
  const settings = useSettings();
  const run = useFirstRun();
  const statuses = useStepStatuses();
  const step: StepId = isStep(param) ? param : nextStep(run);
  const heading = useRef<HTMLHeadingElement>(null);
  const index = STEPS.findIndex((s) => s.id === step);
  const current = STEPS[index]!;

  useEffect(() => heading.current?.focus(), [step]);

  const goNext = () => navigate('welcome', STEPS[index + 1]?.id ?? 'plan');
  const skip = () => void skipStep(settings, step).then(goNext);
  const finish = (go: () => void) => void finishFirstRun(settings).then(go);
  const leave = () => void dismissFirstRun(settings).then(() => navigate('calendar'));

  if (run.state !== 'open') return <WelcomeClosed state={run.state} statuses={statuses} />;

  return (
    <Page
      title="Welcome to Loomcast"
      testId="welcome-screen"
      note="Five short steps to your first scheduled post. Skip any of them; you can come back from “Finish setting up”."
      actions={
        <button type="button" className="btn btn-ghost" data-testid="welcome-dismiss" onClick={leave}>
          Don’t show this again
        </button>
      }
    >
      <div className="welcome">
        <nav aria-label="Setup steps">
          <ol className="welcome-steps">
            {STEPS.map((s, i) => (
              <li key={s.id}>
                <a
                  href={`#/welcome/${s.id}`}
                  className="welcome-step-link"
                  data-testid={`welcome-step-${s.id}`}
                  data-done={statuses[s.id] === 'done' ? 'true' : 'false'}
                  data-status={statuses[s.id]}
                  aria-current={s.id === step ? 'step' : undefined}
                >
                  <StepMark status={statuses[s.id]} number={i + 1} />
                  <span>
                    {s.title}
                    {statuses[s.id] === 'done' ? <span className="visually-hidden"> (done)</span> : null}
                    {statuses[s.id] === 'skipped' && s.later ? (
                      <span className="welcome-step-later" data-testid={`welcome-step-${s.id}-later`}>
                        <span className="visually-hidden">, </span>
                        {s.later.skipped}
                      </span>
                    ) : null}
                  </span>
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <section className="welcome-body" aria-labelledby="welcome-step-title">
          <h2 id="welcome-step-title" ref={heading} tabIndex={-1} data-testid="welcome-step-title">
            Step {index + 1} of {STEPS.length}: {current.title}
          </h2>
          <p className="muted">{current.note}</p>
          {step === 'zone' ? <ZoneStep done={statuses.zone === 'done'} onDone={goNext} onSkip={skip} /> : null}
          {step === 'account' ? <AccountStep onDone={goNext} onSkip={skip} /> : null}
          {step === 'voice' ? <VoiceStep onDone={goNext} onSkip={skip} /> : null}
          {step === 'times' ? <TimesStep onDone={goNext} onSkip={skip} onConnect={() => navigate('welcome', 'account')} /> : null}
          {step === 'plan' ? <PlanStep onFinish={finish} /> : null}
        </section>
      </div>
    </Page>
  );
}
