-- Loomcast schema 26: indexes nothing reads. Each row written to a table is also written to each
-- of its indexes; these three are read by no statement of the app (the plan test plans every
-- statement the core prepares, and now fails on an index of a growing table that none uses):
-- - audit_log_entity: the audit log is written on every post created, imported, moved between
--   states or published, and searched by nothing in the app. A creator reading their own log
--   with sqlite3 still can.
-- - targets_noted: read by the thread-stopped alert until it asked only about the posts of its
--   open alerts (by post id).
-- - metric_latest_account: the analytics read each copy's latest numbers by copy, never by
--   account.
DROP INDEX IF EXISTS audit_log_entity;
DROP INDEX IF EXISTS targets_noted;
DROP INDEX IF EXISTS metric_latest_account;
