-- Loomcast schema 16: no stored planner statistics. Schema 15 ran ANALYZE on three indexes; on a
-- new database their tables were empty, so SQLite kept "0 rows" for them for good (nothing runs
-- ANALYZE again) and planned as if `targets` were empty whatever it held: a LEFT JOIN on a
-- subquery then scanned the whole subquery once per copy instead of building an automatic index
-- (a year of analytics over 1,000,000 snapshots went from about a second to over 15 minutes).
-- On a database that had data then, the figures were a snapshot that went stale. Without
-- statistics the planner uses its defaults, the ones tests/integration/query-plans-*.test.ts
-- check for every hot query, the same on every creator's database.
DELETE FROM sqlite_stat1;
-- Reloads the (now empty) statistics into this connection.
ANALYZE sqlite_schema;
