-- Loomcast schema 30: the daily metric rollups are counted again once, at the next start.
-- Until now a day on which a copy did not report a number (X stops giving impressions after 30
-- days; a permission lost and given back) counted in metric_account_daily as a drop to 0, and the
-- next day that reported it as the whole number again (-1,000 views, then +1,010 where 10 came
-- in). rollups.ts now counts such a day against the last day that reported the number, but rows
-- stored before (and those migration 0011 filled in the old way) stayed wrong until the rollups
-- were counted again, which only a change of time zone did. The recount is the rollups' one
-- writer's (analytics/rollups.ts), not a copy of its SQL frozen here: this marks it due, and the
-- start's count of the days runs it and clears the mark in one transaction, so a start stopped
-- partway leaves the mark for the next one. A database with no rollup rows (a new one) has
-- nothing to put right and is not marked.
INSERT OR REPLACE INTO settings (key, value)
  SELECT 'analytics.recountDue', 'true' WHERE EXISTS (SELECT 1 FROM metric_account_daily);
