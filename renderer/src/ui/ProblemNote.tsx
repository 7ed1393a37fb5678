import type { Problem } from '../lib/errors';
import { Icon } from './Icon';

/** An error in the creator's words; the core's or platform's own words stay under "Details". */
export function ProblemNote({ problem, testId }: { problem: Problem; testId?: string }) {
  return (
    <div className="problem" role="alert" data-testid={testId}>
      <Icon name="alert" size={16} />
      <div>
        <p>{problem.message}</p>
        {problem.details ? (
          <details>
            <summary>Details</summary>
            <pre>{problem.details}</pre>
          </details>
        ) : null}
      </div>
    </div>
  );
}
