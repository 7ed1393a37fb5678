/**
 * What a job reads before it asks the model: the template, idea or post it starts from, the
 * pillar, campaign and voice (with the examples the voice shows the model now), and the accounts
 * its drafts go to. Reads only; the drafts are written by ./land.ts.
 */
import { AppError } from '../../../../shared/contract';
import type { Platform } from '../../../../shared/domain/platforms';
import type { ProvenanceExample } from '../../content/provenance';
import type { PostsService } from '../../posts/posts-service';
import type { Db } from '../../store/open';
import { createVoiceExamples } from '../library/voice-examples';
import type { FeatureDeps } from '../types';
import type { VoiceBrief } from './prompts';
import type { Destination } from './variants';

export interface VoiceUse {
  id: string;
  brief: VoiceBrief;
  /** How the examples are recorded with each draft. */
  examples: ProvenanceExample[];
}

/** A reason the job can't be written at all (not worth asking again). */
export class JobProblem extends Error {}

export function createBriefs(deps: Pick<FeatureDeps, 'db' | 'clock' | 'audit' | 'events'> & { posts: PostsService }) {
  const db: Db = deps.db;
  const voiceExamples = createVoiceExamples(deps);
  const s = {
    template: db.prepare('SELECT id, name, body FROM templates WHERE id = ? AND deleted_at IS NULL'),
    idea: db.prepare('SELECT id, text, link, tags, post_id FROM ideas WHERE id = ?'),
    account: db.prepare('SELECT id, platform, handle, status FROM accounts WHERE id = ?'),
    accountsOn: db.prepare('SELECT id, platform, handle, status FROM accounts WHERE platform = ? ORDER BY created_at, id'),
    postLinks: db.prepare('SELECT template_id, pillar_id, voice_id, campaign_id FROM posts WHERE id = ?'),
    pillar: db.prepare('SELECT id, name, description, voice_id FROM pillars WHERE id = ?'),
    campaign: db.prepare('SELECT name FROM campaigns WHERE id = ?'),
    voice: db.prepare('SELECT id, name, tone, words_to_use, words_to_avoid, examples FROM voices WHERE id = ?'),
  };

  const destinations = (accountIds: readonly string[]): Destination[] =>
    accountIds.map((id) => {
      const a = s.account.get(id) as { id: string; platform: Platform; handle: string; status: string } | undefined;
      if (!a) throw new AppError('invalid_input', 'One of the chosen accounts no longer exists; pick the accounts again.');
      return { accountId: a.id, platform: a.platform, handle: a.handle, status: a.status };
    });

  return {
    destinations,
    accountsOn: (platform: Platform) => s.accountsOn.all(platform) as { id: string; platform: Platform; handle: string; status: string }[],
    template: (id: string) => (s.template.get(id) as { id: string; name: string; body: string } | undefined) ?? null,
    idea(id: string) {
      const r = s.idea.get(id) as { id: string; text: string; link: string | null; tags: string; post_id: string | null } | undefined;
      return r ? { id: r.id, text: r.text, link: r.link, tags: JSON.parse(r.tags) as string[], postId: r.post_id } : null;
    },
    /** A post with what it was made from (template, pillar, voice, campaign). */
    post(id: string) {
      const links = s.postLinks.get(id) as { template_id: string | null; pillar_id: string | null; voice_id: string | null; campaign_id: string | null } | undefined;
      if (!links) return null;
      const post = deps.posts.get(id);
      const pillar = links.pillar_id ? ((s.pillar.get(links.pillar_id) as { id: string; name: string; description: string; voice_id: string | null } | undefined) ?? null) : null;
      const campaign = links.campaign_id ? ((s.campaign.get(links.campaign_id) as { name: string } | undefined)?.name ?? null) : null;
      return {
        post,
        templateId: links.template_id,
        pillar,
        campaignId: links.campaign_id,
        campaign,
        voiceId: links.voice_id ?? pillar?.voice_id ?? null,
      };
    },
    /** The voice as the model is told it, with the examples it is shown now; null when there is none. */
    voice(id: string | null): VoiceUse | null {
      if (!id) return null;
      const v = s.voice.get(id) as { id: string; name: string; tone: string; words_to_use: string; words_to_avoid: string } | undefined;
      if (!v) return null;
      const examples = voiceExamples.examplesFor(id);
      let pinned = 0;
      return {
        id: v.id,
        brief: { name: v.name, tone: v.tone, wordsToUse: JSON.parse(v.words_to_use) as string[], wordsToAvoid: JSON.parse(v.words_to_avoid) as string[], examples },
        examples: examples.map((e) => (e.postId ? { postId: e.postId } : { pinned: pinned++ })),
      };
    },
  };
}

export type Briefs = ReturnType<typeof createBriefs>;
