import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';

/** What connecting an account of each platform asks of the creator. */
export interface ConnectNeeds {
  /** Bluesky signs in here with an app password; the rest sign in on the platform's own page. */
  kind: 'password' | 'oauth';
  server: 'none' | 'required' | 'optional';
  serverDefault: string;
  serverLabel: string;
  serverHelp: string;
  /** Needs the creator's own developer app (Settings → Developer apps). */
  needsApp: boolean;
  /** How it works, in a sentence or two. */
  how: string;
}

export const BLUESKY_DEFAULT_SERVER = 'https://bsky.social';

export function connectNeeds(platform: Platform): ConnectNeeds {
  const name = PLATFORM_NAMES[platform];
  if (platform === 'bluesky') {
    return {
      kind: 'password',
      server: 'optional',
      serverDefault: BLUESKY_DEFAULT_SERVER,
      serverLabel: 'Server (PDS)',
      serverHelp: 'Leave it as it is unless your account lives on another server.',
      needsApp: false,
      how: 'Sign in with your handle and an app password. Create one in Bluesky under Settings → Privacy and security → App passwords. Never use your main password here.',
    };
  }
  if (platform === 'mastodon') {
    return {
      kind: 'oauth',
      server: 'required',
      serverDefault: '',
      serverLabel: 'Your Mastodon server',
      serverHelp: 'The address you sign in at, e.g. https://mastodon.social.',
      needsApp: false,
      how: 'Loomcast registers itself on your server and opens its sign-in page in your browser. Approve there; this page updates by itself.',
    };
  }
  return {
    kind: 'oauth',
    server: 'none',
    serverDefault: '',
    serverLabel: '',
    serverHelp: '',
    needsApp: true,
    how: `Loomcast opens ${name}’s sign-in page in your browser, through your own ${name} developer app. Approve there; this page updates by itself.`,
  };
}

/** The core's words when an OAuth platform has no app yet point at Settings; the screen links there. */
export function mentionsDeveloperApps(message: string): boolean {
  return /developer apps/i.test(message);
}
