-- Loomcast schema 7: how a version of a post was written. post_versions.source says where the
-- text came from ('template', 'ai'…) and keeps its CHECK; widening that CHECK would mean
-- rebuilding a STRICT table that every post's history lives in. A version written by a writer
-- (the offline writer today, a model tomorrow) gets one row here instead, with what it was
-- written from, so Review can say "Written offline from <template>".

CREATE TABLE version_provenance (
  post_id       TEXT NOT NULL,
  number        INTEGER NOT NULL,
  -- Who wrote it: the rule-based offline writer, or a model (issue 8's providers).
  writer        TEXT NOT NULL CHECK (writer IN ('offline','ai')),
  -- The writer's own version (offline-1, a prompt version…), so a draft can be traced to its rules.
  writer_version TEXT NOT NULL CHECK (length(writer_version) BETWEEN 1 AND 80),
  -- What it was written from, as named when it was written (templates and pillars can be renamed).
  template_id   TEXT REFERENCES templates(id) ON DELETE SET NULL,
  template_name TEXT,
  pillar_id     TEXT REFERENCES pillars(id) ON DELETE SET NULL,
  pillar_name   TEXT,
  voice_id      TEXT REFERENCES voices(id) ON DELETE SET NULL,
  campaign_id   TEXT REFERENCES campaigns(id) ON DELETE SET NULL,
  -- Same seed, same words: a preview and its draft agree, and a draft can be written again.
  seed          TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (post_id, number),
  FOREIGN KEY (post_id, number) REFERENCES post_versions(post_id, number) ON DELETE CASCADE
) STRICT;
