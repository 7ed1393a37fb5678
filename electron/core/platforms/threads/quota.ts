/**
 * Threads' publishing cap: 250 API posts per rolling 24 hours (a carousel counts once), enforced
 * by `threads_publish`. Threads does not document a distinct error code for it, so every
 * throttling answer checks `threads_publishing_limit`; only a used-up quota counts as the cap.
 */
import { publishingCap } from '../meta/container';
import type { GraphPlatform } from '../meta/outcome';
import { NAME, thGet, threadsUserId } from './api';

export const threadsGraph: GraphPlatform = {
  name: NAME,
  capUntil: publishingCap({ name: NAME, get: thGet, userId: threadsUserId, limitEdge: 'threads_publishing_limit', postsEdge: 'threads', unreadMeansCapped: false }),
  throttleMayBeCap: true,
};
