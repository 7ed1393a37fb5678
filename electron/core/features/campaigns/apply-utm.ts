import { AppError, type PostDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { applyUtm, utmFor } from '../../../../shared/domain/utm';
import type { FeatureDeps } from '../types';
import type { CampaignsRepo } from './campaigns-repo';
import { toCampaign } from './campaigns-repo';

/**
 * Rewrites the links of a post's current text, thread parts and first comment (where creators often
 * put the link) with its campaign's UTM defaults, as a new version
 * through the posts service (so history, audit and posts:changed stay the service's own).
 */
export function applyCampaignUtm(deps: Pick<FeatureDeps, 'posts'>, repo: CampaignsRepo, postId: string): PostDto {
  const post = deps.posts.get(postId);
  const campaignId = repo.campaignOf(postId);
  if (!campaignId) throw new AppError('invalid_input', 'This post is not in a campaign yet: assign it to one first.');
  const row = repo.get(campaignId);
  if (!row) throw new AppError('not_found', 'That campaign no longer exists.');
  const campaign = toCampaign(row);

  const gone = post.targets.find((t) => t.state === 'publishing' || t.state === 'published');
  if (gone) {
    const name = PLATFORM_NAMES[gone.platform];
    throw new AppError('conflict', gone.state === 'published' ? `This post is already published on ${name}: its links can't change now.` : `This post is being published on ${name} right now: its links can't change.`);
  }

  const platforms = [...new Set(post.targets.map((t) => t.platform))];
  if (!campaign.utm.source && platforms.length !== 1) {
    throw new AppError(
      'invalid_input',
      platforms.length === 0
        ? 'This post has no platform yet, so there is no source to tag its links with: set a UTM source on the campaign.'
        : `This post goes to ${platforms.map((p) => PLATFORM_NAMES[p]).join(', ')}: one text can carry only one utm_source. Set a UTM source on the campaign.`,
    );
  }
  const params = utmFor(campaign.utm, platforms[0] ?? 'x');
  const text = applyUtm(post.text, params);
  const thread = post.thread.map((part) => applyUtm(part, params));
  const firstComment = post.firstComment === null ? null : applyUtm(post.firstComment, params);
  const threadChanged = thread.some((part, i) => part !== post.thread[i]);
  if (text === post.text && !threadChanged && firstComment === post.firstComment) return post;
  return deps.posts.update({
    id: postId,
    ...(text !== post.text ? { text } : {}),
    ...(threadChanged ? { thread } : {}),
    ...(firstComment !== post.firstComment ? { firstComment } : {}),
  });
}
