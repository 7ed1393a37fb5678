import type { mediaLibraryChannels } from '../../../../shared/contract/features/media-library';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createPostMedia } from './post-media';

export function createMediaLibraryFeature(deps: Pick<FeatureDeps, 'audit' | 'db' | 'media' | 'posts' | 'targets'>): { handlers: FeatureHandlers<keyof typeof mediaLibraryChannels> } {
  const m = createPostMedia(deps);
  return {
    handlers: {
      'media:upload': (input) => m.upload(input),
      'media:setForPost': (input) => m.setForPost(input),
      'media:forPost': (input) => m.forPost(input),
      'media:thumbnail': (input) => m.thumbnail(input),
      'media:usage': () => deps.media.usage(),
    },
  };
}
