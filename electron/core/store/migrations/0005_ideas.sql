-- Loomcast schema 5: the idea bank. An idea is a line and perhaps a link, captured in a
-- keystroke and turned into a post later. Instants are UTC epoch milliseconds.

CREATE TABLE ideas (
  id          TEXT PRIMARY KEY,
  text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
  -- Only web pages: the contract validates the address; this keeps anything else out.
  link        TEXT CHECK (link IS NULL OR link LIKE 'http://_%' OR link LIKE 'https://_%'),
  -- A JSON array of lower-case tags, without '#'.
  tags        TEXT NOT NULL DEFAULT '[]' CHECK (CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  archived_at INTEGER,
  -- The post the idea became. Deleting that post frees the idea; used_at remembers it was used.
  post_id     TEXT REFERENCES posts(id) ON DELETE SET NULL,
  used_at     INTEGER,
  CHECK (updated_at >= created_at),
  CHECK (post_id IS NULL OR used_at IS NOT NULL)
) STRICT;

-- The list: newest first, archived ones apart.
CREATE INDEX ideas_recent ON ideas (archived_at IS NOT NULL, created_at DESC);
-- One idea per post; the lookup that ON DELETE SET NULL needs when a post goes.
CREATE UNIQUE INDEX ideas_post ON ideas (post_id) WHERE post_id IS NOT NULL;
