import { AppError, type PostDto } from '../../../../shared/contract';
import type { ApproveAllDto, HeldPostDto, QueuePlaceDto, ReviewItemDto } from '../../../../shared/contract/features/review';
import type { TargetState } from '../../../../shared/domain/states';
import { rejectionNote } from '../../../../shared/domain/review-note';
import type { FeatureDeps } from '../types';
import { createAgentReview } from '../../posts/agent-review';
import { SUMMARY_SQL } from '../../posts/summary';
import { LIST_SECTION_MAX, LIST_SECTION_STEP } from '../../../../shared/domain/list-sections';

type Deps = Pick<FeatureDeps, 'db' | 'posts' | 'targets' | 'audit' | 'clock'>;

interface Provenance {
  id: string;
  template_name: string | null;
  voice_name: string | null;
  source: ReviewItemDto['versionSource'];
}

/** Each post waiting, since when (its copies' earliest move into review) and when it was made: the queue's order. */
const WAITING = `SELECT r.post_id, r.since, p.created_at
    FROM (SELECT post_id, min(updated_at) AS since FROM targets WHERE state = 'in_review' GROUP BY post_id) r
    JOIN posts p ON p.id = r.post_id`;

/**
 * A page of the review queue, the longest-waiting first: the in-review copies come from
 * targets_state_post (state, post_id, scheduled_at, updated_at; migration 0013) alone, the queue
 * is ordered with each post's creation time (a lookup by id) and cut to :limit before the page's
 * versions, templates and voices are read. Exported for the plan test.
 */
export const REVIEW_WAITING_SQL = `WITH page AS (${WAITING} ORDER BY r.since, p.created_at, p.id LIMIT :limit)
  SELECT p.id, tp.name AS template_name, vo.name AS voice_name, v.source
  FROM page
  JOIN posts p ON p.id = page.post_id
  JOIN post_versions v ON v.post_id = p.id AND v.number = (SELECT max(number) FROM post_versions WHERE post_id = p.id)
  LEFT JOIN templates tp ON tp.id = p.template_id
  LEFT JOIN voices vo ON vo.id = p.voice_id
  ORDER BY page.since, page.created_at, p.id`;

/** How many waiting posts come before :id in the queue's order (0 also when it does not wait). Exported for the plan test. */
export const REVIEW_RANK_SQL = `WITH waiting AS (${WAITING}),
  me AS (SELECT since, created_at, post_id FROM waiting WHERE post_id = :id)
  SELECT count(*) FROM waiting, me WHERE (waiting.since, waiting.created_at, waiting.post_id) < (me.since, me.created_at, me.post_id)`;

const PAST = `since <= :asOf AND (:afterId IS NULL OR (since, created_at, post_id) > (:afterSince, :afterCreated, :afterId))`;

/** "Approve all": the next waiting posts, in the queue's order, that waited at :asOf, after a place in the queue. Exported for the plan test. */
export const REVIEW_NEXT_SQL = `SELECT post_id, since, created_at FROM (${WAITING}) WHERE ${PAST} ORDER BY since, created_at, post_id LIMIT :limit`;

/** How many of those lie past a place in the queue. Exported for the plan test. */
export const REVIEW_LEFT_SQL = `SELECT count(*) FROM (${WAITING}) WHERE ${PAST}`;

/** Refusals that leave one post in Review while "Approve all" goes on with the others. */
const HOLDS = new Set(['gate_failed', 'illegal_transition']);

/** How many posts wait for review: the count the sidebar's badge shows (posts:summary). Exported for the plan test. */
export const REVIEW_TOTAL_SQL = SUMMARY_SQL.review;

/** The review queue: which posts wait for a decision, and the moves between draft, review and the schedule. */
export function createReviewService({ db, posts, targets, audit, clock }: Deps) {
  const stmts = {
    waiting: db.prepare(REVIEW_WAITING_SQL),
    total: db.prepare(REVIEW_TOTAL_SQL).pluck(),
    rank: db.prepare(REVIEW_RANK_SQL).pluck(),
    statesOf: db.prepare('SELECT state FROM targets WHERE post_id = ?'),
    next: db.prepare(REVIEW_NEXT_SQL),
    left: db.prepare(REVIEW_LEFT_SQL).pluck(),
  };

  const mustExist = (ids: string[]) => {
    const found = posts.getMany(ids);
    if (found.length !== ids.length) throw new AppError('not_found', 'One of those posts no longer exists. It may have been deleted in another window.');
  };

  const recordMove = (id: string, action: string, changed: string[], detail: Record<string, unknown>) => {
    const states = (stmts.statesOf.all(id) as { state: TargetState }[]).map((r) => r.state);
    audit.record({ actor: 'user', action, entity: 'post', entityId: id, detail: { ...detail, targets: changed.length, states } });
  };

  /** Applies one move to every post's copies, all or nothing; refuses when none of them had anything to move. */
  const move = (ids: string[], action: string, run: (postId: string) => string[], nothing: string, detail: Record<string, unknown> = {}): PostDto[] => {
    mustExist(ids);
    targets.atomically(() => {
      const moved: string[] = [];
      for (const id of ids) {
        const changed = run(id);
        if (changed.length === 0) continue;
        moved.push(id);
        recordMove(id, action, changed, detail);
      }
      if (moved.length === 0) throw new AppError('conflict', nothing);
    });
    return posts.getMany(ids);
  };
  const agentReview = createAgentReview(db);
  const copiesOf = (postId: string) => targets.ofPost(postId).map((t) => t.id);
  /** A post's copies in review: timed ones are scheduled, the others approved (the gates run on each). */
  const approveCopies = (id: string) =>
    targets.transition(copiesOf(id), 'in_review', (t) => (t.scheduled_at === null ? 'approved' : 'scheduled'), 'review.approve', { lastError: null });

  return {
    /**
     * The first `limit` posts waiting, the longest-waiting first (further, up to `reach` when that
     * post waits past them, within LIST_SECTION_MAX), and how many wait in all.
     */
    list(limit: number = LIST_SECTION_STEP, reach?: string): { items: ReviewItemDto[]; total: number } {
      // One read transaction: the page and the count see the same queue.
      return db.transaction(() => {
        const upTo = reach ? Math.min(LIST_SECTION_MAX, Math.max(limit, (stmts.rank.get({ id: reach }) as number) + 1)) : limit;
        const rows = stmts.waiting.all({ limit: upTo }) as Provenance[];
        const byId = new Map(posts.getMany(rows.map((r) => r.id)).map((p) => [p.id, p]));
        const items = rows.flatMap((r) => {
          const post = byId.get(r.id);
          return post ? [{ post, templateName: r.template_name, voiceName: r.voice_name, versionSource: r.source }] : [];
        });
        return { items, total: stmts.total.get() as number };
      })();
    },

    /** Drafts and scheduled copies go to review; published or publishing ones stay as they are. */
    sendToReview(postIds: string[]): PostDto[] {
      return move(postIds, 'review.send', (id) => targets.transition(copiesOf(id), ['draft', 'scheduled', 'approved'], 'in_review', 'review.send', { lastError: null, nextAttemptAt: null }), 'Only drafts and scheduled posts can be sent to review.');
    },

    approve(postIds: string[]): PostDto[] {
      agentReview.refuse('approve posts');
      // Approval passes the pre-flight gates: a blank left or text over a limit is refused here.
      return move(postIds, 'review.approve', approveCopies, 'Nothing there is waiting for review any more.');
    },

    /**
     * One round of "Approve all": the next `limit` posts that waited at `asOf`, after `after`, each
     * approved on its own (a savepoint each), so a post a gate refuses stays in Review, named with
     * why, and the rest of the round still goes through in one commit.
     */
    approveAll(input: { asOf?: string; after?: QueuePlaceDto; limit?: number } = {}): ApproveAllDto {
      agentReview.refuse('approve posts');
      const asOf = input.asOf ? Date.parse(input.asOf) : clock.now();
      const place = (after: QueuePlaceDto | undefined) => ({
        asOf,
        afterId: after?.postId ?? null,
        afterSince: after ? Date.parse(after.since) : null,
        afterCreated: after ? Date.parse(after.createdAt) : null,
      });
      return targets.atomically(() => {
        const rows = stmts.next.all({ ...place(input.after), limit: input.limit ?? 250 }) as { post_id: string; since: number; created_at: number }[];
        const approved: string[] = [];
        const held: { postId: string; why: string }[] = [];
        for (const { post_id: id } of rows) {
          try {
            const changed = targets.atomically(() => approveCopies(id));
            if (changed.length === 0) continue;
            approved.push(id);
            recordMove(id, 'review.approve', changed, { all: true });
          } catch (err) {
            if (!(err instanceof AppError) || !HOLDS.has(err.code)) throw err;
            held.push({ postId: id, why: err.message });
          }
        }
        const last = rows.at(-1);
        const next = last ? { since: new Date(last.since).toISOString(), createdAt: new Date(last.created_at).toISOString(), postId: last.post_id } : null;
        const left = next ? (stmts.left.get(place(next)) as number) : 0;
        const texts = new Map(posts.getMany(held.map((h) => h.postId)).map((p) => [p.id, p.text]));
        const heldPosts: HeldPostDto[] = held.map((h) => ({ ...h, text: texts.get(h.postId) ?? '' }));
        return { asOf: new Date(asOf).toISOString(), approvedIds: approved, held: heldPosts, next: left > 0 ? next : null, left };
      }, 'immediate');
    },

    reject(postId: string, reason: string): PostDto {
      const [post] = move(
        [postId],
        'review.reject',
        (id) => targets.transition(copiesOf(id), 'in_review', 'draft', 'review.reject', { lastError: rejectionNote(reason) }),
        'That post is not waiting for review any more.',
        { reason },
      );
      return post!;
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
