-- Loomcast schema 29: media no post uses any more is removed once nothing could bring it back.
-- Media files (media/<sha256>) were never removed: deleting a post, or an image from a post, left
-- its file in the data folder for good. `unused_since` is when the daily sweep first found a file
-- used by no post and by no post in the bin; the sweep after the daily backup removes it once that
-- is more than a week ago and older than every kept backup (a backup restores the posts it holds,
-- which need their files). Using it again (a post, a copy, a restore) clears the mark at once.
ALTER TABLE media ADD COLUMN unused_since INTEGER;
-- The posts that use a file, by the file: the sweep's look, and the foreign key's check when a
-- media row is deleted (without it SQLite reads every post's media for each one).
CREATE INDEX post_media_hash ON post_media (media_hash);
CREATE TRIGGER post_media_uses_media AFTER INSERT ON post_media
  WHEN (SELECT unused_since FROM media WHERE hash = NEW.media_hash) IS NOT NULL
BEGIN
  UPDATE media SET unused_since = NULL WHERE hash = NEW.media_hash;
END;
