-- Loomcast schema 8: the generation queue. A job asks the creator's model for drafts (today:
-- variants of a template); it is persisted so it survives a restart, runs one at a time, is
-- retried with backoff when the model is busy, and its drafts land in Review, never scheduled.

CREATE TABLE generation_jobs (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('template_variants')),
  -- What to write, as asked (template id, values, accounts, count…).
  input           TEXT NOT NULL CHECK (json_valid(input)),
  priority        INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','done','failed','cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- Not before this instant (a rate limit's Retry-After, a backoff); NULL: as soon as it can.
  next_attempt_at INTEGER,
  -- Why the last attempt failed, in the creator's words.
  last_error      TEXT,
  -- The drafts it wrote, as a JSON array of post ids.
  result_post_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(result_post_ids)),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;

-- The runner's pick: highest priority, then oldest, among the queued.
CREATE INDEX generation_jobs_pick ON generation_jobs (state, priority DESC, created_at);
