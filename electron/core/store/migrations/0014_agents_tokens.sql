-- Loomcast schema 14: who made a post (the creator, an agent, a script or Loomcast itself), and
-- scoped tokens for the local API (issue 13). Posts from before say nothing (NULL).

-- 'user': the creator in the app; 'agent' / 'script': a client of the local API that said so, or
-- used a scoped token; 'system': Loomcast itself (generated drafts). The client's own name, if any.
ALTER TABLE posts ADD COLUMN created_by TEXT CHECK (created_by IS NULL OR created_by IN ('user', 'agent', 'script', 'system'));
ALTER TABLE posts ADD COLUMN created_via TEXT CHECK (created_via IS NULL OR length(created_via) <= 80);

-- A token a script or an agent uses instead of the app's own: only the SHA-256 of its secret is
-- kept, so this file (and its backups) cannot be used to call the API. Revoked tokens stay, marked,
-- so the list says what was revoked and when.
CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  scope        TEXT NOT NULL CHECK (scope IN ('full', 'read', 'drafts')),
  token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
) STRICT;
