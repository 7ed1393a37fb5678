/** Channels and events of the mediaLibrary feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id } from '../schemas';
import { MAX_ALT_TEXT, MAX_MEDIA_PER_POST, MEDIA_MIMES } from '../../domain/media-limits';

export { IMAGE_MIMES, MAX_ALT_TEXT, MAX_MEDIA_PER_POST, MAX_UPLOAD_BYTES, MEDIA_MIMES } from '../../domain/media-limits';

const Count = z.number().int().nonnegative();
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'That is not a media hash (64 hex characters)');

export const MediaInfo = z.object({
  hash: z.string(),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** A video's length in milliseconds, where its file says (read from its MP4 / MOV headers). */
  durationMs: z.number().int().positive().optional(),
});

export const PostMediaItem = MediaInfo.extend({ altText: z.string().nullable() });

export const mediaLibraryChannels = {
  /** Stores one file by its SHA-256; the same file uploaded twice is kept once. */
  'media:upload': {
    input: z.strictObject({
      name: z.string().max(300, 'That file name is too long').default(''),
      mime: z.enum(MEDIA_MIMES, { message: 'Loomcast takes JPEG, PNG, GIF and WebP images, and MP4 or MOV videos' }),
      dataBase64: z.string().min(1, 'The file is empty').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data is not base64'),
    }),
    output: MediaInfo,
  },
  /** Replaces the post's media list (in this order), with each item's alt text. */
  'media:setForPost': {
    input: z.strictObject({
      postId: Id,
      items: z
        .array(
          z.strictObject({
            hash: Hash,
            altText: z.string().max(MAX_ALT_TEXT, `Alt text is at most ${MAX_ALT_TEXT} characters (Mastodon's limit)`).nullable(),
          }),
        )
        .max(MAX_MEDIA_PER_POST, `A post takes at most ${MAX_MEDIA_PER_POST} media files`),
    }),
    output: z.array(PostMediaItem),
  },
  'media:forPost': {
    input: z.strictObject({ postId: Id }),
    output: z.array(PostMediaItem),
  },
  /** An image as a data URL, for the composer's thumbnails. */
  'media:thumbnail': {
    input: z.strictObject({ hash: Hash }),
    output: z.object({ dataUrl: z.string() }),
  },
  /**
   * What the media folder holds, and how much of it no post uses any more: those files go after
   * a daily backup once a week has passed and no kept backup uses them (docs/data-safety.md).
   */
  'media:usage': {
    input: z.strictObject({}).optional(),
    output: z.object({ files: Count, bytes: Count, unused: z.object({ files: Count, bytes: Count }) }),
  },
} as const;

export const mediaLibraryEvents = {} as const;

export type MediaInfoDto = z.infer<typeof MediaInfo>;
export type PostMediaItemDto = z.infer<typeof PostMediaItem>;
