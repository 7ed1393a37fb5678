import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { Platform } from '../../../shared/domain/platforms';
import type { TargetState } from '../../../shared/domain/states';
import type { Targets } from './targets';
import type { Db } from '../store/open';
import type { PostMaker } from './made-by';

interface SourceTarget {
  id: string;
  platform: Platform;
  account_id: string | null;
  text_override: string | null;
  state: TargetState;
}

/** Columns of `posts` that belong to one post only; everything else (campaign, template…) is copied. */
const OWN_COLUMNS = new Set(['id', 'created_at', 'updated_at']);
/** Who made a post: a duplicate is made by whoever asked for it, a repeat keeps its origin's. */
const MAKER_COLUMNS = new Set(['created_by', 'created_via']);

/** A copy is checked again where its source still waits for review or was never meant to go out. */
const copyState = (source: TargetState): TargetState => (source === 'in_review' || source === 'draft' ? source : 'scheduled');
/** What a copy is while its parts are copied, before it moves to its own state through the gates. */
const START: TargetState = 'draft';

/**
 * New posts made from an existing one: its current text (and who wrote it), media with their alt
 * text, thread parts, first comment, per-platform texts, campaign, pillar and voice, on the same
 * platforms and accounts. Call its methods inside targets.atomically.
 * - `copy`: a repeat of `sourceId` (evergreen series), scheduled at `atMs`, made by whoever made
 *   the origin; cancelled copies of the source are not repeated.
 * - `duplicate`: a draft without a time, made by `by` (posts:duplicate), for a creator reusing a
 *   post, including one already out.
 */
export function createPostCopier(db: Db, targets: Targets) {
  // Read once: other features may add columns to posts (pillar, voice…) that a copy should keep.
  const quoted = (n: string) => `"${n.replace(/"/g, '""')}"`;
  const names = (db.prepare('SELECT name FROM pragma_table_info(?)').all('posts') as { name: string }[]).map((c) => c.name).filter((n) => !OWN_COLUMNS.has(n));
  const list = (cols: string[]) => (cols.length ? `, ${cols.map(quoted).join(', ')}` : '');
  const copied = list(names);
  const kept = list(names.filter((n) => !MAKER_COLUMNS.has(n)));
  const s = {
    post: db.prepare(`INSERT INTO posts (id, created_at, updated_at${copied}) SELECT ?, ?, ?${copied} FROM posts WHERE id = ?`),
    postBy: db.prepare(`INSERT INTO posts (id, created_at, updated_at, created_by, created_via${kept}) SELECT ?, ?, ?, ?, ?${kept} FROM posts WHERE id = ?`),
    targets: db.prepare('SELECT id, platform, account_id, text_override, state FROM targets WHERE post_id = ? ORDER BY rowid'),
    version: db.prepare(`INSERT INTO post_versions (post_id, number, text, source, created_at, written_by, written_via, parts)
      SELECT ?, 1, text, source, ?, written_by, written_via, parts FROM post_versions WHERE post_id = ? ORDER BY number DESC LIMIT 1`),
    media: db.prepare('INSERT INTO post_media (post_id, position, media_hash, alt_text) SELECT ?, position, media_hash, alt_text FROM post_media WHERE post_id = ?'),
    parts: db.prepare('INSERT INTO target_parts (target_id, position, kind, text) SELECT ?, position, kind, text FROM target_parts WHERE target_id = ?'),
  };

  return {
    /** Returns the new post's id, or null when the source has nothing left to repeat. */
    copy(sourceId: string, atMs: number, zone: string, now: number): string | null {
      const sources = (s.targets.all(sourceId) as SourceTarget[]).filter((t) => t.state !== 'cancelled');
      if (sources.length === 0) return null;
      const id = randomUUID();
      if (s.post.run(id, now, now, sourceId).changes !== 1) return null;
      s.version.run(id, now, sourceId);
      s.media.run(id, sourceId);
      for (const t of sources) {
        const targetId = randomUUID();
        targets.insert({ id: targetId, postId: id, platform: t.platform, accountId: t.account_id, textOverride: t.text_override, scheduledAt: atMs, zone, state: START }, 'created');
        s.parts.run(targetId, t.id);
        const state = copyState(t.state);
        if (state === START) continue;
        try {
          targets.transition([targetId], START, state, 'recurrence.copy');
        } catch (err) {
          // A copy that can't go out as it is (its account needs reconnecting…) waits in Review, saying why.
          if (!(err instanceof AppError) || err.code !== 'gate_failed') throw err;
          targets.transition([targetId], START, 'in_review', 'recurrence.copy', { lastError: err.message });
        }
      }
      return id;
    },

    /**
     * A draft of the same post with no time: every copy but cancelled ones (all of them when every
     * copy was cancelled), each a draft, whatever the source's state. Returns the new post's id,
     * or null when the source is gone.
     */
    duplicate(sourceId: string, now: number, by: PostMaker): string | null {
      const all = s.targets.all(sourceId) as SourceTarget[];
      const live = all.filter((t) => t.state !== 'cancelled');
      const sources = live.length > 0 ? live : all;
      const id = randomUUID();
      if (s.postBy.run(id, now, now, by.actor, by.client, sourceId).changes !== 1) return null;
      s.version.run(id, now, sourceId);
      s.media.run(id, sourceId);
      for (const t of sources) {
        const targetId = randomUUID();
        targets.insert({ id: targetId, postId: id, platform: t.platform, accountId: t.account_id, textOverride: t.text_override, scheduledAt: null, zone: null, state: START }, 'created');
        s.parts.run(targetId, t.id);
      }
      return id;
    },
  };
}
