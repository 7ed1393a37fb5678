import { AppError, type ChannelParsedInput } from '../../../../shared/contract';
import type { ExperimentDto, ExperimentSummaryDto, VariantSetOptionDto, experimentsChannels } from '../../../../shared/contract/features/experiments';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createExperimentMaker } from './create';
import { createResults, keptVerdict, type ExperimentRow } from './results';
import { createRollout } from './rollout';
import { readOnlyNow } from '../../write-hold';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** Copies that have not gone out and may still be called off. */
const WAITING = ['draft', 'in_review', 'approved', 'scheduled', 'missed', 'failed'] as const;

/**
 * A/B/n experiments of variants: made over matched slots with every post through Review, read
 * back as per-arm rates with a verdict that never names a winner before the minimum, stopped,
 * and the winner's words rolled out as new versions that go back through Review.
 */
export function createExperimentsFeature(
  deps: Pick<FeatureDeps, 'db' | 'posts' | 'targets' | 'audit' | 'clock' | 'zone' | 'events'> & { settings?: Pick<FeatureDeps['settings'], 'get'> },
): { handlers: FeatureHandlers<keyof typeof experimentsChannels> } {
  const { db, targets, audit, clock, events } = deps;
  const make = createExperimentMaker(deps);
  // The verdict's words write numbers as the card does, in the creator's locale (Settings).
  const results = createResults(db, clock, () => deps.settings?.get().locale ?? 'en');
  const s = {
    all: db.prepare('SELECT * FROM experiments ORDER BY created_at DESC, id'),
    one: db.prepare('SELECT * FROM experiments WHERE id = ?'),
    decide: db.prepare(`UPDATE experiments SET state = 'decided', winner_arm = ?, decided_at = ? WHERE id = ? AND state = 'running'`),
    stop: db.prepare(`UPDATE experiments SET state = 'stopped' WHERE id = ?`),
    sets: db.prepare('SELECT id, job_id, template_name, created_at FROM variant_sets ORDER BY created_at DESC LIMIT 50'),
    setArms: db.prepare(`SELECT va.arm, va.post_id, va.hook,
        (SELECT text FROM post_versions v WHERE v.post_id = va.post_id ORDER BY number DESC LIMIT 1) AS text
      FROM variant_arms va WHERE va.set_id = ? ORDER BY va.arm`),
  };

  const mustGet = (id: string): ExperimentRow => {
    const e = s.one.get(id) as ExperimentRow | undefined;
    if (!e) throw new AppError('not_found', 'That experiment no longer exists. It may have been deleted in another window.');
    return e;
  };

  /**
   * Reads the results; a running experiment whose rule has spoken is recorded as decided, and
   * from then on the recorded decision is what every read shows (see keptVerdict). While the
   * database is read-only (the data folder's move) the verdict is shown as it stands, and
   * recorded by the first read after.
   */
  const read = (row: ExperimentRow) => {
    const r = results.of(row);
    let e = row;
    if (e.state === 'running' && r.verdict.state !== 'collecting' && !readOnlyNow(db)) {
      s.decide.run(r.verdict.winner, clock.now(), e.id);
      e = mustGet(e.id);
    }
    return { e, r: { ...r, verdict: keptVerdict(e, r.verdict, r.arms) } };
  };

  const summary = (e: ExperimentRow, r: ReturnType<typeof results.of>): ExperimentSummaryDto => ({
    id: e.id,
    name: e.name,
    state: e.state,
    metric: e.metric,
    arms: r.arms.length,
    postsPerArm: e.min_posts_per_arm,
    verdict: r.verdict.state,
    winnerLabel: r.verdict.winner === null ? null : (r.arms.find((a) => a.arm === r.verdict.winner)?.label ?? null),
    campaignId: e.campaign_id,
    createdAt: iso(e.created_at)!,
  });

  const rollout = createRollout(deps, results);

  const detail = (id: string): ExperimentDto => {
    const { e, r } = read(mustGet(id));
    return {
      ...summary(e, r),
      stopping: e.stopping,
      lossThreshold: e.loss_threshold,
      variantSetId: e.variant_set_id,
      mode: r.posts.some((p) => p.slot_key.startsWith('account:')) ? 'accounts' : 'slots',
      armsTable: r.arms,
      posts: r.posts.map((p) => ({
        postId: p.post_id,
        arm: p.arm,
        slot: p.slot_key.startsWith('account:') ? (p.handle ?? 'an account no longer connected') : p.slot_key,
        state: p.state ?? 'cancelled',
        scheduledAt: iso(p.scheduled_at),
        accountId: p.account_id,
        rate: r.rateOf.get(p.post_id) ?? null,
        counted: r.countedOf.get(p.post_id) ?? 'not_out',
      })),
      result: r.verdict,
      comparison: r.comparison,
      rolloutCandidates: rollout.candidates(e),
    };
  };

  const changed = (id: string) => events.emit('experiments:changed', { ids: [id] });

  return {
    handlers: {
      'experiments:list': () => (s.all.all() as ExperimentRow[]).map((row) => {
        const { e, r } = read(row);
        return summary(e, r);
      }),
      'experiments:get': ({ id }) => detail(id),
      'experiments:variantSets': (): VariantSetOptionDto[] =>
        (s.sets.all() as { id: string; job_id: string | null; template_name: string | null; created_at: number }[]).flatMap((set) => {
          const arms = (s.setArms.all(set.id) as { arm: number; post_id: string; hook: string | null; text: string | null }[])
            .filter((a) => a.text !== null)
            .map((a) => ({ arm: a.arm, postId: a.post_id, text: a.text!, hook: a.hook }));
          return arms.length >= 2 ? [{ id: set.id, jobId: set.job_id, templateName: set.template_name, createdAt: iso(set.created_at)!, arms }] : [];
        }),
      'experiments:create': (input) => {
        const id = make(input);
        changed(id);
        return detail(id);
      },
      'experiments:stop': ({ id, keepPosts }: ChannelParsedInput<'experiments:stop'>) => {
        const e = mustGet(id);
        if (e.state === 'stopped') throw new AppError('conflict', 'That experiment is already stopped.');
        targets.atomically(() => {
          s.stop.run(id);
          let cancelled = 0;
          if (!keepPosts) {
            for (const p of results.posts(id)) {
              cancelled += targets.transition(targets.ofPost(p.post_id).map((t) => t.id), WAITING, 'cancelled', 'experiment.stop').length;
            }
          }
          audit.record({ actor: 'user', action: 'experiment.stop', entity: 'experiment', entityId: id, detail: { cancelled } });
        });
        changed(id);
        return detail(id);
      },
      'experiments:rollout': ({ id, postIds }) => {
        // Read first, so a rule that has just spoken is recorded before its winner is used.
        const { e } = read(mustGet(id));
        const out = rollout.run(e, postIds);
        changed(id);
        return out;
      },
    },
  };
}
