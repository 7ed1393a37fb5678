-- Loomcast schema 21: each version of a post says who wrote its words. Until now only the post
-- said who made it (posts.created_by, schema 14), and every later typed version read "Written by
-- you" in the history, also when an agent or a script had rewritten it over the local API.
-- Versions saved before this are left unknown (NULL): the first one's author is the post's
-- maker, a later one's is not known, and the app says so rather than guess.
ALTER TABLE post_versions ADD COLUMN written_by TEXT CHECK (written_by IS NULL OR written_by IN ('user', 'agent', 'script', 'system'));
ALTER TABLE post_versions ADD COLUMN written_via TEXT CHECK (written_via IS NULL OR length(written_via) <= 80);
