import { randomUUID } from 'node:crypto';
import { AppError, type ChannelParsedInput } from '../../../../shared/contract';
import type { VoiceDto } from '../../../../shared/contract/features/library';
import type { FeatureDeps } from '../types';

export interface VoiceRow {
  id: string;
  name: string;
  tone: string;
  words_to_use: string;
  words_to_avoid: string;
  examples: string;
  learn_from_posts: number;
  created_at: number;
  updated_at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const toVoice = (r: VoiceRow): VoiceDto => ({
  id: r.id,
  name: r.name,
  tone: r.tone,
  wordsToUse: JSON.parse(r.words_to_use) as string[],
  wordsToAvoid: JSON.parse(r.words_to_avoid) as string[],
  examples: JSON.parse(r.examples) as string[],
  learnFromPosts: r.learn_from_posts === 1,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** The same word typed twice (in any case) is kept once, where it first appeared. */
function dedupe(words: string[]): string[] {
  const seen = new Set<string>();
  return words.filter((w) => {
    const k = w.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Brand voices: how a creator sounds (tone, words to use and avoid, example posts). */
export function createVoices({ db, audit, events, clock }: Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'clock'>) {
  const stmts = {
    list: db.prepare('SELECT * FROM voices ORDER BY name COLLATE NOCASE'),
    get: db.prepare('SELECT * FROM voices WHERE id = ?'),
    sameName: db.prepare('SELECT id FROM voices WHERE name = ? COLLATE NOCASE AND id <> ?'),
    insert: db.prepare(`INSERT INTO voices (id, name, tone, words_to_use, words_to_avoid, examples, learn_from_posts, created_at, updated_at)
      VALUES (@id, @name, @tone, @use, @avoid, @examples, @learn, @now, @now)`),
    update: db.prepare(`UPDATE voices SET name = @name, tone = @tone, words_to_use = @use, words_to_avoid = @avoid, examples = @examples, learn_from_posts = @learn,
      updated_at = @now WHERE id = @id`),
    pillarsUsing: db.prepare('SELECT id FROM pillars WHERE voice_id = ?'),
    postsUsing: db.prepare('SELECT id FROM posts WHERE voice_id = ?'),
    delete: db.prepare('DELETE FROM voices WHERE id = ?'),
  };

  /** With `path`, a missing voice is a mistake in the request (e.g. a pillar's voiceId). */
  const mustGet = (id: string, path?: (string | number)[]): VoiceRow => {
    const row = stmts.get.get(id) as VoiceRow | undefined;
    if (row) return row;
    const message = 'That voice no longer exists. It may have been deleted in another window.';
    throw path ? new AppError('invalid_input', message, { issues: [{ path, message }] }) : new AppError('not_found', message);
  };

  return {
    mustGet,

    list(): VoiceDto[] {
      return (stmts.list.all() as VoiceRow[]).map(toVoice);
    },

    save(input: ChannelParsedInput<'voices:save'>): VoiceDto {
      const before = input.id ? mustGet(input.id) : null;
      const learn = input.learnFromPosts ?? before?.learn_from_posts === 1;
      if (stmts.sameName.get(input.name, input.id ?? '')) {
        const message = `You already have a voice named “${input.name}”. Pick another name.`;
        throw new AppError('invalid_input', message, { issues: [{ path: ['name'], message }] });
      }
      const use = dedupe(input.wordsToUse);
      const avoid = dedupe(input.wordsToAvoid);
      const clash = use.filter((w) => avoid.some((a) => a.toLowerCase() === w.toLowerCase()));
      if (clash.length > 0) {
        const message = `“${clash[0]}” is both a word to use and a word to avoid. Keep it in one list.`;
        throw new AppError('invalid_input', message, { issues: [{ path: ['wordsToAvoid'], message }] });
      }
      const id = input.id ?? randomUUID();
      const row = { id, name: input.name, tone: input.tone, use: JSON.stringify(use), avoid: JSON.stringify(avoid), examples: JSON.stringify(input.examples), learn: learn ? 1 : 0, now: clock.now() };
      db.transaction(() => {
        if (input.id) stmts.update.run(row);
        else stmts.insert.run(row);
        audit.record({ actor: 'user', action: input.id ? 'voice.update' : 'voice.create', entity: 'voice', entityId: id, detail: { name: input.name, learnFromPosts: learn } });
      })();
      events.emit('library:changed', { kind: 'voice', ids: [id] });
      return toVoice(mustGet(id));
    },

    /** Pillars and posts that spoke in this voice keep going, without one. */
    delete(id: string): { id: string } {
      const row = mustGet(id);
      const pillars = (stmts.pillarsUsing.all(id) as { id: string }[]).map((r) => r.id);
      const posts = (stmts.postsUsing.all(id) as { id: string }[]).map((r) => r.id);
      db.transaction(() => {
        stmts.delete.run(id);
        audit.record({ actor: 'user', action: 'voice.delete', entity: 'voice', entityId: id, detail: { name: row.name, pillars: pillars.length, posts: posts.length } });
      })();
      events.emit('library:changed', { kind: 'voice', ids: [id] });
      if (pillars.length > 0) events.emit('library:changed', { kind: 'pillar', ids: pillars });
      if (posts.length > 0) events.emit('posts:changed', { ids: posts, reason: 'updated' });
      return { id };
    },
  };
}

export type VoicesService = ReturnType<typeof createVoices>;
