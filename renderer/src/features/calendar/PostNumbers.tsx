import { useCallback, useEffect, useState } from 'react';
import type { TargetMetricsStatusDto } from '../../../../shared/contract/features/metrics';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';
import { count } from '../../lib/numbers';
import { numbersLine } from './numbers-line';
import { METRIC_LABELS, REPORTED_METRICS } from '../../../../shared/domain/platform-metrics';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { orList } from '../../../../shared/domain/word-list';
import { ProblemNote } from '../../ui/ProblemNote';
import './post-numbers.css';

/** After "Look again now", how often the panel reads again (a look that finds nothing new sends no event), and for how long. */
const ASKED_POLL_MS = 3_000;
const ASKED_POLL_FOR_MS = 2 * 60_000;

/**
 * A post's numbers and how collecting them stands, for every copy, read from the core (never from
 * a platform) and kept current by metrics:updated. `refresh` asks for a look now; it answers at
 * once and the look happens in the background, within the platforms' own limits.
 */
export function usePostNumbers(postId: string, published: boolean) {
  const [list, setList] = useState<TargetMetricsStatusDto[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [askedAt, setAskedAt] = useState<number | null>(null);
  const load = useCallback(
    () =>
      api.call('metrics:status', { postId }).then(
        (l) => setList(l),
        () => undefined,
      ),
    [postId],
  );
  useEffect(() => {
    if (!published) return;
    void load();
    return api.subscribe('metrics:updated', () => void load());
  }, [published, load]);
  const requested = list?.some((s) => s.refreshRequested) ?? false;
  // Read again while the look asked for is under way; a look held by a rate limit waits for it, so stop after a while.
  useEffect(() => {
    if (askedAt === null || !requested) return;
    const timer = setInterval(() => {
      if (Date.now() - askedAt > ASKED_POLL_FOR_MS) setAskedAt(null);
      else void load();
    }, ASKED_POLL_MS);
    return () => clearInterval(timer);
  }, [askedAt, requested, load]);
  const refresh = async () => {
    setProblem(null);
    try {
      await api.call('metrics:refresh', { postIds: [postId] });
      setAskedAt(Date.now());
      await load();
    } catch (err) {
      setProblem(toProblem(err));
    }
  };
  return { list, asked: askedAt !== null && requested, problem, refresh };
}

/**
 * A published copy's latest numbers and where collecting stands. The numbers its platform reports
 * sit in an even grid, a missing one as "not reported" (never 0, never hidden); those the platform
 * never gives go in one quiet line instead of a row each.
 */
export function TargetNumbers({ status, zone, now }: { status: TargetMetricsStatusDto | undefined; zone: string; now: number }) {
  if (!status) return null;
  const n = status.numbers;
  const reported = REPORTED_METRICS[status.platform];
  // A number the platform gave after all (a newer API) is shown rather than explained away.
  const shown = METRIC_LABELS.filter(([key]) => reported.includes(key) || (n !== null && n[key] !== null));
  const never = METRIC_LABELS.filter(([key]) => !shown.some(([k]) => k === key)).map(([, label]) => label.toLowerCase());
  return (
    <div className="target-numbers-block">
      {n ? (
        <>
          <dl className="target-numbers" data-testid="target-numbers">
            {shown.map(([key, label]) => (
              <div key={key} className="target-number" data-testid={`metric-${key}`} data-reported={n[key] === null ? 'false' : 'true'}>
                <dt>{label}</dt>
                <dd>{n[key] === null ? <span className="muted">not reported</span> : count(n[key])}</dd>
              </div>
            ))}
          </dl>
          {never.length > 0 ? (
            <p className="target-numbers-never" data-testid="metrics-never">
              {/* True whether the platform's API has no such number or Loomcast does not read it (YouTube's shares need its Analytics API). */}
              Loomcast gets no {orList(never)} from {PLATFORM_NAMES[status.platform]}.
            </p>
          ) : null}
        </>
      ) : null}
      <p className="target-numbers-status" data-status={status.refreshRequested ? 'asked' : (status.status ?? 'none')} data-testid="metrics-status">
        {numbersLine(status, zone, now)}
      </p>
    </div>
  );
}

/** "Look again now" for every published copy of the post: queued at once, looked at in the background. */
export function LookAgain({ asked, problem, onLook }: { asked: boolean; problem: Problem | null; onLook: () => void }) {
  return (
    <div className="look-again">
      <button type="button" className="btn btn-small" data-testid="metrics-refresh" disabled={asked} onClick={onLook}>
        {asked ? 'Looking…' : 'Look at its numbers again now'}
      </button>
      {problem ? <ProblemNote problem={problem} testId="metrics-refresh-problem" /> : null}
    </div>
  );
}
