-- Loomcast schema 11: a rollup per account, platform and UTC day of what came in that day
-- (the increase of each copy's numbers since it was last looked at), so a year of charts for ten
-- accounts reads a few thousand rows instead of every copy's every day. Kept up to date by the
-- one writer of snapshots (rollups.ts) and rebuilt from metric_daily like the other rollups.
-- `*_n` count the copies looked at that day that reported the number; a sum is only shown where
-- its count is above 0, so not reported stays apart from zero.
CREATE TABLE metric_account_daily (
  account_id TEXT NOT NULL,  -- '' for a copy without an account
  platform   TEXT NOT NULL,
  day        INTEGER NOT NULL,
  reach      INTEGER NOT NULL DEFAULT 0,
  reach_n    INTEGER NOT NULL DEFAULT 0,
  eng        INTEGER NOT NULL DEFAULT 0,
  eng_n      INTEGER NOT NULL DEFAULT 0,
  -- Engagements and reach of the copies that reported both with reach above 0 (for the rate).
  rate_e     INTEGER NOT NULL DEFAULT 0,
  rate_r     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, account_id, platform)
) STRICT, WITHOUT ROWID;

-- The copies a range is about: published ones by publish time.
CREATE INDEX targets_published ON targets (state, published_at);

-- Filled from the daily rollup already there (the same statement rollups.ts rebuilds it with).
WITH f AS (
    SELECT target_id, coalesce(account_id, '') AS account_id, platform, day, coalesce(views, impressions) AS r0,
      CASE WHEN likes IS NULL AND replies IS NULL AND reposts IS NULL AND quotes IS NULL AND shares IS NULL AND saves IS NULL THEN NULL
        ELSE coalesce(likes, 0) + coalesce(replies, 0) + coalesce(reposts, 0) + coalesce(quotes, 0) + coalesce(shares, 0) + coalesce(saves, 0) END AS e0
    FROM metric_daily),
  g AS (
    SELECT target_id, account_id, platform, day, coalesce(r0, 0) AS fr, (r0 IS NOT NULL) AS rn, coalesce(e0, 0) AS fe, (e0 IS NOT NULL) AS en,
      CASE WHEN r0 > 0 AND e0 IS NOT NULL THEN e0 ELSE 0 END AS fre, CASE WHEN r0 > 0 AND e0 IS NOT NULL THEN r0 ELSE 0 END AS frr
    FROM f),
  h AS (
    SELECT *, lag(fr, 1, 0) OVER w AS pfr, lag(fe, 1, 0) OVER w AS pfe, lag(fre, 1, 0) OVER w AS pfre, lag(frr, 1, 0) OVER w AS pfrr
    FROM g WINDOW w AS (PARTITION BY target_id ORDER BY day))
INSERT INTO metric_account_daily (account_id, platform, day, reach, reach_n, eng, eng_n, rate_e, rate_r)
SELECT account_id, platform, day, sum(fr - pfr), sum(rn), sum(fe - pfe), sum(en), sum(fre - pfre), sum(frr - pfrr) FROM h GROUP BY account_id, platform, day;
