/** The ten platforms Loomcast publishes to, in the order the UI lists them. */
export const PLATFORMS = [
  'x',
  'bluesky',
  'mastodon',
  'linkedin',
  'facebook',
  'instagram',
  'threads',
  'tiktok',
  'youtube',
  'pinterest',
] as const;

export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_NAMES: Record<Platform, string> = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  linkedin: 'LinkedIn',
  facebook: 'Facebook Page',
  instagram: 'Instagram',
  threads: 'Threads',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  pinterest: 'Pinterest',
};

/**
 * Brand colours, for filled avatars that carry a white letter; never page backgrounds (docs/ui.md).
 * A platform's small mark (a dot) on a surface takes its per-theme colour instead (renderer
 * theme.css --platform-*, which keeps 3:1 against the surfaces of both themes).
 */
export const PLATFORM_COLORS: Record<Platform, string> = {
  x: '#111111',
  bluesky: '#1185fe',
  mastodon: '#6364ff',
  linkedin: '#0a66c2',
  facebook: '#1877f2',
  instagram: '#e1306c',
  threads: '#5b5b5b',
  tiktok: '#25f4ee',
  youtube: '#ff0000',
  pinterest: '#e60023',
};

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

/** "a" or "an" for a platform's name as said aloud ("an X post", "an Instagram post", "a Bluesky post"). */
export const articleFor = (platformName: string): 'a' | 'an' => (/^(X|Instagram)\b/.test(platformName) ? 'an' : 'a');
