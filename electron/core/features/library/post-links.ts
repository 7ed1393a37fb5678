import type { PostLinksDto } from '../../../../shared/contract/features/library';
import type { FeatureDeps } from '../types';
import type { PillarsService } from './pillars';
import type { VoicesService } from './voices';

interface LinksRow {
  id: string;
  template_id: string | null;
  pillar_id: string | null;
  voice_id: string | null;
}

const toLinks = (r: LinksRow): PostLinksDto => ({ postId: r.id, templateId: r.template_id, pillarId: r.pillar_id, voiceId: r.voice_id });

/** A post's place in the library: the template it came from, its pillar and its voice. */
export function createPostLinks(
  { db, posts, audit, events, clock }: Pick<FeatureDeps, 'db' | 'posts' | 'audit' | 'events' | 'clock'>,
  parts: { pillars: PillarsService; voices: VoicesService },
) {
  const stmts = {
    get: db.prepare('SELECT id, template_id, pillar_id, voice_id FROM posts WHERE id = ?'),
    many: db.prepare('SELECT id, template_id, pillar_id, voice_id FROM posts WHERE id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id'),
    setPillar: db.prepare('UPDATE posts SET pillar_id = ?, updated_at = ? WHERE id = ?'),
    setVoice: db.prepare('UPDATE posts SET voice_id = ?, updated_at = ? WHERE id = ?'),
  };

  const set = (kind: 'pillar' | 'voice', postId: string, value: string | null): PostLinksDto => {
    posts.get(postId); // not_found in the posts service's own words
    if (value) (kind === 'pillar' ? parts.pillars : parts.voices).mustGet(value, [kind === 'pillar' ? 'pillarId' : 'voiceId']);
    db.transaction(() => {
      (kind === 'pillar' ? stmts.setPillar : stmts.setVoice).run(value, clock.now(), postId);
      audit.record({ actor: 'user', action: `post.set_${kind}`, entity: 'post', entityId: postId, detail: { [`${kind}Id`]: value } });
    })();
    events.emit('posts:changed', { ids: [postId], reason: 'updated' });
    return toLinks(stmts.get.get(postId) as LinksRow);
  };

  return {
    setPillar: (postId: string, pillarId: string | null) => set('pillar', postId, pillarId),
    setVoice: (postId: string, voiceId: string | null) => set('voice', postId, voiceId),
    /** Posts that don't exist are left out. */
    links(ids: string[]): PostLinksDto[] {
      return ids.length === 0 ? [] : (stmts.many.all(JSON.stringify(ids)) as LinksRow[]).map(toLinks);
    },
  };
}
