/**
 * "Roll out the winner": the winning arm's words become a new version of each chosen post (by
 * default the campaign's posts that have not gone out, outside the experiment), and every copy
 * of those posts goes back to Review. The move is the targets owner's, the new version the posts
 * owner's; nothing is written around them. A post that already has the winner's words is left
 * alone, so rolling out again never sends an approved copy back to Review.
 */
import { AppError } from '../../../../shared/contract';
import type { FeatureDeps } from '../types';
import type { ExperimentResults, ExperimentRow } from './results';

/** Copies that are on their way but not out: a new text sends them back to Review. */
const QUEUED = ['draft', 'approved', 'scheduled', 'missed', 'failed'] as const;

export function createRollout({ db, posts, targets, audit }: Pick<FeatureDeps, 'db' | 'posts' | 'targets' | 'audit'>, results: ExperimentResults) {
  const s = {
    // Posts of the campaign with something still to go out and nothing out or on its way, outside
    // every experiment: another experiment's posts carry the versions it tests.
    campaign: db.prepare(`SELECT p.id, (SELECT text FROM post_versions v WHERE v.post_id = p.id ORDER BY number DESC LIMIT 1) AS text
      FROM posts p
      WHERE p.campaign_id = ?
        AND NOT EXISTS (SELECT 1 FROM experiment_posts ep WHERE ep.post_id = p.id)
        AND EXISTS (SELECT 1 FROM targets t WHERE t.post_id = p.id AND t.state IN ('draft','in_review','approved','scheduled','missed','failed'))
        AND NOT EXISTS (SELECT 1 FROM targets t WHERE t.post_id = p.id AND t.state IN ('publishing','published','unconfirmed'))
      ORDER BY p.created_at, p.id`),
    experimentOf: db.prepare('SELECT e.id, e.name FROM experiment_posts ep JOIN experiments e ON e.id = ep.experiment_id WHERE ep.post_id = ?'),
  };

  const campaignPosts = (e: ExperimentRow): { postId: string; text: string }[] =>
    e.campaign_id ? (s.campaign.all(e.campaign_id) as { id: string; text: string }[]).map((r) => ({ postId: r.id, text: r.text })) : [];
  const winnerText = (e: ExperimentRow): string | null =>
    e.winner_arm === null ? null : (results.arms(e.id).find((a) => a.arm === e.winner_arm)?.text ?? null);

  return {
    /** The campaign's waiting posts that do not have the winner's words yet. */
    candidates(e: ExperimentRow): { postId: string; text: string }[] {
      const words = winnerText(e);
      return campaignPosts(e).filter((c) => c.text !== words);
    },

    /** `postIds`: given the winner's words and sent back to Review; `unchanged`: already had them, left as they were. */
    run(e: ExperimentRow, chosen: string[] | undefined): { postIds: string[]; unchanged: string[] } {
      // Only the recorded winner: a verdict worked out again from newer numbers is a peek.
      const winner = e.winner_arm;
      if (winner === null) {
        throw new AppError('conflict', e.state === 'running'
          ? 'This experiment has no winner yet, so there is nothing to roll out.'
          : 'This experiment ended without a winner, so there is nothing to roll out.');
      }
      const arm = results.arms(e.id).find((a) => a.arm === winner);
      if (!arm) throw new AppError('not_found', 'The winning version is no longer there.');
      const ids = chosen ?? campaignPosts(e).map((c) => c.postId);
      const moved: string[] = [];
      const unchanged: string[] = [];
      if (ids.length === 0) {
        throw new AppError('invalid_input', e.campaign_id ? 'None of the campaign’s posts is still waiting to go out. Pick the posts to roll out to.' : 'Pick the posts to roll out to: this experiment has no campaign.');
      }
      targets.atomically(() => {
        for (const id of ids) {
          const tested = s.experimentOf.get(id) as { id: string; name: string } | undefined;
          if (tested?.id === e.id) throw new AppError('invalid_input', 'That post is one of the experiment’s own; pick posts outside it.');
          // New words on another experiment's post would leave that experiment comparing the wrong texts.
          if (tested) throw new AppError('invalid_input', `That post is a version in the experiment “${tested.name}”: its words are what that experiment tests. Pick posts outside any experiment.`);
          const post = posts.get(id);
          const copies = targets.ofPost(id);
          if (copies.some((t) => t.state === 'publishing' || t.state === 'published' || t.state === 'unconfirmed')) {
            throw new AppError('conflict', 'One of those posts has already gone out, so its words can’t change. Duplicate it to reuse it.');
          }
          // Already the winner's words: nothing new to look at, so an approval stands.
          if (post.text === arm.text) {
            unchanged.push(id);
            continue;
          }
          // Back to Review first, so the new words are looked at before anything goes out.
          targets.transition(copies.map((t) => t.id), [...QUEUED], 'in_review', 'experiment.rollout', { lastError: null, nextAttemptAt: null });
          posts.update({ id, text: arm.text, override: true });
          moved.push(id);
        }
        audit.record({ actor: 'user', action: 'experiment.rollout', entity: 'experiment', entityId: e.id, detail: { arm: winner, posts: moved.length, unchanged: unchanged.length } });
      });
      return { postIds: moved, unchanged };
    },
  };
}
