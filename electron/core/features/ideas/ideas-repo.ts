import type { IdeaDto } from '../../../../shared/contract/features/ideas';
import type { Db } from '../../store/open';

export interface IdeaRow {
  id: string;
  text: string;
  link: string | null;
  tags: string;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
  post_id: string | null;
  used_at: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function toIdea(row: IdeaRow): IdeaDto {
  return {
    id: row.id,
    text: row.text,
    link: row.link,
    tags: JSON.parse(row.tags) as string[],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    archivedAt: row.archived_at === null ? null : iso(row.archived_at),
    postId: row.post_id,
    usedAt: row.used_at === null ? null : iso(row.used_at),
  };
}

/** SQL for the idea bank. Rules (what may change when) live in the feature's index.ts and to-post.ts. */
export function createIdeasRepo(db: Db) {
  const stmts = {
    insert: db.prepare('INSERT INTO ideas (id, text, link, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    get: db.prepare('SELECT * FROM ideas WHERE id = ?'),
    // rowid breaks ties between ideas captured in the same millisecond: the later one first.
    active: db.prepare('SELECT * FROM ideas WHERE archived_at IS NULL ORDER BY created_at DESC, rowid DESC'),
    all: db.prepare('SELECT * FROM ideas ORDER BY archived_at IS NOT NULL, created_at DESC, rowid DESC'),
    update: db.prepare('UPDATE ideas SET text = ?, link = ?, tags = ?, updated_at = ? WHERE id = ?'),
    archive: db.prepare('UPDATE ideas SET archived_at = ?, updated_at = ? WHERE id = ?'),
    markUsed: db.prepare('UPDATE ideas SET post_id = ?, used_at = ?, updated_at = ? WHERE id = ?'),
    unuse: db.prepare('UPDATE ideas SET post_id = NULL, used_at = ?, updated_at = ? WHERE id = ?'),
    delete: db.prepare('DELETE FROM ideas WHERE id = ?'),
    postExists: db.prepare('SELECT 1 FROM posts WHERE id = ?'),
  };

  return {
    insert(row: { id: string; text: string; link: string | null; tags: string[] }, now: number): void {
      stmts.insert.run(row.id, row.text, row.link, JSON.stringify(row.tags), now, now);
    },
    get(id: string): IdeaRow | undefined {
      return stmts.get.get(id) as IdeaRow | undefined;
    },
    list(includeArchived: boolean): IdeaRow[] {
      return (includeArchived ? stmts.all : stmts.active).all() as IdeaRow[];
    },
    update(id: string, fields: { text: string; link: string | null; tags: string[] }, now: number): void {
      stmts.update.run(fields.text, fields.link, JSON.stringify(fields.tags), now, id);
    },
    setArchived(id: string, archivedAt: number | null, now: number): void {
      stmts.archive.run(archivedAt, now, id);
    },
    markUsed(id: string, postId: string, now: number): void {
      stmts.markUsed.run(postId, now, now, id);
    },
    /** Takes back markUsed (Undo): no post, and the last use as it was before. */
    unuse(id: string, usedAt: number | null, now: number): void {
      stmts.unuse.run(usedAt, now, id);
    },
    delete(id: string): void {
      stmts.delete.run(id);
    },
    postExists(id: string): boolean {
      return stmts.postExists.get(id) !== undefined;
    },
  };
}

export type IdeasRepo = ReturnType<typeof createIdeasRepo>;
