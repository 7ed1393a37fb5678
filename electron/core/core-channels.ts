/**
 * The channels the core answers itself rather than through a feature: the app's facts and
 * settings, posts, platforms, accounts and their sign-ins, the apps and bucket a creator set up,
 * and stopping the data folder's move. index.ts composes them with every feature's.
 */
import type { AppInfoDto } from '../../shared/contract';
import { PLATFORMS, type Platform } from '../../shared/domain/platforms';
import type { AccountsService } from './accounts/accounts-service';
import type { createApps } from './accounts/apps';
import type { createConnectFlows } from './accounts/connect';
import type { createDataFolderMove } from './data-folder-move';
import type { createBucketSettings } from './media/bucket-settings';
import type { PlatformClient } from './platforms/types';
import { LIST_PAGE_DEFAULT } from './posts/post-lists';
import type { createPostsService } from './posts/posts-service';
import { restoreVersion } from './posts/restore-version';
import type { Handlers } from './rpc/dispatcher';
import type { createSettingsService } from './settings/settings-service';

export interface CoreChannelDeps {
  info(): Promise<AppInfoDto>;
  settings: ReturnType<typeof createSettingsService>;
  posts: ReturnType<typeof createPostsService>;
  clients: Partial<Record<Platform, PlatformClient>>;
  accounts: Pick<AccountsService, 'list' | 'disconnect'>;
  connect: ReturnType<typeof createConnectFlows>;
  apps: ReturnType<typeof createApps>;
  bucket: ReturnType<typeof createBucketSettings>;
  dataFolderMove: Pick<ReturnType<typeof createDataFolderMove>, 'cancel'>;
}

/** What each platform's client can publish; a platform without a client in this core cannot be published to. */
export function platformCapabilities(clients: CoreChannelDeps['clients']) {
  return PLATFORMS.map((platform) => {
    const c = clients[platform]?.capabilities;
    return c
      ? { platform, available: true, text: c.text, images: c.images, video: c.video, requiresMedia: c.requiresMedia, maxImages: c.maxImages, threads: c.threads, firstComment: c.firstComment }
      : { platform, available: false, text: false, images: false, video: false, requiresMedia: false, maxImages: 0, threads: false, firstComment: false };
  });
}

export function coreChannels(d: CoreChannelDeps): Partial<Handlers> {
  const { posts, settings, accounts, connect, apps, bucket } = d;
  return {
    'app:info': () => d.info(),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'posts:list': (q) => posts.list(q),
    'posts:page': ({ limit, ...q }) => posts.page({ ...q, limit: limit ?? LIST_PAGE_DEFAULT }),
    'posts:lists': (limits) => posts.lists(limits ?? {}),
    'posts:get': ({ id }) => posts.get(id),
    'posts:create': (input) => posts.create(input),
    'posts:update': (input) => posts.update(input),
    'posts:delete': ({ id }) => posts.delete(id),
    'posts:deleteMany': ({ ids }) => posts.deleteMany(ids),
    'posts:duplicate': ({ id }) => posts.duplicate(id),
    'posts:versions': ({ id }) => posts.versions(id),
    'posts:restoreVersion': ({ id, number }) => restoreVersion(posts, id, number),
    'platforms:capabilities': () => platformCapabilities(d.clients),
    'accounts:list': () => accounts.list(),
    'accounts:connect': (input) => connect.connect(input),
    'accounts:cancelConnect': ({ flowId }) => connect.cancel(flowId),
    'accounts:connectStatus': ({ flowId }) => connect.status(flowId),
    'accounts:disconnect': async ({ id }) => {
      await accounts.disconnect(id);
      return { id };
    },
    'apps:list': () => apps.list(),
    'apps:set': (input) => apps.set(input),
    'bucket:get': () => bucket.get(),
    'bucket:set': (input) => bucket.set(input),
    'bucket:test': () => bucket.test(),
    'bucket:clear': () => bucket.clear(),
    'desktop:cancelMove': () => ({ cancelled: d.dataFolderMove.cancel() }),
  };
}
