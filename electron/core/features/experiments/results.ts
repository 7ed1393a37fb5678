/**
 * What an experiment's posts did: each published post's rate at one age after its own publishing
 * (age.ts: from the snapshot history, so a post out three days is not compared with one out four
 * hours; NULL is not reported, never 0), grouped by arm, and the verdict from the statistics with
 * a random stream seeded from the experiment's id, so the same numbers always give the same
 * answer. Posts not that old yet are not counted yet, and the result says so.
 */
import type { ComparisonDto, ExperimentArmDto, PostCountedState, VerdictDto } from '../../../../shared/contract/features/experiments';
import type { Platform } from '../../../../shared/domain/platforms';
import type { Clock } from '../../deps';
import { METRIC_FIELDS, engagementRate, engagements, reach, type MetricValues } from '../../analytics/engagement';
import { seededRandom } from '../../analytics/stats/rng';
import { DEFAULT_LOSS_THRESHOLD, experimentVerdict } from '../../analytics/stats/verdict';
import type { Db } from '../../store/open';
import { ageText, compareAgeMs, readAtAge, type Snapshot } from '../../analytics/age';
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

export interface PostRow {
  post_id: string;
  arm: number;
  slot_key: string;
  target_id: string | null;
  state: string | null;
  scheduled_at: number | null;
  published_at: number | null;
  account_id: string | null;
  handle: string | null;
  platform: Platform | null;
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
  countedOf: Map<string, PostCountedState>;
  comparison: ComparisonDto;
  verdict: VerdictDto;
}

const pct = (x: number) => `${Number((x * 100).toPrecision(2))} %`;

/** The sample-ratio check as shown: what it rests on (`n` posts with numbers), and no p-value before any. */
export function srmOf(srm: { pValue: number; ok: boolean }, postsPerArm: readonly number[]): VerdictDto['srm'] {
  const n = postsPerArm.reduce((s, x) => s + x, 0);
  return { pValue: n > 0 && Number.isFinite(srm.pValue) ? srm.pValue : null, ok: srm.ok, n };
}

/** The stopping rule in words. */
export function ruleText(e: Pick<ExperimentRow, 'stopping' | 'min_posts_per_arm' | 'loss_threshold'>): string {
  if (e.stopping === 'expected_loss') return `expected loss under ${pct(e.loss_threshold ?? DEFAULT_LOSS_THRESHOLD)} (at least ${e.min_posts_per_arm} posts per version)`;
  return `fixed horizon: ${e.min_posts_per_arm} posts per version`;
}

const STANDS = 'The numbers shown have changed since; deciding again on newer numbers would be peeking.';

/**
 * The verdict to show: while running, the one from the newest numbers; once decided or stopped,
 * the recorded state and winner stand. The verdict is worked out again on every read, and were
 * that shown after the decision, looking again until a winner appears would be exactly the
 * peeking a fixed horizon rules out. Only the outcome is recorded, not the evidence, so the newest
 * evidence is shown beside it, and the reason says when it no longer matches the decision.
 */
export function keptVerdict(e: Pick<ExperimentRow, 'state' | 'winner_arm' | 'decided_at'>, live: VerdictDto, arms: readonly Pick<ExperimentArmDto, 'arm' | 'label'>[]): VerdictDto {
  if (e.state === 'running') return live;
  const kept = e.winner_arm;
  // Ended after its decision (Stop on a decided experiment), the decision still stands.
  const stoppedEarly = e.state === 'stopped' && e.decided_at === null;
  // Stopped while collecting is still collecting; decided with no winner is a verdict, not a wait.
  const agrees = live.winner === kept && (kept !== null || live.state !== 'collecting' || stoppedEarly);
  if (agrees) return live;
  if (kept !== null) {
    const label = arms.find((a) => a.arm === kept)?.label ?? 'One version';
    return { ...live, state: 'winner', winner: kept, reason: `${label} was named the winner when the stopping rule was met, and that decision stands. ${STANDS}` };
  }
  const reason = stoppedEarly
    ? 'Stopped before the stopping rule named a winner, so there is none. Numbers that came in since are shown, but they decide nothing.'
    : `The stopping rule was met with no winner, and that decision stands. ${STANDS}`;
  return { ...live, state: 'no_difference', winner: null, reason };
}

/** `locale`: the creator's, for the numbers in the verdict's words (English without one). */
export function createResults(db: Db, clock: Pick<Clock, 'now'>, locale: () => string = () => 'en') {
  const s = {
    arms: db.prepare('SELECT arm, label, text, planned_share FROM experiment_arms WHERE experiment_id = ? ORDER BY arm'),
    // One copy per post (the first, should someone have added another account since).
    posts: db.prepare(`SELECT ep.post_id, ep.arm, ep.slot_key, t.id AS target_id, t.state, t.scheduled_at, t.published_at, t.account_id, a.handle, t.platform
      FROM experiment_posts ep
      LEFT JOIN targets t ON t.rowid = (SELECT min(rowid) FROM targets WHERE post_id = ep.post_id)
      LEFT JOIN accounts a ON a.id = t.account_id
      WHERE ep.experiment_id = ?
      ORDER BY coalesce(t.published_at, t.scheduled_at, 9e15), ep.rowid`),
    // The snapshot history of those same copies (append-only; metric_snapshots_target serves it).
    snapshots: db.prepare(`SELECT s.target_id, s.at, ${METRIC_FIELDS.map((f) => `s.${f}`).join(', ')}
      FROM experiment_posts ep
      JOIN targets t ON t.rowid = (SELECT min(rowid) FROM targets WHERE post_id = ep.post_id)
      JOIN metric_snapshots s ON s.target_id = t.id
      WHERE ep.experiment_id = ? AND t.state = 'published'
      ORDER BY s.target_id, s.at, s.id`),
  };

  const valueOf = (e: ExperimentRow, m: MetricValues): number | null => (e.metric === 'engagement_rate' ? engagementRate(m) : engagements(m).value);

  return {
    arms: (id: string) => s.arms.all(id) as ArmRow[],
    posts: (id: string) => s.posts.all(id) as PostRow[],

    of(e: ExperimentRow): Results & { posts: PostRow[] } {
      const armRows = s.arms.all(e.id) as ArmRow[];
      const posts = s.posts.all(e.id) as PostRow[];
      const history = new Map<string, Snapshot[]>();
      for (const row of s.snapshots.all(e.id) as (Snapshot & { target_id: string })[]) {
        const list = history.get(row.target_id);
        if (list) list.push(row);
        else history.set(row.target_id, [row]);
      }
      const age = compareAgeMs(posts.find((p) => p.platform)?.platform ?? null);
      const now = clock.now();
      const rateOf = new Map<string, number | null>();
      const countedOf = new Map<string, PostCountedState>();
      const data = armRows.map((a) => ({ arm: a.arm, rates: [] as number[], views: [] as number[], successes: 0, trials: 0, plannedShare: a.planned_share, planned: 0, published: 0 }));
      const byArm = new Map(data.map((d) => [d.arm, d]));
      for (const p of posts) {
        const d = byArm.get(p.arm);
        const reading = p.state === 'published' && p.published_at !== null ? readAtAge(history.get(p.target_id!) ?? [], p.published_at, age, now) : null;
        const m = reading?.status === 'counted' ? reading.values : null;
        const v = m ? valueOf(e, m) : null;
        rateOf.set(p.post_id, v);
        // Numbers at that age that don't give the metric (no views reported) count as not reported.
        countedOf.set(p.post_id, !reading ? 'not_out' : reading.status === 'counted' ? (v === null ? 'not_reported' : 'counted') : reading.status);
        if (!d) continue;
        d.planned++;
        if (p.state === 'published') d.published++;
        if (v === null || !m) continue;
        d.rates.push(v);
        // Pooled counts for P(best): engagements over views, where views are reported.
        const views = reach(m).value;
        const eng = engagements(m).value;
        d.views.push(views ?? 0);
        if (e.metric === 'engagement_rate' && views !== null && eng !== null) {
          d.successes += eng;
          d.trials += views;
        }
      }
      const v = experimentVerdict(
        data.map(({ arm, rates, views, successes, trials, plannedShare }) => ({ arm, rates, views, successes, trials, plannedShare })),
        {
          minPostsPerArm: e.min_posts_per_arm,
          stopping: e.stopping,
          ...(e.loss_threshold !== null ? { lossThreshold: e.loss_threshold } : {}),
          random: seededRandom(seedOf(e.id)),
          locale: locale(),
          unit: e.metric === 'engagement_rate' ? 'rate' : 'count',
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
        // Before any post has numbers there are no shares to check: no p-value, rather than a p of 1.
        srm: srmOf(v.srm, v.postsPerArm),
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
      return { arms, rateOf, countedOf, comparison: comparisonOf(age, [...countedOf.values()], arms), verdict, posts };
    },
  };
}

export type ExperimentResults = ReturnType<typeof createResults>;

const posts = (n: number) => `${n} post${n === 1 ? '' : 's'}`;

/** At what age the arms are compared, on how many posts, and which are left out for now and why. */
export function comparisonOf(age: number, states: readonly PostCountedState[], arms: readonly Pick<ExperimentArmDto, 'label' | 'measured'>[]): ComparisonDto {
  const n = (state: PostCountedState) => states.filter((x) => x === state).length;
  const counted = n('counted');
  const [tooYoung, awaiting, missed, notReported] = [n('too_young'), n('awaiting'), n('missed'), n('not_reported')];
  const a = ageText(age);
  const parts = [`Compared at ${a} after each post went out, so no version gains from having been out longer: ${posts(counted)} counted (${arms.map((x) => `${x.label} ${x.measured}`).join(', ')}).`];
  if (tooYoung) parts.push(`${posts(tooYoung)} ${tooYoung === 1 ? 'is' : 'are'} out but not ${a} old yet, so not counted yet.`);
  if (awaiting) parts.push(`${posts(awaiting)} ${awaiting === 1 ? 'is' : 'are'} ${a} old, waiting for the next look at the numbers.`);
  if (missed) parts.push(`${posts(missed)} had no look at the numbers near ${a} (Loomcast may have been closed then), so ${missed === 1 ? 'it is' : 'they are'} left out.`);
  if (notReported) parts.push(`${posts(notReported)} had numbers at ${a} without the counts this compares, so ${notReported === 1 ? 'it is' : 'they are'} left out.`);
  return { ageHours: age / 3_600_000, counted, tooYoung, awaiting, missed, notReported, text: parts.join(' ') };
}
