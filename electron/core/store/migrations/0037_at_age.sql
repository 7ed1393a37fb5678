-- Loomcast schema 37: each copy's reading at the age its numbers are compared at (24 h after it
-- went out; 72 h on TikTok and YouTube), kept as a rollup of the snapshots
-- (analytics/at-age-store.ts). Best times, what works and hashtag suggestions read every copy's
-- numbers at that age; at 100,000 posts a year of copies (~25,000) sought the snapshot history
-- twice each, most of a second per screen. A copy now reads one short row by its id.
-- `due` is the instant the reading is for (publish time + age), `a_at` when the first look at or
-- after it was taken (a later look changes nothing), `state` readAtAge's answer for a copy that
-- old ('counted' with its rate and engagements, 'missed', 'awaiting'); NULL: still to work out.
-- Written with each snapshot by rollups.ts and rebuilt with the other rollups; a reader uses a row
-- only when its `due` still holds and its reading is worked out, and reads the snapshots else.
CREATE TABLE metric_at_age (
  target_id TEXT PRIMARY KEY REFERENCES targets(id) ON DELETE CASCADE,
  due       INTEGER NOT NULL,
  a_at      INTEGER,
  state     TEXT CHECK (state IN ('counted', 'missed', 'awaiting')),
  rate      REAL,
  eng       REAL
) STRICT, WITHOUT ROWID;

-- The rows whose reading is still to work out: only those, so a start finds them without reading
-- the others, and a row worked out leaves it.
CREATE INDEX metric_at_age_unread ON metric_at_age (target_id) WHERE state IS NULL;

-- The copies already measured, their readings to work out at the next start (readAtAge is the
-- core's, not SQL frozen here): as rollups.ts rebuild() fills it (KEEP_ALL_SQL).
INSERT INTO metric_at_age (target_id, due)
  SELECT t.id, t.published_at + (CASE WHEN t.platform IN ('tiktok', 'youtube') THEN 259200000 ELSE 86400000 END) FROM targets t
  WHERE t.published_at IS NOT NULL AND t.id IN (SELECT DISTINCT target_id FROM metric_snapshots);
