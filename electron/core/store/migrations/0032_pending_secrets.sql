-- Loomcast schema 32: a new account's keychain entry is written before its row (a row never
-- claims a connection it cannot use), so a crash between the two would leave an entry nothing
-- uses. Its id is noted here before the keychain write, and the note goes in the transaction
-- that inserts the row; a note left without a row is deleted at the next start, keychain entry first.
CREATE TABLE pending_secrets (
  account_id TEXT PRIMARY KEY,
  noted_at   INTEGER NOT NULL
) STRICT;
