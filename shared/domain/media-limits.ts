/** What media Loomcast takes; schema-free, so screens can read the limits without the contract's schemas. */
export const MEDIA_MIMES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime'] as const;
export const IMAGE_MIMES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
/** The browser-mode host takes request bodies up to 10 MB, so one upload stays under 7 MB. */
export const MAX_UPLOAD_BYTES = 7 * 1024 * 1024;
export const MAX_MEDIA_PER_POST = 10;
/** Mastodon's limit for an image description; the longest of the platforms. */
export const MAX_ALT_TEXT = 1500;
