import type { ChannelOutput, ChannelParsedInput } from '../../../../shared/contract';
import { AppError } from '../../../../shared/contract';
import { createProvenanceStore } from '../../content/provenance';
import type { FeatureDeps } from '../types';
import type { PlannedPost } from './plan';

/**
 * Makes every planned post at once: a post for the account at its slot, linked to its pillar,
 * template and campaign, waiting in review, with a record that the offline writer wrote it. One
 * transaction: if any row fails, none of them is kept.
 */
export function createPlanCommit(
  { db, posts, targets, audit, clock }: Pick<FeatureDeps, 'db' | 'posts' | 'targets' | 'audit' | 'clock'>,
  plan: (input: ChannelParsedInput<'planner:preview'>) => PlannedPost[],
) {
  const s = {
    link: db.prepare('UPDATE posts SET template_id = ?, pillar_id = ?, campaign_id = ?, updated_at = ? WHERE id = ?'),
    voice: db.prepare('UPDATE posts SET voice_id = (SELECT voice_id FROM pillars WHERE id = ?) WHERE id = ?'),
  };
  const provenance = createProvenanceStore(db);

  return function commit(input: ChannelParsedInput<'planner:commit'>): ChannelOutput<'planner:commit'> {
    const items = plan(input);
    const empty = items.findIndex((i) => i.parts.length === 0);
    if (empty >= 0) throw new AppError('invalid_input', `“${items[empty]!.templateName}” is empty: there is nothing to post. Pick another template.`);
    const postIds: string[] = [];
    const now = clock.now();
    targets.atomically(() => {
      for (const item of items) {
        const [text, ...thread] = item.parts;
        // The planner's posts all wait in review, so the same words twice is the creator's call there.
        // A platform without threads got its parts joined by the writer, so nothing is dropped.
        const post = posts.create({ text: text!, accounts: [item.accountId], schedule: null, thread, firstComment: null, override: true });
        s.link.run(item.templateId, item.pillarId, item.campaignId, now, post.id);
        s.voice.run(item.pillarId, post.id);
        provenance.record({ postId: post.id, number: 1, writer: 'offline', task: 'plan', ...item.writing, templateId: item.templateId, templateName: item.templateName, pillarId: item.pillarId, pillarName: item.pillarName, campaignId: item.campaignId, now });
        // Booked at its slot, waiting in Review: the gates run when the creator approves it.
        targets.transition(post.targets.map((t) => t.id), 'draft', 'in_review', 'planner.commit', { scheduledAt: item.epochMs, zone: item.zone });
        postIds.push(post.id);
      }
      audit.record({ actor: 'user', action: 'planner.commit', entity: 'post', entityId: postIds[0] ?? '', detail: { count: postIds.length, startDate: input.startDate, days: input.days } });
    });
    return { created: postIds.length, postIds };
  };
}
