-- Loomcast schema 10: measure, learn, alert. Numbers come back from the platforms on a schedule
-- and are kept as the creator's own history; screens read rollups, never a platform.
--
-- 1. Collection. One row per published target being measured: when to look next (bands at
--    +1 h, +3 h, +12 h, +24 h, daily to day 7, weekly to day 90; backed off up to 8× while the
--    numbers don't change; a platform's Retry-After wins), and how the last look went.
CREATE TABLE metric_checks (
  target_id     TEXT PRIMARY KEY REFERENCES targets(id) ON DELETE CASCADE,
  published_at  INTEGER NOT NULL,
  -- NULL: measuring is over (past day 90, or the post is gone).
  next_check_at INTEGER,
  checks        INTEGER NOT NULL DEFAULT 0 CHECK (checks >= 0),
  -- Checks in a row whose numbers did not change (the back-off is 2^unchanged, at most 8×).
  unchanged     INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
  status        TEXT CHECK (status IN ('ok','pending','unsupported','permission_required','rate_limited','not_found','failed')),
  -- In words: which permission is missing, until when a rate limit lasts, what failed.
  status_detail TEXT,
  checked_at    INTEGER,
  -- A creator's "Refresh now": look at the next sweep, whatever the band says.
  requested_at  INTEGER
) STRICT;
CREATE INDEX metric_checks_due ON metric_checks (next_check_at) WHERE next_check_at IS NOT NULL;

-- Each look, kept (a history of statuses, so "collection failing for an account" can be seen).
CREATE TABLE metric_check_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  target_id  TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  account_id TEXT,
  at         INTEGER NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('ok','pending','unsupported','permission_required','rate_limited','not_found','failed')),
  detail     TEXT
) STRICT;
CREATE INDEX metric_check_log_account ON metric_check_log (account_id, at);

-- 2. Rollups, rebuilt from metric_snapshots and never the other way round. A NULL is a number
--    the platform did not report: never 0.
--    Latest numbers of each target (what tables and headlines read).
CREATE TABLE metric_latest (
  target_id    TEXT PRIMARY KEY REFERENCES targets(id) ON DELETE CASCADE,
  account_id   TEXT,
  platform     TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  at           INTEGER NOT NULL,
  impressions  INTEGER, views INTEGER, likes INTEGER, replies INTEGER, reposts INTEGER, quotes INTEGER,
  shares       INTEGER, saves INTEGER, clicks INTEGER, bookmarks INTEGER
) STRICT;
CREATE INDEX metric_latest_account ON metric_latest (account_id, published_at);
CREATE INDEX metric_latest_published ON metric_latest (published_at);

--    Each target's numbers as they stood at the end of each UTC day it was looked at
--    (day = days since 1970-01-01), for charts over time and growth curves.
CREATE TABLE metric_daily (
  target_id   TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  day         INTEGER NOT NULL,
  account_id  TEXT,
  platform    TEXT NOT NULL,
  impressions INTEGER, views INTEGER, likes INTEGER, replies INTEGER, reposts INTEGER, quotes INTEGER,
  shares      INTEGER, saves INTEGER, clicks INTEGER, bookmarks INTEGER,
  PRIMARY KEY (target_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX metric_daily_day ON metric_daily (day, account_id);

-- Followers over time, where the platform gives them.
CREATE TABLE follower_snapshots (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  followers  INTEGER NOT NULL CHECK (followers >= 0),
  PRIMARY KEY (account_id, at)
) STRICT;

-- 3. Alerts become conditions: one open row per (rule, subject); raising the same open condition
--    again updates it (last_seen_at, occurrences), never adds a second. It resolves itself when the
--    condition clears; the creator can acknowledge it or snooze it.
ALTER TABLE alerts ADD COLUMN rule TEXT;
ALTER TABLE alerts ADD COLUMN subject_key TEXT;
ALTER TABLE alerts ADD COLUMN state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','resolved'));
ALTER TABLE alerts ADD COLUMN last_seen_at INTEGER;
ALTER TABLE alerts ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 1;
ALTER TABLE alerts ADD COLUMN acknowledged_at INTEGER;
ALTER TABLE alerts ADD COLUMN snoozed_until INTEGER;
ALTER TABLE alerts ADD COLUMN resolved_at INTEGER;
CREATE UNIQUE INDEX alerts_open_condition ON alerts (rule, subject_key) WHERE state = 'open' AND rule IS NOT NULL;

-- Outbound webhooks (Slack- and Discord-compatible, or Loomcast's JSON); the signing secret is
-- in the keychain. Each delivery keeps one id across its retries.
CREATE TABLE webhooks (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
  url        TEXT NOT NULL CHECK (url LIKE 'http://_%' OR url LIKE 'https://_%'),
  format     TEXT NOT NULL CHECK (format IN ('json','slack','discord')),
  -- Which events it gets: alert kinds and 'post.published' / 'post.failed', as a JSON array.
  events     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(events) AND json_type(events) = 'array'),
  enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE webhook_deliveries (
  id              TEXT PRIMARY KEY,
  webhook_id      TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event           TEXT NOT NULL,
  payload         TEXT NOT NULL CHECK (json_valid(payload)),
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','delivered','failed')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER,
  last_status     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  delivered_at    INTEGER
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);

-- 4. Experiments: A/B/n of a set of variants. Each arm's words go out as several posts over
--    matched slots (rotating weekday × hour, or accounts of one platform), so no arm gets the
--    better times; the verdict compares per-post rates.
CREATE TABLE experiments (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
  variant_set_id TEXT REFERENCES variant_sets(id) ON DELETE SET NULL,
  campaign_id    TEXT REFERENCES campaigns(id) ON DELETE SET NULL,
  -- What decides: 'engagement_rate' (engagements / views) or 'engagements' where no views are reported.
  metric         TEXT NOT NULL DEFAULT 'engagement_rate' CHECK (metric IN ('engagement_rate','engagements')),
  min_posts_per_arm INTEGER NOT NULL DEFAULT 5 CHECK (min_posts_per_arm BETWEEN 2 AND 100),
  stopping       TEXT NOT NULL DEFAULT 'fixed_horizon' CHECK (stopping IN ('fixed_horizon','expected_loss')),
  loss_threshold REAL,
  state          TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running','stopped','decided')),
  winner_arm     INTEGER,
  created_at     INTEGER NOT NULL,
  decided_at     INTEGER
) STRICT;

CREATE TABLE experiment_arms (
  experiment_id TEXT NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  arm           INTEGER NOT NULL CHECK (arm >= 0),
  label         TEXT NOT NULL,
  text          TEXT NOT NULL,
  -- The share of posts planned for this arm (equal unless the creator says otherwise).
  planned_share REAL NOT NULL CHECK (planned_share > 0 AND planned_share <= 1),
  PRIMARY KEY (experiment_id, arm)
) STRICT;

CREATE TABLE experiment_posts (
  experiment_id TEXT NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  post_id       TEXT NOT NULL UNIQUE REFERENCES posts(id) ON DELETE CASCADE,
  arm           INTEGER NOT NULL,
  -- The matched slot it was assigned to: weekday × hour, or the account.
  slot_key      TEXT NOT NULL,
  PRIMARY KEY (experiment_id, post_id)
) STRICT;

-- 5. Campaign guard: a campaign can pause its queued posts when its engagement falls too low.
ALTER TABLE campaigns ADD COLUMN guard_min_rate REAL;
ALTER TABLE campaigns ADD COLUMN paused_at INTEGER;
ALTER TABLE campaigns ADD COLUMN paused_reason TEXT;
