import { AppError, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import { IMAGE_MIMES, MAX_UPLOAD_BYTES } from '../../../../shared/contract/features/media-library';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { MediaItem } from '../../platforms/types';
import type { FeatureDeps } from '../types';
import { imageSize } from './dimensions';

const MB = 1024 * 1024;

const info = (m: MediaItem) => ({
  hash: m.hash,
  mime: m.mime,
  bytes: m.bytes,
  ...(m.width ? { width: m.width } : {}),
  ...(m.height ? { height: m.height } : {}),
  ...(m.durationMs ? { durationMs: m.durationMs } : {}),
});

/** Uploads stored by content hash, and each post's ordered media list with alt text. */
export function createPostMedia({ db, audit, posts, targets, media }: Pick<FeatureDeps, 'db' | 'audit' | 'posts' | 'targets' | 'media'>) {
  const s = {
    locked: db.prepare(`SELECT platform, state FROM targets WHERE post_id = ? AND state IN ('publishing', 'published') LIMIT 1`),
    known: db.prepare('SELECT 1 FROM media WHERE hash = ?'),
  };

  function forPost({ postId }: ChannelParsedInput<'media:forPost'>): ChannelOutput<'media:forPost'> {
    posts.get(postId); // not_found when it is gone
    return media.forPost(postId).map((m) => ({ ...info(m), altText: m.altText }));
  }

  return {
    upload({ name, mime, dataBase64 }: ChannelParsedInput<'media:upload'>): ChannelOutput<'media:upload'> {
      const bytes = new Uint8Array(Buffer.from(dataBase64, 'base64'));
      const label = name ? `"${name}"` : 'That file';
      if (bytes.byteLength === 0) throw new AppError('invalid_input', `${label} is empty.`);
      if (bytes.byteLength > MAX_UPLOAD_BYTES) {
        const kind = mime.startsWith('video/') ? 'Videos this large need the desktop app for now.' : 'Make the image smaller, or export it as JPEG.';
        throw new AppError('invalid_input', `${label} is ${(bytes.byteLength / MB).toFixed(1)} MB; uploads here take at most ${MAX_UPLOAD_BYTES / MB} MB. ${kind}`, {
          issues: [{ path: ['dataBase64'], message: `At most ${MAX_UPLOAD_BYTES / MB} MB` }],
        });
      }
      const size = IMAGE_MIMES.includes(mime) ? imageSize(bytes) : null;
      const hash = media.put(bytes, mime, size ?? {});
      return info(media.item(hash));
    },

    setForPost({ postId, items }: ChannelParsedInput<'media:setForPost'>): ChannelOutput<'media:setForPost'> {
      posts.get(postId); // not_found when it is gone
      const apply = () => {
        const locked = s.locked.get(postId) as { platform: Platform; state: string } | undefined;
        if (locked) {
          throw new AppError(
            'conflict',
            `The ${PLATFORM_NAMES[locked.platform]} copy is ${locked.state === 'publishing' ? 'being published right now' : 'already published'}, so its media can't change. Duplicate the post to reuse it.`,
          );
        }
        for (const m of items) {
          if (!s.known.get(m.hash)) throw new AppError('not_found', `No media with hash ${m.hash.slice(0, 12)}…; upload the file again.`);
        }
        const cleaned = items.map((m) => ({ hash: m.hash, altText: m.altText?.trim() ? m.altText.trim() : null }));
        media.setForPost(postId, cleaned);
        // Copies on their way out pass the gates again: media required, alt text, types; an
        // agent's media wait for the creator's approval, like its words.
        targets.regate(postId);
        targets.reviewAgain(postId, 'media.agentSet');
        targets.touched(postId);
        audit.record({
          actor: 'user',
          action: 'media.setForPost',
          entity: 'post',
          entityId: postId,
          detail: { items: cleaned.map((m) => ({ hash: m.hash, alt: m.altText !== null })) },
        });
      };
      targets.atomically(apply, 'immediate');
      return forPost({ postId });
    },

    forPost,

    thumbnail({ hash }: ChannelParsedInput<'media:thumbnail'>): ChannelOutput<'media:thumbnail'> {
      const item = media.item(hash); // not_found when unknown
      if (!IMAGE_MIMES.includes(item.mime)) throw new AppError('invalid_input', 'Only images have a thumbnail.');
      if (item.bytes > MAX_UPLOAD_BYTES) throw new AppError('invalid_input', 'That image is too large to show here.');
      return { dataUrl: `data:${item.mime};base64,${Buffer.from(media.read(hash)).toString('base64')}` };
    },
  };
}
