/**
 * Instagram's publishing cap: a number of API posts per rolling 24 hours (the reference says
 * 50; older docs 25). `media_publish` answers code 9 / subcode 2207042 when it is reached; the
 * account's own usage and window are at `content_publishing_limit`.
 */
import { publishingCap } from '../meta/container';
import type { GraphPlatform } from '../meta/outcome';
import { NAME, igGet, igUserId } from './api';

export const instagramGraph: GraphPlatform = {
  name: NAME,
  capUntil: publishingCap({ name: NAME, get: igGet, userId: igUserId, limitEdge: 'content_publishing_limit', postsEdge: 'media', unreadMeansCapped: true }),
  throttleMayBeCap: false,
};
