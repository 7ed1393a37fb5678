/**
 * What an experiment's posts did: each published post's rate from its latest numbers
 * (metric_latest; NULL is not reported, never 0), grouped by arm, and the verdict from the
 * statistics with a random stream seeded from the experiment's id, so the same numbers always
 * give the same answer.
 */
import type { ExperimentArmDto, VerdictDto } from '../../../../shared/contract/features/experiments';
import { engagementRate, engagements, reach, type MetricValues } from '../../analytics/engagement';
import { seededRandom } from '../../analytics/stats/rng';
import { DEFAULT_LOSS_THRESHOLD, experimentVerdict } from '../../analytics/stats/verdict';
import type { Db } from '../../store/open';
import { seedOf } from './assign';

export interface ExperimentRow {
  id: string;
  name: string;
  variant_set_id: string | null;
  campaign_id: string | null;
  metric: 'engagement_rate' | 'engagements';
  min_posts_per_arm: number;
  stopping: 'fixed_horizon' | 'expected_loss';
  loss_threshold: number | null;
  state: 'running' | 'stopped' | 'decided';
  winner_arm: number | null;
  created_at: number;
  decided_at: number | null;
}

export interface PostRow extends MetricValues {
  post_id: string;
  arm: number;
  slot_key: string;
  target_id: string | null;
  state: string | null;
  scheduled_at: number | null;
  published_at: number | null;
  account_id: string | null;
  handle: string | null;
  measured_at: number | null;
}

export interface ArmRow {
  arm: number;
  label: string;
  text: string;
  planned_share: number;
}

export interface Results {
  arms: ExperimentArmDto[];
  rateOf: Map<string, number | null>;
  verdict: VerdictDto;
}

const pct = (x: number) => `${Number((x * 100).toPrecision(2))} %`;

/** The stopping rule in words. */
export function ruleText(e: Pick<ExperimentRow, 'stopping' | 'min_posts_per_arm' | 'loss_threshold'>): string {
  if (e.stopping === 'expected_loss') return `expected loss under ${pct(e.loss_threshold ?? DEFAULT_LOSS_THRESHOLD)} (at least ${e.min_posts_per_arm} posts per arm)`;
  return `fixed horizon: ${e.min_posts_per_arm} posts per arm`;
}

const STANDS = 'The numbers shown have changed since; deciding again on newer numbers would be peeking.';

/**
 * The verdict to show: while running, the one from the newest numbers; once decided or stopped,
 * the recorded state and winner stand. The verdict is worked out again on every read, and were
 * that shown after the decision, looking again until a winner appears would be exactly the
 * peeking a fixed horizon rules out. Only the outcome is recorded, not the evidence, so the newest
 * evidence is shown beside it, and the reason says when it no longer matches the decision.
 */
export function keptVerdict(e: Pick<ExperimentRow, 'state' | 'winner_arm'>, live: VerdictDto, arms: readonly Pick<ExperimentArmDto, 'arm' | 'label'>[]): VerdictDto {
  if (e.state === 'running') return live;
  const kept = e.winner_arm;
  // Stopped while collecting is still collecting; decided with no winner is a verdict, not a wait.
  const agrees = live.winner === kept && (kept !== null || live.state !== 'collecting' || e.state === 'stopped');
  if (agrees) return live;
  if (kept !== null) {
    const label = arms.find((a) => a.arm === kept)?.label ?? 'One version';
    return { ...live, state: 'winner', winner: kept, reason: `${label} was named the winner when the stopping rule was met, and that decision stands. ${STANDS}` };
  }
  const reason = e.state === 'stopped'
    ? 'Stopped before the stopping rule named a winner, so there is none. Numbers that came in since are shown, but they decide nothing.'
    : `The stopping rule was met with no winner, and that decision stands. ${STANDS}`;
  return { ...live, state: 'no_difference', winner: null, reason };
}

export function createResults(db: Db) {
  const s = {
    arms: db.prepare('SELECT arm, label, text, planned_share FROM experiment_arms WHERE experiment_id = ? ORDER BY arm'),
    // One copy per post (the first, should someone have added another account since).
    posts: db.prepare(`SELECT ep.post_id, ep.arm, ep.slot_key, t.id AS target_id, t.state, t.scheduled_at, t.published_at, t.account_id, a.handle,
        ml.at AS measured_at, ml.impressions, ml.views, ml.likes, ml.replies, ml.reposts, ml.quotes, ml.shares, ml.saves
      FROM experiment_posts ep
      LEFT JOIN targets t ON t.rowid = (SELECT min(rowid) FROM targets WHERE post_id = ep.post_id)
      LEFT JOIN accounts a ON a.id = t.account_id
      LEFT JOIN metric_latest ml ON ml.target_id = t.id AND t.state = 'published'
      WHERE ep.experiment_id = ?
      ORDER BY coalesce(t.published_at, t.scheduled_at, 9e15), ep.rowid`),
  };

  const valueOf = (e: ExperimentRow, p: PostRow): number | null => {
    if (p.state !== 'published' || p.measured_at === null) return null;
    return e.metric === 'engagement_rate' ? engagementRate(p) : engagements(p).value;
  };

  return {
    arms: (id: string) => s.arms.all(id) as ArmRow[],
    posts: (id: string) => s.posts.all(id) as PostRow[],

    of(e: ExperimentRow): Results & { posts: PostRow[] } {
      const armRows = s.arms.all(e.id) as ArmRow[];
      const posts = s.posts.all(e.id) as PostRow[];
      const rateOf = new Map<string, number | null>();
      const data = armRows.map((a) => ({ arm: a.arm, rates: [] as number[], successes: 0, trials: 0, plannedShare: a.planned_share, planned: 0, published: 0 }));
      const byArm = new Map(data.map((d) => [d.arm, d]));
      for (const p of posts) {
        const d = byArm.get(p.arm);
        const v = valueOf(e, p);
        rateOf.set(p.post_id, v);
        if (!d) continue;
        d.planned++;
        if (p.state === 'published') d.published++;
        if (v === null) continue;
        d.rates.push(v);
        // Pooled counts for P(best): engagements over views, where views are reported.
        const views = reach(p).value;
        const eng = engagements(p).value;
        if (e.metric === 'engagement_rate' && views !== null && eng !== null) {
          d.successes += eng;
          d.trials += views;
        }
      }
      const v = experimentVerdict(
        data.map(({ arm, rates, successes, trials, plannedShare }) => ({ arm, rates, successes, trials, plannedShare })),
        {
          minPostsPerArm: e.min_posts_per_arm,
          stopping: e.stopping,
          ...(e.loss_threshold !== null ? { lossThreshold: e.loss_threshold } : {}),
          random: seededRandom(seedOf(e.id)),
        },
      );
      // Without views there are no pooled counts, so P(best) would say nothing.
      const counted = e.metric === 'engagement_rate';
      const verdict: VerdictDto = {
        state: v.state,
        winner: v.winner,
        pValue: v.pValue,
        difference: v.difference ? { estimate: v.difference.estimate, low: v.difference.low, high: v.difference.high } : null,
        pBest: counted ? v.pBest : null,
        expectedLoss: counted ? v.expectedLoss : null,
        srm: { pValue: Number.isFinite(v.srm.pValue) ? v.srm.pValue : null, ok: v.srm.ok },
        rule: ruleText(e),
        reason: v.reason,
      };
      const arms: ExperimentArmDto[] = armRows.map((a) => {
        const d = byArm.get(a.arm)!;
        return {
          arm: a.arm,
          label: a.label,
          text: a.text,
          plannedShare: a.planned_share,
          planned: d.planned,
          published: d.published,
          measured: d.rates.length,
          rates: d.rates,
          mean: d.rates.length ? d.rates.reduce((x, y) => x + y, 0) / d.rates.length : null,
        };
      });
      return { arms, rateOf, verdict, posts };
    },
  };
}

export type ExperimentResults = ReturnType<typeof createResults>;
