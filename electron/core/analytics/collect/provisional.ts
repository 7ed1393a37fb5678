/**
 * Published copies saved under a provisional handle instead of the post's id: a public TikTok
 * post whose review outlasted publishing keeps its publish_id (the client's `provisionalIds`). At
 * each of its looks the collector asks the platform about the handle again, before reading
 * numbers: the real id and link once they appear (and numbers from then on), "pending" while
 * the review runs, "not_found" when the platform took the post down.
 *
 * Status reads per account per look are capped: TikTok allows 30 a minute per token, shared with
 * publishing's own polls (one every 3 s while a post goes out); copies past the cap wait for the
 * next sweep, still due.
 */
export const PROVISIONAL_READS_PER_LOOK = 10;
