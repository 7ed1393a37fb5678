import type { reviewChannels } from '../../../../shared/contract/features/review';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createReviewService } from './review-service';

export { createReviewService } from './review-service';

export function createReviewFeature(deps: Pick<FeatureDeps, 'audit' | 'clock' | 'db' | 'posts' | 'targets'>): { handlers: FeatureHandlers<keyof typeof reviewChannels> } {
  const review = createReviewService(deps);
  return {
    handlers: {
      'review:list': (input) => review.list(input?.limit, input?.reach),
      'review:send': ({ postIds }) => review.sendToReview(postIds),
      'review:approve': ({ postIds }) => review.approve(postIds),
      'review:approveAll': (input) => review.approveAll(input),
      'review:reject': ({ postId, reason }) => review.reject(postId, reason),
    },
  };
}
