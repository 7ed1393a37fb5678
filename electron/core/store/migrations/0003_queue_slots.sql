-- Loomcast schema 3: weekly posting times per account (the queue) and evergreen posts that repeat.

-- One weekly posting time of an account: ISO weekday (1 = Monday … 7 = Sunday) and a wall-clock
-- time in the account's queue zone (queue_settings.zone, or the creator's zone when unset).
CREATE TABLE queue_slots (
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  time       TEXT NOT NULL CHECK (length(time) = 5 AND time GLOB '[0-2][0-9]:[0-5][0-9]' AND time < '24:00'),
  PRIMARY KEY (account_id, weekday, time)
) STRICT;

-- An account whose posting times are planned in a zone other than the creator's.
CREATE TABLE queue_settings (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  -- IANA zone; NULL follows the creator's zone in Settings.
  zone       TEXT CHECK (zone IS NULL OR length(zone) BETWEEN 1 AND 64),
  updated_at INTEGER NOT NULL
) STRICT;

-- An evergreen series: the origin post goes out again every N days at the same wall-clock time
-- in `zone`, until a number of times in all (the origin included) or a last local date.
CREATE TABLE recurrences (
  origin_post_id TEXT PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  every_days     INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 365),
  until_count    INTEGER CHECK (until_count IS NULL OR until_count BETWEEN 2 AND 1000),
  until_date     TEXT CHECK (until_date IS NULL OR (length(until_date) = 10 AND until_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')),
  zone           TEXT NOT NULL CHECK (length(zone) BETWEEN 1 AND 64),
  -- Occurrence 1 (the origin) in `zone`; occurrence n falls (n - 1) × every_days days later.
  start_date     TEXT NOT NULL CHECK (length(start_date) = 10 AND start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  local_time     TEXT NOT NULL CHECK (length(local_time) = 5 AND local_time GLOB '[0-2][0-9]:[0-5][0-9]' AND local_time < '24:00'),
  -- The first occurrence number not yet created (or passed over because its time had gone).
  next_number    INTEGER NOT NULL DEFAULT 2 CHECK (next_number >= 2),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  CHECK ((until_count IS NULL) <> (until_date IS NULL)),
  CHECK (until_date IS NULL OR until_date >= start_date)
) STRICT;

-- The copies a series made. A copy the creator deleted keeps its row with post_id NULL, so the
-- series never makes that occurrence again.
CREATE TABLE recurrence_occurrences (
  origin_post_id TEXT NOT NULL REFERENCES recurrences(origin_post_id) ON DELETE CASCADE,
  number         INTEGER NOT NULL CHECK (number >= 2),
  post_id        TEXT UNIQUE REFERENCES posts(id) ON DELETE SET NULL,
  at             INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (origin_post_id, number)
) STRICT;

-- "Which targets of this account sit at this instant": the queue's free-slot check.
CREATE INDEX targets_account_time ON targets (account_id, scheduled_at);
