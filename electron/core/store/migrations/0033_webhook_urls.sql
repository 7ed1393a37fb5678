-- Loomcast schema 33: a webhook's address is a secret (Slack's and Discord's carry their key in the
-- path; many others a token in the path or query): whoever has it can post. It moves to the keychain,
-- under webhook-url:<id>, and the row keeps only what is shown ("https://hooks.slack.com/…").
-- Rows written before hold the whole address (url_in_vault = 0) until a start moves it; a keychain
-- that refuses leaves the row as it is, for the next start.
ALTER TABLE webhooks ADD COLUMN url_in_vault INTEGER NOT NULL DEFAULT 0 CHECK (url_in_vault IN (0,1));

-- As pending_secrets does for accounts: a new webhook's keychain entries are written before its
-- row, so its id is noted here first and the note goes in the transaction that inserts the row. A
-- deleted webhook is noted until its entries are gone. A note without a row is deleted at the next
-- start, keychain entries first.
CREATE TABLE pending_webhook_secrets (
  webhook_id TEXT PRIMARY KEY,
  noted_at   INTEGER NOT NULL
) STRICT;
