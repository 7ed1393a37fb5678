/**
 * Where a model's drafts land: always in Review, never further. New drafts become posts for the
 * chosen accounts, linked to what they were written from; a planned slot's draft gets a new
 * version; variants written together are linked as the arms of one set. Each version records its
 * provenance. A draft that still fails the gates lands flagged with the reason, never cut to fit.
 * Call inside `targets.atomically` so a job's drafts are kept together or not at all.
 */
import { randomUUID } from 'node:crypto';
import { createProvenanceStore, type ProvenanceRecord } from '../../content/provenance';
import { createIdeasRepo } from '../ideas/ideas-repo';
import type { FeatureDeps } from '../types';

export interface DraftLinks {
  templateId: string | null;
  pillarId: string | null;
  voiceId: string | null;
  campaignId: string | null;
}

export type Written = Omit<ProvenanceRecord, 'postId' | 'number' | 'now' | 'writer'>;

const flagged = (problems: string[]) => (problems.length ? { lastError: `Written by AI and still not fit to publish: ${problems.join('; ')}` } : {});

export function createLanding(deps: Pick<FeatureDeps, 'db' | 'posts' | 'targets' | 'clock' | 'events'>) {
  const { db, posts, targets, clock, events } = deps;
  const provenance = createProvenanceStore(db);
  const ideas = createIdeasRepo(db);
  const s = {
    link: db.prepare('UPDATE posts SET template_id = @templateId, pillar_id = @pillarId, voice_id = @voiceId, campaign_id = @campaignId, updated_at = @now WHERE id = @id'),
    set: db.prepare('INSERT INTO variant_sets (id, job_id, template_id, template_name, created_at) VALUES (?, ?, ?, ?, ?)'),
    arm: db.prepare('INSERT INTO variant_arms (set_id, arm, post_id, hook, cta) VALUES (?, ?, ?, ?, ?)'),
  };

  return {
    provenance,

    /** A new post in Review for the accounts, written by the model. */
    newDraft(d: { text: string; thread: string[]; accountIds: string[]; links: DraftLinks; written: Written; problems: string[] }): string {
      const now = clock.now();
      // Drafts wait in Review, so the same words twice is the creator's call there.
      const post = posts.create({ text: d.text, accounts: d.accountIds, schedule: null, thread: d.thread, firstComment: null, override: true, madeBy: { actor: 'system', client: null } });
      s.link.run({ ...d.links, now, id: post.id });
      provenance.record({ ...d.written, postId: post.id, number: 1, writer: 'ai', now });
      targets.transition(post.targets.map((t) => t.id), 'draft', 'in_review', 'generation', flagged(d.problems));
      return post.id;
    },

    /** The model's words as a new version of a draft still in Review (a planned slot). */
    newVersion(d: { postId: string; text: string; written: Written; problems: string[] }): void {
      posts.update({ id: d.postId, text: d.text, override: true });
      const number = provenance.latestVersion(d.postId);
      provenance.record({ ...d.written, postId: d.postId, number, writer: 'ai', now: clock.now() });
      const waiting = posts.get(d.postId).targets.filter((t) => t.state === 'in_review' || t.state === 'draft');
      for (const t of waiting) targets.transition([t.id], t.state, 'in_review', 'generation', { lastError: null, ...flagged(d.problems) });
    },

    /** Variants written together, kept as the arms of one set (an experiment builds on it). */
    variantSet(jobId: string, template: { id: string; name: string }, arms: { postId: string; hook?: string | undefined; cta?: string | undefined }[]): string {
      const id = randomUUID();
      s.set.run(id, jobId, template.id, template.name, clock.now());
      arms.forEach((a, i) => s.arm.run(id, i, a.postId, a.hook ?? null, a.cta ?? null));
      return id;
    },

    /** An idea not yet used becomes the post written from it (ideas remember one post); true when marked. */
    ideaUsed(ideaId: string, postId: string): boolean {
      const idea = ideas.get(ideaId);
      if (!idea || (idea.post_id !== null && ideas.postExists(idea.post_id))) return false;
      ideas.markUsed(ideaId, postId, clock.now());
      return true;
    },

    /** Tells every window, after the drafts were committed. */
    announceIdea(ideaId: string): void {
      events.emit('ideas:changed', { ids: [ideaId], reason: 'used' });
    },
  };
}

export type Landing = ReturnType<typeof createLanding>;
