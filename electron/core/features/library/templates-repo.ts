import type { TemplateCategory } from '../../../../shared/contract/features/library';
import type { Db } from '../../store/open';

export interface TemplateRow {
  id: string;
  name: string;
  category: TemplateCategory;
  description: string;
  body: string;
  builtin: 0 | 1;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  use_count: number;
}

const SELECT = `SELECT t.id, t.name, t.category, t.description, t.body, t.builtin, t.created_at, t.updated_at, t.deleted_at,
  (SELECT count(*) FROM posts p WHERE p.template_id = t.id) AS use_count
  FROM templates t`;

// The library reads as the menu a creator works down: openers first, sign-offs last.
const CATEGORY_ORDER = `CASE t.category WHEN 'hook' THEN 1 WHEN 'video_script' THEN 2 WHEN 'cta' THEN 3 WHEN 'thread' THEN 4 ELSE 5 END`;

/**
 * A creator's words as an FTS5 query: every word must match, each as a prefix ("scrol" finds
 * "scrolling"), and nothing they type can be read as FTS syntax. Null when there are no words.
 */
export function ftsQuery(query: string): string | null {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((w) => `"${w}"*`)
    .join(' ');
}

/** SQL for templates and their search index (kept in step by the triggers of 0004_library). */
export function createTemplatesRepo(db: Db) {
  const stmts = {
    get: db.prepare(`${SELECT} WHERE t.id = ?`),
    browse: db.prepare(`${SELECT} WHERE t.deleted_at IS NULL AND (@category IS NULL OR t.category = @category)
      ORDER BY ${CATEGORY_ORDER}, t.builtin, t.name COLLATE NOCASE`),
    // bm25 weights follow the columns: id (unindexed), name, category words, description, body.
    search: db.prepare(`${SELECT} JOIN (
        SELECT template_id, bm25(templates_fts, 0, 10, 4, 2, 1) AS rank FROM templates_fts WHERE templates_fts MATCH @match
      ) f ON f.template_id = t.id
      WHERE t.deleted_at IS NULL AND (@category IS NULL OR t.category = @category)
      ORDER BY f.rank, t.name COLLATE NOCASE`),
    insert: db.prepare(`INSERT INTO templates (id, name, category, description, body, builtin, created_at, updated_at)
      VALUES (@id, @name, @category, @description, @body, 0, @now, @now)`),
    update: db.prepare(`UPDATE templates SET name = @name, category = @category, description = @description, body = @body, updated_at = @now
      WHERE id = @id AND builtin = 0 AND deleted_at IS NULL`),
    softDelete: db.prepare('UPDATE templates SET deleted_at = ?, updated_at = ? WHERE id = ? AND builtin = 0 AND deleted_at IS NULL'),
  };

  return {
    get(id: string): TemplateRow | null {
      return (stmts.get.get(id) as TemplateRow | undefined) ?? null;
    },
    list(filter: { query?: string | undefined; category?: TemplateCategory | undefined }): TemplateRow[] {
      const category = filter.category ?? null;
      const match = filter.query ? ftsQuery(filter.query) : null;
      return (match ? stmts.search.all({ match, category }) : stmts.browse.all({ category })) as TemplateRow[];
    },
    insert(t: { id: string; name: string; category: TemplateCategory; description: string; body: string }, now: number): void {
      stmts.insert.run({ ...t, now });
    },
    update(t: { id: string; name: string; category: TemplateCategory; description: string; body: string }, now: number): boolean {
      return stmts.update.run({ ...t, now }).changes === 1;
    },
    softDelete(id: string, now: number): boolean {
      return stmts.softDelete.run(now, now, id).changes === 1;
    },
  };
}

export type TemplatesRepo = ReturnType<typeof createTemplatesRepo>;
