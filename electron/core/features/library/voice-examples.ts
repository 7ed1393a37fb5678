/**
 * The examples a voice shows a model: the ones the creator pinned, then (if the voice learns)
 * the creator's own approved and published posts, best first. The creator can pin a learned
 * post (its text is copied into the voice), unpin one, or drop a post for good.
 */
import { AppError } from '../../../../shared/contract';
import type { VoiceDto, VoiceExamplesDto } from '../../../../shared/contract/features/library';
import { dateFormat } from '../../../../shared/domain/datetime-format';
import type { FeatureDeps } from '../types';
import { createLearnedPosts } from './voice-learned';
import { toVoice, type VoiceRow } from './voices';

export interface VoiceExample {
  text: string;
  postId: string | null;
  pinned: boolean;
  why: string;
}

export const VOICE_EXAMPLES_MAX = 5;
/** The same limit 'voices:save' puts on the examples typed in the editor. */
const PINNED_MAX = 20;
const EXAMPLE_MAX_CHARS = 5_000;

const PINNED_WHY = 'Pinned by you';

/** `zone` and `dateFormat` name dates in the creator's time zone and format; without them, in UTC and en-GB. */
export function createVoiceExamples(deps: Pick<FeatureDeps, 'db' | 'clock' | 'audit' | 'events'> & Partial<Pick<FeatureDeps, 'zone' | 'dateFormat'>>) {
  const { db, clock, audit, events } = deps;
  const learned = createLearnedPosts(db, deps.zone ?? (() => 'UTC'), deps.dateFormat ?? (() => dateFormat({ locale: 'en-GB', timeFormat: 'system' })));
  const s = {
    voice: db.prepare('SELECT * FROM voices WHERE id = ?'),
    setExamples: db.prepare('UPDATE voices SET examples = ?, updated_at = ? WHERE id = ?'),
    postExists: db.prepare('SELECT 1 FROM posts WHERE id = ?'),
    currentText: db.prepare('SELECT text FROM post_versions WHERE post_id = ? ORDER BY number DESC LIMIT 1'),
    drop: db.prepare('INSERT OR IGNORE INTO voice_example_drops (voice_id, post_id, dropped_at) VALUES (?, ?, ?)'),
  };

  const voiceRow = (id: string) => (s.voice.get(id) as VoiceRow | undefined) ?? null;
  const mustVoice = (id: string): VoiceRow => {
    const row = voiceRow(id);
    if (!row) throw new AppError('not_found', 'That voice no longer exists. It may have been deleted in another window.');
    return row;
  };
  const mustPost = (postId: string): void => {
    if (s.postExists.get(postId)) return;
    const message = 'That post no longer exists. It may have been deleted in another window.';
    throw new AppError('invalid_input', message, { issues: [{ path: ['postId'], message }] });
  };
  const pinnedOf = (row: VoiceRow) => JSON.parse(row.examples) as string[];

  function answer(row: VoiceRow, limit: number): VoiceExamplesDto {
    const pinned = pinnedOf(row);
    const shown: VoiceExample[] = pinned.slice(0, limit).map((text) => ({ text, postId: null, pinned: true, why: PINNED_WHY }));
    if (row.learn_from_posts !== 1) return { examples: shown, basedOn: 0 };
    const { posts, basedOn } = learned.forVoice(row.id, pinned, clock.now(), Math.max(0, limit - shown.length));
    for (const p of posts) shown.push({ text: p.text, postId: p.postId, pinned: false, why: p.why });
    return { examples: shown, basedOn };
  }

  function writePinned(row: VoiceRow, examples: string[], action: string, detail: Record<string, unknown>): VoiceDto {
    db.transaction(() => {
      s.setExamples.run(JSON.stringify(examples), clock.now(), row.id);
      audit.record({ actor: 'user', action, entity: 'voice', entityId: row.id, detail: { name: row.name, ...detail } });
    })();
    events.emit('library:changed', { kind: 'voice', ids: [row.id] });
    return toVoice(mustVoice(row.id));
  }

  return {
    /** What a model is shown for this voice now: pinned examples first, then (if learning) learned ones, at most `limit`. */
    examplesFor(voiceId: string, limit: number = VOICE_EXAMPLES_MAX): VoiceExample[] {
      const row = voiceRow(voiceId);
      return row ? answer(row, limit).examples : [];
    },

    /** The answer of 'voices:examples'. */
    examples(voiceId: string): VoiceExamplesDto {
      return answer(mustVoice(voiceId), VOICE_EXAMPLES_MAX);
    },

    pin(voiceId: string, postId: string): VoiceDto {
      const row = mustVoice(voiceId);
      mustPost(postId);
      const text = ((s.currentText.get(postId) as { text: string } | undefined)?.text ?? '').trim();
      if (text === '') throw new AppError('invalid_input', 'That post has no text to pin as an example.');
      const pinned = pinnedOf(row);
      if (pinned.some((p) => p.trim() === text)) return toVoice(row);
      if (pinned.length >= PINNED_MAX) {
        throw new AppError('invalid_input', `A voice keeps at most ${PINNED_MAX} pinned examples. Unpin one before pinning another.`);
      }
      if (text.length > EXAMPLE_MAX_CHARS) {
        throw new AppError('invalid_input', `That post is ${text.length.toLocaleString('en')} characters long; a pinned example is at most 5,000. Pin a shorter post.`);
      }
      return writePinned(row, [...pinned, text], 'voice.example.pin', { postId });
    },

    unpin(voiceId: string, index: number): VoiceDto {
      const row = mustVoice(voiceId);
      const pinned = pinnedOf(row);
      if (index >= pinned.length) {
        const message = 'That example is no longer pinned. It may have been changed in another window.';
        throw new AppError('invalid_input', message, { issues: [{ path: ['index'], message }] });
      }
      return writePinned(
        row,
        pinned.filter((_, i) => i !== index),
        'voice.example.unpin',
        { index },
      );
    },

    /** The post is never picked again for this voice; other voices may still learn from it. */
    drop(voiceId: string, postId: string): VoiceExamplesDto {
      const row = mustVoice(voiceId);
      mustPost(postId);
      db.transaction(() => {
        s.drop.run(voiceId, postId, clock.now());
        audit.record({ actor: 'user', action: 'voice.example.drop', entity: 'voice', entityId: voiceId, detail: { name: row.name, postId } });
      })();
      events.emit('library:changed', { kind: 'voice', ids: [voiceId] });
      return answer(row, VOICE_EXAMPLES_MAX);
    },
  };
}

export type VoiceExamplesService = ReturnType<typeof createVoiceExamples>;
