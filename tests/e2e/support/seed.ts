import type { PlatformCapabilitiesDto, PostDto } from '../../../shared/contract';
import { rpc, type RunningHost } from './host';
import { MP4, STUDIO_JPEG } from './media';

/**
 * Schedules a post as a creator would: a draft first, with an image (or a video where a platform
 * takes no photos) when one of its platforms publishes nothing without media, then its time.
 * The core's pre-flight gates refuse a scheduled Instagram or YouTube post without media.
 */
export async function schedulePost(host: RunningHost, input: { text: string; platforms: string[]; date: string; time: string; zone?: string }): Promise<PostDto> {
  const post = await rpc<PostDto>(host, 'posts:create', { text: input.text, platforms: input.platforms, schedule: null });
  const caps = await rpc<PlatformCapabilitiesDto[]>(host, 'platforms:capabilities');
  const chosen = caps.filter((c) => input.platforms.includes(c.platform));
  if (chosen.some((c) => c.requiresMedia)) {
    const video = chosen.some((c) => !c.images);
    const file = video
      ? { name: 'clip.mp4', mime: 'video/mp4', dataBase64: MP4.toString('base64') }
      : { name: 'studio.jpg', mime: 'image/jpeg', dataBase64: STUDIO_JPEG.toString('base64') };
    const media = await rpc<{ hash: string }>(host, 'media:upload', file);
    await rpc(host, 'media:setForPost', { postId: post.id, items: [{ hash: media.hash, altText: video ? null : 'A blue studio wall' }] });
  }
  return rpc<PostDto>(host, 'posts:update', { id: post.id, schedule: { date: input.date, time: input.time, ...(input.zone ? { zone: input.zone } : {}) } });
}
