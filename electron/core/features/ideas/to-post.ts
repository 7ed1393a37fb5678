import { AppError, channels, type ChannelParsedInput, type PostDto } from '../../../../shared/contract';
import { postTextFor } from '../../../../shared/contract/features/ideas';
import { formatInstant } from '../../../../shared/domain/time';
import type { FeatureDeps } from '../types';
import type { IdeaRow, IdeasRepo } from './ideas-repo';

/**
 * Turns an idea into a post and links the two, in one transaction: the post is created through
 * the posts service (so it is versioned, audited and announced like any other), and if anything
 * after that fails, the post is rolled back with it. An idea that already is a post is refused.
 */
export function turnIntoPost(
  deps: Pick<FeatureDeps, 'posts' | 'targets' | 'audit' | 'clock' | 'zone' | 'dateFormat'>,
  repo: IdeasRepo,
  mustGet: (id: string) => IdeaRow,
  input: ChannelParsedInput<'ideas:toPost'>,
): PostDto {
  return deps.targets.atomically(() => {
    const idea = mustGet(input.id);
    if (idea.post_id !== null && repo.postExists(idea.post_id)) {
      const when = idea.used_at === null ? '' : ` on ${formatInstant(idea.used_at, deps.zone(), { withYear: true, format: deps.dateFormat() })}`;
      throw new AppError('conflict', `This idea was already turned into a post${when}. Open that post to change it, or delete it to use the idea again.`);
    }
    // The contract fills in what this flow leaves out (no thread, no first comment), so a field
    // added to posts:create later gets its default here too.
    const postInput: ChannelParsedInput<'posts:create'> = channels['posts:create'].input.parse({
      text: postTextFor(idea),
      accounts: input.accounts,
      platforms: input.platforms,
      schedule: input.schedule,
    });
    // Nested in this transaction (a savepoint): a failure below undoes the post too.
    const post = deps.posts.create(postInput);
    repo.markUsed(idea.id, post.id, deps.clock.now());
    deps.audit.record({ actor: 'user', action: 'idea.to_post', entity: 'idea', entityId: idea.id, detail: { postId: post.id, platforms: input.platforms, scheduled: input.schedule !== null } });
    return post;
  });
}
