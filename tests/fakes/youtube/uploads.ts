/** The fake's resumable upload: session start, chunk PUTs (308 + Range), `bytes *\/total` queries. */
import { randomBytes } from 'node:crypto';
import type { Fault, Reply } from '../common/fake-server';
import { googleError, isToken } from './google';
import type { StoredVideo, YouTubeFake } from './index';

const QUANTUM = 256 * 1024;
const PATH = '/upload/youtube/v3/videos';
/** YouTube's quota day runs midnight to midnight Pacific Time; `en-CA` writes it as YYYY-MM-DD. */
const PACIFIC_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' });

interface Session {
  uploadId: string;
  subject: string;
  snippet: { title: string; description: string; tags?: string[]; categoryId: string };
  privacyStatus: string;
  total: number;
  mime: string;
  received: number;
  dataPuts: number;
  video?: StoredVideo;
}

export function registerUploads(fake: YouTubeFake): void {
  const sessions = new Map<string, Session>();

  const resource = (v: StoredVideo) => ({
    kind: 'youtube#video',
    etag: randomBytes(8).toString('base64url'),
    id: v.id,
    snippet: { publishedAt: v.publishedAt, channelId: fake.channel.id, title: v.title, description: v.description, ...(v.tags ? { tags: v.tags } : {}), categoryId: v.categoryId, channelTitle: fake.channel.title },
    status: { uploadStatus: 'uploaded', privacyStatus: v.privacyStatus, license: 'youtube', embeddable: true, publicStatsViewable: true },
  });

  const create = (s: Session): StoredVideo => {
    const v: StoredVideo = {
      id: randomBytes(8).toString('base64url').slice(0, 11),
      subject: s.subject,
      ...s.snippet,
      privacyStatus: fake.projectVerified ? s.privacyStatus : 'private',
      publishedAt: new Date(fake.now()).toISOString(),
      stats: { viewCount: 0, likeCount: 0, commentCount: 0 },
    };
    s.video = v;
    fake.videos.push(v);
    fake.accept({ id: v.id, accountKey: s.subject, text: `${v.title}\n${v.description}`, data: { uploadId: s.uploadId, privacyStatus: v.privacyStatus } });
    return v;
  };

  const rateLimited = (): Reply => {
    if (fake.rateLimitReason === 'quotaExceeded') {
      return googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.');
    }
    if (fake.rateLimitReason === 'userRateLimitExceeded') return googleError(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded');
    return googleError(429, 'rateLimitExceeded', 'The request cannot be completed because you have exceeded your rate limit.');
  };
  const backendError = (status = 503): Reply => googleError(status, 'backendError', 'Backend Error');

  const incomplete = (s: Session): Reply => ({ status: 308, headers: s.received > 0 ? { range: `bytes=0-${s.received - 1}` } : {} });

  fake.route('POST', PATH, (req) => {
    const f = fake.takeFault();
    if (f?.kind === 'rate_limit') return rateLimited();
    if (f?.kind === 'server_error') return backendError(f.status);
    if (f?.kind === 'reset_before_send') return 'reset';
    const t = fake.auth(req);
    if (!isToken(t)) return t;
    // videos.insert draws on its own daily bucket; every call counts, whatever becomes of it.
    const day = PACIFIC_DAY.format(fake.now());
    const used = fake.insertsByDay.get(day) ?? 0;
    if (used >= fake.insertsPerDay) {
      return googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.');
    }
    fake.insertsByDay.set(day, used + 1);
    if (req.query.get('uploadType') !== 'resumable') return googleError(400, 'invalidParameter', 'This fake only takes resumable uploads.');
    const parts = (req.query.get('part') ?? '').split(',');
    if (!parts.includes('snippet') || !parts.includes('status')) return googleError(400, 'unexpectedPart', 'part must name snippet and status.');
    const total = Number(req.headers['x-upload-content-length']);
    const mime = String(req.headers['x-upload-content-type'] ?? '');
    if (!Number.isInteger(total) || total <= 0) return googleError(400, 'badRequest', 'X-Upload-Content-Length is required.');
    if (!mime.startsWith('video/') && mime !== 'application/octet-stream') return googleError(400, 'invalidContentType', 'X-Upload-Content-Type must be a video type.');
    const meta = (req.body ?? {}) as { snippet?: Record<string, unknown>; status?: Record<string, unknown> };
    fake.starts.push({ length: req.headers['x-upload-content-length'] as string | undefined, type: req.headers['x-upload-content-type'] as string | undefined, metadata: meta });
    const title = String(meta.snippet?.title ?? '');
    const description = String(meta.snippet?.description ?? '');
    if (!title.trim() || [...title].length > 100 || /[<>]/.test(title)) return googleError(400, 'invalidTitle', 'The request metadata specifies an invalid or empty video title.');
    if (Buffer.byteLength(description) > 5000 || /[<>]/.test(description)) return googleError(400, 'invalidDescription', 'The request metadata specifies an invalid video description.');
    const privacyStatus = String(meta.status?.privacyStatus ?? 'public');
    if (!['public', 'unlisted', 'private'].includes(privacyStatus)) return googleError(400, 'invalidVideoMetadata', 'The request metadata is invalid.');
    const s: Session = {
      uploadId: randomBytes(18).toString('base64url'),
      subject: t.subject,
      snippet: { title, description, ...(Array.isArray(meta.snippet?.tags) ? { tags: meta.snippet.tags as string[] } : {}), categoryId: String(meta.snippet?.categoryId ?? '22') },
      privacyStatus,
      total,
      mime,
      received: 0,
      dataPuts: 0,
    };
    sessions.set(s.uploadId, s);
    if (f?.kind === 'timeout_after_accept') return 'hang';
    return { status: 200, headers: { location: `${fake.url}${PATH}?uploadType=resumable&part=snippet,status&upload_id=${s.uploadId}` } };
  });

  const aimed = (pred: (target: 'last' | 'status' | number) => boolean): Fault | undefined => {
    const i = fake.chunkFaults.findIndex((c) => pred(c.target));
    return i >= 0 ? fake.chunkFaults.splice(i, 1)[0]!.fault : undefined;
  };

  fake.route('PUT', PATH, (req) => {
    const s = sessions.get(req.query.get('upload_id') ?? '');
    if (!s) return googleError(404, 'notFound', 'The upload session was not found or has expired.');
    const range = String(req.headers['content-range'] ?? '');
    if (/^bytes \*\/\d+$/.test(range)) {
      const f = aimed((t) => t === 'status');
      if (f?.kind === 'server_error') return backendError(f.status);
      if (f?.kind === 'reset_before_send') return 'reset';
      return s.video ? { status: 200, body: resource(s.video) } : incomplete(s);
    }
    if (s.video) return { status: 200, body: resource(s.video) };
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    if (!m) return googleError(400, 'badRequest', 'Content-Range is missing or malformed.');
    const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const length = end - start + 1;
    if (total !== s.total) return googleError(400, 'badRequest', 'Content-Range total differs from X-Upload-Content-Length.');
    if (start !== s.received) return googleError(400, 'badRequest', `Content-Range must continue at byte ${s.received}.`);
    if (req.raw.length !== length) return googleError(400, 'badRequest', 'The body length differs from Content-Range.');
    const isLast = end === s.total - 1;
    if (!isLast && length % QUANTUM !== 0) return googleError(400, 'badRequest', 'Chunks other than the last must be a multiple of 256 KiB.');
    const index = s.dataPuts++;
    const f = aimed((t) => t === index || (t === 'last' && isLast));
    const log = (result: string) => fake.puts.push({ uploadId: s.uploadId, start, end, result });
    if (f?.kind === 'server_error') {
      log('503');
      return backendError(f.status);
    }
    if (f?.kind === 'rate_limit') {
      log('429');
      return rateLimited();
    }
    if (f?.kind === 'reset_before_send') {
      // A connection cut mid-chunk: the server keeps what arrived, in whole 256 KiB units.
      const kept = Math.floor(length / 2 / QUANTUM) * QUANTUM;
      s.received += kept;
      log(`reset, kept ${kept}`);
      return 'reset';
    }
    s.received = end + 1;
    if (f?.kind === 'timeout_after_accept') {
      if (isLast) create(s);
      log('hang');
      return 'hang';
    }
    if (isLast) {
      log('201');
      return { status: 201, body: resource(create(s)) };
    }
    log('308');
    return incomplete(s);
  });
}
