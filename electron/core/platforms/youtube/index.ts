export { youtubeClient, createYouTubeClient } from './client';
export { youtubeConnector } from './connector';
export type { YouTubeOptions, PrivacyStatus } from './publish';
