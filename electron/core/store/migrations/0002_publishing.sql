-- Loomcast schema 2: what the scheduler needs to publish exactly once and tell the truth.

ALTER TABLE accounts ADD COLUMN platform_user_id TEXT;
-- One account per platform, handle and server, also where there is no server (NULLs differ).
CREATE UNIQUE INDEX accounts_identity ON accounts (platform, handle, ifnull(server_url, ''));

-- When a retry or a rate-limit wait may next try this target (NULL: at scheduled_at).
ALTER TABLE targets ADD COLUMN next_attempt_at INTEGER;
-- Set in the same transaction that moves a target to 'publishing', before any network call.
ALTER TABLE targets ADD COLUMN attempt_started_at INTEGER;
-- A platform handle for the current attempt (TikTok publish_id, YouTube upload session),
-- saved before the step that makes the post public, so reconcile can ask about it after a crash.
ALTER TABLE targets ADD COLUMN attempt_marker TEXT;
-- The platform's own words for the last error, shown under "details".
ALTER TABLE targets ADD COLUMN last_error_details TEXT;

-- A thread's later parts and a first comment, published as a chain after the main post.
CREATE TABLE target_parts (
  target_id          TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  position           INTEGER NOT NULL CHECK (position >= 1),
  kind               TEXT NOT NULL CHECK (kind IN ('thread','comment')),
  text               TEXT NOT NULL,
  state              TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','publishing','published','failed','unconfirmed')),
  platform_post_id   TEXT,
  attempt_started_at INTEGER,
  last_error         TEXT,
  PRIMARY KEY (target_id, position)
) STRICT;

CREATE TABLE metric_snapshots (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  target_id   TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  impressions INTEGER,
  views       INTEGER,
  likes       INTEGER,
  replies     INTEGER,
  reposts     INTEGER,
  quotes      INTEGER,
  shares      INTEGER,
  saves       INTEGER,
  clicks      INTEGER,
  bookmarks   INTEGER
) STRICT;

CREATE INDEX metric_snapshots_target ON metric_snapshots (target_id, at);

CREATE TABLE alerts (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  subject_kind TEXT CHECK (subject_kind IN ('post','account')),
  subject_id   TEXT,
  read_at      INTEGER
) STRICT;

CREATE INDEX targets_attempt ON targets (state, next_attempt_at);

-- The creator's own developer apps (client ids); their secrets live in the vault.
CREATE TABLE app_credentials (
  platform   TEXT PRIMARY KEY CHECK (platform IN ('x','bluesky','mastodon','linkedin','facebook','instagram','threads','tiktok','youtube','pinterest')),
  client_id  TEXT NOT NULL,
  has_secret INTEGER NOT NULL DEFAULT 0 CHECK (has_secret IN (0,1)),
  updated_at INTEGER NOT NULL
) STRICT;
