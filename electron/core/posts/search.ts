import type { PostDto } from '../../../shared/contract';
import type { Db } from '../store/open';
import { CURRENT_VERSION_JOIN, POST_COLUMNS, postFromRow, type PostJsonRow } from './post-rows';
import { SYMBOL, symbolWord, symbolWords } from './search-symbols';
import { nextTurn } from '../turn';
import { readOnlyNow } from '../write-hold';

/** Posts brought up to date per transaction while catching up: tens of milliseconds each at most, so publishing keeps its turns. */
export const SEARCH_CHUNK = 500;
/**
 * How far back (in posts.updated_at) the look for new posts starts, from the newest document:
 * a post made while the clock was set back up to a day is still found at once. Posts in that day
 * that have their document cost an index probe each. The first search of each run looks from
 * the start instead, so one made with the clock set back further is found after a restart.
 */
const CLOCK_SLACK_MS = 86_400_000;
/** Words of a query, at most (each is one more index lookup). */
const MAX_WORDS = 12;
/**
 * What a query's words are: a run of letters, digits and marks that starts with a letter or digit
 * (a lone accent or variation selector is no word), or one emoji or flag letter (search-symbols.ts).
 */
const QUERY_PIECES = new RegExp(`[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}]*|${SYMBOL.source}`, 'gu');

/** A document's post (d) has a copy passing the filters: on one of :accounts (null: any) and in one of :states (null: any), as placement.ts's postPasses. */
const PASSES = `EXISTS (SELECT 1 FROM targets t WHERE t.post_id = d.post_id
  AND (:accounts IS NULL OR t.account_id IN (SELECT value FROM json_each(:accounts)))
  AND (:states IS NULL OR t.state IN (SELECT value FROM json_each(:states))))`;
/** Each hit's post read whole, the best first. */
const FIND_POSTS = `SELECT ${POST_COLUMNS} FROM hit
    JOIN post_search_docs d ON d.doc = hit.doc
    JOIN posts p ON p.id = d.post_id
    ${CURRENT_VERSION_JOIN}
    ORDER BY hit.rank, p.created_at DESC`;

/**
 * The search over every post ever written (schema 20): the only writer of post_search,
 * post_search_docs and post_search_dirty (but for schema 20's triggers). Making or importing a
 * post writes nothing here, and an edit only names the post (a trigger); each search first brings
 * the documents up to date, in chunks of SEARCH_CHUNK, each its own transaction with a turn of
 * the event loop between, then asks the index.
 *
 * While the connection is read-only (the data folder's move, write-hold.ts) nothing is written:
 * the move brought the documents up to date just before (data-folder-move.ts `beforeFreeze`), and
 * nothing can change a post until the hold ends, so the index as it is answers; the next search
 * after the hold catches up as ever.
 */
export const SEARCH_SQL = {
  /** Edited posts, named by the trigger on posts.updated_at. */
  dirty: `SELECT post_id FROM post_search_dirty LIMIT :limit`,
  /** The next posts changed lately (by updated_at, id) that have no document yet. */
  recent: `SELECT p.id, p.updated_at AS at FROM posts p INDEXED BY posts_updated
    WHERE (p.updated_at, p.id) > (:at, :id) AND NOT EXISTS (SELECT 1 FROM post_search_docs d WHERE d.post_id = p.id)
    ORDER BY p.updated_at, p.id LIMIT :limit`,
  /**
   * The next posts in the file's own order (rowid) that have no document yet: the look from the
   * start, which reads each post's pages in the order they lie (a third faster at 100,000 posts
   * than in posts_updated's order). The rowid is only where one chunk stops and the next begins.
   */
  unindexed: `SELECT p.id, p.rowid AS at FROM posts p
    WHERE p.rowid > :at AND NOT EXISTS (SELECT 1 FROM post_search_docs d WHERE d.post_id = p.id)
    ORDER BY p.rowid LIMIT :limit`,
  /** What a post's document holds: its current text, its parts (thread, first comment) and per-account texts. */
  body: `SELECT p.updated_at, ifnull(v.text, '')
      || char(10) || ifnull((SELECT group_concat(text, char(10)) FROM (SELECT DISTINCT tp.text FROM targets t JOIN target_parts tp ON tp.target_id = t.id WHERE t.post_id = p.id)), '')
      || char(10) || ifnull((SELECT group_concat(text_override, char(10)) FROM (SELECT DISTINCT text_override FROM targets WHERE post_id = p.id AND text_override IS NOT NULL)), '') AS body
    FROM posts p LEFT ${CURRENT_VERSION_JOIN} WHERE p.id = :id`,
  /** The best matches (bm25), then each post read whole by its id. */
  find: `WITH hit AS (SELECT rowid AS doc, rank FROM post_search WHERE post_search MATCH :match ORDER BY rank LIMIT :limit)
    ${FIND_POSTS}`,
  /** The same, of the posts passing the list's filters (a copy on one of :accounts, in one of :states). */
  findPassing: `WITH hit AS (SELECT d.doc, post_search.rank FROM post_search JOIN post_search_docs d ON d.doc = post_search.rowid
      WHERE post_search MATCH :match AND ${PASSES} ORDER BY post_search.rank LIMIT :limit)
    ${FIND_POSTS}`,
  /**
   * How many posts the words match: the index's own count, no post read (12 ms at most at
   * 100,000 posts, a single letter, against 120 for the best 50 of them), so it is never capped.
   */
  count: `SELECT count(*) FROM post_search WHERE post_search MATCH :match`,
  countPassing: `SELECT count(*) FROM post_search JOIN post_search_docs d ON d.doc = post_search.rowid WHERE post_search MATCH :match AND ${PASSES}`,
  /**
   * Of the posts a screen shows as matches (:shown), those the words (and filters) do not match:
   * each one more. The matching documents are read once (the IN list) and each shown post's
   * document looked up in them (the unary + keeps the planner from walking the list per post):
   * asked per post, the index read every match again (13 s for 1,000 shown posts).
   */
  shownElse: `SELECT count(*) FROM posts p WHERE p.id IN (SELECT value FROM json_each(:shown))
    AND NOT EXISTS (SELECT 1 FROM post_search_docs d WHERE d.post_id = p.id
      AND +d.doc IN (SELECT rowid FROM post_search WHERE post_search MATCH :match) AND ${PASSES})`,
  /** The posts a screen shows, when nothing searchable was typed. */
  shownAll: `SELECT count(*) FROM posts WHERE id IN (SELECT value FROM json_each(:shown))`,
} as const;

/** Filters to count and find by: the list's, as the renderer applies them to the posts it holds. */
export interface SearchFilters {
  accountIds?: readonly string[] | undefined;
  states?: readonly string[] | undefined;
  /** Posts the screen already shows as matches: counted in `total`, each once. */
  shown?: readonly string[] | undefined;
}

/**
 * A creator's words as an FTS5 query: each word (letters and digits, as the index splits text)
 * quoted, so nothing typed is read as query syntax; the last one also matches as a prefix, for
 * searching while typing; each emoji or flag letter as its index word. Every word must be there.
 * Null when nothing searchable was typed.
 */
export function matchQuery(text: string): string | null {
  const pieces = text.normalize('NFKC').match(QUERY_PIECES) ?? [];
  if (pieces.length === 0) return null;
  return pieces
    .slice(0, MAX_WORDS)
    // An emoji is matched whole; the last word of letters also as the start of a word.
    .map((w, i, all) => (SYMBOL.test(w) ? `"${symbolWord(w)}"` : `"${w}"${i === all.length - 1 ? '*' : ''}`))
    .join(' ');
}

export function createPostSearch(db: Db) {
  const s = {
    dirty: db.prepare(SEARCH_SQL.dirty).pluck(),
    recent: db.prepare(SEARCH_SQL.recent),
    unindexed: db.prepare(SEARCH_SQL.unindexed),
    body: db.prepare(SEARCH_SQL.body),
    clean: db.prepare('DELETE FROM post_search_dirty WHERE post_id = ?'),
    docOf: db.prepare('SELECT doc FROM post_search_docs WHERE post_id = ?').pluck(),
    newDoc: db.prepare('INSERT INTO post_search_docs (post_id, updated_at) VALUES (?, ?)'),
    stamp: db.prepare('UPDATE post_search_docs SET updated_at = ? WHERE doc = ?'),
    drop: db.prepare('DELETE FROM post_search WHERE rowid = ?'),
    put: db.prepare('INSERT INTO post_search (rowid, body) VALUES (?, ?)'),
    latest: db.prepare('SELECT max(updated_at) FROM post_search_docs').pluck(),
    find: db.prepare(SEARCH_SQL.find),
    findPassing: db.prepare(SEARCH_SQL.findPassing),
    count: db.prepare(SEARCH_SQL.count).pluck(),
    countPassing: db.prepare(SEARCH_SQL.countPassing).pluck(),
    shownElse: db.prepare(SEARCH_SQL.shownElse).pluck(),
    shownAll: db.prepare(SEARCH_SQL.shownAll).pluck(),
  };
  let catching: Promise<void> | null = null;
  let lookedFromStart = false;
  /** Set when the core closes: no chunk starts after it. */
  let stopped = false;
  /** The connection refuses writes (the data folder's move): no chunk starts; the index answers as it is. */
  const frozen = (): boolean => readOnlyNow(db);

  /** A post's document written again from what the post now says (a deleted post's went with it: schema 20's trigger). */
  function write(postId: string): void {
    s.clean.run(postId);
    const row = s.body.get({ id: postId }) as { updated_at: number; body: string } | undefined;
    if (!row) return;
    // Folded as the query is (NFKC: "ﬁ" is "fi", full-width letters are letters), then its emoji
    // and flags as words the index keeps.
    const folded = row.body.normalize('NFKC');
    const symbols = symbolWords(folded);
    const body = symbols.length > 0 ? `${folded}\n${symbols.join(' ')}` : folded;
    const doc = s.docOf.get(postId) as number | undefined;
    if (doc === undefined) {
      s.put.run(s.newDoc.run(postId, row.updated_at).lastInsertRowid, body);
    } else {
      s.drop.run(doc);
      s.put.run(doc, body);
      s.stamp.run(row.updated_at, doc);
    }
  }

  /** Runs `step` (one chunk, in one transaction) until it does less than a chunk, with a turn of the event loop between. */
  async function inChunks(step: () => number): Promise<void> {
    while (!stopped && !frozen() && db.transaction(step)() === SEARCH_CHUNK) await nextTurn();
  }

  /** Documents for the posts without one: those changed since `since` (posts_updated), or every post in rowid order (null). */
  async function fresh(since: number | null): Promise<void> {
    let from = { at: since ?? 0, id: '' };
    await inChunks(() => {
      const rows = (since === null ? s.unindexed.all({ at: from.at, limit: SEARCH_CHUNK }) : s.recent.all({ ...from, limit: SEARCH_CHUNK })) as { id: string; at: number }[];
      for (const r of rows) write(r.id);
      const last = rows[rows.length - 1];
      if (last) from = { at: last.at, id: last.id };
      return rows.length;
    });
  }

  async function run(): Promise<void> {
    await inChunks(() => {
      const ids = s.dirty.all({ limit: SEARCH_CHUNK }) as string[];
      for (const id of ids) write(id);
      return ids.length;
    });
    const latest = s.latest.get() as number | null;
    // No document yet: built in the file's order. Else the look from the start (once a run) goes
    // through posts_updated, which holds what it reads.
    await fresh(latest === null ? null : lookedFromStart ? latest - CLOCK_SLACK_MS : Number.MIN_SAFE_INTEGER);
    // A look cut short by a hold is made again (from the start) by the next catch-up.
    if (!frozen()) lookedFromStart = true;
  }

  /** Brings every document up to date (one catch-up at a time; a search during one waits for it). */
  function catchUp(): Promise<void> {
    if (!catching) {
      catching = run().finally(() => {
        catching = null;
      });
    }
    return catching;
  }

  return {
    catchUp,
    /** Stops between chunks (the core is closing): waits for the chunk under way, starts none after it. */
    async stop(): Promise<void> {
      stopped = true;
      await catching?.catch(() => undefined);
    },
    /**
     * The best `limit` matches for the words typed (every word, the last also as a prefix) that
     * pass the filters, whether there are more, and how many posts match in all with those the
     * screen shows (`shown`), each once.
     */
    async find(text: string, limit: number, filters: SearchFilters = {}): Promise<{ posts: PostDto[]; more: boolean; total: number }> {
      const match = matchQuery(text);
      const shown = filters.shown?.length ? JSON.stringify(filters.shown) : null;
      if (match === null) return { posts: [], more: false, total: shown === null ? 0 : (s.shownAll.get({ shown }) as number) };
      const passing = { accounts: filters.accountIds?.length ? JSON.stringify(filters.accountIds) : null, states: filters.states?.length ? JSON.stringify(filters.states) : null };
      const filtered = passing.accounts !== null || passing.states !== null;
      if (!frozen()) await catchUp();
      // One read transaction: the posts and the count describe the same moment.
      return db.transaction(() => {
        const rows = (filtered ? s.findPassing.all({ match, limit: limit + 1, ...passing }) : s.find.all({ match, limit: limit + 1 })) as PostJsonRow[];
        const more = rows.length > limit;
        // Counted only when the page leaves some out: else the page is every match.
        const matching = !more ? rows.length : ((filtered ? s.countPassing.get({ match, ...passing }) : s.count.get({ match })) as number);
        const besides = shown === null ? 0 : (s.shownElse.get({ match, shown, ...passing }) as number);
        return { posts: rows.slice(0, limit).map(postFromRow), more, total: matching + besides };
      })();
    },
  };
}

export type PostSearch = ReturnType<typeof createPostSearch>;
