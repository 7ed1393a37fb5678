export { tiktokClient, createTikTokClient } from './client';
export { tiktokConnector } from './connector';
export type { TikTokOptions, VideoSource } from './publish';
