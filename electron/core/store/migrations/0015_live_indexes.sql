-- Loomcast schema 15: fewer index pages written per state change of a copy (issue 12). At
-- 100,000 posts most copies are published or settled, and every claim and outcome rewrote their
-- entries in indexes led by `state` that only one state's reads use. Indexes only: no row is
-- rewritten.

-- (state, next_attempt_at): no read uses it (the due reads go through targets_account_due).
DROP INDEX targets_attempt;

-- The scheduled copies by due time (the next due instant, the unbound copies due now): only
-- scheduled copies are read through it, so only they are in it. Claiming a copy drops its entry;
-- the copy's outcome no longer touches this index. `state` stays first so the plans are the same.
DROP INDEX targets_due;
CREATE INDEX targets_due ON targets (state, scheduled_at) WHERE state = 'scheduled';

-- The published copies by publish time (analytics, reports, the published list): only published
-- copies are read through it, so claiming a copy no longer touches it; publishing adds one entry.
DROP INDEX targets_published;
CREATE INDEX targets_published ON targets (state, published_at) WHERE state = 'published';

-- Statistics for the two new indexes, so the planner still prefers the covering
-- targets_state_post for counts where an older database has statistics for the others.
ANALYZE targets_due;
ANALYZE targets_published;
