import { AppError } from '../../../../shared/contract';
import type { PostUndoDto, undoChannels } from '../../../../shared/contract/features/undo';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { STATE_LABELS } from '../../../../shared/domain/states';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createIdeasRepo, toIdea } from '../ideas/ideas-repo';
import { BIN_DAYS } from '../../posts/post-bin';
import { isoInstant } from '../../posts/iso-instant';
import type { Platform } from '../../../../shared/domain/platforms';
import type { TargetState } from '../../../../shared/domain/states';
import type { DeletedPostDto } from '../../../../shared/contract/features/undo';

const CHANGED = 'The post changed after that, so nothing was undone';
const instant = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** States a post made from an idea may be in for the drop to be taken back: nothing has gone out. */
const TAKE_BACK = new Set(['draft', 'in_review', 'approved', 'scheduled']);

/**
 * Undo for what the creator just did. Every reversal asks the targets owner to move the copies
 * (state machine, gates, events) and runs in one transaction, so it either happens whole or not
 * at all; a post that changed in between is left as it is, with the reason.
 */
export function createUndoFeature(deps: Pick<FeatureDeps, 'audit' | 'clock' | 'db' | 'events' | 'posts' | 'targets'>): { handlers: FeatureHandlers<keyof typeof undoChannels> } {
  const { audit, clock, db, events, posts, targets } = deps;
  const ideas = createIdeasRepo(db);
  // The posts service keeps what it deletes; the copies come back through the targets owner.
  const { bin } = posts;

  /** One post back; called inside the caller's transaction, so a refusal undoes the others too. */
  function undoPost({ id, targets: wanted }: PostUndoDto): void {
    posts.get(id);
    const rows = targets.ofPost(id);
    if (rows.length !== wanted.length || rows.some((r) => !wanted.some((w) => w.id === r.id))) {
      throw new AppError('conflict', `${CHANGED}: copies were added or removed since.`);
    }
    for (const w of wanted) {
      const row = rows.find((r) => r.id === w.id)!;
      if (row.state !== w.now.state || row.scheduled_at !== instant(w.now.scheduledAt)) {
        const where = row.state === w.now.state ? 'has a new time' : `is ${STATE_LABELS[row.state].toLowerCase()} now`;
        throw new AppError('conflict', `${CHANGED}: the ${PLATFORM_NAMES[row.platform]} copy ${where}.`);
      }
    }
    for (const w of wanted) {
      const patch = { scheduledAt: instant(w.before.scheduledAt), zone: w.before.zone, lastError: w.before.lastError, nextAttemptAt: null };
      const moved = targets.transition([w.id], w.now.state, w.before.state, 'post.undo', patch);
      if (moved.length !== 1) throw new AppError('conflict', `${CHANGED}.`);
    }
    audit.record({ actor: 'user', action: 'post.undo', entity: 'post', entityId: id, detail: { targets: wanted.map((w) => ({ id: w.id, from: w.now.state, to: w.before.state })) } });
  }

  return {
    handlers: {
      'posts:undo': ({ posts: list }) => {
        targets.atomically(() => list.forEach(undoPost));
        return posts.getMany(list.map((p) => p.id));
      },

      'posts:deleted': ({ limit }) => {
        const { total, rows } = bin.list(clock.now(), limit);
        const posts: DeletedPostDto[] = rows.map((r) => ({
          id: r.post_id,
          deletedAt: isoInstant(r.deleted_at),
          deletedBy: r.deleted_by as DeletedPostDto['deletedBy'],
          text: r.text,
          copies: r.copies.map(([platform, state, at]) => ({ platform: platform as Platform, state: state as TargetState, scheduledAt: at === null ? null : isoInstant(at) })),
          keptUntil: isoInstant(r.kept_until),
        }));
        return { total, keptDays: BIN_DAYS, posts };
      },

      'posts:restore': ({ ids }) => {
        targets.atomically(() => {
          for (const id of ids) {
            if (!bin.restore(id, clock.now())) throw new AppError('not_found', 'That post is no longer in Recently deleted (deleted posts are kept for 30 days), so nothing was brought back.');
            targets.touched(id, 'created');
            audit.record({ actor: 'user', action: 'post.restore', entity: 'post', entityId: id, ...(ids.length > 1 ? { detail: { many: ids.length } } : {}) });
          }
        });
        return posts.getMany(ids);
      },

      'posts:forget': (input) => {
        const count = targets.atomically(() => bin.forget('all' in input ? 'all' : input.ids));
        audit.record({ actor: 'user', action: 'post.forget', entity: 'post', entityId: null, detail: 'all' in input ? { all: true, count } : { ids: input.ids.slice(0, 50), count } });
        return { count };
      },

      'ideas:undoToPost': ({ id, postId, usedAt }) => {
        targets.atomically(() => {
          const idea = ideas.get(id);
          if (!idea) throw new AppError('not_found', 'That idea no longer exists. It may have been deleted in another window.');
          if (idea.post_id !== postId) throw new AppError('conflict', 'That idea is no longer linked to this post, so nothing was undone.');
          const post = posts.get(postId);
          if (post.version !== 1) throw new AppError('conflict', 'The post was edited after it was made, so it was kept. Delete it from the calendar if you no longer want it.');
          const out = post.targets.find((t) => !TAKE_BACK.has(t.state));
          if (out) throw new AppError('conflict', `The ${PLATFORM_NAMES[out.platform]} copy is ${STATE_LABELS[out.state].toLowerCase()}, so the post was kept.`);
          // The link goes first: the idea must not point at a post that no longer exists.
          ideas.unuse(id, instant(usedAt), clock.now());
          posts.delete(postId, { keep: false });
          audit.record({ actor: 'user', action: 'idea.undo_to_post', entity: 'idea', entityId: id, detail: { postId } });
        });
        events.emit('ideas:changed', { ids: [id], reason: 'updated' });
        return toIdea(ideas.get(id)!);
      },
    },
  };
}
