-- Loomcast schema 35: dated copies by when they go (or went) out, as an export and the calendar
-- subscription read them (the publish time once published, the planned time before). An export
-- of a few days or a month read every copy to find its range (~860 ms at 100,000 posts for a
-- month); it now seeks it. Undated drafts are not in it.
CREATE INDEX targets_export_at ON targets (coalesce(published_at, scheduled_at)) WHERE scheduled_at IS NOT NULL;
