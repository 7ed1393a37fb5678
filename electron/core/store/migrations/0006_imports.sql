-- A committed import, by the id the renderer gave it: the same commit sent again (a double
-- click, a retried request after a lost answer) answers the first result and creates nothing.
CREATE TABLE imports (
  id         TEXT PRIMARY KEY,
  result     TEXT NOT NULL CHECK (json_valid(result)),
  created_at INTEGER NOT NULL
) STRICT;
