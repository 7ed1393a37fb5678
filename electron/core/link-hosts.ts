/**
 * Where Loomcast itself sends a creator: the platforms it publishes to, their sign-in (OAuth)
 * pages, and the developer and help pages the app links to (renderer/src/features/settings/
 * developer-apps.ts, the Bluesky app-password page). A host here allows itself and its
 * subdomains (`www.x.com`, `developer.x.com`), so list only hosts whose every subdomain the
 * platform runs itself: never a parent that hands out subdomains to users (`google.com` has
 * sites.google.com, so only its sign-in and console hosts are listed).
 */
export const PLATFORM_LINK_HOSTS: readonly string[] = [
  // X: posts, sign-in (x.com/i/oauth2/authorize), the developer portal, its link shortener.
  'x.com',
  'twitter.com',
  't.co',
  // Bluesky: post links and the app-password page (bsky.app), the default PDS (bsky.social).
  'bsky.app',
  'bsky.social',
  // LinkedIn: posts, sign-in and the developer apps page.
  'linkedin.com',
  // Meta: Facebook pages and its OAuth dialog, Instagram and Threads (both of its domains).
  'facebook.com',
  'instagram.com',
  'threads.net',
  'threads.com',
  // TikTok: videos, sign-in and the developer portal.
  'tiktok.com',
  // YouTube: videos; Google: its sign-in page and the console where the creator makes a client.
  'youtube.com',
  'youtu.be',
  'accounts.google.com',
  'console.cloud.google.com',
  // Pinterest: pins, sign-in and the developer portal.
  'pinterest.com',
];
