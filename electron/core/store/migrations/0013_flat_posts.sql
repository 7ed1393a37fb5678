-- Loomcast schema 13: indexes that keep the posts' hot reads flat as the history grows
-- (issue 12, at 100,000 posts). Indexes only: no row is rewritten.

-- A range of days (the calendar's posts:range, and its direct reading): every copy due in the
-- range, with what its filters look at, read from the index alone.
CREATE INDEX targets_time ON targets (scheduled_at, state, account_id, post_id);

-- Counts and queues by state (status line, sidebar badge, review queue, list sections): each
-- post once, in post order, with its due time and when the copy entered the state (updated_at),
-- from the index alone.
CREATE INDEX targets_state_post ON targets (state, post_id, scheduled_at, updated_at);

-- The duplicate guard's window: copies going out or gone out on one platform, by the instant
-- they went (or go) out. The guard reads only the copies inside its window through this index.
CREATE INDEX targets_guard_window ON targets (platform, coalesce(published_at, scheduled_at))
  WHERE state IN ('in_review', 'approved', 'scheduled', 'publishing', 'published');

-- What runs after every change to a post (the publishing status line, the alert rules): the
-- next copy due among the scheduled ones, first in order; and the few copies that carry a note
-- (a stopped thread, a first comment that did not go out), without reading every copy.
CREATE INDEX targets_status_next ON targets (coalesce(next_attempt_at, scheduled_at), created_at) WHERE state = 'scheduled';
CREATE INDEX targets_noted ON targets (post_id) WHERE last_error IS NOT NULL;

-- The post list's "Drafts" and the newest-first listing page by these.
CREATE INDEX posts_updated ON posts (updated_at, id);
CREATE INDEX posts_created ON posts (created_at, id);
