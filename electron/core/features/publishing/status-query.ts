import type { BlockedPostsDto, NextPostDto } from '../../../../shared/contract/features/publishing';
import type { Platform } from '../../../../shared/domain/platforms';
import type { Db } from '../../store/open';

/** An account whose copies the scheduler sends (a rate-limited one waits, then sends). */
const CAN_POST = `a.status IN ('connected','rate_limited')`;
const EXCERPT_MAX = 80;

/** The first words of a post on one line, cut at a word where one is near the limit. */
export function excerptOf(text: string, max = EXCERPT_MAX): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Read-only questions about the queue, answered from the targets table (posts/targets.ts is its
 * only writer; nothing here changes a row).
 */
export function createStatusQuery(db: Db) {
  const s = {
    // Each count one state's stretch of an index (targets_state_post), not a walk of every copy:
    // this runs after every change to a post.
    counts: db.prepare<[], { queued: number; failed: number; missed: number; unconfirmed: number }>(`SELECT
        (SELECT count(*) FROM targets WHERE state = 'scheduled') AS queued,
        (SELECT count(*) FROM targets WHERE state = 'failed') AS failed,
        (SELECT count(*) FROM targets WHERE state = 'missed') AS missed,
        (SELECT count(*) FROM targets WHERE state = 'unconfirmed') AS unconfirmed`),
    // The copy the scheduler will send first: the earliest due of those an account can post,
    // read in due order from targets_status_next (scheduled copies only) and stopped at the first.
    next: db.prepare<[], { post_id: string; at: number }>(`SELECT t.post_id, coalesce(t.next_attempt_at, t.scheduled_at) AS at
      FROM targets t INDEXED BY targets_status_next JOIN accounts a ON a.id = t.account_id
      WHERE t.state = 'scheduled' AND ${CAN_POST}
      ORDER BY at, t.created_at LIMIT 1`),
    copies: db.prepare<[string], { account_id: string; platform: Platform; handle: string; at: number }>(`SELECT t.account_id, t.platform, a.handle,
        coalesce(t.next_attempt_at, t.scheduled_at) AS at
      FROM targets t JOIN accounts a ON a.id = t.account_id
      WHERE t.post_id = ? AND +t.state = 'scheduled' AND ${CAN_POST}
      ORDER BY at, a.platform, a.handle`),
    text: db.prepare<[string], { text: string }>(`SELECT text FROM post_versions WHERE post_id = ? ORDER BY number DESC LIMIT 1`),
    // Scheduled copies the scheduler will not send, by platform and why: no account of the platform
    // at all, none picked among several, or an account that cannot post (needs reconnecting).
    // Posts counted once per platform and reason. Read per account that cannot post and for the
    // copies bound to none, each a seek of targets_account_due: read after every burst of changes
    // (a publishing burst's every batch), it must not walk the scheduled copies that can go out:
    // CROSS JOIN keeps the accounts first (0.004 ms, not 0.13 ms, over 1,000 due copies).
    blocked: db.prepare<[], BlockedPostsDto>(`SELECT platform, reason, count(DISTINCT post_id) AS posts FROM (
        SELECT t.platform, 'needs_reconnect' AS reason, t.post_id
          FROM accounts a CROSS JOIN targets t ON t.account_id = a.id AND t.state = 'scheduled'
          WHERE a.status NOT IN ('connected','rate_limited')
        UNION ALL
        SELECT t.platform, CASE WHEN EXISTS (SELECT 1 FROM accounts x WHERE x.platform = t.platform) THEN 'no_account_picked' ELSE 'no_account' END, t.post_id
          FROM targets t WHERE t.account_id IS NULL AND t.state = 'scheduled')
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`),
  };

  return {
    counts: () => s.counts.get()!,
    /** Scheduled posts that cannot go out as things stand, by platform and why (none: an empty list). */
    blocked: (): BlockedPostsDto[] => s.blocked.all(),
    /** The next post to go out, with every account its waiting copies go to. */
    next(): (Omit<NextPostDto, 'at'> & { at: number }) | null {
      const first = s.next.get();
      if (!first) return null;
      const copies = s.copies.all(first.post_id);
      return {
        postId: first.post_id,
        at: first.at,
        excerpt: excerptOf(s.text.get(first.post_id)?.text ?? ''),
        accounts: copies.map((c) => ({ id: c.account_id, platform: c.platform, handle: c.handle })),
      };
    },
  };
}

export type StatusQuery = ReturnType<typeof createStatusQuery>;
