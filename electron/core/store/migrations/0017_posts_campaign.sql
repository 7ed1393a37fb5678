-- Loomcast schema 17: posts found by campaign through an index. The campaigns screen counts each
-- campaign's posts, opening a campaign lists them and an experiment's roll-out reads them; each
-- walked every post (at 100,000 posts, the whole table once per campaign on the screen).
CREATE INDEX posts_campaign ON posts (campaign_id);
