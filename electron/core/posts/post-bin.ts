import type { Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/contract';
import type { Db } from '../store/open';
import { insertStoredRow, quotedName as q, rowFromJson, rowToJson, type StoredRow } from '../store/row-copy';

/** How long a deleted post can be brought back. */
export const BIN_DAYS = 30;

/**
 * The media files the posts in the bin use: their post_media rows as kept (JSON, table by table,
 * see `snapshot` below). Read by the media sweep, here and in each kept backup, since a post
 * brought back needs its files.
 */
export const BIN_MEDIA_SQL = `SELECT DISTINCT json_extract(r.value, '$.media_hash') FROM deleted_posts d, json_each(d.rows, '$.tables') t, json_each(t.value, '$[1]') r
  WHERE json_extract(t.value, '$[0]') = 'post_media'`;
const DAY_MS = 86_400_000;

interface Fk {
  parent: string;
  from: string[];
  to: string[];
  onDelete: string;
}

interface TableNode {
  table: string;
  /** Its foreign keys whose parent goes with a post and cascades: how its rows are found. */
  via: Fk[];
  rowid: boolean;
}

/** A row elsewhere whose reference to a deleted row was set to NULL: put back on restore. */
interface NulledRef {
  table: string;
  /** The row, by its primary key (or rowid). */
  key: StoredRow;
  set: StoredRow;
}

/** What the bin keeps of one post: its rows table by table, parents first, and nulled references. */
interface Kept {
  tables: [table: string, rows: StoredRow[]][];
  nulled: NulledRef[];
}

function foreignKeys(db: Db, table: string): Fk[] {
  const rows = db.pragma(`foreign_key_list(${q(table)})`) as { id: number; seq: number; table: string; from: string; to: string | null; on_delete: string }[];
  const byId = new Map<number, typeof rows>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  return [...byId.values()].map((list) => {
    const sorted = list.sort((a, b) => a.seq - b.seq);
    const parent = sorted[0]!.table;
    const to = sorted.every((r) => r.to !== null) ? sorted.map((r) => r.to!) : primaryKey(db, parent);
    return { parent, from: sorted.map((r) => r.from), to, onDelete: sorted[0]!.on_delete.toUpperCase() };
  });
}

function primaryKey(db: Db, table: string): string[] {
  const cols = db.pragma(`table_info(${q(table)})`) as { name: string; pk: number }[];
  return cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}

/**
 * The tables whose rows go with a post when it is deleted, read from the schema's foreign keys
 * (ON DELETE CASCADE, from posts down), parents before children; and the references set to NULL
 * by the delete. Read from the schema rather than listed by hand, so a table added by a later
 * migration is kept and brought back too.
 */
export function postGraph(db: Db): { order: TableNode[]; nulling: { table: string; fk: Fk; key: string[] }[] } {
  const tables = (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`).all() as { name: string; sql: string }[]).map(
    (t) => ({ ...t, fks: foreignKeys(db, t.name) }),
  );
  const member = new Set(['posts']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of tables) {
      if (!member.has(t.name) && t.fks.some((fk) => fk.onDelete === 'CASCADE' && member.has(fk.parent))) {
        member.add(t.name);
        grew = true;
      }
    }
  }
  const order: TableNode[] = [];
  const placed = new Set<string>();
  const pending = tables.filter((t) => member.has(t.name));
  while (pending.length > 0) {
    const i = pending.findIndex((t) => t.fks.every((fk) => fk.onDelete !== 'CASCADE' || !member.has(fk.parent) || fk.parent === t.name || placed.has(fk.parent)));
    if (i < 0) throw new Error(`The tables that go with a post reference each other in a cycle: ${pending.map((t) => t.name).join(', ')}`);
    const [t] = pending.splice(i, 1);
    placed.add(t!.name);
    const rowid = !/WITHOUT\s+ROWID/i.test(t!.sql);
    order.push({ table: t!.name, via: t!.fks.filter((fk) => fk.onDelete === 'CASCADE' && member.has(fk.parent) && fk.parent !== t!.name), rowid });
  }
  const nulling = tables.flatMap((t) =>
    t.fks.filter((fk) => fk.onDelete === 'SET NULL' && member.has(fk.parent)).map((fk) => ({ table: t.name, fk, key: /WITHOUT\s+ROWID/i.test(t.sql) ? primaryKey(db, t.name) : ['rowid'] })),
  );
  return { order, nulling };
}

const matching = (fk: Fk) =>
  fk.from.length === 1
    ? `${q(fk.from[0]!)} IN (SELECT value FROM json_each(?))`
    : `(${fk.from.map(q).join(', ')}) IN (SELECT ${fk.from.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ')} FROM json_each(?))`;
const selectRows = (node: TableNode) => `SELECT ${node.rowid ? 'rowid AS "__rowid", ' : ''}* FROM ${q(node.table)} WHERE `;
const selectNulled = (n: { table: string; fk: Fk; key: string[] }) =>
  `SELECT ${n.key.map((k) => (k === 'rowid' ? 'rowid AS "rowid"' : q(k))).join(', ')}, ${n.fk.from.map(q).join(', ')} FROM ${q(n.table)} WHERE ${matching(n.fk)}`;

/**
 * Every read a delete makes to keep a post (one per table that goes with it, and per reference
 * it nulls): tests/integration/query-plans-posts.test.ts checks that each seeks an index, since
 * a delete of 1,000 posts runs each of them 1,000 times over tables of any size.
 */
export function binReads(db: Db): string[] {
  const graph = postGraph(db);
  return [
    ...graph.order.flatMap((node) => (node.table === 'posts' ? [`${selectRows(node)}id = ?`] : node.via.map((fk) => `${selectRows(node)}${matching(fk)}`))),
    ...graph.nulling.map(selectNulled),
  ];
}

const keysOf = (rows: StoredRow[], cols: string[]) => JSON.stringify(rows.map((r) => (cols.length === 1 ? r[cols[0]!] : cols.map((c) => r[c]))));

/**
 * The bin: a deleted post kept whole for BIN_DAYS days, to be brought back as it was. `keep` runs
 * inside the delete's transaction, before the rows go; `restore` puts them back in one transaction
 * through `putTarget` for the copies (the targets owner writes them), and replays what the schema
 * would have done meanwhile: a row whose parent is gone since (an account, a campaign, an
 * experiment) loses the reference (SET NULL) or stays out (CASCADE), as a delete of that parent
 * would have done to it.
 */
export function createPostBin(db: Db, putTarget: (row: StoredRow) => void) {
  // Read from the schema on the first delete, not at start-up.
  let known: ReturnType<typeof postGraph> | null = null;
  const graphOf = () => (known ??= postGraph(db));
  const selects = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let s = selects.get(sql);
    if (!s) selects.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const s = {
    put: db.prepare(`INSERT OR REPLACE INTO deleted_posts (post_id, deleted_at, deleted_by, text, copies, rows) VALUES (?, ?, ?, ?, ?, ?)`),
    get: db.prepare(`SELECT post_id, rows FROM deleted_posts WHERE post_id = ? AND deleted_at >= ?`),
    forget: db.prepare(`DELETE FROM deleted_posts WHERE post_id = ?`),
    forgetAll: db.prepare(`DELETE FROM deleted_posts`),
    purge: db.prepare(`DELETE FROM deleted_posts WHERE deleted_at < ?`),
    list: db.prepare(`SELECT post_id, deleted_at, deleted_by, text, copies FROM deleted_posts WHERE deleted_at >= ? ORDER BY deleted_at DESC, post_id LIMIT ?`),
    count: db.prepare(`SELECT count(*) FROM deleted_posts WHERE deleted_at >= ?`).pluck(),
    postExists: db.prepare(`SELECT 1 FROM posts WHERE id = ?`).pluck(),
    text: db.prepare(`SELECT text FROM post_versions WHERE post_id = ? ORDER BY number DESC LIMIT 1`).pluck(),
  };

  function snapshot(postId: string): Kept {
    const rows = new Map<string, StoredRow[]>();
    const graph = graphOf();
    for (const node of graph.order) {
      const found = new Map<unknown, StoredRow>();
      if (node.table === 'posts') {
        for (const r of prepared(`${selectRows(node)}id = ?`).all(postId) as StoredRow[]) found.set(r.__rowid ?? JSON.stringify(r), r);
      }
      for (const fk of node.via) {
        const parents = rows.get(fk.parent) ?? [];
        if (parents.length === 0) continue;
        for (const r of prepared(`${selectRows(node)}${matching(fk)}`).all(keysOf(parents, fk.to)) as StoredRow[]) found.set(r.__rowid ?? JSON.stringify(r), r);
      }
      // In the order they were written, so a post's copies come back in theirs.
      const list = [...found.values()].sort((a, b) => Number(a.__rowid ?? 0) - Number(b.__rowid ?? 0));
      for (const r of list) delete r.__rowid;
      if (list.length > 0) rows.set(node.table, list);
    }
    const nulled: NulledRef[] = [];
    for (const n of graph.nulling) {
      const parents = rows.get(n.fk.parent) ?? [];
      if (parents.length === 0) continue;
      const refs = prepared(selectNulled(n)).all(keysOf(parents, n.fk.to)) as StoredRow[];
      for (const r of refs) {
        nulled.push({ table: n.table, key: Object.fromEntries(n.key.map((k) => [k, r[k]])), set: Object.fromEntries(n.fk.from.map((c) => [c, r[c]])) });
      }
    }
    return { tables: [...rows].map(([t, list]) => [t, list.map(rowToJson)]), nulled };
  }

  const fksNow = new Map<string, Fk[]>();
  const fksOf = (table: string) => {
    let fks = fksNow.get(table);
    if (!fks) fksNow.set(table, (fks = foreignKeys(db, table)));
    return fks;
  };
  const parentExists = (fk: Fk, values: unknown[]) =>
    prepared(`SELECT 1 FROM ${q(fk.parent)} WHERE ${fk.to.map((c) => `${q(c)} = ?`).join(' AND ')} LIMIT 1`).get(...values) !== undefined;

  /** The row as it can go back now, or null when its parent is gone and it would have gone with it. */
  function fitted(table: string, row: StoredRow): StoredRow | null {
    for (const fk of fksOf(table)) {
      const values = fk.from.map((c) => row[c]);
      if (values.some((v) => v === null || v === undefined) || parentExists(fk, values)) continue;
      if (fk.onDelete === 'SET NULL') for (const c of fk.from) row[c] = null;
      else if (fk.onDelete === 'CASCADE') return null;
      else throw new AppError('conflict', `The post can't be brought back: something it used (${fk.parent}) is gone.`);
    }
    return row;
  }

  return {
    /** Keeps the post whole before it is deleted (call inside the delete's transaction). */
    keep(postId: string, now: number, by: string): void {
      const kept = snapshot(postId);
      const copies = (kept.tables.find(([t]) => t === 'targets')?.[1] ?? []).map((t) => [t.platform, t.state, t.scheduled_at]);
      s.put.run(postId, now, by, (s.text.get(postId) as string | undefined) ?? '', JSON.stringify(copies), JSON.stringify(kept));
      s.purge.run(now - BIN_DAYS * DAY_MS);
    },

    /** Puts a kept post back as it was (call inside a transaction); false when the bin no longer has it. */
    restore(postId: string, now: number): boolean {
      const entry = s.get.get(postId, now - BIN_DAYS * DAY_MS) as { post_id: string; rows: string } | undefined;
      if (!entry) return false;
      if (s.postExists.get(postId)) throw new AppError('conflict', 'That post is already back.');
      const kept = JSON.parse(entry.rows) as Kept;
      for (const [table, rows] of kept.tables) {
        for (const stored of rows) {
          const row = fitted(table, rowFromJson(stored));
          if (row === null) continue;
          try {
            if (table === 'targets') putTarget(row);
            else insertStoredRow(db, table, row);
          } catch (err) {
            // Taken meanwhile by something else (a test's arm given to another post, a number reused).
            if (/^SQLITE_CONSTRAINT/.test((err as { code?: string }).code ?? '')) {
              throw new AppError('conflict', `The post can't be brought back as it was: its place in ${table.replace(/_/g, ' ')} was taken since. Nothing was brought back.`);
            }
            throw err;
          }
        }
      }
      for (const ref of kept.nulled) {
        const fk = fksOf(ref.table).find((f) => f.from.every((c) => c in ref.set));
        if (!fk || !parentExists(fk, fk.from.map((c) => ref.set[c]))) continue;
        const sets = Object.keys(ref.set);
        const keys = Object.keys(ref.key);
        prepared(`UPDATE ${q(ref.table)} SET ${sets.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${keys.map((k) => `${q(k)} = ?`).join(' AND ')} AND ${sets.map((c) => `${q(c)} IS NULL`).join(' AND ')}`).run(
          ...sets.map((c) => ref.set[c]),
          ...keys.map((k) => ref.key[k]),
        );
      }
      s.forget.run(postId);
      return true;
    },

    /** The posts that can be brought back, latest deleted first. */
    list(now: number, limit: number) {
      const since = now - BIN_DAYS * DAY_MS;
      const rows = s.list.all(since, limit) as { post_id: string; deleted_at: number; deleted_by: string; text: string; copies: string }[];
      return {
        total: s.count.get(since) as number,
        rows: rows.map((r) => ({ ...r, copies: JSON.parse(r.copies) as [string, string, number | null][], kept_until: r.deleted_at + BIN_DAYS * DAY_MS })),
      };
    },

    /** Deletes kept posts for good; none named: every one. Returns how many went. */
    forget(postIds: readonly string[] | 'all'): number {
      if (postIds === 'all') return s.forgetAll.run().changes;
      let n = 0;
      for (const id of postIds) n += s.forget.run(id).changes;
      return n;
    },

    /** Removes what is older than BIN_DAYS. */
    purge: (now: number) => s.purge.run(now - BIN_DAYS * DAY_MS).changes,
  };
}

export type PostBin = ReturnType<typeof createPostBin>;
