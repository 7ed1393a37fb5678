-- Loomcast schema 1: the entities the first release uses, and the ones publishing builds on.
-- Instants are UTC epoch milliseconds; `zone` is the IANA zone the creator planned in.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE accounts (
  id                 TEXT PRIMARY KEY,
  platform           TEXT NOT NULL CHECK (platform IN ('x','bluesky','mastodon','linkedin','facebook','instagram','threads','tiktok','youtube','pinterest')),
  handle             TEXT NOT NULL,
  display_name       TEXT,
  -- Instance or PDS URL for federated platforms; NULL for the rest.
  server_url         TEXT,
  status             TEXT NOT NULL DEFAULT 'connected' CHECK (status IN ('connected','needs_reconnect','rate_limited','disconnected')),
  token_expires_at   INTEGER,
  rate_limited_until INTEGER,
  last_error         TEXT,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  UNIQUE (platform, handle, server_url)
) STRICT;

CREATE TABLE campaigns (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  theme         TEXT,
  goal          TEXT CHECK (goal IN ('awareness','engagement','conversion')),
  starts_on     TEXT,
  ends_on       TEXT,
  cost_cents    INTEGER NOT NULL DEFAULT 0,
  revenue_cents INTEGER NOT NULL DEFAULT 0,
  utm           TEXT CHECK (utm IS NULL OR json_valid(utm)),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE templates (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  category   TEXT NOT NULL,
  body       TEXT NOT NULL,
  builtin    INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0,1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Files live in the data dir named by their SHA-256; this row describes one.
CREATE TABLE media (
  hash        TEXT PRIMARY KEY CHECK (length(hash) = 64),
  mime        TEXT NOT NULL,
  bytes       INTEGER NOT NULL CHECK (bytes >= 0),
  width       INTEGER,
  height      INTEGER,
  duration_ms INTEGER,
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE posts (
  id          TEXT PRIMARY KEY,
  campaign_id TEXT REFERENCES campaigns(id) ON DELETE SET NULL,
  template_id TEXT REFERENCES templates(id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

-- The text history of a post: the highest number is the current text.
CREATE TABLE post_versions (
  post_id    TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  number     INTEGER NOT NULL CHECK (number >= 1),
  text       TEXT NOT NULL,
  source     TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','template','ai','import')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (post_id, number)
) STRICT;

CREATE TABLE post_media (
  post_id    TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  media_hash TEXT NOT NULL REFERENCES media(hash),
  alt_text   TEXT,
  PRIMARY KEY (post_id, position)
) STRICT;

-- One post on one platform (and, once connected, one account).
CREATE TABLE targets (
  id               TEXT PRIMARY KEY,
  post_id          TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  platform         TEXT NOT NULL CHECK (platform IN ('x','bluesky','mastodon','linkedin','facebook','instagram','threads','tiktok','youtube','pinterest')),
  account_id       TEXT REFERENCES accounts(id) ON DELETE SET NULL,
  text_override    TEXT,
  scheduled_at     INTEGER,
  zone             TEXT,
  state            TEXT NOT NULL CHECK (state IN ('draft','in_review','approved','scheduled','publishing','published','failed','unconfirmed','missed','cancelled')),
  platform_post_id TEXT,
  platform_url     TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT,
  published_at     INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  CHECK (state NOT IN ('scheduled','publishing') OR scheduled_at IS NOT NULL)
) STRICT;

CREATE UNIQUE INDEX targets_one_per_destination ON targets (post_id, platform, ifnull(account_id, ''));
CREATE INDEX targets_due ON targets (state, scheduled_at);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  detail    TEXT CHECK (detail IS NULL OR json_valid(detail))
) STRICT;

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
