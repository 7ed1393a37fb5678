/**
 * Rigs for TikTok, YouTube and Pinterest. Publishing there is a long upload (TikTok and YouTube)
 * that the platform tests cover; here the fake holds the post as publishing leaves it, the way
 * the metrics tests seed it, and the numbers are read through the real client.
 */
import { systemClock } from '../../../electron/core/deps';
import type { ClientContext } from '../../../electron/core/platforms/types';
import { startPinterestFake } from '../../fakes/pinterest';
import { startTikTokFake } from '../../fakes/tiktok';
import { startYouTubeFake } from '../../fakes/youtube';
import { quietLog, type MetricsRig, type RigCase } from './types';

function ctxFor(platform: 'tiktok' | 'youtube' | 'pinterest', baseUrl: string, accessToken: string, extra?: Record<string, string>): ClientContext {
  return {
    http: fetch,
    clock: systemClock,
    log: quietLog,
    account: { id: `acc-${platform}`, platform, handle: 'me', baseUrl, platformUserId: null },
    credentials: { accessToken, ...(extra ? { extra } : {}) },
  };
}

async function tiktokRig(): Promise<MetricsRig> {
  const fake = await startTikTokFake();
  const token = fake.issueToken(fake.user.openId, 'user.info.basic,video.publish,video.upload,video.list').accessToken;
  const postId = '7400000000000000042';
  fake.videos.push({ id: postId, openId: fake.user.openId, caption: 'Count everything', privacy: 'PUBLIC_TO_EVERYONE', createTime: Math.floor(Date.now() / 1000), stats: { view_count: 1200, like_count: 87, comment_count: 9, share_count: 4 } });
  return { ctx: ctxFor('tiktok', fake.url, token), postId, stop: () => fake.stop() };
}

async function youtubeRig(): Promise<MetricsRig> {
  const fake = await startYouTubeFake();
  const token = fake.issueToken(fake.channel.id, 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly').accessToken;
  const postId = 'vidCountAll1';
  fake.videos.push({ id: postId, subject: fake.channel.id, title: 'Count everything', description: '', categoryId: '22', privacyStatus: 'public', publishedAt: new Date().toISOString(), stats: { viewCount: 4321, likeCount: 210, commentCount: 17 } });
  return { ctx: ctxFor('youtube', fake.url, token), postId, stop: () => fake.stop() };
}

async function pinterestRig(): Promise<MetricsRig> {
  const fake = await startPinterestFake();
  const token = fake.issueToken(fake.options.username, 'boards:read,pins:read,pins:write,user_accounts:read').accessToken;
  const pin = fake.accept({ id: '813744226420000042', accountKey: fake.options.username, text: 'Count everything', data: { board_id: '549755885175', media_type: 'image' } });
  fake.setMetrics(pin.id, { IMPRESSION: 1200, OUTBOUND_CLICK: 14, PIN_CLICK: 30, SAVE: 9, SAVE_RATE: 0.75, TOTAL_COMMENTS: 2, TOTAL_REACTIONS: 17 });
  return { ctx: ctxFor('pinterest', fake.baseUrl, token, { boardId: '549755885175' }), postId: pin.id, stop: () => fake.stop() };
}

export const VIDEO_RIGS = {
  tiktok: [{ name: 'a public video', start: tiktokRig }],
  youtube: [{ name: 'a public video with likes and comments shown', start: youtubeRig }],
  pinterest: [{ name: 'a pin', start: pinterestRig }],
} satisfies Record<string, RigCase[]>;
