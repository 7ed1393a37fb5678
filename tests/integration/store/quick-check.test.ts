import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { quickCheck } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

const PAGE = 4096;

/** A file with posts and a search index over their words (an FTS5 table, as schema 20 makes). */
function withSearch(path: string): void {
  const db = new Database(path);
  db.pragma(`page_size = ${PAGE}`);
  db.exec(`CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
    CREATE INDEX posts_body ON posts (body);
    CREATE VIRTUAL TABLE post_search USING fts5(body);`);
  const put = db.prepare('INSERT INTO posts (body) VALUES (?)');
  const doc = db.prepare('INSERT INTO post_search (rowid, body) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= 3_000; i++) {
      const body = `post ${i} about kilns, glazes and a studio day number ${i % 97}`;
      put.run(body);
      doc.run(i, body);
    }
  })();
  db.close();
}

const pages = (path: string, table: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table) as number;
  } finally {
    db.close();
  }
};

/** Garbage over one page, as a failing disk would write it. */
function spoil(path: string, page: number): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(PAGE, 0xa5), 0, PAGE, (page - 1) * PAGE);
  closeSync(fd);
}

/** The start's check, and SQLite's whole-file quick_check (a page too broken to walk throws there). */
const check = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    const ours = quickCheck(db);
    let whole: string[];
    try {
      whole = (db.pragma('quick_check') as Record<string, string>[]).map((r) => String(Object.values(r)[0]));
    } catch (err) {
      whole = [(err as Error).message];
    }
    return { ours, whole };
  } finally {
    db.close();
  }
};

describe("the start's check, table by table", () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const file = () => {
    const dir = tempDir('loomcast-quick-check-');
    dirs.push(dir);
    return join(dir.path, 'loomcast.sqlite');
  };

  it('passes a sound file, and finds a damaged page in a table, in an index and in the search index’s own tables', () => {
    const path = file();
    withSearch(path);
    expect(check(path)).toEqual({ ours: ['ok'], whole: ['ok'] });
    for (const tree of ['posts', 'posts_body', 'post_search_data']) {
      const damaged = file();
      withSearch(damaged);
      spoil(damaged, pages(damaged, tree));
      const { ours } = check(damaged);
      expect({ tree, ok: ours.length === 1 && ours[0] === 'ok' }).toEqual({ tree, ok: false });
    }
  });

  it('leaves out FTS5’s own re-reading of every document, which the whole-file check runs since SQLite 3.44', () => {
    const path = file();
    withSearch(path);
    // Documents changed behind the index's back (only unsafe mode may write FTS5's own tables):
    // its words no longer match them.
    const db = new Database(path);
    db.unsafeMode(true);
    db.exec("UPDATE post_search_content SET c0 = 'something else entirely' WHERE id <= 10");
    db.close();
    const { ours, whole } = check(path);
    expect(whole.join(' ')).toMatch(/fts5|post_search/i);
    // The posts themselves are sound: the start goes on, and the next backup's full check names it.
    expect(ours).toEqual(['ok']);
  });
});
