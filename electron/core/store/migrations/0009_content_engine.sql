-- Loomcast schema 9: the content engine grows up.
--
-- 1. A generation job writes more than variants of a template: a finished post for a planned
--    slot, a post from an idea, and new versions of an existing post (rewritten for a platform,
--    shortened to fit, turned into a thread). The kind's CHECK is widened by rebuilding the small
--    queue table; its rows are copied as they are.
CREATE TABLE generation_jobs_next (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('template_variants','slot','idea','rewrite','shorten','thread')),
  input           TEXT NOT NULL CHECK (json_valid(input)),
  priority        INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','done','failed','cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER,
  last_error      TEXT,
  result_post_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(result_post_ids)),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;

INSERT INTO generation_jobs_next (id, kind, input, priority, state, attempts, next_attempt_at, last_error, result_post_ids, created_at, updated_at)
  SELECT id, kind, input, priority, state, attempts, next_attempt_at, last_error, result_post_ids, created_at, updated_at FROM generation_jobs;
DROP TABLE generation_jobs;
ALTER TABLE generation_jobs_next RENAME TO generation_jobs;
CREATE INDEX generation_jobs_pick ON generation_jobs (state, priority DESC, created_at);

-- 2. Variants written together stay linked as the arms of one future experiment: the set, and
--    each draft's arm with what sets it apart (its hook and call to action, as the model said).
CREATE TABLE variant_sets (
  id            TEXT PRIMARY KEY,
  job_id        TEXT,
  template_id   TEXT REFERENCES templates(id) ON DELETE SET NULL,
  template_name TEXT,
  created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE variant_arms (
  set_id  TEXT NOT NULL REFERENCES variant_sets(id) ON DELETE CASCADE,
  arm     INTEGER NOT NULL CHECK (arm >= 0),
  post_id TEXT NOT NULL UNIQUE REFERENCES posts(id) ON DELETE CASCADE,
  hook    TEXT,
  cta     TEXT,
  PRIMARY KEY (set_id, arm)
) STRICT;

-- 3. A voice can learn from the creator's own posts: approved and published posts become its
--    few-shot examples (best-performing first once metrics exist). Pinned examples stay in
--    voices.examples; a post the creator dropped is never picked again for that voice.
ALTER TABLE voices ADD COLUMN learn_from_posts INTEGER NOT NULL DEFAULT 0 CHECK (learn_from_posts IN (0,1));

CREATE TABLE voice_example_drops (
  voice_id   TEXT NOT NULL REFERENCES voices(id) ON DELETE CASCADE,
  post_id    TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  dropped_at INTEGER NOT NULL,
  PRIMARY KEY (voice_id, post_id)
) STRICT;

-- 4. A draft records what it was written with: the task ('variants', 'slot', 'idea', 'rewrite',
--    'shorten', 'thread'), the examples shown to the model (as JSON: pinned texts by position,
--    learned ones by post id) and the idea it grew from. The prompt's version is writer_version.
ALTER TABLE version_provenance ADD COLUMN task TEXT;
ALTER TABLE version_provenance ADD COLUMN examples TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(examples));
ALTER TABLE version_provenance ADD COLUMN idea_id TEXT REFERENCES ideas(id) ON DELETE SET NULL;
