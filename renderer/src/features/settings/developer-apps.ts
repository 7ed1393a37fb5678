import type { Platform } from '../../../../shared/domain/platforms';

/** What each platform calls its app's keys, and where the creator finds them. */
export interface AppGuide {
  idLabel: string;
  secretLabel: string;
  /** The platform's developer site, where the app is created. */
  portal: string;
  where: string;
}

export const APP_GUIDES: Partial<Record<Platform, AppGuide>> = {
  x: {
    idLabel: 'OAuth 2.0 client ID',
    secretLabel: 'Client secret',
    portal: 'https://developer.x.com/en/portal/dashboard',
    where: 'Developer Portal → your app → Keys and tokens (set up OAuth 2.0 first).',
  },
  linkedin: {
    idLabel: 'Client ID',
    secretLabel: 'Primary client secret',
    portal: 'https://www.linkedin.com/developers/apps',
    where: 'LinkedIn Developers → your app → Auth.',
  },
  facebook: {
    idLabel: 'App ID',
    secretLabel: 'App secret',
    portal: 'https://developers.facebook.com/apps',
    where: 'Meta for Developers → your app → App settings → Basic.',
  },
  instagram: {
    idLabel: 'Instagram app ID',
    secretLabel: 'Instagram app secret',
    portal: 'https://developers.facebook.com/apps',
    where: 'Meta for Developers → your app → Instagram → API setup with Instagram login.',
  },
  threads: {
    idLabel: 'Threads app ID',
    secretLabel: 'Threads app secret',
    portal: 'https://developers.facebook.com/apps',
    where: 'Meta for Developers → your app → Use cases → Access the Threads API → Settings.',
  },
  tiktok: {
    idLabel: 'Client key',
    secretLabel: 'Client secret',
    portal: 'https://developers.tiktok.com/apps',
    where: 'TikTok for Developers → your app → App details.',
  },
  youtube: {
    idLabel: 'OAuth client ID',
    secretLabel: 'Client secret',
    portal: 'https://console.cloud.google.com/apis/credentials',
    where: 'Google Cloud console → APIs & Services → Credentials → an OAuth client of type “Desktop app”.',
  },
  pinterest: {
    idLabel: 'App ID',
    secretLabel: 'App secret key',
    portal: 'https://developers.pinterest.com/apps',
    where: 'Pinterest Developers → My apps → your app.',
  },
};

export const FALLBACK_GUIDE: AppGuide = { idLabel: 'Client ID', secretLabel: 'Client secret', portal: '', where: '' };

/**
 * The core describes a redirect that takes any loopback port as "http://127.0.0.1/callback
 * (any port)"; the URL to copy is the part before the note.
 */
export function splitRedirect(redirectUri: string): { url: string; note: string | null } {
  const m = /^(\S+)\s+\((.+)\)$/.exec(redirectUri.trim());
  return m ? { url: m[1]!, note: m[2]! } : { url: redirectUri.trim(), note: null };
}
