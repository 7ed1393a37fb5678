-- Loomcast schema 19: each later part of a thread (and a first comment) keeps its link, as a copy
-- does (targets.platform_url), so the post panel can show where every part of a thread stands
-- and open the ones that went out. Parts sent before this version have none (NULL); the panel
-- then says "published" without a link.
ALTER TABLE target_parts ADD COLUMN platform_url TEXT CHECK (platform_url IS NULL OR platform_url LIKE 'https://%' OR platform_url LIKE 'http://%');
