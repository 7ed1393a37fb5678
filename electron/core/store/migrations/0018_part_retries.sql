-- Loomcast schema 18: a thread's later parts and a first comment try again after a hiccup.
-- Until now one 503, 429 or unanswered request on part 2 stopped the thread for good. A part now
-- keeps how many times it was tried and when it may be tried (or checked) next, like a copy does
-- (targets.attempts, targets.next_attempt_at); the scheduler finds the parts waiting for their
-- time through the partial index, which holds only those few rows.
ALTER TABLE target_parts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE target_parts ADD COLUMN next_attempt_at INTEGER;
CREATE INDEX target_parts_retry ON target_parts (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
