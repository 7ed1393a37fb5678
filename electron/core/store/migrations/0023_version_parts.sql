-- Loomcast schema 23: a version of a post records its thread and first comment with its words.
-- Until now a version held the words only, so a change of thread or first comment made no new
-- version: an agent's change of a thread sent the post back to Review with nothing to show for
-- it in "Changes since version N". `parts` is JSON, {"thread": [...], "firstComment": ... | null},
-- as the creator (or the agent) wrote them; NULL on versions saved before this, whose thread was
-- not kept, and the app says so rather than guess.
ALTER TABLE post_versions ADD COLUMN parts TEXT CHECK (parts IS NULL OR (json_valid(parts) AND json_type(parts, '$.thread') = 'array'));
