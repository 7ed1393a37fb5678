-- Loomcast schema 27: fewer index writes for each post and copy saved (a 10,000-row import writes
-- 10,000 posts and ~20,000 copies in one go; each index is one more b-tree insert per row, about
-- 25–45 ms of such an import's commit apiece).
-- - posts by template, pillar, voice and campaign hold only the posts that have one. Every
--   statement that reads them asks for one (`template_id = ?`, `campaign_id IN (…)`, and SQLite's
--   own look for posts to clear when a template, pillar, voice or campaign is deleted), which a
--   partial index "IS NOT NULL" answers; a post without one (most imported or hand-written posts)
--   no longer adds an entry to each.
-- - targets_account_time (account, time) goes: the statements that read it (the slots an account
--   has taken, ahead) ask for copies on their way out, which targets_account_due (account, state,
--   time) seeks by account and state, one seek per state; an account's queue, not its history.
DROP INDEX IF EXISTS posts_template;
DROP INDEX IF EXISTS posts_pillar;
DROP INDEX IF EXISTS posts_voice;
DROP INDEX IF EXISTS posts_campaign;
CREATE INDEX posts_template ON posts (template_id) WHERE template_id IS NOT NULL;
CREATE INDEX posts_pillar ON posts (pillar_id) WHERE pillar_id IS NOT NULL;
CREATE INDEX posts_voice ON posts (voice_id) WHERE voice_id IS NOT NULL;
CREATE INDEX posts_campaign ON posts (campaign_id) WHERE campaign_id IS NOT NULL;
DROP INDEX IF EXISTS targets_account_time;
