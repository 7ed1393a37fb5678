import type { PlatformCapabilitiesDto } from '../../../../shared/contract';
import type { MediaInfoDto } from '../../../../shared/contract/features/media-library';
import { IMAGE_MIMES, MAX_UPLOAD_BYTES } from '../../../../shared/domain/media-limits';
import type { Platform } from '../../../../shared/domain/platforms';
import { platformList } from '../../lib/format';
import { fixed } from '../../lib/numbers';
import type { ComposeMedia } from './compose-state';

/** Platforms whose communities expect a description on every image: scheduling waits for it. */
export const ALT_REQUIRED: readonly Platform[] = ['bluesky', 'mastodon'];
/** Platforms that take alt text where it is recommended, not required. */
export const ALT_RECOMMENDED: readonly Platform[] = ['x', 'linkedin', 'facebook', 'instagram', 'threads', 'pinterest'];

export const isImage = (mime: string) => IMAGE_MIMES.includes(mime);

/** The problem with scheduling this media for these platforms, or null when it may go. */
export function missingAltProblem(media: ComposeMedia[], platforms: Platform[]): string | null {
  const strict = platforms.filter((p) => ALT_REQUIRED.includes(p));
  if (strict.length === 0) return null;
  const missing = media.findIndex((m) => isImage(m.mime) && m.altText.trim() === '');
  if (missing < 0) return null;
  return `${platformList(strict)} expect${strict.length > 1 ? '' : 's'} a description of every image. Write alt text for image ${missing + 1}, or save it as a draft.`;
}

/** An uploaded (or attached) item as the form keeps it: with its width and height, and a video's length, for the platforms' rules. */
export function composeMediaOf(info: MediaInfoDto, name: string, altText: string | null): ComposeMedia {
  return {
    hash: info.hash,
    mime: info.mime,
    bytes: info.bytes,
    name,
    altText: altText ?? '',
    ...(info.width && info.height ? { width: info.width, height: info.height } : {}),
    ...(info.durationMs ? { durationMs: info.durationMs } : {}),
  };
}

/** Calm notes about the chosen platforms and the media: what is required, recommended or not taken. */
export function mediaNotes(media: ComposeMedia[], platforms: Platform[], caps: PlatformCapabilitiesDto[] | null): { tone: 'warn' | 'muted'; text: string }[] {
  const notes: { tone: 'warn' | 'muted'; text: string }[] = [];
  const cap = (p: Platform) => caps?.find((c) => c.platform === p) ?? null;
  // What a platform refuses in the media (no photos there, too many, a type or shape) is the
  // pre-flight's to say, in the core's words: compose-form.ts mediaGateProblems, shown beside these.
  const images = media.filter((m) => isImage(m.mime));
  if (images.some((m) => m.altText.trim() === '')) {
    const strict = platforms.filter((p) => ALT_REQUIRED.includes(p));
    const soft = platforms.filter((p) => ALT_RECOMMENDED.includes(p));
    if (strict.length) notes.push({ tone: 'warn', text: `Alt text is required for ${platformList(strict)} before scheduling.` });
    if (soft.length) notes.push({ tone: 'muted', text: `Alt text is recommended on ${platformList(soft)}.` });
  }
  if (media.length === 0) {
    const needs = platforms.filter((p) => cap(p)?.requiresMedia);
    if (needs.length) notes.push({ tone: 'warn', text: `${platformList(needs)} only publish${needs.length > 1 ? '' : 'es'} posts with an image or video.` });
  }
  return notes;
}

/** Why a file can't be uploaded here, or null. */
export function fileProblem(file: { name: string; type: string; size: number }): string | null {
  const ok = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime'];
  if (!ok.includes(file.type)) return `${file.name}: Loomcast takes JPEG, PNG, GIF and WebP images, and MP4 or MOV videos.`;
  if (file.size > MAX_UPLOAD_BYTES) {
    const mb = fixed(file.size / 1024 / 1024, 1);
    return `${file.name} is ${mb} MB; uploads here take at most 7 MB. ${file.type.startsWith('video/') ? 'Videos this large need the desktop app for now.' : 'Make the image smaller, or export it as JPEG.'}`;
  }
  return null;
}
