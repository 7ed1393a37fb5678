import { AppError, type ChannelParsedInput, type PostDto } from '../../../../shared/contract';
import { renderTemplate, splitThread } from '../../../../shared/domain/template-text';
import type { FeatureDeps } from '../types';
import type { PillarsService } from './pillars';
import type { TemplatesService } from './templates-service';
import type { VoicesService } from './voices';

const MAX_THREAD = 25;

const listOf = (keys: string[]) => {
  const named = keys.map((k) => `{${k}}`);
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
};

/**
 * "Every post remembers the template it came from": renders a template and makes a post of
 * it whose first version says so, linked to the template (and pillar and voice), atomically.
 */
export function createTemplateUse(
  { db, posts, targets, audit, events }: Pick<FeatureDeps, 'db' | 'posts' | 'targets' | 'audit' | 'events'>,
  parts: { templates: TemplatesService; pillars: PillarsService; voices: VoicesService },
) {
  const link = db.prepare('UPDATE posts SET template_id = ?, pillar_id = ?, voice_id = ? WHERE id = ?');
  const markFirstVersion = db.prepare("UPDATE post_versions SET source = 'template' WHERE post_id = ? AND number = 1");

  return function useTemplate(input: ChannelParsedInput<'templates:use'>): PostDto {
    const template = parts.templates.mustGetLive(input.templateId);
    const rendered = renderTemplate(template.body, input.values);
    if (rendered.missing.length > 0) {
      throw new AppError('invalid_input', `Fill in ${listOf(rendered.missing)} before using “${template.name}”.`, {
        issues: rendered.missing.map((key) => ({ path: ['values', key], message: `Fill in {${key}}` })),
      });
    }
    if (rendered.unknown.length > 0) {
      throw new AppError('invalid_input', `“${template.name}” has no ${listOf(rendered.unknown)}. Check the spelling of the variable names.`, {
        issues: rendered.unknown.map((key) => ({ path: ['values', key], message: `“${template.name}” has no {${key}}` })),
      });
    }
    const [text, ...thread] = splitThread(rendered.text);
    if (text === undefined) throw new AppError('invalid_input', 'The filled-in template is empty: there is nothing to post.');
    if (thread.length > MAX_THREAD) {
      throw new AppError('invalid_input', `This makes a thread of ${thread.length + 1} posts; more than ${MAX_THREAD + 1} is too long to publish reliably.`);
    }

    const pillar = input.pillarId ? parts.pillars.mustGet(input.pillarId, ['pillarId']) : null;
    const voiceId = input.voiceId === undefined ? (pillar?.voice_id ?? null) : input.voiceId;
    if (voiceId) parts.voices.mustGet(voiceId, ['voiceId']);

    let created: PostDto | undefined;
    // posts.create nests in this unit of work, so the post, its links and the version's source
    // commit together or not at all, and the post is announced once, after the commit.
    targets.atomically(() => {
      created = posts.create({ text, accounts: input.accounts, platforms: input.platforms, schedule: input.schedule, thread, firstComment: null });
      link.run(template.id, pillar?.id ?? null, voiceId, created.id);
      markFirstVersion.run(created.id);
      audit.record({
        actor: 'user',
        action: 'post.from_template',
        entity: 'post',
        entityId: created.id,
        detail: { templateId: template.id, pillarId: pillar?.id ?? null, voiceId, variables: Object.keys(input.values) },
      });
    });
    const post = posts.get(created!.id);
    events.emit('library:changed', { kind: 'template', ids: [template.id] });
    return post;
  };
}
