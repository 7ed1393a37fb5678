-- Loomcast schema 20: search over every post the creator ever wrote, not only those on screen.
-- post_search holds one document per post (its current text, thread parts, first comment and
-- per-account texts), tokenised case- and accent-insensitively. post_search_docs ties each
-- document to its post by id (an INTEGER PRIMARY KEY, so the document numbers survive VACUUM).
-- posts/search.ts is the only writer and brings the documents up to date before each search:
-- new posts are those without a document; an edited one is named in post_search_dirty by the
-- trigger on posts.updated_at (every edit of a post's words touches it). Making or importing a
-- post writes nothing here. A deleted post's document goes with it.
CREATE VIRTUAL TABLE post_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE post_search_docs (
  doc     INTEGER PRIMARY KEY,
  post_id TEXT NOT NULL UNIQUE,
  -- The posts.updated_at the document was read at: where the next look for new posts starts.
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX post_search_docs_updated ON post_search_docs (updated_at);
CREATE TABLE post_search_dirty (post_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
CREATE TRIGGER post_search_edited AFTER UPDATE OF updated_at ON posts BEGIN
  INSERT OR IGNORE INTO post_search_dirty (post_id) VALUES (NEW.id);
END;
CREATE TRIGGER post_search_gone AFTER DELETE ON posts BEGIN
  DELETE FROM post_search WHERE rowid = (SELECT doc FROM post_search_docs WHERE post_id = OLD.id);
  DELETE FROM post_search_docs WHERE post_id = OLD.id;
  DELETE FROM post_search_dirty WHERE post_id = OLD.id;
END;
