/**
 * After an unknown outcome: was the post made? Instagram and Threads take no idempotency key,
 * so their reconcile pages through the account's own recent posts (or a post's comments or
 * replies) for the text we sent. Never posts anything.
 */
import { detailsOf } from '../common/http';
import type { PublishRequest, ReconcileResult } from '../types';
import { PlatformError } from '../types';
import { judge, wordsOf } from './graph-error';
import { succeeded, type Answer } from './graph-call';
import { CLOCK_SKEW_MS, pageOf, parseGraphTime, sameText } from './lists';

/** Enough for any realistic burst of posts since one attempt began. */
const MAX_PAGES = 5;

export type Row = { id?: string; caption?: string; text?: string; timestamp?: string; permalink?: string; replied_to?: { id?: string } };

/**
 * Reads an answer for a lookup: a network failure, a server error or a throttle says nothing
 * about the post (throw: the scheduler asks again later); a definite refusal means we cannot tell.
 */
export function lookupError(name: string, answer: Answer): ReconcileResult {
  if (!answer.ok) throw new PlatformError(`Could not reach ${name} to check whether the post went out: ${answer.failure.message}.`);
  const verdict = judge(answer.status, answer.err);
  const details = detailsOf(answer.status, answer.body);
  if (verdict.kind === 'server' || verdict.kind === 'rate_limited' || verdict.kind === 'not_ready') {
    throw new PlatformError(`${name} could not answer whether the post went out just now.`, details, answer.status);
  }
  if (verdict.kind === 'expired_token') {
    return { kind: 'cannot_tell', reason: `${name} no longer accepts the account's sign-in, so Loomcast could not check whether the post went out. Reconnect the account, then check ${name}.` };
  }
  return { kind: 'cannot_tell', reason: `${name} would not list the account's recent posts (${wordsOf(answer.err, answer.status)}).` };
}

/**
 * Pages through a newest-first list of the account's posts (or a post's comments) for one whose
 * text is ours and which was made since the attempt began (less the clock-skew margin).
 */
export async function scanForPost(
  name: string,
  get: (query: Record<string, string>) => Promise<Answer>,
  query: Record<string, string>,
  req: PublishRequest,
  textOf: (row: Row) => string | undefined,
  urlOf: (row: Row) => string | null,
  /** What else a row must be to be ours (a reply: to the post it answers). */
  also: (row: Row) => boolean = () => true,
): Promise<ReconcileResult> {
  // With no words, any other photo or video posted meanwhile without a caption would read as ours.
  if (sameText(req.text, '')) {
    return { kind: 'cannot_tell', reason: `The post has no text, so Loomcast cannot tell it apart from the account's other posts on ${name}.` };
  }
  const since = req.attemptStartedAt - CLOCK_SKEW_MS;
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await get(after ? { ...query, after } : query);
    if (!succeeded(answer)) return lookupError(name, answer);
    const { items, after: next } = pageOf<Row>(answer.body);
    const hit = items.find((r) => {
      const at = parseGraphTime(r.timestamp);
      return typeof r.id === 'string' && (at === undefined || at >= since) && sameText(textOf(r), req.text) && also(r);
    });
    if (hit) return { kind: 'found', platformPostId: hit.id!, url: urlOf(hit) };
    if (!next) return { kind: 'not_found' };
    after = next;
  }
  return { kind: 'cannot_tell', reason: `${name} lists more recent posts than Loomcast looked through; check ${name} for the post.` };
}
