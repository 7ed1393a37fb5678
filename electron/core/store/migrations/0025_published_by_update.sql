-- Loomcast schema 25: published copies by when they last changed. Every metrics sweep (each
-- quarter of an hour) and every "Refresh now" gives each copy that went out a check row, and
-- found the ones without by reading every published copy: ~350 ms of the main process at
-- 100,000 posts, publishing included. A copy that goes out (or is found out, or imported as out)
-- is written with updated_at = now, so the sweep now reads only those changed since its last look
-- (analytics/collect/checks-repo.ts); the first sweep after a start still reads them all.
CREATE INDEX targets_published_updated ON targets (updated_at) WHERE state = 'published';
