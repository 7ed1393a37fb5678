-- Loomcast schema 12: the scheduler's reads go through indexes, so they take the same time with
-- 100 posts or 100,000 (most of them long published).

-- One account's copies by state and by when each may next go out (a retry's time, else the
-- scheduled time): what is due for an account, its next due instant, its checks to make.
CREATE INDEX targets_account_due ON targets (account_id, state, coalesce(next_attempt_at, scheduled_at));

-- Thread parts and first comments not yet out: the chains a crash may have cut short.
CREATE INDEX target_parts_open ON target_parts (target_id) WHERE state IN ('pending', 'publishing');
