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

-- The duplicate guard's fingerprint of each copy's words and media (shared/domain/fingerprint.ts),
-- so a create reads only the copies in its window that say the same thing, not every copy there.
-- '' means "not worked out yet": rows from before, and any copy whose words or media changed
-- since (the triggers below clear it, whoever the writer). The guard reads those too, works them
-- out and stores them; nothing is computed here, so the migration stays quick at any size.
ALTER TABLE targets ADD COLUMN guard_print TEXT NOT NULL DEFAULT '';

DROP INDEX targets_guard_window;
CREATE INDEX targets_guard_window ON targets (platform, guard_print, coalesce(published_at, scheduled_at))
  WHERE state IN ('in_review', 'approved', 'scheduled', 'publishing', 'published');

CREATE TRIGGER targets_guard_print_override AFTER UPDATE OF text_override ON targets
  WHEN NEW.text_override IS NOT OLD.text_override AND NEW.guard_print <> ''
BEGIN
  UPDATE targets SET guard_print = '' WHERE id = NEW.id;
END;
CREATE TRIGGER post_versions_guard_print_insert AFTER INSERT ON post_versions
BEGIN
  UPDATE targets SET guard_print = '' WHERE post_id = NEW.post_id AND guard_print <> '';
END;
CREATE TRIGGER post_versions_guard_print_delete AFTER DELETE ON post_versions
BEGIN
  UPDATE targets SET guard_print = '' WHERE post_id = OLD.post_id AND guard_print <> '';
END;
CREATE TRIGGER post_versions_guard_print_update AFTER UPDATE OF text ON post_versions
BEGIN
  UPDATE targets SET guard_print = '' WHERE post_id = NEW.post_id AND guard_print <> '';
END;
CREATE TRIGGER post_media_guard_print_insert AFTER INSERT ON post_media
BEGIN
  UPDATE targets SET guard_print = '' WHERE post_id = NEW.post_id AND guard_print <> '';
END;
CREATE TRIGGER post_media_guard_print_delete AFTER DELETE ON post_media
BEGIN
  UPDATE targets SET guard_print = '' WHERE post_id = OLD.post_id AND guard_print <> '';
END;
CREATE TRIGGER post_media_guard_print_update AFTER UPDATE OF media_hash ON post_media
BEGIN
  UPDATE targets SET guard_print = '' WHERE post_id = NEW.post_id AND guard_print <> '';
END;

ANALYZE targets_guard_window;
