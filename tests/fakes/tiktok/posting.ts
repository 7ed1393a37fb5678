/** The fake's Content Posting routes (creator_info, init, chunk upload, status) and Display reads. */
import { randomBytes } from 'node:crypto';
import type { Fault, FakeRequest, Reply } from '../common/fake-server';
import { fail, isToken, logId, ok } from './envelope';
import type { PublishRecord, TikTokFake } from './index';

const MB = 1024 * 1024;
const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'];
const PHOTO_TYPES = ['image/jpeg', 'image/webp'];

/** A TikTok-like int64 id, well past 2^53. */
const int64Id = () => `7${Array.from(randomBytes(18), (b) => b % 10).join('')}`;

/** The standard kit faults, as TikTok answers them (no rate-limit headers). */
function faultReply(f: Fault | undefined): Reply | 'accept_then_hang' | null {
  if (!f) return null;
  if (f.kind === 'rate_limit') return fail(429, 'rate_limit_exceeded', 'API rate limit exceeded, please retry later.');
  if (f.kind === 'server_error') return fail(f.status ?? 500, 'internal_error', 'Something went wrong. Please try again later.');
  if (f.kind === 'reset_before_send') return 'reset';
  if (f.kind === 'timeout_after_accept') return 'accept_then_hang';
  return null;
}

function chunkRuleError(size: number, chunk: number, count: number): string | null {
  if (!Number.isInteger(size) || size <= 0) return 'video_size must be a positive integer';
  if (size < 5 * MB) return chunk === size && count === 1 ? null : 'a video under 5 MB must be uploaded as one chunk (chunk_size = video_size, total_chunk_count = 1)';
  if (chunk < 5 * MB || chunk > 64 * MB) return 'chunk_size must be between 5 MB and 64 MB';
  if (count !== Math.floor(size / chunk)) return 'total_chunk_count must be floor(video_size / chunk_size)';
  if (count > 1000) return 'at most 1000 chunks';
  if (size - (count - 1) * chunk > 128 * MB) return 'the last chunk may be at most 128 MB';
  return null;
}

export function registerPosting(fake: TikTokFake): void {
  const finalize = (rec: PublishRecord) => {
    const failReason = rec.pullError ?? fake.processingFailures.shift();
    rec.pendingPolls = fake.processingPolls;
    rec.moderationPolls = fake.moderationPolls;
    if (failReason) {
      rec.state = 'failed';
      rec.failReason = failReason;
      return;
    }
    rec.state = 'complete';
    rec.postId = int64Id();
    fake.accept({ id: rec.postId, accountKey: rec.openId, text: rec.caption, data: { publishId: rec.publishId, privacy: rec.privacy, kind: rec.kind } });
    fake.videos.push({
      id: rec.postId,
      openId: rec.openId,
      caption: rec.caption,
      ...(rec.title ? { title: rec.title } : {}),
      privacy: rec.privacy,
      createTime: Math.floor(fake.now() / 1000),
      stats: { view_count: 0, like_count: 0, comment_count: 0, share_count: 0 },
    });
  };

  /** TikTok downloads pulled media itself; a failed download ends the publish FAILED. */
  const pull = async (urls: string[], kind: 'video' | 'photo'): Promise<string | undefined> => {
    for (const url of urls) {
      try {
        const res = await fetch(url);
        const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
        await res.arrayBuffer();
        if (!res.ok) return kind === 'video' ? 'video_pull_failed' : 'photo_pull_failed';
        if (kind === 'video' ? !type.startsWith('video/') : !PHOTO_TYPES.includes(type)) return 'file_format_check_failed';
      } catch {
        return kind === 'video' ? 'video_pull_failed' : 'photo_pull_failed';
      }
    }
    return undefined;
  };

  const verified = (url: string) => (fake.verifiedUrlPrefixes ?? [`${fake.url}/media/`]).some((p) => url.startsWith(p));

  fake.route('POST', '/v2/post/publish/creator_info/query/', (req) => {
    const t = fake.auth(req, 'video.publish');
    if (!isToken(t)) return t;
    return ok({
      creator_avatar_url: 'https://p16.example/avatar.jpeg',
      creator_username: fake.user.username,
      creator_nickname: fake.user.displayName,
      privacy_level_options: fake.privacyOptions(),
      comment_disabled: false,
      duet_disabled: false,
      stitch_disabled: false,
      max_video_post_duration_sec: 600,
    });
  });

  const init = async (req: FakeRequest, kind: 'video' | 'photo'): Promise<Reply> => {
    const f = faultReply(fake.takeFault());
    if (f && f !== 'accept_then_hang') return f;
    // Direct Post (video or photo) needs video.publish; video.upload is for the inbox flow.
    const t = fake.auth(req, req.body?.post_mode === 'MEDIA_UPLOAD' ? 'video.upload' : 'video.publish');
    if (!isToken(t)) return t;
    const limited = fake.overLimit(fake.initTimes, `${req.path}:${t.accessToken}`, fake.initLimitPerMinute);
    if (limited) return limited;
    const b = (req.body ?? {}) as { media_type?: string; post_mode?: string; post_info?: Record<string, unknown>; source_info?: Record<string, unknown> };
    const info = b.post_info ?? {};
    const src = b.source_info ?? {};
    const privacy = String(info.privacy_level ?? '');
    if (!fake.privacyOptions().includes(privacy)) return fail(400, 'privacy_level_option_mismatch', 'privacy_level is not one of the creator’s privacy_level_options.');
    const caption = String((kind === 'video' ? info.title : info.description) ?? '');
    const title = kind === 'photo' && typeof info.title === 'string' ? info.title : undefined;
    if (kind === 'video' && caption.length > 2200) return fail(400, 'invalid_params', 'The video title (caption) exceeds 2200 UTF-16 characters.');
    if (kind === 'photo') {
      if (b.media_type !== 'PHOTO') return fail(400, 'invalid_params', 'media_type must be PHOTO.');
      if (!['DIRECT_POST', 'MEDIA_UPLOAD'].includes(String(b.post_mode))) return fail(400, 'invalid_params', 'post_mode is invalid.');
      if ((title ?? '').length > 90) return fail(400, 'invalid_params', 'The photo title exceeds 90 characters.');
      if (caption.length > 4000) return fail(400, 'invalid_params', 'The photo description exceeds 4000 characters.');
    }
    const rec: PublishRecord = {
      publishId: `${kind === 'video' ? 'v_pub_file' : 'p_pub_url'}~v2-1.${int64Id()}`,
      openId: t.subject,
      kind,
      source: src.source === 'FILE_UPLOAD' ? 'FILE_UPLOAD' : 'PULL_FROM_URL',
      caption,
      ...(title ? { title } : {}),
      privacy,
      videoSize: 0,
      chunkSize: 0,
      totalChunks: 0,
      received: 0,
      chunksReceived: 0,
      state: 'uploading',
      pendingPolls: 0,
      moderationPolls: 0,
    };
    let data: Record<string, unknown> = { publish_id: rec.publishId };
    if (src.source === 'FILE_UPLOAD' && kind === 'video') {
      const err = chunkRuleError(Number(src.video_size), Number(src.chunk_size), Number(src.total_chunk_count));
      if (err) return fail(400, 'invalid_params', err);
      rec.videoSize = Number(src.video_size);
      rec.chunkSize = Number(src.chunk_size);
      rec.totalChunks = Number(src.total_chunk_count);
      rec.uploadToken = randomBytes(12).toString('hex');
      data = { ...data, upload_url: `${fake.url}/video/?upload_id=${rec.publishId}&upload_token=${rec.uploadToken}` };
    } else if (src.source === 'PULL_FROM_URL') {
      const urls = kind === 'video' ? [String(src.video_url ?? '')] : ((src.photo_images as string[] | undefined) ?? []);
      if (urls.length === 0 || (kind === 'photo' && urls.length > 35)) return fail(400, 'invalid_params', 'photo_images must hold 1 to 35 URLs.');
      if (!urls.every(verified)) return fail(403, 'url_ownership_unverified', 'The URL prefix or domain is not verified for this client.');
      rec.pullError = await pull(urls, kind);
      finalize(rec);
    } else {
      return fail(400, 'invalid_params', 'source_info.source is invalid.');
    }
    fake.publishes.set(rec.publishId, rec);
    return f === 'accept_then_hang' ? 'hang' : ok(data);
  };

  fake.route('POST', '/v2/post/publish/video/init/', (req) => init(req, 'video'));
  fake.route('POST', '/v2/post/publish/content/init/', (req) => init(req, 'photo'));

  fake.route('PUT', '/video/', (req) => {
    const rec = fake.publishes.get(req.query.get('upload_id') ?? '');
    if (!rec || rec.uploadToken !== req.query.get('upload_token')) return fail(404, 'invalid_params', 'Upload session not found.');
    if (rec.state !== 'uploading') return fail(400, 'invalid_file_upload', 'The upload is already complete.');
    const contentType = String(req.headers['content-type'] ?? '');
    if (!VIDEO_TYPES.includes(contentType)) return fail(400, 'invalid_file_upload', 'Content-Type must be video/mp4, video/quicktime or video/webm.');
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
    if (!m) return fail(400, 'invalid_file_upload', 'Content-Range is missing or malformed.');
    const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const index = rec.chunksReceived;
    const isLast = index === rec.totalChunks - 1;
    if (total !== rec.videoSize) return fail(400, 'invalid_file_upload', 'Content-Range total does not match video_size.');
    if (start !== rec.received) return fail(400, 'invalid_file_upload', 'Chunks must be uploaded in order.');
    const expected = isLast ? rec.videoSize - start : rec.chunkSize;
    if (end - start + 1 !== expected || req.raw.length !== expected) return fail(400, 'invalid_file_upload', `Chunk ${index} must be ${expected} bytes.`);
    const aimed = fake.chunkFaults.findIndex((c) => c.target === index || (c.target === 'last' && isLast));
    const f = aimed >= 0 ? faultReply(fake.chunkFaults.splice(aimed, 1)[0]!.fault) : null;
    if (f && f !== 'accept_then_hang') return f;
    rec.received = end + 1;
    rec.chunksReceived++;
    fake.chunks.push({ publishId: rec.publishId, range: `${start}-${end}/${total}`, bytes: req.raw.length, contentType });
    if (isLast) finalize(rec);
    if (f === 'accept_then_hang') return 'hang';
    return { status: isLast ? 201 : 206 };
  });

  fake.route('POST', '/v2/post/publish/status/fetch/', (req) => {
    const t = fake.auth(req, 'video.publish');
    if (!isToken(t)) return t;
    const limited = fake.overLimit(fake.statusTimes, t.accessToken, fake.statusLimitPerMinute);
    if (limited) return limited;
    const rec = fake.publishes.get(String(req.body?.publish_id ?? ''));
    if (!rec || rec.openId !== t.subject) return fail(400, 'invalid_publish_id', 'The publish_id does not exist.');
    let status: string;
    if (rec.state === 'uploading' || rec.pendingPolls > 0) {
      rec.pendingPolls = Math.max(0, rec.pendingPolls - 1);
      status = rec.source === 'FILE_UPLOAD' ? 'PROCESSING_UPLOAD' : 'PROCESSING_DOWNLOAD';
    } else {
      status = rec.state === 'complete' ? 'PUBLISH_COMPLETE' : 'FAILED';
    }
    let ids = status === 'PUBLISH_COMPLETE' && rec.privacy !== 'SELF_ONLY' && rec.postId ? [rec.postId] : [];
    // Complete, but the id comes only once moderation has passed.
    if (ids.length > 0 && rec.moderationPolls > 0) {
      rec.moderationPolls--;
      ids = [];
    }
    const data = {
      status,
      ...(status === 'FAILED' ? { fail_reason: rec.failReason } : {}),
      ...(rec.source === 'FILE_UPLOAD' ? { uploaded_bytes: rec.received } : { downloaded_bytes: rec.state === 'uploading' ? 0 : 1 }),
      publicaly_available_post_id: '__IDS__',
    };
    // TikTok sends the ids as bare int64 numbers; JSON.stringify could not, so splice them in.
    const json = JSON.stringify({ data, error: { code: 'ok', message: '', log_id: logId() } }).replace('"__IDS__"', `[${ids.join(',')}]`);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: json };
  });

  const pick = (req: FakeRequest, v: (typeof fake.videos)[number]) => {
    const all: Record<string, unknown> = {
      id: v.id,
      title: v.title ?? v.caption,
      video_description: v.caption,
      create_time: v.createTime,
      share_url: `https://www.tiktok.com/@${fake.user.username}/video/${v.id}`,
      ...v.stats,
    };
    const fields = (req.query.get('fields') ?? '').split(',').filter(Boolean);
    if (fields.length === 0) return null;
    return Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]]));
  };

  fake.route('POST', '/v2/video/list/', (req) => {
    const t = fake.auth(req, 'video.list');
    if (!isToken(t)) return t;
    const max = Number(req.body?.max_count ?? 10);
    if (!(max >= 1 && max <= 20)) return fail(400, 'invalid_params', 'max_count must be between 1 and 20.');
    if (!req.query.get('fields')) return fail(400, 'invalid_params', 'fields is required.');
    const cursor = req.body?.cursor === undefined ? Infinity : Number(req.body.cursor);
    // The Display API lists only the user's public videos, newest first.
    const mine = fake.videos
      .filter((v) => v.openId === t.subject && v.privacy === 'PUBLIC_TO_EVERYONE' && v.createTime * 1000 < cursor)
      .sort((a, b) => b.createTime - a.createTime);
    const page = mine.slice(0, max);
    const last = page[page.length - 1];
    return ok({ videos: page.map((v) => pick(req, v)), cursor: last ? last.createTime * 1000 : 0, has_more: mine.length > max });
  });

  fake.route('POST', '/v2/video/query/', (req) => {
    const t = fake.auth(req, 'video.list');
    if (!isToken(t)) return t;
    // `video/query` allows 600 requests per minute per token, in a sliding window; no rate headers.
    const limited = fake.overLimit(fake.queryTimes, t.accessToken, fake.queryLimitPerMinute);
    if (limited) return limited;
    const ids = ((req.body?.filters as { video_ids?: string[] } | undefined)?.video_ids ?? []).map(String);
    if (ids.length === 0 || ids.length > 20) return fail(400, 'invalid_params', 'filters.video_ids must hold 1 to 20 ids.');
    if (!req.query.get('fields')) return fail(400, 'invalid_params', 'fields is required.');
    return ok({ videos: fake.videos.filter((v) => v.openId === t.subject && ids.includes(v.id)).map((v) => pick(req, v)), cursor: 0, has_more: false });
  });
}
