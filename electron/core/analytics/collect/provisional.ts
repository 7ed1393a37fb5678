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
import type { ClientContext, ProvisionalIds } from '../../platforms/types';
import { webLink } from '../../publishing/web-link';
import { amendPublishedCopy } from '../../posts/targets';
import type { DueCheck } from './checks-repo';
import type { CollectorDeps } from './collector';
import { judge } from './outcome';
import type { Look, Settler } from './settle';

export const PROVISIONAL_READS_PER_LOOK = 10;

/** What an account's look (./sweep.ts) lends the reads of provisional handles. */
export interface ProvisionalLookDeps {
  d: Pick<CollectorDeps, 'db' | 'events' | 'clock' | 'log'>;
  settler: Pick<Settler, 'settle' | 'hold' | 'raiseRemoved'>;
  /** Whether the look still wants this check (due, or asked for and not stopped since). */
  wanted: (c: DueCheck, at: number) => boolean;
  /** The collector is stopping: no new request starts. */
  closing: () => boolean;
  withTimeout: <T>(fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;
}

/**
 * The checks of copies saved under a provisional handle: asks the platform about each, records
 * the real id and link through the targets owner once they appear, and settles the look of the
 * others (pending while the review runs, not_found once the platform took the post down, with a
 * notice on the copy). Returns the checks whose numbers are read now, found ones under their
 * real id; null when a rate limit held the account (every check of the lane then settled).
 */
export async function resolveProvisional(
  x: ProvisionalLookDeps,
  checks: DueCheck[],
  ids: ProvisionalIds,
  base: ClientContext,
  look: Look,
  limited: Set<string>,
): Promise<DueCheck[] | null> {
  const { d, wanted, withTimeout } = x;
  const { settle, hold, raiseRemoved } = x.settler;
  const out: DueCheck[] = [];
  let reads = 0;
  for (const [i, c] of checks.entries()) {
    if (!wanted(c, look.at)) continue;
    if (!ids.provisional(c.platform_post_id)) {
      out.push(c);
      continue;
    }
    // Past the reads a look may make (or stopping): still due, for the next sweep.
    if (x.closing() || reads >= PROVISIONAL_READS_PER_LOOK) continue;
    reads++;
    look.summary.requests++;
    let a: Awaited<ReturnType<ProvisionalIds['read']>>;
    try {
      a = await withTimeout((signal) => ids.read({ ...base, signal }, { handle: c.platform_post_id, notice: c.notice }));
    } catch (err) {
      const v = judge(err, c.platform, d.clock.now());
      if (v.status === 'rate_limited') {
        hold([...out, ...checks.slice(i)], v, look, limited);
        return null;
      }
      if (v.status === 'failed') d.log.warn('metrics: a post’s status read failed', { accountId: c.account_id, error: err as Error });
      settle(c, v, look);
      continue;
    }
    const amend = (platformPostId: string, url: string | null, notice: string | null) =>
      amendPublishedCopy(d.db, d.events, d.clock.now(), { targetId: c.target_id, was: c.platform_post_id, platformPostId, platformUrl: webLink(url), notice });
    switch (a.kind) {
      case 'found':
        // A copy changed meanwhile is left alone, and looked at afresh by the next sweep.
        if (amend(a.platformPostId, a.url, a.notice)) {
          d.log.info('metrics: a post saved without its id got it', { targetId: c.target_id });
          out.push({ ...c, platform_post_id: a.platformPostId, notice: a.notice });
        }
        break;
      case 'waiting':
        settle(c, { status: 'pending', detail: a.detail }, look);
        break;
      case 'no_public_id':
        settle(c, { status: 'unsupported', detail: a.detail }, look);
        break;
      case 'removed': {
        // It did go out: the copy stays published, its notice says what became of it.
        const amended = amend(c.platform_post_id, null, a.notice);
        d.log.info('metrics: the platform took a post down after it went out', { targetId: c.target_id });
        settle(c, { status: 'not_found', detail: a.detail }, look);
        // After the settle: the alert holds while the copy's check says not_found (see alerts/conditions.ts).
        if (amended) raiseRemoved(c, a.notice);
        break;
      }
    }
  }
  return out;
}
