import { randomUUID } from 'node:crypto';
import type { TargetState } from '../../../../shared/domain/states';
import type { Db } from '../../store/open';

interface SourceTarget {
  id: string;
  platform: string;
  account_id: string | null;
  text_override: string | null;
  state: TargetState;
}

/** Columns of `posts` that belong to one post only; everything else (campaign, template…) is copied. */
const OWN_COLUMNS = new Set(['id', 'created_at', 'updated_at']);

/** A copy is checked again where its source still waits for review or was never meant to go out. */
const copyState = (source: TargetState): TargetState => (source === 'in_review' || source === 'draft' ? source : 'scheduled');

/**
 * Makes a new post that repeats `sourceId`: its current text, media, thread parts and first
 * comment, on the same platforms and accounts, scheduled at `atMs`. Call it inside a transaction.
 * Cancelled copies of the source are not repeated.
 */
export function createPostCopier(db: Db) {
  // Read once: other features may add columns to posts (pillar, voice…) that a copy should keep.
  const postColumns = (db.prepare('SELECT name FROM pragma_table_info(?)').all('posts') as { name: string }[])
    .map((c) => c.name)
    .filter((n) => !OWN_COLUMNS.has(n))
    .map((n) => `"${n.replace(/"/g, '""')}"`);
  const copied = postColumns.length ? `, ${postColumns.join(', ')}` : '';
  const s = {
    post: db.prepare(`INSERT INTO posts (id, created_at, updated_at${copied}) SELECT ?, ?, ?${copied} FROM posts WHERE id = ?`),
    version: db.prepare(`INSERT INTO post_versions (post_id, number, text, source, created_at)
      SELECT ?, 1, text, source, ? FROM post_versions WHERE post_id = ? ORDER BY number DESC LIMIT 1`),
    media: db.prepare('INSERT INTO post_media (post_id, position, media_hash, alt_text) SELECT ?, position, media_hash, alt_text FROM post_media WHERE post_id = ?'),
    targets: db.prepare(`SELECT id, platform, account_id, text_override, state FROM targets WHERE post_id = ? AND state <> 'cancelled' ORDER BY rowid`),
    target: db.prepare(`INSERT INTO targets (id, post_id, platform, account_id, text_override, scheduled_at, zone, state, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    parts: db.prepare('INSERT INTO target_parts (target_id, position, kind, text) SELECT ?, position, kind, text FROM target_parts WHERE target_id = ?'),
  };

  return {
    /** Returns the new post's id, or null when the source has nothing left to repeat. */
    copy(sourceId: string, atMs: number, zone: string, now: number): string | null {
      const targets = s.targets.all(sourceId) as SourceTarget[];
      if (targets.length === 0) return null;
      const id = randomUUID();
      if (s.post.run(id, now, now, sourceId).changes !== 1) return null;
      s.version.run(id, now, sourceId);
      s.media.run(id, sourceId);
      for (const t of targets) {
        const targetId = randomUUID();
        s.target.run(targetId, id, t.platform, t.account_id, t.text_override, atMs, zone, copyState(t.state), now, now);
        s.parts.run(targetId, t.id);
      }
      return id;
    },
  };
}
