/**
 * The report's experiments: running ones, those decided in the week, and those with posts out in
 * it. Each verdict is read through the experiments feature's own results (the same numbers, rule
 * and kept decision the Experiments screen shows), so it is the experiment's over all its posts,
 * not the week's, and it comes with the posts it rests on per version. Reading only: unlike
 * opening the experiment, the report never records a decision.
 */
import type { WeeklyReportDto } from '../../../../shared/contract/features/reports';
import type { Clock } from '../../deps';
import type { Db } from '../../store/open';
import { createResults, keptVerdict, type ExperimentRow } from '../experiments/results';
import type { Week } from './week';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function weekExperiments(db: Db, clock: Pick<Clock, 'now'>, week: Week): WeeklyReportDto['experiments'] {
  const rows = db
    .prepare(
      `SELECT e.*,
         (SELECT COUNT(DISTINCT ep.post_id) FROM experiment_posts ep JOIN targets t ON t.post_id = ep.post_id
           WHERE ep.experiment_id = e.id AND t.state = 'published' AND t.published_at >= @from AND t.published_at < @to) AS posts_week
       FROM experiments e
       WHERE e.state = 'running' OR (e.decided_at >= @from AND e.decided_at < @to)
         OR EXISTS (SELECT 1 FROM experiment_posts ep JOIN targets t ON t.post_id = ep.post_id
           WHERE ep.experiment_id = e.id AND t.state = 'published' AND t.published_at >= @from AND t.published_at < @to)
       ORDER BY e.created_at, e.id`,
    )
    .all({ from: week.from, to: week.to }) as (ExperimentRow & { posts_week: number })[];
  if (!rows.length) return [];
  const results = createResults(db, clock);
  return rows.map((e) => {
    const r = results.of(e);
    const verdict = keptVerdict(e, r.verdict, r.arms);
    const winner = verdict.state === 'winner' ? verdict.winner : null;
    return {
      id: e.id,
      name: e.name,
      state: e.state,
      verdict: verdict.state,
      winnerArm: winner,
      winnerLabel: winner === null ? null : (r.arms.find((a) => a.arm === winner)?.label ?? null),
      rule: verdict.rule,
      compared: r.arms.reduce((n, a) => n + a.measured, 0),
      versions: r.arms.map((a) => ({ arm: a.arm, label: a.label, published: a.published, compared: a.measured })),
      decidedAt: iso(e.decided_at),
      postsThisWeek: e.posts_week,
    };
  });
}
