import type { libraryChannels } from '../../../../shared/contract/features/library';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createPillars } from './pillars';
import { createPostLinks } from './post-links';
import { createTemplateUse } from './template-use';
import { createTemplatesRepo } from './templates-repo';
import { createTemplatesService } from './templates-service';
import { createVoiceExamples } from './voice-examples';
import { createVoices } from './voices';

/** Templates, brand voices and content pillars, and how posts link to them. */
export function createLibraryFeature(deps: Pick<FeatureDeps, 'audit' | 'clock' | 'db' | 'events' | 'posts' | 'targets' | 'zone' | 'dateFormat'>): { handlers: FeatureHandlers<keyof typeof libraryChannels> } {
  const templates = createTemplatesService(deps, createTemplatesRepo(deps.db));
  const voices = createVoices(deps);
  const voiceExamples = createVoiceExamples(deps);
  const pillars = createPillars(deps, voices);
  const useTemplate = createTemplateUse(deps, { templates, pillars, voices });
  const links = createPostLinks(deps, { pillars, voices });

  return {
    handlers: {
      'templates:list': (input) => templates.list(input),
      'templates:get': ({ id }) => templates.get(id),
      'templates:save': (input) => templates.save(input),
      'templates:duplicate': ({ id }) => templates.duplicate(id),
      'templates:delete': ({ id }) => templates.delete(id),
      'templates:render': ({ id, values }) => templates.render(id, values),
      'templates:use': (input) => useTemplate(input),
      'voices:list': () => voices.list(),
      'voices:save': (input) => voices.save(input),
      'voices:delete': ({ id }) => voices.delete(id),
      'voices:examples': ({ voiceId }) => voiceExamples.examples(voiceId),
      'voices:pinExample': ({ voiceId, postId }) => voiceExamples.pin(voiceId, postId),
      'voices:unpinExample': ({ voiceId, index }) => voiceExamples.unpin(voiceId, index),
      'voices:dropExample': ({ voiceId, postId }) => voiceExamples.drop(voiceId, postId),
      'pillars:list': () => pillars.list(),
      'pillars:save': (input) => pillars.save(input),
      'pillars:delete': ({ id }) => pillars.delete(id),
      'posts:setPillar': ({ postId, pillarId }) => links.setPillar(postId, pillarId),
      'posts:setVoice': ({ postId, voiceId }) => links.setVoice(postId, voiceId),
      'posts:links': ({ ids }) => links.links(ids),
    },
  };
}
