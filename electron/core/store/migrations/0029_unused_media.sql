-- Loomcast schema 29: media no post uses any more is removed once nothing could bring it back.
-- Media files (media/<sha256>) were never removed: deleting a post, or an image from a post, left
-- its file in the data folder for good. `used` says a post has used the file at some time (an
-- upload not saved into a post yet, which the composer keeps across restarts, is never removed).
-- `unused_since` is when the daily sweep first found a used file used by no post and no post in
-- the bin; the sweep after the daily backup removes it once that is more than a week ago and no
-- kept backup uses it (a restore of that backup would need it). A post taking the file again (a
-- post, a copy, a restore) clears the mark at once.
ALTER TABLE media ADD COLUMN used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1));
ALTER TABLE media ADD COLUMN unused_since INTEGER CHECK (unused_since IS NULL OR used = 1);
UPDATE media SET used = 1 WHERE EXISTS (SELECT 1 FROM post_media pm WHERE pm.media_hash = media.hash);
-- The posts that use a file, by the file: the sweep's look, and the foreign key's check when a
-- media row is deleted (without it SQLite reads every post's media for each one).
CREATE INDEX post_media_hash ON post_media (media_hash);
CREATE TRIGGER post_media_uses_media AFTER INSERT ON post_media
BEGIN
  UPDATE media SET used = 1, unused_since = NULL WHERE hash = NEW.media_hash AND (used = 0 OR unused_since IS NOT NULL);
END;
