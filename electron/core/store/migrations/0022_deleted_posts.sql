-- Loomcast schema 22: a deleted post is kept for a while, whole, so it can be brought back.
-- Deleting a post (or many from the list) could not be undone: its copies, thread, media, numbers
-- and history went at once. Now the delete keeps every row that goes with the post, as it was, in
-- `rows` (JSON, table by table), beside what the "Recently deleted" list shows of it; restoring
-- puts them back in one transaction and removes the entry. Entries older than 30 days, or
-- deleted for good by the creator, are removed.
CREATE TABLE deleted_posts (
  post_id    TEXT PRIMARY KEY,
  deleted_at INTEGER NOT NULL,
  -- Who deleted it (the creator, an agent, a script), as posts.created_by says who made one.
  deleted_by TEXT NOT NULL CHECK (deleted_by IN ('user', 'agent', 'script', 'system')),
  -- The post's words when it was deleted, and its copies: [[platform, state, scheduled_at], ...].
  text       TEXT NOT NULL,
  copies     TEXT NOT NULL,
  rows       TEXT NOT NULL
) STRICT;
CREATE INDEX deleted_posts_at ON deleted_posts (deleted_at);

-- What goes with a post is read by the post (or the copy) it belongs to, as the delete's own
-- cascade reads it: without these two, keeping a deleted post (and the cascade itself) walked
-- both tables whole for each post, and a copy's check log grows with every look at its numbers.
CREATE INDEX voice_example_drops_post ON voice_example_drops (post_id);
CREATE INDEX metric_check_log_target ON metric_check_log (target_id);
