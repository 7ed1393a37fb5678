-- Loomcast schema 28: the copies that need the creator's attention (failed, unconfirmed, missed),
-- by when each last changed. "Needs attention" lists the posts whose trouble is newest first, read
-- down this index until the page is full: before, each list read every such copy and every copy
-- of their posts to sort them (~70 ms at 9,000 of them, on every refresh of the list). Only
-- copies in those states are in it, so publishing (scheduled → publishing → published) never
-- writes to it.
CREATE INDEX targets_attention ON targets (updated_at) WHERE state IN ('failed', 'unconfirmed', 'missed');
