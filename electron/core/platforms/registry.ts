import type { Platform } from '../../../shared/domain/platforms';
import { blueskyClient, blueskyConnector } from './bluesky';
import { facebookClient, facebookConnector } from './facebook';
import { instagramClient, instagramConnector } from './instagram';
import { linkedinClient, linkedinConnector } from './linkedin';
import { mastodonClient, mastodonConnector, registerMastodonApp } from './mastodon';
import { pinterestClient, pinterestConnector } from './pinterest';
import { threadsClient, threadsConnector } from './threads';
import { tiktokClient, tiktokConnector } from './tiktok';
import type { OAuthConnector, PasswordConnector, PlatformClient } from './types';
import { xClient, xConnector } from './x';
import { youtubeClient, youtubeConnector } from './youtube';

/** Every platform Loomcast publishes to: how it posts, and how its accounts are connected. */
export const PLATFORM_CLIENTS: Record<Platform, PlatformClient> = {
  x: xClient,
  bluesky: blueskyClient,
  mastodon: mastodonClient,
  linkedin: linkedinClient,
  facebook: facebookClient,
  instagram: instagramClient,
  threads: threadsClient,
  tiktok: tiktokClient,
  youtube: youtubeClient,
  pinterest: pinterestClient,
};

export const PLATFORM_CONNECTORS: Record<Platform, OAuthConnector | PasswordConnector> = {
  x: xConnector,
  bluesky: blueskyConnector,
  mastodon: mastodonConnector,
  linkedin: linkedinConnector,
  facebook: facebookConnector,
  instagram: instagramConnector,
  threads: threadsConnector,
  tiktok: tiktokConnector,
  youtube: youtubeConnector,
  pinterest: pinterestConnector,
};

/** The part of CoreOptions the shells pass for real publishing. */
export const PLATFORM_SUPPORT = {
  clients: PLATFORM_CLIENTS,
  connectors: PLATFORM_CONNECTORS,
  registerApp: registerMastodonApp,
};
