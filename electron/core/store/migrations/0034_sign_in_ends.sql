-- Loomcast schema 34: when an account's sign-in stops working unless the creator reconnects (the
-- refresh token's end, else the access token's; NULL when Loomcast renews it on its own or it never
-- ends). Worked out from the keychain entry when it is written and at each look of the alerts, so
-- listing accounts never reads the keychain. Rows from before stay NULL until the first look.
ALTER TABLE accounts ADD COLUMN sign_in_ends_at INTEGER;
