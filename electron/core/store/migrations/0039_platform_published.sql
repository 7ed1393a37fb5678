-- Loomcast schema 39: published copies by platform and publish time, so hashtag suggestions for
-- a platform (no account picked) seek that platform's latest copies out instead of walking every
-- copy out newest first and skipping the other platforms' (~90 ms at 100,000 posts; the whole
-- history for a platform with few copies out).
CREATE INDEX targets_platform_published ON targets (platform, published_at) WHERE state = 'published';
